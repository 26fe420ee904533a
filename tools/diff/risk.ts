/**
 * What makes a change risky, as data a reviewer can read and extend: the stateful resource types (deleting one
 * loses data), the attributes that force Terraform to replace a resource (the provider's ForceNew list, read
 * from model/data/azurerm-force-new.json), what the provider does not say (BEYOND_PROVIDER: CustomizeDiff
 * replacements, AKS pool rotation, traffic and DNS effects), and the security- or availability-relevant
 * attributes worth a second look.
 *
 * Paths are attribute names joined by "." without list positions (`default_node_pool.vm_size`); a rule matches
 * the attribute, anything below it, and a whole block above it being added or removed.
 */

import { FORCE_NEW, forceNewPath } from '../../model/provider-facts';

export type Risk = 'HIGH' | 'MEDIUM' | 'LOW';

export const RISKS: readonly Risk[] = ['HIGH', 'MEDIUM', 'LOW'];

const RANK: Record<Risk, number> = { HIGH: 3, MEDIUM: 2, LOW: 1 };

/** The highest of some risks; undefined when there are none. */
export function maxRisk(risks: Iterable<Risk | undefined>): Risk | undefined {
  let best: Risk | undefined;
  for (const r of risks) if (r && (!best || RANK[r] > RANK[best])) best = r;
  return best;
}

export function riskRank(r: Risk | undefined): number {
  return r ? RANK[r] : 0;
}

/** Resource types whose deletion (or replacement) loses data or everything they contain. */
export const STATEFUL: Readonly<Record<string, string>> = {
  azurerm_resource_group: 'everything in the resource group',
  azurerm_cosmosdb_account: 'every Cosmos DB database and item',
  azurerm_cosmosdb_sql_database: 'the database and its containers',
  azurerm_cosmosdb_sql_container: 'the container and its items',
  azurerm_key_vault: 'keys, secrets and certificates',
  azurerm_key_vault_key: 'the key (data encrypted with it)',
  azurerm_key_vault_secret: 'the secret',
  azurerm_key_vault_certificate: 'the certificate',
  azurerm_log_analytics_workspace: 'retained logs',
  azurerm_application_insights: 'retained telemetry',
  azurerm_storage_account: 'blobs, files, queues and tables',
  azurerm_storage_container: 'the blobs in the container',
  azurerm_container_registry: 'the images',
};

/**
 * What azurerm says is ForceNew comes from the provider's own schema (model/data/azurerm-force-new.json via
 * model/provider-facts.ts). For a type the data does not know, these attributes are assumed to replace it.
 */
export const UNKNOWN_TYPE_REPLACEMENT: readonly string[] = ['name', 'location', 'resource_group_name'];

export interface Effect {
  readonly paths: readonly string[];
  readonly risk: Risk;
  readonly why: string;
  /** Terraform destroys and recreates the resource. @default false */
  readonly replaces?: boolean;
}

const CYCLED = [
  'host_encryption_enabled',
  'node_public_ip_enabled',
  'fips_enabled',
  'kubelet_config',
  'kubelet_disk_type',
  'linux_os_config',
  'max_pods',
  'only_critical_addons_enabled',
  'os_disk_size_gb',
  'os_disk_type',
  'os_sku',
  'pod_subnet_id',
  'snapshot_id',
  'ultra_ssd_enabled',
  'vnet_subnet_id',
  'vm_size',
  'zones',
];
const NOT_IN_PLACE =
  'cannot change in place: the apply fails unless temporary_name_for_rotation is set (then every node of the pool is rotated)';

/**
 * Hand-written: only what the provider's ForceNew list does not say. CustomizeDiff replacements and failed
 * in-place updates (AKS pool properties that need rotation, a Cosmos partition key version), and the traffic
 * and DNS effects of a change that Terraform applies in place (an origin moves, starts or stops serving). The
 * Cosmos failover order is ranked by ORDERED_BLOCKS below.
 */
export const BEYOND_PROVIDER: Readonly<Record<string, readonly Effect[]>> = {
  azurerm_kubernetes_cluster: [
    { paths: CYCLED.map((p) => `default_node_pool.${p}`), risk: 'HIGH', why: NOT_IN_PLACE },
    {
      paths: ['default_node_pool.name'],
      risk: 'HIGH',
      why: 'renames the system pool: every system node is replaced',
    },
  ],
  azurerm_kubernetes_cluster_node_pool: [{ paths: CYCLED, risk: 'HIGH', why: NOT_IN_PLACE }],
  azurerm_cosmosdb_sql_container: [
    {
      paths: ['partition_key_version'],
      risk: 'HIGH',
      why: 'forces replacement (CustomizeDiff)',
      replaces: true,
    },
  ],
  azurerm_storage_account: [
    {
      paths: ['account_kind'],
      risk: 'HIGH',
      why: 'forces replacement except StorageV1 → StorageV2 (CustomizeDiff)',
      replaces: true,
    },
  ],
  azurerm_subnet: [
    {
      paths: ['address_prefixes'],
      risk: 'HIGH',
      why: 'moves the subnet: fails or cuts off what uses it (AKS nodes, private endpoints)',
    },
  ],
  azurerm_cdn_frontdoor_origin: [
    {
      paths: ['host_name', 'origin_host_header'],
      risk: 'MEDIUM',
      why: 'traffic goes to another origin host',
    },
    { paths: ['enabled'], risk: 'MEDIUM', why: 'the origin starts or stops taking traffic' },
    { paths: ['priority', 'weight'], risk: 'MEDIUM', why: 'traffic shifts between origins' },
  ],
  azurerm_cdn_frontdoor_origin_group: [
    {
      paths: ['health_probe', 'load_balancing'],
      risk: 'MEDIUM',
      why: 'when origins count as healthy and get traffic',
    },
  ],
  azurerm_traffic_manager_external_endpoint: [
    { paths: ['target'], risk: 'MEDIUM', why: 'traffic goes to another endpoint host' },
    { paths: ['enabled'], risk: 'MEDIUM', why: 'the endpoint starts or stops taking traffic' },
    { paths: ['priority', 'weight'], risk: 'MEDIUM', why: 'traffic shifts between endpoints' },
  ],
  azurerm_traffic_manager_profile: [
    {
      paths: ['monitor_config', 'traffic_routing_method'],
      risk: 'MEDIUM',
      why: 'when endpoints count as healthy and get traffic',
    },
  ],
  azurerm_public_ip: [
    {
      paths: ['domain_name_label'],
      risk: 'MEDIUM',
      why: 'the origin host name changes: the global entry calls the old name',
    },
  ],
  azurerm_key_vault: [
    { paths: ['tenant_id'], risk: 'MEDIUM', why: 'moves the vault to another tenant: access breaks' },
  ],
};

/** Explicitly routine changes inside otherwise sensitive blocks (checked first). */
export const ROUTINE: Readonly<Record<string, readonly string[]>> = {
  azurerm_cdn_frontdoor_firewall_policy: [
    'custom_rule.rate_limit_threshold',
    'custom_rule.rate_limit_duration_in_minutes',
  ],
};

/** Security- or availability-relevant attributes of one type; `*` is any change of the resource. */
export const SENSITIVE: Readonly<Record<string, readonly string[]>> = {
  azurerm_virtual_network: ['address_space'],
  azurerm_network_security_group: ['security_rule'],
  azurerm_network_security_rule: ['*'],
  azurerm_subnet_network_security_group_association: ['*'],
  azurerm_role_assignment: ['*'],
  azurerm_key_vault_access_policy: ['*'],
  azurerm_cdn_frontdoor_security_policy: ['*'],
  azurerm_cdn_frontdoor_firewall_policy: ['mode', 'enabled', 'managed_rule', 'custom_rule', 'sku_name'],
  azurerm_kubernetes_cluster: ['sku_tier', 'default_node_pool.min_count', 'default_node_pool.max_count'],
};

/** Attribute names that are security- or availability-relevant on any resource, wherever they appear. */
export const SENSITIVE_ANYWHERE: ReadonlySet<string> = new Set([
  'public_network_access_enabled',
  'public_network_access',
  'network_acls',
  'network_rules',
  'ip_range_filter',
  'ip_rules',
  'authorized_ip_ranges',
  'api_server_access_profile',
  'local_account_disabled',
  'local_authentication_disabled',
  'shared_access_key_enabled',
  'allow_nested_items_to_be_public',
  'min_tls_version',
  'minimum_tls_version',
  'minimal_tls_version',
  'https_traffic_only_enabled',
  'purge_protection_enabled',
  'soft_delete_retention_days',
  'rbac_authorization_enabled',
  'role_based_access_control_enabled',
  'azure_active_directory_role_based_access_control',
  'is_virtual_network_filter_enabled',
  'virtual_network_rule',
  'access_key_metadata_writes_enabled',
  'key_vault_key_id',
  'customer_managed_key',
  'identity',
  'security_rule',
  'zone_redundant',
  'automatic_failover_enabled',
  'multiple_write_locations_enabled',
  'consistency_policy',
  'backup',
  'microsoft_defender',
  'azure_policy_enabled',
  'workload_identity_enabled',
  'oidc_issuer_enabled',
  'internet_ingestion_enabled',
  'internet_query_enabled',
]);

/**
 * Replacement-prone attributes that Terraform applies by rotating instead, when the resource opts in: AKS cycles
 * the default node pool through `temporary_name_for_rotation`. MEDIUM: every system node is replaced.
 */
export const ROTATED: Readonly<Record<string, { readonly when: string; readonly paths: readonly string[] }>> =
  {
    azurerm_kubernetes_cluster: {
      when: 'default_node_pool.temporary_name_for_rotation',
      paths: CYCLED.map((p) => `default_node_pool.${p}`),
    },
    azurerm_kubernetes_cluster_node_pool: { when: 'temporary_name_for_rotation', paths: CYCLED },
  };

export interface Classification {
  readonly risk: Risk;
  /** Why, for MEDIUM and HIGH. */
  readonly why?: string;
  readonly replaces?: boolean;
}

function covers(rule: string, path: string): boolean {
  return rule === '*' || path === rule || path.startsWith(`${rule}.`) || rule.startsWith(`${path}.`);
}

/**
 * Risk of changing the attribute at `path` (names joined by ".", no list positions) of a resource type;
 * `rotates`: the resource opts in to rotation (see ROTATED).
 */
export function classifyAttribute(type: string, path: string, rotates = false): Classification {
  if (rotates && (ROTATED[type]?.paths ?? []).some((r) => path === r || path.startsWith(`${r}.`))) {
    return { risk: 'MEDIUM', why: 'rotates every node of the pool' };
  }
  // Forward only: a routine attribute stays routine, a whole new block containing it does not.
  if ((ROUTINE[type] ?? []).some((r) => path === r || path.startsWith(`${r}.`))) return { risk: 'LOW' };
  const forceNew = FORCE_NEW[type]
    ? forceNewPath(type, path)
    : UNKNOWN_TYPE_REPLACEMENT.find((r) => covers(r, path));
  if (forceNew !== undefined) {
    const source = FORCE_NEW[type]
      ? `azurerm ForceNew: ${forceNew}`
      : 'assumed: type not in the provider data';
    return { risk: 'HIGH', why: `forces replacement (${source})`, replaces: true };
  }
  const effect = (BEYOND_PROVIDER[type] ?? []).find((e) => e.paths.some((r) => covers(r, path)));
  if (effect) return { risk: effect.risk, why: effect.why, ...(effect.replaces ? { replaces: true } : {}) };
  if ((SENSITIVE[type] ?? []).some((r) => covers(r, path)))
    return { risk: 'MEDIUM', why: 'security or availability' };
  if (path.split('.').some((k) => SENSITIVE_ANYWHERE.has(k))) {
    return { risk: 'MEDIUM', why: 'security or availability' };
  }
  return { risk: 'LOW' };
}

/** Resource types that send users somewhere as soon as they exist: a new one is MEDIUM. */
export const TRAFFIC_TARGETS: ReadonlySet<string> = new Set([
  'azurerm_cdn_frontdoor_origin',
  'azurerm_traffic_manager_external_endpoint',
]);

/** Risk of creating a resource: LOW, except an origin or endpoint, which may take traffic before its stamp. */
export function classifyCreate(type: string, attrs: Readonly<Record<string, unknown>>): Classification {
  if (!TRAFFIC_TARGETS.has(type)) return { risk: 'LOW' };
  return attrs.enabled === false
    ? {
        risk: 'MEDIUM',
        why: "new origin, created disabled (serving: false): enable it once its stamp's wave is deployed and healthy",
      }
    : {
        risk: 'MEDIUM',
        why: 'new origin takes traffic as soon as the global stack is applied, before its stamp exists: create it with serving: false',
      };
}

/** Risk of a change outside `resource` (provider, backend, required providers, data, outputs). */
export function classifySetting(path: string): Classification {
  if (path === 'provider' || path.startsWith('provider.')) {
    return { risk: 'MEDIUM', why: 'provider target or authentication' };
  }
  if (path.startsWith('terraform.backend')) return { risk: 'MEDIUM', why: 'state location' };
  if (path.startsWith('terraform.required_providers')) return { risk: 'MEDIUM', why: 'provider version' };
  return { risk: 'LOW' };
}

/**
 * Repeatable blocks whose order carries meaning: matched by `key`, ordered by `orderBy`. The first element is
 * the primary. For Cosmos DB, failover priority 0 is the write region: moving it or reordering the failover
 * chain is reported explicitly and ranked HIGH.
 */
export const ORDERED_BLOCKS: Readonly<
  Record<
    string,
    { readonly block: string; readonly key: string; readonly orderBy: string; readonly removed: Risk }
  >
> = {
  azurerm_cosmosdb_account: {
    block: 'geo_location',
    key: 'location',
    orderBy: 'failover_priority',
    // Removing a region drops its replica and lowers the environment's resilience.
    removed: 'HIGH',
  },
};
