/**
 * Every rule, table-driven: the golden environment passes all of them, and breaking one thing makes exactly the
 * named rule (plus any stated consequence) report it.
 */
import { runPolicy } from '../../policy/engine';
import { RULES } from '../../policy/registry';
import type { JsonObject } from '../../contract/out';
import { add, CENTRAL, EAST, GLOBAL, golden, remove, res, toOutput, type Golden } from './golden';

const TODAY = '2026-06-01';

function run(g: Golden) {
  return runPolicy(toOutput(g), { today: TODAY, minSeverity: 'low' });
}

const aks = (g: Golden) => res(g, EAST, 'azurerm_kubernetes_cluster', 'aks');
const pool = (g: Golden) => res(g, EAST, 'azurerm_kubernetes_cluster_node_pool', 'apps');
const cosmos = (g: Golden) => res(g, GLOBAL, 'azurerm_cosmosdb_account', 'cosmos');
const kv = (g: Golden) => res(g, EAST, 'azurerm_key_vault', 'kv');
const st = (g: Golden) => res(g, EAST, 'azurerm_storage_account', 'st');
const des = (g: Golden) => res(g, EAST, 'azurerm_disk_encryption_set', 'des');
const route = (g: Golden) => res(g, GLOBAL, 'azurerm_cdn_frontdoor_route', 'route');
const og = (g: Golden) => res(g, GLOBAL, 'azurerm_cdn_frontdoor_origin_group', 'og');
const waf = (g: Golden) => res(g, GLOBAL, 'azurerm_cdn_frontdoor_firewall_policy', 'waf');
const set = (o: JsonObject, path: string, value: JsonObject[string] | undefined) => {
  const keys = path.split('.');
  let cur = o;
  for (const k of keys.slice(0, -1)) {
    cur[k] = { ...(cur[k] as JsonObject) };
    cur = cur[k] as JsonObject;
  }
  if (value === undefined) delete cur[keys.at(-1)!];
  else cur[keys.at(-1)!] = value;
};
const provider = (g: Golden) => ((g.stacks[EAST]!.provider as JsonObject).azurerm as JsonObject[])[0]!;
/** Changes fields of the Cosmos RU alert's one criterion. */
const criterion = (g: Golden, over: JsonObject) => {
  const alert = res(g, GLOBAL, 'azurerm_monitor_metric_alert', 'ru');
  alert.criteria = [{ ...(alert.criteria as JsonObject[])[0]!, ...over }];
};
const logCriterion = (g: Golden, over: JsonObject) => {
  const rule = res(g, GLOBAL, 'azurerm_monitor_scheduled_query_rules_alert_v2', 'errors');
  rule.criteria = [{ ...(rule.criteria as JsonObject[])[0]!, ...over }];
};
const nsgRule = (g: Golden, over: JsonObject) =>
  add(g, EAST, 'azurerm_network_security_rule', 'open', {
    name: 'Open',
    priority: 200,
    direction: 'Inbound',
    access: 'Allow',
    protocol: 'Tcp',
    source_port_range: '*',
    source_address_prefix: 'Internet',
    destination_address_prefix: '*',
    resource_group_name: 'rg',
    network_security_group_name: '${azurerm_network_security_group.nsg.name}',
    ...over,
  });
const waiver = (g: Golden, rule: string, resource: string, expires: string) => {
  g.env.waivers = [
    ...g.env.waivers,
    { rule, resource, reason: 'accepted for the test until fixed', expires },
  ];
};

type Case = [rule: string, breakIt: (g: Golden) => void, also?: string[]];

const CASES: Case[] = [
  // AKS
  ['CKV_AZURE_170', (g) => set(aks(g), 'sku_tier', 'Free')],
  ['CKV_AZURE_4', (g) => set(aks(g), 'oms_agent', undefined)],
  ['APRL-dcaf8128', (g) => set(aks(g), 'monitor_metrics', undefined)],
  [
    'AVD-AZU-0042',
    (g) => {
      set(aks(g), 'role_based_access_control_enabled', undefined);
      set(aks(g), 'azure_active_directory_role_based_access_control', undefined);
    },
  ],
  ['CKV_AZURE_6', (g) => set(aks(g), 'private_cluster_enabled', false), ['CKV_AZURE_115']],
  [
    'FP_AKS_API_OPEN_RANGE',
    (g) => {
      set(aks(g), 'private_cluster_enabled', false);
      set(aks(g), 'api_server_access_profile', { authorized_ip_ranges: ['0.0.0.0/0'] });
    },
    ['CKV_AZURE_115'],
  ],
  [
    'CKV_AZURE_115',
    (g) => {
      set(aks(g), 'private_cluster_enabled', undefined);
      set(aks(g), 'api_server_access_profile', { authorized_ip_ranges: ['203.0.113.0/24'] });
    },
  ],
  ['CKV_AZURE_117', (g) => set(aks(g), 'disk_encryption_set_id', undefined), ['FP_CMK_AKS']],
  ['CKV_AZURE_226', (g) => set(aks(g), 'default_node_pool.os_disk_type', 'Managed')],
  ['CKV_AZURE_7', (g) => set(aks(g), 'network_profile.network_policy', undefined)],
  ['CKV2_AZURE_29', (g) => set(aks(g), 'network_profile.network_plugin', 'kubenet')],
  ['CKV_AZURE_116', (g) => set(aks(g), 'azure_policy_enabled', false)],
  ['CKV_AZURE_141', (g) => set(aks(g), 'local_account_disabled', undefined)],
  ['CKV_AZURE_171', (g) => set(aks(g), 'automatic_upgrade_channel', 'none')],
  ['CKV_AZURE_172', (g) => set(aks(g), 'key_vault_secrets_provider', undefined)],
  ['CKV_AZURE_232', (g) => set(aks(g), 'default_node_pool.only_critical_addons_enabled', false)],
  ['CKV_AZURE_246', (g) => set(aks(g), 'http_application_routing_enabled', true)],
  ['KICS-aks_defender_profile_disabled', (g) => set(aks(g), 'microsoft_defender', undefined)],
  ['Azure.AKS.MaintenanceWindow', (g) => set(aks(g), 'maintenance_window_auto_upgrade', undefined)],
  ['FP_AKS_POOL_PUBLIC_IP', (g) => set(pool(g), 'node_public_ip_enabled', true)],
  ['FP_AKS_POOL_ROTATION', (g) => set(pool(g), 'temporary_name_for_rotation', undefined)],
  ['FP_AKS_POOL_ROTATION', (g) => set(aks(g), 'default_node_pool.temporary_name_for_rotation', undefined)],
  ['FP_AKS_POOL_ROTATION', (g) => set(pool(g), 'temporary_name_for_rotation', 'Apps-Tmp')],
  // Unique in the cluster: a temporary name that is another pool's name (or temporary name) is reported.
  ['FP_AKS_POOL_ROTATION', (g) => set(pool(g), 'temporary_name_for_rotation', 'system')],
  ['FP_AKS_POOL_ROTATION', (g) => set(pool(g), 'temporary_name_for_rotation', 'systemtmp')],
  ['CKV_AZURE_143', (g) => set(aks(g), 'default_node_pool.node_public_ip_enabled', true)],
  ['CKV_AZURE_227', (g) => set(pool(g), 'host_encryption_enabled', false)],
  ['CKV_AZURE_168', (g) => set(aks(g), 'default_node_pool.max_pods', undefined)],
  ['APRL-4f63619f', (g) => set(pool(g), 'zones', ['1'])],
  ['APRL-902c82ff', (g) => set(aks(g), 'default_node_pool.auto_scaling_enabled', false)],
  ['APRL-7f7ae535', (g) => set(aks(g), 'default_node_pool.min_count', 1)],
  ['APRL-005ccbbd', (g) => set(pool(g), 'min_count', 1)],
  ['APRL-005ccbbd', (g) => remove(g, EAST, 'azurerm_kubernetes_cluster_node_pool')],
  [
    'KICS-aks_without_audit_logs',
    (g) =>
      set(res(g, EAST, 'azurerm_monitor_diagnostic_setting', 'aks'), 'enabled_log', [
        { category: 'kube-apiserver' },
      ]),
  ],
  ['KICS-aks_without_audit_logs', (g) => remove(g, EAST, 'azurerm_monitor_diagnostic_setting', 'aks')],
  // Cosmos DB
  ['CKV_AZURE_101', (g) => set(cosmos(g), 'public_network_access_enabled', undefined)],
  ['CKV_AZURE_140', (g) => set(cosmos(g), 'local_authentication_disabled', false)],
  [
    'FP_COSMOS_LOCAL_AUTH',
    (g) => {
      set(cosmos(g), 'kind', undefined);
      set(cosmos(g), 'local_authentication_disabled', undefined);
    },
  ],
  ['CKV_AZURE_100', (g) => set(cosmos(g), 'key_vault_key_id', undefined), ['FP_CMK_COSMOS']],
  ['CKV_AZURE_132', (g) => set(cosmos(g), 'access_key_metadata_writes_enabled', true)],
  [
    'KICS-azure_paas_private_endpoint_missing',
    (g) => {
      remove(g, EAST, 'azurerm_private_endpoint', 'cosmos');
      remove(g, CENTRAL, 'azurerm_private_endpoint', 'cosmos');
    },
  ],
  [
    'APRL-43663217',
    (g) =>
      set(cosmos(g), 'geo_location', [{ location: 'eastus2', failover_priority: 0, zone_redundant: true }]),
  ],
  ['APRL-43663217', (g) => set(cosmos(g), 'consistency_policy', { consistency_level: 'Strong' })],
  [
    'APRL-9cabded7',
    (g) => {
      set(cosmos(g), 'automatic_failover_enabled', false);
      set(cosmos(g), 'multiple_write_locations_enabled', undefined);
    },
  ],
  [
    'APRL-921631f6',
    (g) =>
      set(cosmos(g), 'geo_location', [
        { location: 'eastus2', failover_priority: 0, zone_redundant: true },
        { location: 'centralus', failover_priority: 1 },
      ]),
  ],
  [
    'FP_AKS_ZONES_UNSUPPORTED',
    (g) => {
      // A hand edit pins zones on a pool of a region without them (centralus made zoneless for the test).
      g.env.regions = g.env.regions.map((r) => (r.region === 'centralus' ? { ...r, zones: false } : r));
      set(res(g, CENTRAL, 'azurerm_kubernetes_cluster_node_pool', 'apps'), 'zones', ['1', '2', '3']);
    },
    ['FP_COSMOS_ZONES_UNSUPPORTED'],
  ],
  [
    'FP_COSMOS_ZONES_UNSUPPORTED',
    (g) => {
      g.env.regions = g.env.regions.map((r) => (r.region === 'centralus' ? { ...r, zones: false } : r));
    },
    // The golden stamp's pools pin zones too.
    ['FP_AKS_ZONES_UNSUPPORTED'],
  ],
  ['APRL-e544520b', (g) => set(cosmos(g), 'backup', { type: 'Periodic' })],
  // Front Door and Traffic Manager
  [
    'APRL-82fa3cff',
    (g) => set(res(g, GLOBAL, 'azurerm_cdn_frontdoor_profile', 'fd'), 'sku_name', 'Standard_Microsoft'),
  ],
  [
    'APRL-82fa3cff',
    (g) =>
      add(g, GLOBAL, 'azurerm_frontdoor', 'classic', {
        name: 'classic',
        resource_group_name: 'rg',
        tags: res(g, GLOBAL, 'azurerm_resource_group', 'rg').tags!,
      }),
    // A type outside the namespace table: its provider registration cannot be derived.
    ['FP_PROVIDER_REGISTRATIONS'],
  ],
  ['FP_FD_WAF_PREVENTION', (g) => set(waf(g), 'mode', 'Detection')],
  ['FP_FD_WAF_PREVENTION', (g) => set(waf(g), 'enabled', false)],
  [
    'FP_FD_WAF_DRS',
    (g) =>
      set(waf(g), 'managed_rule', [{ type: 'Microsoft_BotManagerRuleSet', version: '1.1', action: 'Block' }]),
  ],
  [
    'FP_FD_WAF_DRS',
    (g) =>
      set(waf(g), 'managed_rule', [
        {
          type: 'Microsoft_DefaultRuleSet',
          version: '2.1',
          action: 'Block',
          override: [
            { rule_group_name: 'JAVA', rule: [{ rule_id: '944240', enabled: false, action: 'Log' }] },
          ],
        },
      ]),
  ],
  [
    'FP_FD_WAF_COVERAGE',
    (g) =>
      set(
        res(g, GLOBAL, 'azurerm_cdn_frontdoor_security_policy', 'secpol'),
        'security_policies.firewall.association.domain',
        [{ cdn_frontdoor_domain_id: '${azurerm_cdn_frontdoor_endpoint.ep.id}' }],
      ),
  ],
  ['APRL-24ab9f11', (g) => set(route(g), 'https_redirect_enabled', false)],
  ['APRL-24ab9f11', (g) => set(route(g), 'supported_protocols', ['Http'])],
  ['APRL-d9bd6780', (g) => set(route(g), 'forwarding_protocol', undefined)],
  [
    'APRL-d9bd6780',
    (g) =>
      set(res(g, GLOBAL, 'azurerm_cdn_frontdoor_origin', 'eastus2'), 'certificate_name_check_enabled', false),
  ],
  [
    'FP_FD_TLS12',
    (g) =>
      set(
        res(g, GLOBAL, 'azurerm_cdn_frontdoor_custom_domain', 'domain'),
        'tls.minimum_tls_version',
        'TLS10',
      ),
  ],
  ['Azure.FrontDoor.Probe', (g) => set(og(g), 'health_probe', undefined)],
  ['APRL-5783defe', (g) => set(og(g), 'health_probe.request_type', 'GET')],
  ['APRL-5225bba3', (g) => set(og(g), 'health_probe.path', '/')],
  ['APRL-5225bba3', (g) => set(og(g), 'health_probe.protocol', 'Http')],
  [
    'FP_FD_MULTI_REGION',
    (g) => set(res(g, GLOBAL, 'azurerm_cdn_frontdoor_origin', 'centralus'), 'enabled', false),
  ],
  [
    'APRL-1ad74c3c',
    (g) =>
      set(res(g, GLOBAL, 'azurerm_monitor_diagnostic_setting', 'fd'), 'enabled_log', [
        { category: 'FrontDoorAccessLog' },
        { category: 'FrontDoorWebApplicationFirewallLog' },
      ]),
  ],
  [
    'FP_TM_HTTPS_PROBE',
    (g) => set(res(g, GLOBAL, 'azurerm_traffic_manager_profile', 'tm'), 'monitor_config.protocol', 'HTTP'),
  ],
  ['FP_TM_MULTI_REGION', (g) => remove(g, GLOBAL, 'azurerm_traffic_manager_external_endpoint', 'centralus')],
  // Key Vault
  ['CKV_AZURE_110', (g) => set(kv(g), 'purge_protection_enabled', undefined)],
  ['AVD-AZU-0016', (g) => set(kv(g), 'soft_delete_retention_days', undefined)],
  ['CKV_AZURE_109', (g) => set(kv(g), 'network_acls.default_action', 'Allow')],
  ['CKV_AZURE_189', (g) => set(kv(g), 'public_network_access_enabled', true)],
  ['FP_KV_RBAC', (g) => set(kv(g), 'rbac_authorization_enabled', false)],
  ['CKV2_AZURE_32', (g) => remove(g, EAST, 'azurerm_private_endpoint', 'kv')],
  [
    'KICS-vault_auditing_disabled',
    (g) =>
      set(res(g, EAST, 'azurerm_monitor_diagnostic_setting', 'kv'), 'enabled_log', [
        { category: 'AzurePolicyEvaluationDetails' },
      ]),
  ],
  ['CKV_AZURE_40', (g) => set(res(g, EAST, 'azurerm_key_vault_key', 'cmk'), 'expiration_date', undefined)],
  ['CKV_AZURE_112', (g) => set(res(g, EAST, 'azurerm_key_vault_key', 'cmk'), 'key_type', 'RSA')],
  [
    'KICS-azure_key_vault_key_rotation_disabled',
    (g) => set(res(g, EAST, 'azurerm_key_vault_key', 'cmk'), 'rotation_policy', undefined),
  ],
  [
    'CKV_AZURE_41',
    (g) => set(res(g, EAST, 'azurerm_key_vault_secret', 'conn'), 'expiration_date', undefined),
  ],
  ['CKV_AZURE_114', (g) => set(res(g, EAST, 'azurerm_key_vault_secret', 'conn'), 'content_type', undefined)],
  // Storage
  ['CKV_AZURE_44', (g) => set(st(g), 'min_tls_version', undefined)],
  ['AVD-AZU-0008', (g) => set(st(g), 'https_traffic_only_enabled', false)],
  ['CKV_AZURE_190', (g) => set(st(g), 'allow_nested_items_to_be_public', undefined)],
  ['CKV2_AZURE_40', (g) => set(st(g), 'shared_access_key_enabled', true), ['CKV2_AZURE_41']],
  [
    'CKV2_AZURE_40',
    (g) => {
      set(st(g), 'shared_access_key_enabled', true);
      set(st(g), 'sas_policy', { expiration_period: '1.00:00:00', expiration_action: 'Log' });
    },
  ],
  ['CKV2_AZURE_41', (g) => set(st(g), 'shared_access_key_enabled', undefined), ['CKV2_AZURE_40']],
  ['CKV_AZURE_59', (g) => set(st(g), 'public_network_access_enabled', true)],
  ['AVD-AZU-0012', (g) => set(st(g), 'network_rules', undefined)],
  ['CKV2_AZURE_1', (g) => set(st(g), 'customer_managed_key', undefined), ['FP_CMK_STORAGE']],
  ['CKV_AZURE_33', (g) => set(st(g), 'queue_properties.logging.delete', false)],
  ['CKV_AZURE_206', (g) => set(st(g), 'account_replication_type', 'LRS')],
  ['APRL-03263c57', (g) => set(st(g), 'blob_properties.container_delete_retention_policy', { days: 1 })],
  [
    'CKV2_AZURE_38',
    (g) => {
      set(st(g), 'account_kind', 'FileStorage');
      set(st(g), 'queue_properties', undefined);
    },
  ],
  ['APRL-8ebda7c0', (g) => set(st(g), 'blob_properties.versioning_enabled', false)],
  ['CKV2_AZURE_33', (g) => remove(g, EAST, 'azurerm_private_endpoint', 'blob')],
  [
    'CKV_AZURE_34',
    (g) => set(res(g, EAST, 'azurerm_storage_container', 'flowlogs'), 'container_access_type', 'blob'),
  ],
  // Network
  ['CKV_AZURE_10', (g) => nsgRule(g, { destination_port_range: '22' }), ['AVD-AZU-0047']],
  [
    'CKV_AZURE_9',
    (g) => nsgRule(g, { destination_port_ranges: ['3380-3390'], source_address_prefix: '*' }),
    ['AVD-AZU-0047'],
  ],
  [
    'CKV_AZURE_160',
    (g) => nsgRule(g, { destination_port_range: '80', source_address_prefix: '*' }),
    ['AVD-AZU-0047'],
  ],
  [
    'AVD-AZU-0074',
    (g) =>
      nsgRule(g, {
        destination_port_range: '1433',
        source_address_prefixes: ['10.0.0.0/8', '::/0'],
        source_address_prefix: undefined as never,
      }),
    ['AVD-AZU-0047'],
  ],
  ['AVD-AZU-0047', (g) => nsgRule(g, { destination_port_range: '8443' })],
  [
    'CKV_AZURE_77',
    (g) => nsgRule(g, { protocol: 'Udp', destination_port_range: '443' }),
    ['FP_NSG_UDP_INTERNET'],
  ],
  [
    'FP_NSG_UDP_INTERNET',
    (g) => nsgRule(g, { protocol: 'Udp', destination_port_range: '443', source_address_prefix: '0.0.0.0/0' }),
  ],
  [
    'AVD-AZU-0051',
    (g) =>
      nsgRule(g, {
        direction: 'Outbound',
        source_address_prefix: '*',
        destination_address_prefix: 'Internet',
        destination_port_range: '443',
      }),
  ],
  [
    'CKV2_AZURE_31',
    (g) => remove(g, EAST, 'azurerm_subnet_network_security_group_association', 'endpoints'),
    ['FP_SUBNET_NSG'],
  ],
  [
    'FP_SUBNET_NSG',
    (g) =>
      set(res(g, EAST, 'azurerm_virtual_network', 'vnet'), 'subnet', [
        { name: 'inline', address_prefixes: ['10.0.8.0/24'] },
      ]),
  ],
  [
    'CKV_AZURE_12',
    (g) =>
      set(res(g, EAST, 'azurerm_network_watcher_flow_log', 'vnet'), 'retention_policy', {
        enabled: true,
        days: 30,
      }),
  ],
  ['FP_VNET_FLOW_LOG', (g) => remove(g, EAST, 'azurerm_network_watcher_flow_log')],
  ['CKV_AZURE_182', (g) => set(res(g, EAST, 'azurerm_virtual_network', 'vnet'), 'dns_servers', ['10.0.0.4'])],
  [
    'APRL-b89c9acc',
    (g) => set(res(g, EAST, 'azurerm_private_endpoint', 'kv'), 'private_dns_zone_group', undefined),
  ],
  ['FP_PIP_STANDARD_SKU', (g) => set(res(g, EAST, 'azurerm_public_ip', 'ingress'), 'sku', 'Basic')],
  ['FP_PIP_ZONES', (g) => set(res(g, EAST, 'azurerm_public_ip', 'ingress'), 'zones', undefined)],
  // Monitoring
  [
    'APRL-dac421ec',
    (g) => set(res(g, EAST, 'azurerm_application_insights', 'appi'), 'workspace_id', undefined),
  ],
  [
    'FP_APPI_LOCAL_AUTH',
    (g) =>
      set(res(g, EAST, 'azurerm_application_insights', 'appi'), 'local_authentication_disabled', undefined),
  ],
  [
    'FP_LAW_LOCAL_AUTH',
    (g) =>
      set(res(g, EAST, 'azurerm_log_analytics_workspace', 'law'), 'local_authentication_disabled', undefined),
  ],
  [
    'FP_DIAG_DESTINATION',
    (g) =>
      set(res(g, EAST, 'azurerm_monitor_diagnostic_setting', 'nsg'), 'log_analytics_workspace_id', undefined),
  ],
  ['FP_ALERT_ACTION', (g) => set(res(g, GLOBAL, 'azurerm_monitor_metric_alert', 'ru'), 'action', [])],
  [
    'FP_ALERT_ACTION',
    (g) =>
      set(res(g, GLOBAL, 'azurerm_monitor_scheduled_query_rules_alert_v2', 'errors'), 'action', {
        action_groups: [],
      }),
  ],
  [
    'Azure.Alert.MetricAutoMitigate',
    (g) => set(res(g, GLOBAL, 'azurerm_monitor_metric_alert', 'ru'), 'auto_mitigate', false),
  ],
  [
    'Azure.Alert.HighFrequencyQuery',
    (g) =>
      set(
        res(g, GLOBAL, 'azurerm_monitor_scheduled_query_rules_alert_v2', 'errors'),
        'evaluation_frequency',
        'PT1M',
      ),
  ],
  [
    'FP_ACTION_GROUP_RECEIVER',
    (g) => set(res(g, GLOBAL, 'azurerm_monitor_action_group', 'ag'), 'email_receiver', undefined),
  ],
  ['APRL-deaea200', (g) => remove(g, GLOBAL, 'azurerm_monitor_diagnostic_setting', 'cosmos')],
  // Resource providers
  // azurerm compares case-sensitively and skips a namespace the API does not return: Insights is lower case.
  [
    'FP_PROVIDER_REGISTRATIONS',
    (g) => {
      const p = provider(g);
      p.resource_providers_to_register = (p.resource_providers_to_register as string[]).map((n) =>
        n === 'microsoft.insights' ? 'Microsoft.Insights' : n,
      );
    },
  ],
  ['FP_PROVIDER_REGISTRATIONS', (g) => (provider(g).resource_provider_registrations = 'core')],
  // Azure Monitor reference
  [
    'FP_DIAG_METRIC_CATEGORY',
    (g) =>
      set(res(g, EAST, 'azurerm_monitor_diagnostic_setting', 'nsg'), 'enabled_metric', [
        { category: 'AllMetrics' },
      ]),
  ],
  [
    'FP_DIAG_METRIC_CATEGORY',
    (g) =>
      set(res(g, GLOBAL, 'azurerm_monitor_diagnostic_setting', 'cosmos'), 'enabled_metric', [
        { category: 'Requests' },
      ]),
  ],
  [
    'FP_DIAG_LOG_CATEGORY',
    (g) =>
      set(res(g, EAST, 'azurerm_monitor_diagnostic_setting', 'aks'), 'enabled_log', [
        { category: 'kube-audit-admn' },
        { category: 'kube-apiserver' },
      ]),
    ['KICS-aks_without_audit_logs'],
  ],
  [
    'FP_DIAG_LOG_CATEGORY',
    (g) =>
      set(res(g, EAST, 'azurerm_monitor_diagnostic_setting', 'kv'), 'enabled_log', [
        { category_group: 'audit' },
      ]),
  ],
  [
    'FP_DIAG_LOG_CATEGORY',
    (g) =>
      set(
        res(g, EAST, 'azurerm_monitor_diagnostic_setting', 'kv'),
        'target_resource_id',
        '${azurerm_private_endpoint.kv.id}',
      ),
    // A private endpoint has no logs and no exportable metrics.
    ['KICS-vault_auditing_disabled', 'FP_DIAG_METRIC_CATEGORY'],
  ],
  ['FP_ALERT_METRIC_REFERENCE', (g) => criterion(g, { metric_name: 'NormalizedRU' })],
  ['FP_ALERT_METRIC_REFERENCE', (g) => criterion(g, { aggregation: 'Total' })],
  [
    'FP_ALERT_METRIC_REFERENCE',
    (g) => criterion(g, { dimension: [{ name: 'StatusCode', operator: 'Include', values: ['429'] }] }),
  ],
  ['FP_ALERT_METRIC_REFERENCE', (g) => criterion(g, { metric_namespace: 'Microsoft.KeyVault/vaults' })],
  ['FP_LOG_ALERT_TABLE_REFERENCE', (g) => logCriterion(g, { query: 'CDBDataPlaneRequest | count' })],
  [
    'FP_LOG_ALERT_TABLE_REFERENCE',
    (g) => logCriterion(g, { dimension: [{ name: 'Region', operator: 'Include', values: ['*'] }] }),
  ],
  ['APRL-d2976d3e', (g) => remove(g, CENTRAL, 'azurerm_monitor_diagnostic_setting', 'nsg')],
  // Residency
  [
    'FP_RESIDENCY_LOCATION',
    (g) =>
      set(cosmos(g), 'geo_location', [
        { location: 'eastus2', failover_priority: 0, zone_redundant: true },
        { location: 'westus3', failover_priority: 1 },
      ]),
  ],
  ['FP_RESIDENCY_LOCATION', (g) => set(kv(g), 'location', 'usgovvirginia')],
  [
    'FP_RESIDENCY_LOCATION',
    (g) => set(res(g, EAST, 'azurerm_kubernetes_cluster', 'aks'), 'location', 'global'),
  ],
  [
    'FP_RESIDENCY_DNS',
    (g) =>
      set(res(g, EAST, 'azurerm_private_dns_zone', 'kv'), 'name', 'privatelink.vaultcore.usgovcloudapi.net'),
  ],
  [
    'FP_RESIDENCY_DNS',
    (g) =>
      set(
        res(g, GLOBAL, 'azurerm_cdn_frontdoor_origin', 'eastus2'),
        'host_name',
        'ing.usgovvirginia.cloudapp.usgovcloudapi.net',
      ),
  ],
  [
    'FP_RESIDENCY_PROVIDER',
    (g) => set(g.stacks[EAST]!, 'provider', { azurerm: [{ environment: 'usgovernment', features: [{}] }] }),
    ['FP_PROVIDER_REGISTRATIONS'],
  ],
  [
    'FP_RESIDENCY_PROVIDER',
    (g) =>
      set((g.stacks[EAST]!.terraform as JsonObject).backend as JsonObject, 'azurerm.environment', 'china'),
  ],
  [
    'FP_RESIDENCY_PROFILE',
    (g) => {
      g.clouds.public = {
        ...g.clouds.public!,
        dnsNames: [...g.clouds.public!.dnsNames, 'vault.usgovcloudapi.net'],
      };
    },
  ],
  // Tags and names
  [
    'FP_TAGS_REQUIRED',
    (g) => {
      const { owner: _o, ...rest } = kv(g).tags as JsonObject;
      kv(g).tags = rest;
    },
  ],
  ['FP_TAGS_REQUIRED', (g) => set(kv(g), 'tags', undefined)],
  ['FP_TAGS_REQUIRED', (g) => set(kv(g), 'tags', { ...(kv(g).tags as JsonObject), cloud: 'usgov' })],
  ['FP_TAGS_LIMITS', (g) => set(kv(g), 'tags', { ...(kv(g).tags as JsonObject), note: 'x'.repeat(300) })],
  ['FP_NAME_RULES', (g) => set(st(g), 'name', 'st-fp-prdx')],
  ['FP_NAME_UNIQUE', (g) => set(res(g, CENTRAL, 'azurerm_key_vault', 'kv'), 'name', kv(g).name)],
  // Template sequences (the config loader refuses them; this catches any other way in)
  [
    'FP_TEMPLATE_INJECTION',
    (g) => {
      kv(g).tags = { ...(kv(g).tags as JsonObject), team: '${file("/etc/passwd")}' };
    },
  ],
  ['FP_TEMPLATE_INJECTION', (g) => set(kv(g), 'tags.note', '%{ for x in var.list }x%{ endfor }')],
  [
    'FP_TEMPLATE_INJECTION',
    (g) => {
      kv(g).tags = { ...(kv(g).tags as JsonObject), '${env("HOME")}': 'x' };
    },
  ],
  [
    'FP_TEMPLATE_INJECTION',
    (g) => set(g.stacks[EAST]!, 'output', { leak: { value: '${templatefile("/etc/shadow", {})}' } }),
  ],
  // Customer-managed keys where the environment requires them (golden: encryption.customerManagedKeys on)
  ['FP_CMK_COSMOS', (g) => set(cosmos(g), 'default_identity_type', 'FirstPartyIdentity')],
  ['FP_CMK_COSMOS', (g) => set(cosmos(g), 'identity', { type: 'SystemAssigned' })],
  ['FP_CMK_COSMOS', (g) => set(cosmos(g), 'depends_on', undefined)],
  ['FP_CMK_AKS', (g) => set(aks(g), 'depends_on', undefined)],
  ['FP_CMK_DISK_ENCRYPTION_SET', (g) => set(des(g), 'depends_on', ['azurerm_key_vault_key.cmk'])],
  ['FP_CMK_DISK_ENCRYPTION_SET', (g) => set(des(g), 'depends_on', ['azurerm_role_assignment.cmk-crypto'])],
  ['FP_CMK_DISK_ENCRYPTION_SET', (g) => set(des(g), 'identity', { type: 'SystemAssigned' })],
  [
    'FP_CMK_DISK_ENCRYPTION_SET',
    // A role of the right name, but for another principal, does not order the set.
    (g) =>
      set(res(g, EAST, 'azurerm_role_assignment', 'cmk-crypto'), 'principal_id', '${data.x.y.object_id}'),
    ['FP_CMK_STORAGE'],
  ],
  [
    'FP_CMK_STORAGE',
    (g) =>
      set(
        st(g),
        'customer_managed_key.user_assigned_identity_id',
        '${azurerm_user_assigned_identity.other.id}',
      ),
  ],
  ['FP_CMK_STORAGE', (g) => set(st(g), 'depends_on', undefined)],
  // Waivers
  ['FP_WAIVER_EXPIRED', (g) => waiver(g, 'CKV_AZURE_110', `${EAST}/azurerm_key_vault.kv`, '2026-05-31')],
  ['FP_WAIVER_UNUSED', (g) => waiver(g, 'CKV_AZURE_110', `${EAST}/azurerm_key_vault.kv`, '2026-12-31')],
  ['FP_WAIVER_UNUSED', (g) => waiver(g, 'CKV_AZURE_999', `${EAST}/*`, '2026-12-31')],
];

describe('policy rules on the golden environment', () => {
  it('the golden environment has no finding at any severity and skips nothing', () => {
    const r = run(golden());
    expect(r.findings).toEqual([]);
    expect(r.skipped).toEqual([]);
    expect(r.resources).toBeGreaterThan(70);
  });

  it('rule ids and aliases are unique', () => {
    const ids = RULES.flatMap((r) => [r.id, ...(r.aliases ?? [])]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('every rule has a breaking case, and something of its types to check in the golden environment', () => {
    expect(RULES.map((r) => r.id).filter((id) => !CASES.some(([rule]) => rule === id))).toEqual([]);
    const types = new Set(toOutput(golden()).stacks.flatMap((s) => s.resources.map((r) => r.type)));
    const vacuous = RULES.filter((r) => r.types.length > 0 && !r.types.some((t) => types.has(t))).map(
      (r) => r.id,
    );
    expect(vacuous).toEqual([]);
  });

  it('customer-managed keys are mandatory only where the environment asks for them', () => {
    const strip = (g: Golden) => {
      set(cosmos(g), 'key_vault_key_id', undefined);
      set(aks(g), 'disk_encryption_set_id', undefined);
      set(st(g), 'customer_managed_key', undefined);
    };
    const on = golden();
    strip(on);
    const cmk = (g: Golden) =>
      run(g)
        .findings.filter((f) => f.rule.startsWith('FP_CMK_'))
        .map((f) => `${f.rule} ${f.stack}/${f.resource}`)
        .sort();
    expect(cmk(on)).toEqual([
      `FP_CMK_AKS ${EAST}/azurerm_kubernetes_cluster.aks`,
      `FP_CMK_COSMOS ${GLOBAL}/azurerm_cosmosdb_account.cosmos`,
      `FP_CMK_STORAGE ${EAST}/azurerm_storage_account.st`,
    ]);
    const off = golden();
    strip(off);
    off.env.encryption = { customerManagedKeys: false, source: 'cloud default', hsmKeys: false };
    expect(cmk(off)).toEqual([]);
    // A tree from before the setting existed reads as off.
    const old = golden();
    strip(old);
    delete old.env.encryption;
    expect(cmk(old)).toEqual([]);
  });

  it.each(CASES.map((c, i) => [`${c[0]} #${i}`, c] as const))(
    '%s fires when its fixture is broken',
    (_n, [rule, breakIt, also]) => {
      const g = golden();
      breakIt(g);
      const r = run(g);
      const ids = [...new Set(r.findings.map((f) => f.rule))].sort();
      expect(ids).toEqual([...new Set([rule, ...(also ?? [])])].sort());
      const f = r.findings.find((x) => x.rule === rule)!;
      for (const k of ['stack', 'resource', 'attribute', 'expected', 'found', 'fix'] as const)
        expect(f[k]).not.toBe('');
      expect(f.severity).toBe(RULES.find((x) => x.id === rule)!.severity);
    },
  );
});
