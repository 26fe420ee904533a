/**
 * Tags and names re-checked on the output: the shared tag set on every taggable resource, Azure's tag limits,
 * Azure's name rules per type, and DNS-global names unique within a cloud.
 */
import type { JsonObject, Resource } from '../../contract/out';
import { isToken, show } from '../attrs';
import { resourceRule, type Violation } from '../rule';
import type { Issue, Rule } from '../types';

/** Resource types that take tags (those the stacks create; others are checked when they carry tags). */
export const TAGGABLE = new Set([
  'azurerm_resource_group',
  'azurerm_virtual_network',
  'azurerm_network_security_group',
  'azurerm_public_ip',
  'azurerm_kubernetes_cluster',
  'azurerm_kubernetes_cluster_node_pool',
  'azurerm_key_vault',
  'azurerm_storage_account',
  'azurerm_cosmosdb_account',
  'azurerm_log_analytics_workspace',
  'azurerm_application_insights',
  'azurerm_private_endpoint',
  'azurerm_private_dns_zone',
  'azurerm_private_dns_zone_virtual_network_link',
  'azurerm_user_assigned_identity',
  'azurerm_cdn_frontdoor_profile',
  'azurerm_cdn_frontdoor_endpoint',
  'azurerm_cdn_frontdoor_firewall_policy',
  'azurerm_traffic_manager_profile',
  'azurerm_monitor_action_group',
  'azurerm_monitor_metric_alert',
  'azurerm_monitor_activity_log_alert',
  'azurerm_monitor_scheduled_query_rules_alert_v2',
  'azurerm_network_watcher_flow_log',
]);

/** Tags every resource carries (constructs/tags.ts applies them with one Aspect). */
export const REQUIRED_TAGS = [
  'environment',
  'cloud',
  'region',
  'stamp',
  'owner',
  'costCenter',
  'managedBy',
] as const;

interface NameRule {
  readonly pattern: RegExp;
  readonly describe: string;
  /** Unique in the cloud's DNS. */
  readonly global?: boolean;
}

/** Azure naming rules (Microsoft Learn, "Naming rules and restrictions for Azure resources"). */
export const AZURE_NAMES: Readonly<Record<string, NameRule>> = {
  azurerm_resource_group: {
    pattern: /^[\w.()-]{0,89}[\w()-]$/,
    describe: '1-90 letters, digits, _ . ( ) -, not ending in .',
  },
  azurerm_virtual_network: { pattern: /^[A-Za-z0-9][\w.-]{0,62}\w$/, describe: '2-64 characters' },
  azurerm_subnet: { pattern: /^[A-Za-z0-9]([\w.-]{0,78}\w)?$/, describe: '1-80 characters' },
  azurerm_network_security_group: { pattern: /^[A-Za-z0-9]([\w.-]{0,78}\w)?$/, describe: '1-80 characters' },
  azurerm_public_ip: { pattern: /^[A-Za-z0-9]([\w.-]{0,78}\w)?$/, describe: '1-80 characters' },
  azurerm_kubernetes_cluster: {
    pattern: /^[A-Za-z0-9]([\w-]{0,61}[A-Za-z0-9])?$/,
    describe: '1-63 letters, digits, _ and -',
  },
  azurerm_kubernetes_cluster_node_pool: {
    pattern: /^[a-z][a-z0-9]{0,11}$/,
    describe: '1-12 lower-case letters and digits',
  },
  azurerm_key_vault: {
    pattern: /^(?!.*--)[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]$/,
    describe: '3-24 letters, digits, -, no --',
    global: true,
  },
  azurerm_storage_account: {
    pattern: /^[a-z0-9]{3,24}$/,
    describe: '3-24 lower-case letters and digits',
    global: true,
  },
  azurerm_cosmosdb_account: {
    pattern: /^[a-z0-9][a-z0-9-]{1,42}[a-z0-9]$/,
    describe: '3-44 lower-case letters, digits, -',
    global: true,
  },
  azurerm_log_analytics_workspace: {
    pattern: /^[A-Za-z0-9][A-Za-z0-9-]{2,61}[A-Za-z0-9]$/,
    describe: '4-63 letters, digits, -',
  },
  azurerm_cdn_frontdoor_endpoint: {
    pattern: /^[A-Za-z0-9][A-Za-z0-9-]{0,44}[A-Za-z0-9]$/,
    describe: '2-46 letters, digits, -',
    global: true,
  },
  azurerm_cdn_frontdoor_firewall_policy: {
    pattern: /^[A-Za-z][A-Za-z0-9]{0,127}$/,
    describe: '1-128 letters and digits, starting with a letter',
  },
  azurerm_traffic_manager_profile: {
    pattern: /^[A-Za-z0-9][A-Za-z0-9-]{0,61}[A-Za-z0-9]$/,
    describe: '1-63 letters, digits, -',
    global: true,
  },
};

function tagsOf(r: Resource): JsonObject | undefined {
  const t = r.attrs.tags;
  return t && typeof t === 'object' && !Array.isArray(t) ? t : undefined;
}

export const tagRules: Rule[] = [
  resourceRule({
    id: 'FP_TAGS_REQUIRED',
    severity: 'medium',
    title: 'Resources carry the footprint tags',
    types: [],
    fix: 'Let the stack tag Aspect tag the resource (do not override tags with an escape hatch).',
    test(r, ctx): Violation[] {
      const tags = tagsOf(r);
      if (!tags) {
        return TAGGABLE.has(r.type)
          ? [{ attribute: 'tags', expected: REQUIRED_TAGS.join(', '), found: '(absent)' }]
          : [];
      }
      const out: Violation[] = [];
      const missing = REQUIRED_TAGS.filter((k) => typeof tags[k] !== 'string' || tags[k] === '');
      if (missing.length)
        out.push({
          attribute: 'tags',
          expected: REQUIRED_TAGS.join(', '),
          found: `missing ${missing.join(', ')}`,
        });
      const want: Record<string, string> = {
        environment: ctx.env.name,
        cloud: ctx.env.cloud,
        managedBy: 'footprint',
      };
      for (const [k, v] of Object.entries(want)) {
        if (typeof tags[k] === 'string' && tags[k] !== v)
          out.push({ attribute: `tags.${k}`, expected: v, found: show(tags[k]) });
      }
      return out;
    },
  }),
  resourceRule({
    id: 'FP_TAGS_LIMITS',
    severity: 'low',
    title: "Tags fit Azure's limits (50 tags, 512-character names, 256-character values)",
    types: [],
    fix: 'Shorten or drop tags in the environment file.',
    test(r): Violation[] {
      const tags = tagsOf(r);
      if (!tags) return [];
      const out: Violation[] = [];
      const keys = Object.keys(tags);
      if (keys.length > 50)
        out.push({ attribute: 'tags', expected: '<= 50 tags', found: String(keys.length) });
      for (const k of keys) {
        const v = tags[k];
        if (k.length > 512 || /[<>%&\\?/]/.test(k))
          out.push({
            attribute: `tags.${k}`,
            expected: 'a name of <= 512 characters without <>%&\\?/',
            found: k,
          });
        if (typeof v === 'string' && v.length > 256)
          out.push({
            attribute: `tags.${k}`,
            expected: '<= 256 characters',
            found: `${v.length} characters`,
          });
      }
      return out;
    },
  }),
  resourceRule({
    id: 'FP_NAME_RULES',
    severity: 'medium',
    differs:
      'covers CKV_AZURE_43 (storage account names) and many more types, but skips a name that is a ${...} expression, which Checkov fails.',
    title: "Names meet Azure's rules for their type",
    types: Object.keys(AZURE_NAMES),
    fix: 'Name the resource with the naming function (model/naming.ts), which knows the limits.',
    test(r) {
      const rule = AZURE_NAMES[r.type]!;
      const name = r.attrs.name;
      if (typeof name !== 'string' || isToken(name)) return undefined;
      return rule.pattern.test(name)
        ? undefined
        : { attribute: 'name', expected: rule.describe, found: name };
    },
  }),
  {
    id: 'FP_NAME_UNIQUE',
    severity: 'high',
    title: 'DNS-global names are unique in the cloud',
    types: Object.keys(AZURE_NAMES).filter((t) => AZURE_NAMES[t]!.global),
    fix: 'Include the region code or the uniqueness hash in the name.',
    check(ctx): Issue[] {
      // Compare with every stack of the same cloud in the output (all environments that were read).
      const sameCloud = new Set(
        Object.values(ctx.footprint.environments)
          .filter((e) => e.cloud === ctx.env.cloud)
          .flatMap((e) => e.stacks),
      );
      const seen = new Map<string, Resource>();
      const out: Issue[] = [];
      for (const s of ctx.out.stacks.filter((x) => sameCloud.has(x.name))) {
        for (const r of s.resources) {
          if (!AZURE_NAMES[r.type]?.global || typeof r.attrs.name !== 'string' || isToken(r.attrs.name))
            continue;
          const key = `${r.type}/${r.attrs.name.toLowerCase()}`;
          const first = seen.get(key);
          if (!first) seen.set(key, r);
          else if (ctx.stacks.some((x) => x.name === r.stack)) {
            out.push({
              stack: r.stack,
              resource: r.address,
              attribute: 'name',
              expected: 'unique in the cloud',
              found: `${r.attrs.name} (also ${first.stack}/${first.address})`,
            });
          }
        }
      }
      return out;
    },
  },
];
