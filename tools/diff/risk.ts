/**
 * What makes a change risky, as data a reviewer can read and extend: the stateful resource types (deleting one
 * loses data), the attributes that force Terraform to replace a resource (azurerm 4.x ForceNew, or a change that
 * breaks what depends on it), and the security- or availability-relevant attributes worth a second look.
 *
 * Paths are attribute names joined by "." without list positions (`default_node_pool.vm_size`); a rule matches
 * the attribute, anything below it, and a whole block above it being added or removed.
 */

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

/** Attributes whose change replaces the resource (or, for AKS pools, rotates every node). */
export const REPLACEMENT: Readonly<Record<string, readonly string[]>> = {
  '*': ['name', 'location', 'resource_group_name'],
  azurerm_cosmosdb_account: ['kind', 'create_mode', 'restore', 'geo_location.order', 'geo_location.primary'],
  azurerm_cosmosdb_sql_database: ['account_name'],
  azurerm_cosmosdb_sql_container: [
    'account_name',
    'database_name',
    'partition_key_paths',
    'partition_key_kind',
    'partition_key_version',
  ],
  azurerm_kubernetes_cluster: [
    'dns_prefix',
    'dns_prefix_private_cluster',
    'node_resource_group',
    'private_cluster_enabled',
    'private_dns_zone_id',
    'disk_encryption_set_id',
    'default_node_pool.name',
    'default_node_pool.vm_size',
    'default_node_pool.zones',
    'default_node_pool.vnet_subnet_id',
    'default_node_pool.pod_subnet_id',
    'default_node_pool.os_disk_type',
    'network_profile',
  ],
  azurerm_kubernetes_cluster_node_pool: [
    'kubernetes_cluster_id',
    'vm_size',
    'zones',
    'vnet_subnet_id',
    'pod_subnet_id',
    'os_type',
    'os_disk_type',
    'os_disk_size_gb',
    'max_pods',
  ],
  azurerm_key_vault: ['tenant_id'],
  azurerm_storage_account: [
    'account_kind',
    'account_tier',
    'is_hns_enabled',
    'infrastructure_encryption_enabled',
    'nfsv3_enabled',
    'queue_encryption_key_type',
    'table_encryption_key_type',
  ],
  azurerm_storage_container: ['storage_account_id', 'storage_account_name'],
  azurerm_subnet: ['address_prefixes', 'virtual_network_name'],
  azurerm_public_ip: ['sku', 'zones', 'ip_version', 'public_ip_prefix_id'],
  azurerm_private_endpoint: ['subnet_id', 'private_service_connection'],
  azurerm_application_insights: ['application_type'],
  azurerm_cdn_frontdoor_profile: ['sku_name'],
  azurerm_cdn_frontdoor_endpoint: ['cdn_frontdoor_profile_id'],
  azurerm_cdn_frontdoor_origin_group: ['cdn_frontdoor_profile_id'],
  azurerm_cdn_frontdoor_origin: ['cdn_frontdoor_origin_group_id'],
  azurerm_traffic_manager_profile: ['dns_config.relative_name'],
  azurerm_traffic_manager_azure_endpoint: ['profile_id'],
  azurerm_traffic_manager_external_endpoint: ['profile_id'],
  azurerm_monitor_diagnostic_setting: ['target_resource_id'],
  azurerm_private_dns_zone_virtual_network_link: ['private_dns_zone_name', 'virtual_network_id'],
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
  azurerm_public_ip: ['domain_name_label'],
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
      paths: [
        'default_node_pool.vm_size',
        'default_node_pool.zones',
        'default_node_pool.os_disk_type',
        'default_node_pool.os_disk_size_gb',
        'default_node_pool.vnet_subnet_id',
        'default_node_pool.pod_subnet_id',
        'default_node_pool.max_pods',
      ],
    },
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
  const replacing = [...(REPLACEMENT[type] ?? []), ...REPLACEMENT['*']!].find((r) => covers(r, path));
  if (replacing) return { risk: 'HIGH', why: 'forces replacement', replaces: true };
  if ((SENSITIVE[type] ?? []).some((r) => covers(r, path)))
    return { risk: 'MEDIUM', why: 'security or availability' };
  if (path.split('.').some((k) => SENSITIVE_ANYWHERE.has(k))) {
    return { risk: 'MEDIUM', why: 'security or availability' };
  }
  return { risk: 'LOW' };
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
