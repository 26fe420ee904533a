/**
 * The azurerm provider block of every stack registers exactly the resource provider namespaces its resources
 * need (model/resource-types.ts), spelled as the API returns them: a missing one fails the first apply in a fresh
 * subscription (MissingSubscriptionRegistration), a miscased one is silently skipped by azurerm, and `core`,
 * `extended` or `all` register what the stack does not use (or not what it does).
 */
import type { JsonObject } from '../../contract/out';
import { requiredNamespaces } from '../../model/resource-types';
import { show } from '../attrs';
import type { Issue, Rule } from '../types';

const blocks = (json: JsonObject) =>
  (['resource', 'data'] as const).flatMap((section) =>
    Object.entries((json[section] as JsonObject | undefined) ?? {})
      .filter(([type]) => type.startsWith('azurerm_'))
      .flatMap(([type, byName]) =>
        Object.values((byName as JsonObject) ?? {}).map((attrs) => ({ type, attrs: attrs as JsonObject })),
      ),
  );

export const providerRules: Rule[] = [
  {
    id: 'FP_PROVIDER_REGISTRATIONS',
    severity: 'high',
    title: 'Each stack registers exactly the resource providers its resources need',
    types: [],
    fix: 'Set resource_provider_registrations = "none" and resource_providers_to_register to the namespaces of model/data/azure-resource-types.json for the stack\'s types (npm run synth does).',
    check(ctx) {
      const issues: Issue[] = [];
      for (const stack of ctx.stacks) {
        const need = requiredNamespaces(blocks(stack.json));
        const providers = (stack.json.provider as JsonObject | undefined)?.azurerm;
        const list = (Array.isArray(providers) ? providers : providers ? [providers] : []) as JsonObject[];
        for (const p of list) {
          const at = { stack: stack.name, resource: 'provider.azurerm' };
          if (p.resource_provider_registrations !== 'none') {
            issues.push({
              ...at,
              attribute: 'resource_provider_registrations',
              expected: 'none',
              found: show(p.resource_provider_registrations),
            });
          }
          const have = Array.isArray(p.resource_providers_to_register)
            ? p.resource_providers_to_register.map(String)
            : [];
          // Missing (or miscased) ones fail the apply; extras only widen the rights needed, which the synth
          // test over every shipped stack keeps at zero.
          const missing = need.namespaces.filter((n) => !have.includes(n));
          if (missing.length || need.unknownTypes.length) {
            issues.push({
              ...at,
              attribute: 'resource_providers_to_register',
              expected: need.unknownTypes.length
                ? `namespaces for every type (none known for ${need.unknownTypes.join(', ')})`
                : need.namespaces.join(', '),
              found: missing.length ? `missing ${missing.join(', ')}` : have.join(', '),
            });
          }
        }
      }
      return issues;
    },
  },
];
