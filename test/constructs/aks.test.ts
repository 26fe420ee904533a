import { StampCluster, type StampClusterProps } from '../../constructs/aks';
import { environmentSchema } from '../../config/schema/environment';
import { synth } from '../helpers/synth-construct';

/** AKS settings as the schema defaults them (private API server, 3+3 nodes). */
const defaults = environmentSchema.parse({
  name: 'x',
  cloud: 'public',
  tier: 'dev',
  prefix: 'fp',
  subscriptionId: '00000000-0000-0000-0000-000000000001',
  tenantId: '00000000-0000-0000-0000-000000000002',
  owner: 'a@b.c',
  costCenter: 'CC',
  regions: [{ name: 'eastus2', addressSpace: '10.0.0.0/20' }],
  monitoring: { contacts: ['a@b.c'] },
  state: { backend: 'local' },
}).aks;

const base: StampClusterProps = {
  resourceGroupName: 'rg',
  location: 'eastus2',
  name: 'aks-x',
  dnsPrefix: 'aks-x',
  nodeResourceGroupName: 'rg-x-aks',
  tenantId: '00000000-0000-0000-0000-000000000002',
  config: defaults,
  zones: ['1', '2', '3'],
  nodeSubnetId: '/subnet/nodes',
  networkScopeId: '/rg',
  workspaceId: '/law',
  skuTier: 'Standard',
  containerInsights: true,
  managedPrometheus: true,
  defender: true,
};
const build = (props: Partial<StampClusterProps> = {}) =>
  synth((scope) => new StampCluster(scope, 'aks', { ...base, ...props }));

describe('StampCluster', () => {
  it('puts the system pool on an ephemeral OS disk sized to its VM temp disk, and only when asked', () => {
    const pool = (vmSize: string, ephemeralOsDisks?: boolean) =>
      build({
        config: { ...defaults, systemPool: { ...defaults.systemPool, vmSize } },
        ...(ephemeralOsDisks === undefined ? {} : { ephemeralOsDisks }),
      }).one('azurerm_kubernetes_cluster').default_node_pool as Record<string, unknown>;
    expect(pool('Standard_D2ds_v5', true)).toMatchObject({ os_disk_type: 'Ephemeral', os_disk_size_gb: 64 });
    expect(pool('Standard_D4ds_v5', true)).toMatchObject({ os_disk_type: 'Ephemeral', os_disk_size_gb: 128 });
    // A size without a known local disk, and the default (off), keep the provider's managed OS disk.
    expect(pool('Standard_D4s_v5', true).os_disk_type).toBeUndefined();
    expect(pool('Standard_D4ds_v5').os_disk_type).toBeUndefined();
    // User pools would be replaced by a changed os_disk_type: they stay managed.
    const user = build({ ephemeralOsDisks: true }).one('azurerm_kubernetes_cluster_node_pool');
    expect(user.os_disk_type).toBeUndefined();
  });

  it('isolates critical add-ons on an autoscaled, zonal system pool and runs user pools beside it', () => {
    const s = build();
    expect(s.one('azurerm_kubernetes_cluster').default_node_pool).toMatchObject({
      only_critical_addons_enabled: true,
      auto_scaling_enabled: true,
      min_count: defaults.systemPool.minCount,
      max_count: defaults.systemPool.maxCount,
      zones: ['1', '2', '3'],
      host_encryption_enabled: true,
      node_public_ip_enabled: false,
      vnet_subnet_id: '/subnet/nodes',
    });
    expect(s.one('azurerm_kubernetes_cluster_node_pool')).toMatchObject({
      mode: 'User',
      auto_scaling_enabled: true,
      min_count: defaults.userPools[0]!.minCount,
      zones: ['1', '2', '3'],
      host_encryption_enabled: true,
      node_public_ip_enabled: false,
    });
  });

  it('takes no zones in a region without them', () => {
    const s = build({ zones: [] });
    expect(s.text).not.toMatch(/"zones"/);
  });

  it('secures identity, network and upgrades', () => {
    expect(build().one('azurerm_kubernetes_cluster')).toMatchObject({
      sku_tier: 'Standard',
      local_account_disabled: true,
      role_based_access_control_enabled: true,
      azure_active_directory_role_based_access_control: { azure_rbac_enabled: true },
      oidc_issuer_enabled: true,
      workload_identity_enabled: true,
      azure_policy_enabled: true,
      key_vault_secrets_provider: { secret_rotation_enabled: true },
      network_profile: {
        network_plugin: 'azure',
        network_plugin_mode: 'overlay',
        network_policy: 'calico',
        dns_service_ip: '172.16.0.10',
      },
      automatic_upgrade_channel: 'stable',
      node_os_upgrade_channel: 'NodeImage',
      maintenance_window_auto_upgrade: {
        frequency: 'Weekly',
        day_of_week: 'Sunday',
        start_time: '02:00',
        duration: 4,
      },
      maintenance_window_node_os: { frequency: 'Weekly', day_of_week: 'Sunday' },
      private_cluster_enabled: true,
      private_dns_zone_id: 'System',
      oms_agent: { log_analytics_workspace_id: '/law', msi_auth_for_monitoring_enabled: true },
      monitor_metrics: {},
      microsoft_defender: { log_analytics_workspace_id: '/law' },
    });
  });

  it('limits a public API server to the configured ranges', () => {
    const c = build({ config: { ...defaults, apiServer: { authorizedIpRanges: ['203.0.113.0/24'] } } }).one(
      'azurerm_kubernetes_cluster',
    );
    expect(c.private_cluster_enabled).toBe(false);
    expect(c.api_server_access_profile).toEqual({ authorized_ip_ranges: ['203.0.113.0/24'] });
  });

  it('leaves out what the cloud lacks', () => {
    const c = build({
      skuTier: 'Free',
      containerInsights: false,
      managedPrometheus: false,
      defender: false,
    }).one('azurerm_kubernetes_cluster');
    expect(c.sku_tier).toBe('Free');
    for (const block of ['oms_agent', 'monitor_metrics', 'microsoft_defender'])
      expect(c[block]).toBeUndefined();
  });

  it('lets the cluster identity manage networking in the stamp and audits the control plane', () => {
    const s = build();
    expect(s.one('azurerm_role_assignment')).toMatchObject({
      scope: '/rg',
      role_definition_name: 'Network Contributor',
      principal_id: expect.stringMatching(/azurerm_kubernetes_cluster\..+\.identity\[0\]\.principal_id/),
    });
    const logs = s
      .one('azurerm_monitor_diagnostic_setting')
      .enabled_log.map((l: { category: string }) => l.category);
    expect(logs).toContain('kube-audit-admin');
  });

  it('refuses the node-image cluster channel with another node OS channel (azurerm rejects it at plan)', () => {
    const config = {
      ...defaults,
      upgradeChannel: 'node-image' as const,
      nodeOsUpgradeChannel: 'SecurityPatch' as const,
    };
    expect(() => build({ config })).toThrow(/node-image needs nodeOsUpgradeChannel NodeImage/);
    const ok = build({ config: { ...config, nodeOsUpgradeChannel: 'NodeImage' } }).one(
      'azurerm_kubernetes_cluster',
    );
    expect(ok).toMatchObject({
      automatic_upgrade_channel: 'node-image',
      node_os_upgrade_channel: 'NodeImage',
    });
  });
});
