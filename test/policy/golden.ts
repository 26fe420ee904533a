/**
 * A hand-written, fully compliant environment in cdk.tf.json shape (global stack with Front Door, Traffic
 * Manager, Cosmos DB and alerts; two stamps with network, AKS, Key Vault, storage and private endpoints). Every
 * rule has something to check here and finds nothing; each rule's test breaks exactly one thing.
 */
import { requiredNamespaces } from '../../model/resource-types';
import { CAPABILITIES } from '../../config/schema/cloud';
import type { EnvironmentSummary, FootprintManifest } from '../../contract/footprint';
import { resourcesOf, type JsonObject, type SynthOutput } from '../../contract/out';

export const ENV = 'prod-x';
export const GLOBAL = `${ENV}-global`;
export const EAST = `${ENV}-eastus2`;
export const CENTRAL = `${ENV}-centralus`;
const SUB = '/subscriptions/00000000-0000-0000-0000-000000000009';

export interface Golden {
  stacks: Record<string, JsonObject>;
  env: { -readonly [K in keyof EnvironmentSummary]: EnvironmentSummary[K] };
  clouds: FootprintManifest['clouds'];
}

const TAGS = (region: string, stamp: string) => ({
  cloud: 'public',
  costCenter: 'CC-1',
  environment: ENV,
  managedBy: 'footprint',
  owner: 'team@example.com',
  region,
  stamp,
});

function stackJson(name: string, resource: Record<string, Record<string, JsonObject>>): JsonObject {
  // What synth registers: exactly the namespaces of the stack's types (model/resource-types.ts).
  const blocks = Object.entries(resource).flatMap(([type, byName]) =>
    Object.values(byName).map((attrs) => ({ type, attrs })),
  );
  return {
    '//': { metadata: { stackName: name, backend: 'azurerm', version: '0.21.0' } },
    provider: {
      azurerm: [
        {
          environment: 'public',
          features: [{}],
          subscription_id: SUB.split('/')[2]!,
          resource_provider_registrations: 'none',
          resource_providers_to_register: requiredNamespaces(blocks).namespaces,
        },
      ],
    },
    resource,
    terraform: {
      backend: { azurerm: { environment: 'public', key: `${ENV}/${name}.tfstate`, use_azuread_auth: true } },
      required_providers: { azurerm: { source: 'azurerm', version: '4.55.0' } },
    },
  };
}

// Metric categories as Microsoft's reference has them: none for Cosmos DB and NSGs (model/data/azure-monitor.json).
const diag = (target: string, logs: JsonObject[], metrics = ['AllMetrics']) => ({
  name: 'diag-footprint',
  target_resource_id: target,
  log_analytics_workspace_id: '${azurerm_log_analytics_workspace.law.id}',
  log_analytics_destination_type: 'Dedicated',
  enabled_log: logs,
  ...(metrics.length ? { enabled_metric: metrics.map((category) => ({ category })) } : {}),
});

function globalStack(): JsonObject {
  const tags = TAGS('eastus2', 'global');
  const origin = (region: string) => ({
    name: region,
    cdn_frontdoor_origin_group_id: '${azurerm_cdn_frontdoor_origin_group.og.id}',
    host_name: `ing-fp-prdx-${region}-ab12.${region}.cloudapp.azure.com`,
    certificate_name_check_enabled: true,
    enabled: true,
    http_port: 80,
    https_port: 443,
    priority: 1,
    weight: 500,
  });
  const tmEndpoint = (region: string) => ({
    name: region,
    profile_id: '${azurerm_traffic_manager_profile.tm.id}',
    target: `ing-fp-prdx-${region}-ab12.${region}.cloudapp.azure.com`,
    endpoint_location: region,
    enabled: true,
  });
  return stackJson(GLOBAL, {
    azurerm_resource_group: { rg: { name: 'rg-fp-prdx-global', location: 'eastus2', tags } },
    azurerm_log_analytics_workspace: {
      law: {
        name: 'log-fp-prdx-global',
        location: 'eastus2',
        resource_group_name: '${azurerm_resource_group.rg.name}',
        retention_in_days: 90,
        local_authentication_enabled: false,
        tags,
      },
    },
    azurerm_cosmosdb_account: {
      cosmos: {
        name: 'cosmos-fp-prdx-ab12',
        location: 'eastus2',
        resource_group_name: '${azurerm_resource_group.rg.name}',
        offer_type: 'Standard',
        kind: 'GlobalDocumentDB',
        public_network_access_enabled: false,
        key_vault_key_id: 'https://kv-fp-prdx-global.vault.azure.net/keys/cmk',
        identity: { type: 'UserAssigned', identity_ids: ['${azurerm_user_assigned_identity.cosmos.id}'] },
        default_identity_type: 'UserAssignedIdentity=${azurerm_user_assigned_identity.cosmos.id}',
        depends_on: ['azurerm_role_assignment.cosmos-crypto'],
        local_authentication_disabled: true,
        access_key_metadata_writes_enabled: false,
        automatic_failover_enabled: true,
        multiple_write_locations_enabled: true,
        consistency_policy: { consistency_level: 'Session' },
        geo_location: [
          { location: 'eastus2', failover_priority: 0, zone_redundant: true },
          { location: 'centralus', failover_priority: 1, zone_redundant: true },
        ],
        backup: { type: 'Continuous', tier: 'Continuous30Days' },
        tags,
      },
    },
    azurerm_user_assigned_identity: {
      cosmos: { name: 'id-fp-prdx-cosmos', location: 'eastus2', resource_group_name: 'rg', tags },
    },
    azurerm_role_assignment: {
      'cosmos-crypto': {
        scope: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv/keys/cmk',
        role_definition_name: 'Key Vault Crypto Service Encryption User',
        principal_id: '${azurerm_user_assigned_identity.cosmos.principal_id}',
      },
    },
    azurerm_cdn_frontdoor_profile: {
      fd: {
        name: 'afd-fp-prdx',
        resource_group_name: '${azurerm_resource_group.rg.name}',
        sku_name: 'Premium_AzureFrontDoor',
        tags,
      },
    },
    azurerm_cdn_frontdoor_firewall_policy: {
      waf: {
        name: 'wafpprdx',
        resource_group_name: '${azurerm_resource_group.rg.name}',
        sku_name: 'Premium_AzureFrontDoor',
        enabled: true,
        mode: 'Prevention',
        managed_rule: [{ type: 'Microsoft_DefaultRuleSet', version: '2.1', action: 'Block' }],
        tags,
      },
    },
    azurerm_cdn_frontdoor_endpoint: {
      ep: {
        name: 'fde-fp-prdx-ab12',
        cdn_frontdoor_profile_id: '${azurerm_cdn_frontdoor_profile.fd.id}',
        tags,
      },
    },
    azurerm_cdn_frontdoor_custom_domain: {
      domain: {
        name: 'app',
        cdn_frontdoor_profile_id: '${azurerm_cdn_frontdoor_profile.fd.id}',
        host_name: 'app.example.com',
        tls: { certificate_type: 'ManagedCertificate', minimum_tls_version: 'TLS12' },
      },
    },
    azurerm_cdn_frontdoor_security_policy: {
      secpol: {
        name: 'waf',
        cdn_frontdoor_profile_id: '${azurerm_cdn_frontdoor_profile.fd.id}',
        security_policies: {
          firewall: {
            cdn_frontdoor_firewall_policy_id: '${azurerm_cdn_frontdoor_firewall_policy.waf.id}',
            association: {
              domain: [
                { cdn_frontdoor_domain_id: '${azurerm_cdn_frontdoor_endpoint.ep.id}' },
                { cdn_frontdoor_domain_id: '${azurerm_cdn_frontdoor_custom_domain.domain.id}' },
              ],
              patterns_to_match: ['/*'],
            },
          },
        },
      },
    },
    azurerm_cdn_frontdoor_origin_group: {
      og: {
        name: 'stamps',
        cdn_frontdoor_profile_id: '${azurerm_cdn_frontdoor_profile.fd.id}',
        session_affinity_enabled: false,
        health_probe: { protocol: 'Https', request_type: 'HEAD', path: '/healthz', interval_in_seconds: 30 },
        load_balancing: {
          sample_size: 4,
          successful_samples_required: 3,
          additional_latency_in_milliseconds: 50,
        },
      },
    },
    azurerm_cdn_frontdoor_origin: { eastus2: origin('eastus2'), centralus: origin('centralus') },
    azurerm_cdn_frontdoor_route: {
      route: {
        name: 'default',
        cdn_frontdoor_endpoint_id: '${azurerm_cdn_frontdoor_endpoint.ep.id}',
        cdn_frontdoor_origin_group_id: '${azurerm_cdn_frontdoor_origin_group.og.id}',
        cdn_frontdoor_origin_ids: [
          '${azurerm_cdn_frontdoor_origin.eastus2.id}',
          '${azurerm_cdn_frontdoor_origin.centralus.id}',
        ],
        cdn_frontdoor_custom_domain_ids: ['${azurerm_cdn_frontdoor_custom_domain.domain.id}'],
        supported_protocols: ['Http', 'Https'],
        https_redirect_enabled: true,
        forwarding_protocol: 'HttpsOnly',
        patterns_to_match: ['/*'],
      },
    },
    azurerm_traffic_manager_profile: {
      tm: {
        name: 'traf-fp-prdx-ab12',
        resource_group_name: '${azurerm_resource_group.rg.name}',
        traffic_routing_method: 'Performance',
        dns_config: { relative_name: 'traf-fp-prdx-ab12', ttl: 30 },
        monitor_config: { protocol: 'HTTPS', port: 443, path: '/healthz' },
        tags,
      },
    },
    azurerm_traffic_manager_external_endpoint: {
      eastus2: tmEndpoint('eastus2'),
      centralus: tmEndpoint('centralus'),
    },
    azurerm_monitor_diagnostic_setting: {
      cosmos: diag('${azurerm_cosmosdb_account.cosmos.id}', [{ category_group: 'allLogs' }], []),
      fd: diag('${azurerm_cdn_frontdoor_profile.fd.id}', [
        { category: 'FrontDoorAccessLog' },
        { category: 'FrontDoorHealthProbeLog' },
        { category: 'FrontDoorWebApplicationFirewallLog' },
      ]),
    },
    azurerm_monitor_action_group: {
      ag: {
        name: 'ag-fp-prdx',
        short_name: 'agfpprdx',
        location: 'global',
        resource_group_name: '${azurerm_resource_group.rg.name}',
        email_receiver: [
          { name: 'oncall', email_address: 'oncall@example.com', use_common_alert_schema: true },
        ],
        tags,
      },
    },
    azurerm_monitor_metric_alert: {
      ru: {
        name: 'alrt-fp-prdx-cosmos-ru',
        resource_group_name: '${azurerm_resource_group.rg.name}',
        scopes: ['${azurerm_cosmosdb_account.cosmos.id}'],
        criteria: [
          {
            metric_namespace: 'Microsoft.DocumentDB/databaseAccounts',
            metric_name: 'NormalizedRUConsumption',
            aggregation: 'Maximum',
            operator: 'GreaterThan',
            threshold: 90,
            dimension: [{ name: 'CollectionName', operator: 'Include', values: ['*'] }],
          },
        ],
        auto_mitigate: true,
        action: [{ action_group_id: '${azurerm_monitor_action_group.ag.id}' }],
        tags,
      },
    },
    azurerm_monitor_activity_log_alert: {
      health: {
        name: 'alrt-fp-prdx-health',
        location: 'global',
        resource_group_name: '${azurerm_resource_group.rg.name}',
        scopes: [SUB],
        criteria: { category: 'ServiceHealth', service_health: { events: ['Incident'] } },
        action: { action_group_id: '${azurerm_monitor_action_group.ag.id}' },
        tags,
      },
    },
    azurerm_monitor_scheduled_query_rules_alert_v2: {
      errors: {
        name: 'alrt-fp-prdx-errors',
        location: 'eastus2',
        resource_group_name: '${azurerm_resource_group.rg.name}',
        scopes: ['${azurerm_log_analytics_workspace.law.id}'],
        evaluation_frequency: 'PT5M',
        window_duration: 'PT5M',
        criteria: [
          {
            query: 'CDBDataPlaneRequests\n| summarize Failed = countif(StatusCode >= 500) by RegionName',
            time_aggregation_method: 'Maximum',
            metric_measure_column: 'Failed',
            operator: 'GreaterThan',
            threshold: 0,
            dimension: [{ name: 'RegionName', operator: 'Include', values: ['*'] }],
          },
        ],
        action: { action_groups: ['${azurerm_monitor_action_group.ag.id}'] },
        tags,
      },
    },
  });
}

function stampStack(stack: string, region: string, code: string, cidr: string): JsonObject {
  const tags = TAGS(region, region);
  const rg = '${azurerm_resource_group.rg.name}';
  const pool = {
    zones: ['1', '2', '3'],
    auto_scaling_enabled: true,
    host_encryption_enabled: true,
    max_pods: 110,
    vnet_subnet_id: '${azurerm_subnet.nodes.id}',
    vm_size: 'Standard_D4ds_v5',
  };
  const pe = (target: string, sub: string, zone: string) => ({
    name: `pe-fp-prdx-${code}-${sub}`,
    location: region,
    resource_group_name: rg,
    subnet_id: '${azurerm_subnet.endpoints.id}',
    private_service_connection: {
      name: sub,
      private_connection_resource_id: target,
      is_manual_connection: false,
      subresource_names: [sub],
    },
    private_dns_zone_group: {
      name: 'default',
      private_dns_zone_ids: [`\${azurerm_private_dns_zone.${zone}.id}`],
    },
    tags,
  });
  const nsgAssoc = (subnet: string) => ({
    subnet_id: `\${azurerm_subnet.${subnet}.id}`,
    network_security_group_id: '${azurerm_network_security_group.nsg.id}',
  });
  const zone = (name: string) => ({ name, resource_group_name: rg, tags });
  return stackJson(stack, {
    azurerm_resource_group: { rg: { name: `rg-fp-prdx-${code}`, location: region, tags } },
    azurerm_log_analytics_workspace: {
      law: {
        name: `log-fp-prdx-${code}`,
        location: region,
        resource_group_name: rg,
        local_authentication_disabled: true,
        tags,
      },
    },
    azurerm_application_insights: {
      appi: {
        name: `appi-fp-prdx-${code}`,
        location: region,
        resource_group_name: rg,
        application_type: 'web',
        workspace_id: '${azurerm_log_analytics_workspace.law.id}',
        local_authentication_disabled: true,
        tags,
      },
    },
    azurerm_virtual_network: {
      vnet: {
        name: `vnet-fp-prdx-${code}`,
        location: region,
        resource_group_name: rg,
        address_space: [cidr],
        tags,
      },
    },
    azurerm_subnet: {
      nodes: {
        name: `snet-fp-prdx-nodes-${code}`,
        virtual_network_name: '${azurerm_virtual_network.vnet.name}',
        resource_group_name: rg,
        address_prefixes: ['10.0.0.0/22'],
      },
      endpoints: {
        name: `snet-fp-prdx-pe-${code}`,
        virtual_network_name: '${azurerm_virtual_network.vnet.name}',
        resource_group_name: rg,
        address_prefixes: ['10.0.4.0/24'],
      },
    },
    azurerm_network_security_group: {
      nsg: {
        name: `nsg-fp-prdx-${code}`,
        location: region,
        resource_group_name: rg,
        security_rule: [
          {
            name: 'AllowFrontDoorHttps',
            priority: 100,
            direction: 'Inbound',
            access: 'Allow',
            protocol: 'Tcp',
            source_port_range: '*',
            destination_port_range: '443',
            source_address_prefix: 'AzureFrontDoor.Backend',
            destination_address_prefix: '*',
          },
        ],
        tags,
      },
    },
    azurerm_network_security_rule: {
      deny: {
        name: 'DenyInternetInbound',
        priority: 4000,
        direction: 'Inbound',
        access: 'Deny',
        protocol: '*',
        source_port_range: '*',
        destination_port_range: '*',
        source_address_prefix: 'Internet',
        destination_address_prefix: '*',
        resource_group_name: rg,
        network_security_group_name: '${azurerm_network_security_group.nsg.name}',
      },
    },
    azurerm_subnet_network_security_group_association: {
      nodes: nsgAssoc('nodes'),
      endpoints: nsgAssoc('endpoints'),
    },
    azurerm_network_watcher_flow_log: {
      vnet: {
        name: `fl-fp-prdx-${code}`,
        location: region,
        network_watcher_name: `NetworkWatcher_${region}`,
        resource_group_name: 'NetworkWatcherRG',
        target_resource_id: '${azurerm_virtual_network.vnet.id}',
        storage_account_id: '${azurerm_storage_account.st.id}',
        enabled: true,
        retention_policy: { enabled: true, days: 90 },
        tags,
      },
    },
    azurerm_public_ip: {
      ingress: {
        name: `pip-fp-prdx-${code}`,
        location: region,
        resource_group_name: rg,
        allocation_method: 'Static',
        sku: 'Standard',
        zones: ['1', '2', '3'],
        domain_name_label: `ing-fp-prdx-${region}-ab12`,
        tags,
      },
    },
    azurerm_kubernetes_cluster: {
      aks: {
        name: `aks-fp-prdx-${code}`,
        location: region,
        resource_group_name: rg,
        dns_prefix: `aks-fp-prdx-${code}-ab12`,
        sku_tier: 'Standard',
        private_cluster_enabled: true,
        disk_encryption_set_id: '${azurerm_disk_encryption_set.des.id}',
        depends_on: ['azurerm_disk_encryption_set.des'],
        role_based_access_control_enabled: true,
        local_account_disabled: true,
        azure_policy_enabled: true,
        automatic_upgrade_channel: 'stable',
        node_os_upgrade_channel: 'NodeImage',
        azure_active_directory_role_based_access_control: { azure_rbac_enabled: true },
        default_node_pool: {
          ...pool,
          name: 'system',
          os_disk_type: 'Ephemeral',
          os_disk_size_gb: 128,
          temporary_name_for_rotation: 'systemtmp',
          only_critical_addons_enabled: true,
          min_count: 3,
          max_count: 5,
        },
        network_profile: {
          network_plugin: 'azure',
          network_plugin_mode: 'overlay',
          network_policy: 'cilium',
          network_data_plane: 'cilium',
        },
        oms_agent: {
          log_analytics_workspace_id: '${azurerm_log_analytics_workspace.law.id}',
          msi_auth_for_monitoring_enabled: true,
        },
        microsoft_defender: { log_analytics_workspace_id: '${azurerm_log_analytics_workspace.law.id}' },
        monitor_metrics: {},
        key_vault_secrets_provider: { secret_rotation_enabled: true },
        maintenance_window_auto_upgrade: {
          frequency: 'Weekly',
          interval: 1,
          duration: 4,
          day_of_week: 'Sunday',
          start_time: '02:00',
        },
        identity: { type: 'SystemAssigned' },
        tags,
      },
    },
    azurerm_kubernetes_cluster_node_pool: {
      apps: {
        ...pool,
        name: 'apps',
        temporary_name_for_rotation: 'appstmp',
        kubernetes_cluster_id: '${azurerm_kubernetes_cluster.aks.id}',
        mode: 'User',
        min_count: 3,
        max_count: 10,
        tags,
      },
    },
    azurerm_key_vault: {
      kv: {
        name: `kv-fp-prdx-${code}-ab12`,
        location: region,
        resource_group_name: rg,
        tenant_id: '00000000-0000-0000-0000-00000000000a',
        sku_name: 'premium',
        purge_protection_enabled: true,
        soft_delete_retention_days: 90,
        rbac_authorization_enabled: true,
        public_network_access_enabled: false,
        network_acls: { default_action: 'Deny', bypass: 'AzureServices' },
        tags,
      },
    },
    azurerm_key_vault_key: {
      cmk: {
        name: 'cmk',
        key_vault_id: '${azurerm_key_vault.kv.id}',
        key_type: 'RSA-HSM',
        key_size: 3072,
        key_opts: ['wrapKey', 'unwrapKey'],
        expiration_date: '2027-01-01T00:00:00Z',
        rotation_policy: { expire_after: 'P90D', automatic: { time_before_expiry: 'P30D' } },
      },
    },
    azurerm_user_assigned_identity: {
      cmk: { name: `id-fp-prdx-${code}-cmk`, location: region, resource_group_name: rg, tags },
    },
    azurerm_role_assignment: {
      'cmk-crypto': {
        scope: '${azurerm_key_vault_key.cmk.resource_versionless_id}',
        role_definition_name: 'Key Vault Crypto Service Encryption User',
        principal_id: '${azurerm_user_assigned_identity.cmk.principal_id}',
      },
    },
    azurerm_disk_encryption_set: {
      des: {
        name: `des-fp-prdx-${code}`,
        location: region,
        resource_group_name: rg,
        key_vault_key_id: '${azurerm_key_vault_key.cmk.versionless_id}',
        auto_key_rotation_enabled: true,
        identity: { type: 'UserAssigned', identity_ids: ['${azurerm_user_assigned_identity.cmk.id}'] },
        depends_on: ['azurerm_role_assignment.cmk-crypto', 'azurerm_key_vault_key.cmk'],
        tags,
      },
    },
    azurerm_key_vault_secret: {
      conn: {
        name: 'conn',
        key_vault_id: '${azurerm_key_vault.kv.id}',
        value: 'x',
        content_type: 'text/plain',
        expiration_date: '2027-01-01T00:00:00Z',
      },
    },
    azurerm_storage_account: {
      st: {
        name: `stfpprdx${code}ab12`,
        location: region,
        resource_group_name: rg,
        account_tier: 'Standard',
        account_replication_type: 'GZRS',
        min_tls_version: 'TLS1_2',
        allow_nested_items_to_be_public: false,
        shared_access_key_enabled: false,
        public_network_access_enabled: false,
        network_rules: { default_action: 'Deny', bypass: ['AzureServices'] },
        identity: { type: 'UserAssigned', identity_ids: ['${azurerm_user_assigned_identity.cmk.id}'] },
        customer_managed_key: {
          key_vault_key_id: '${azurerm_key_vault_key.cmk.versionless_id}',
          user_assigned_identity_id: '${azurerm_user_assigned_identity.cmk.id}',
        },
        depends_on: ['azurerm_role_assignment.cmk-crypto', 'azurerm_key_vault_key.cmk'],
        queue_properties: { logging: { delete: true, read: true, write: true, version: '1.0' } },
        blob_properties: {
          versioning_enabled: true,
          delete_retention_policy: { days: 7 },
          container_delete_retention_policy: { days: 7 },
        },
        tags,
      },
    },
    azurerm_storage_container: {
      flowlogs: {
        name: 'flowlogs',
        storage_account_id: '${azurerm_storage_account.st.id}',
        container_access_type: 'private',
      },
    },
    azurerm_private_dns_zone: {
      kv: zone('privatelink.vaultcore.azure.net'),
      cosmos: zone('privatelink.documents.azure.com'),
      blob: zone('privatelink.blob.core.windows.net'),
    },
    azurerm_private_endpoint: {
      kv: pe('${azurerm_key_vault.kv.id}', 'vault', 'kv'),
      blob: pe('${azurerm_storage_account.st.id}', 'blob', 'blob'),
      // The global Cosmos account is in another stack: a synth-time id, not a reference.
      cosmos: pe(
        `${SUB}/resourceGroups/rg-fp-prdx-global/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-fp-prdx-ab12`,
        'Sql',
        'cosmos',
      ),
    },
    azurerm_monitor_diagnostic_setting: {
      aks: diag('${azurerm_kubernetes_cluster.aks.id}', [
        { category: 'kube-audit-admin' },
        { category: 'kube-apiserver' },
      ]),
      kv: diag('${azurerm_key_vault.kv.id}', [{ category: 'AuditEvent' }]),
      nsg: diag('${azurerm_network_security_group.nsg.id}', [{ category_group: 'allLogs' }], []),
    },
  });
}

const PUBLIC_NAMES = [
  'vault.azure.net',
  'privatelink.vaultcore.azure.net',
  'documents.azure.com',
  'privatelink.documents.azure.com',
  'core.windows.net',
  'privatelink.blob.core.windows.net',
  'cloudapp.azure.com',
  'trafficmanager.net',
  'azurefd.net',
  'management.azure.com',
];
const USGOV_NAMES = [
  'vault.usgovcloudapi.net',
  'privatelink.vaultcore.usgovcloudapi.net',
  'documents.azure.us',
  'privatelink.documents.azure.us',
  'core.usgovcloudapi.net',
  'cloudapp.usgovcloudapi.net',
  'usgovtrafficmanager.net',
  'azurefd.us',
  'management.usgovcloudapi.net',
];

export function golden(): Golden {
  const region = (name: string, code: string, index: number, stack: string) => ({
    region: name,
    code,
    zones: true,
    addressSpace: `10.${index}.0.0/20`,
    index,
    primary: index === 0,
    stack,
  });
  return {
    stacks: {
      [GLOBAL]: globalStack(),
      [EAST]: stampStack(EAST, 'eastus2', 'eus2', '10.0.0.0/20'),
      [CENTRAL]: stampStack(CENTRAL, 'centralus', 'cus', '10.1.0.0/20'),
    },
    env: {
      name: ENV,
      file: `environments/${ENV}.yaml`,
      cloud: 'public',
      tier: 'prod',
      provider: { environment: 'public' },
      globalStack: GLOBAL,
      stacks: [GLOBAL, EAST, CENTRAL],
      regions: [region('eastus2', 'eus2', 0, EAST), region('centralus', 'cus', 1, CENTRAL)],
      globalEntry: 'frontDoor',
      features: Object.fromEntries(
        CAPABILITIES.map((c) => [c, { feature: c, outcome: 'on' }]),
      ) as EnvironmentSummary['features'],
      warnings: [],
      unconfirmedFacts: [],
      waivers: [],
      encryption: { customerManagedKeys: true, source: 'environment', hsmKeys: true },
      rollout: { bakeMinutes: 60 },
      sloTarget: 99.95,
      minNodesFloor: 6,
      failoverOrder: ['eastus2', 'centralus'],
      state: { backend: 'local' },
      resilience: { minNodesPerPool: 2, minNodesPerStamp: 6, minServingStamps: 1 },
    },
    clouds: {
      public: {
        id: 'public',
        displayName: 'Azure',
        azCloudName: 'AzureCloud',
        file: 'environments/clouds/public.yaml',
        dnsNames: PUBLIC_NAMES,
        regions: ['eastus2', 'centralus', 'westus3'],
      },
      usgov: {
        id: 'usgov',
        displayName: 'Azure US Government',
        azCloudName: 'AzureUSGovernment',
        file: 'environments/clouds/usgov.yaml',
        dnsNames: USGOV_NAMES,
        regions: ['usgovvirginia', 'usgovtexas'],
      },
    },
  };
}

/** The golden environment as the engine reads it from disk. */
export function toOutput(g: Golden): SynthOutput {
  return {
    dir: '/fixture',
    footprint: { version: 1, clouds: g.clouds, environments: { [g.env.name]: g.env } },
    stacks: g.env.stacks.map((name) => ({
      name,
      dir: `/fixture/stacks/${name}`,
      json: g.stacks[name]!,
      resources: resourcesOf(name, g.stacks[name]!),
      dependencies: [],
    })),
  };
}

/** The attributes of a resource of the golden fixture, to edit in place. */
export function res(g: Golden, stack: string, type: string, name: string): JsonObject {
  const r = ((g.stacks[stack]!.resource as JsonObject)[type] as JsonObject | undefined)?.[name];
  if (!r || typeof r !== 'object' || Array.isArray(r)) throw new Error(`no ${type}.${name} in ${stack}`);
  return r;
}

/** Adds a resource to a golden stack. */
export function add(g: Golden, stack: string, type: string, name: string, attrs: JsonObject): void {
  const resources = g.stacks[stack]!.resource as JsonObject;
  resources[type] = { ...((resources[type] as JsonObject | undefined) ?? {}), [name]: attrs };
}

/** Removes a resource (or a whole type when no name) from a golden stack. */
export function remove(g: Golden, stack: string, type: string, name?: string): void {
  const resources = g.stacks[stack]!.resource as JsonObject;
  if (name === undefined) delete resources[type];
  else delete (resources[type] as JsonObject)[name];
}
