/**
 * Each stack registers exactly the resource provider namespaces its resources need, derived from its own
 * synthesized JSON through the one table in model/resource-types.ts: azurerm `resource_provider_registrations =
 * "none"` plus `resource_providers_to_register`. (`core` registered none of ContainerService, DocumentDB, Cdn,
 * KeyVault, Insights, …, so a fresh subscription failed with MissingSubscriptionRegistration; `extended`/`all`
 * need subscription-wide register rights for dozens of namespaces we never use.)
 */
import { TerraformDataSource, TerraformResource, type TerraformStack } from 'cdktf';
import { prerequisites, type Prerequisites } from '../model/prerequisites';
import { requiredNamespaces, resourceTypeFacts, type TypedBlock } from '../model/resource-types';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Resources and data sources of a stack's Terraform JSON as typed blocks. */
export function blocksOf(json: Json): TypedBlock[] {
  const out: TypedBlock[] = [];
  for (const section of ['resource', 'data'] as const) {
    const byType = json[section];
    if (!isObject(byType)) continue;
    for (const [type, byName] of Object.entries(byType)) {
      if (!isObject(byName)) continue;
      for (const [name, attrs] of Object.entries(byName))
        if (isObject(attrs)) out.push({ type, attrs, name, section });
    }
  }
  return out;
}

/**
 * Sets the registration attributes of the stack's azurerm provider block in `json` (cdktf's toTerraform()) and
 * returns what the stack needs of its subscription (footprint.json `prerequisites`).
 */
export function registerProviders(json: Json): Prerequisites {
  const blocks = blocksOf(json);
  const need = requiredNamespaces(blocks.filter((b) => b.type.startsWith('azurerm_')));
  if (need.unknownTypes.length) {
    throw new Error(`no resource provider namespace for ${need.unknownTypes.join(', ')}`);
  }
  const providers = isObject(json.provider) ? json.provider.azurerm : undefined;
  for (const p of Array.isArray(providers) ? providers : []) {
    if (!isObject(p)) continue;
    p.resource_provider_registrations = 'none';
    p.resource_providers_to_register = need.namespaces;
  }
  return prerequisites(blocks);
}

/** Synthesis fails, naming each, for a resource or data source type the namespace table lacks. */
export function enforceNamespaceTable(stack: TerraformStack): void {
  stack.node.addValidation({
    validate: () => {
      const types = new Set<string>();
      for (const c of stack.node.findAll()) {
        if (TerraformResource.isTerraformResource(c) || TerraformDataSource.isTerraformDataSource(c))
          types.add(c.terraformResourceType);
      }
      return [...types]
        .filter((t) => t.startsWith('azurerm_') && !resourceTypeFacts(t))
        .sort()
        .map(
          (t) =>
            `${stack.node.id}: resource type ${t} has no resource provider namespace: add it to model/data/azure-resource-types.json (from the "API Providers" section of its azurerm page)`,
        );
    },
  });
}
