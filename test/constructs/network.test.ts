import { stampAddressPlan } from '../../model/address-plan';
import { FRONT_DOOR_BACKEND_TAG, StampNetwork, type StampNetworkProps } from '../../constructs/network';
import { synth } from '../helpers/synth-construct';

const plan = stampAddressPlan('10.1.0.0/20');
const base: StampNetworkProps = {
  resourceGroupName: 'rg',
  location: 'westeurope',
  plan,
  vnetName: 'vnet-x',
  subnetName: (r) => `snet-${r}`,
  nsgName: (r) => `nsg-${r}`,
  ingressSource: FRONT_DOOR_BACKEND_TAG,
  ingressAddress: '20.0.0.1',
  workspaceId: '/subscriptions/s/law',
};
const build = (props: Partial<StampNetworkProps> = {}) =>
  synth((scope) => new StampNetwork(scope, 'net', { ...base, ...props }));

describe('StampNetwork', () => {
  it('creates a subnet per role from the plan, each with its own NSG', () => {
    const s = build();
    expect(s.of('azurerm_subnet').map((x) => x.address_prefixes[0])).toEqual(
      expect.arrayContaining([plan.nodes, plan.privateEndpoints, plan.ingress]),
    );
    const assoc = s.of('azurerm_subnet_network_security_group_association');
    expect(assoc).toHaveLength(3);
    expect(new Set(assoc.map((a) => a.subnet_id)).size).toBe(3);
    expect(new Set(assoc.map((a) => a.network_security_group_id)).size).toBe(3);
    expect(s.of('azurerm_subnet').every((x) => x.default_outbound_access_enabled === false)).toBe(true);
    const pe = s.of('azurerm_subnet').find((x) => x.name === 'snet-privateEndpoints')!;
    expect(pe.private_endpoint_network_policies).toBe('Enabled');
  });

  it.each([FRONT_DOOR_BACKEND_TAG, 'Internet'])('allows inbound 443 only from %s', (source) => {
    const s = build({ ingressSource: source });
    const allows = s
      .of('azurerm_network_security_group')
      .flatMap((n) => n.security_rule)
      .filter(
        (r) =>
          r.direction === 'Inbound' && r.access === 'Allow' && r.source_address_prefix !== 'VirtualNetwork',
      );
    expect(allows).toHaveLength(2);
    for (const r of allows)
      expect(r).toMatchObject({ source_address_prefix: source, destination_port_range: '443' });
    expect(allows.map((r) => r.destination_address_prefix).sort()).toEqual(['20.0.0.1', plan.ingress].sort());
  });

  it('adds VNet flow logs kept at least 90 days only when asked', () => {
    expect(build().of('azurerm_network_watcher_flow_log')).toHaveLength(0);
    const s = build({
      flowLogs: {
        storageAccountName: 'stflow',
        retentionDays: 30,
        workspaceResourceId: '/law',
        workspaceCustomerId: 'guid',
        workspaceRegion: 'westeurope',
      },
    });
    expect(s.one('azurerm_network_watcher_flow_log')).toMatchObject({
      enabled: true,
      network_watcher_name: expect.stringMatching(/^\$\{data\.azurerm_network_watcher\.[^.]+\.name\}$/),
      resource_group_name: expect.stringMatching(
        /^\$\{data\.azurerm_network_watcher\.[^.]+\.resource_group_name\}$/,
      ),
      retention_policy: { enabled: true, days: 90 },
      traffic_analytics: { enabled: true, workspace_id: 'guid' },
    });
    // The watcher is a checked prerequisite (plan fails clearly when missing), never created or assumed.
    const json = s.json as unknown as { data: Record<string, Record<string, Record<string, unknown>>> };
    expect(Object.values(json.data.azurerm_network_watcher!)).toEqual([
      expect.objectContaining({ name: 'NetworkWatcher_westeurope', resource_group_name: 'NetworkWatcherRG' }),
    ]);
    expect(s.of('azurerm_network_watcher')).toEqual([]);
    expect(s.one('azurerm_storage_account')).toMatchObject({
      min_tls_version: 'TLS1_2',
      allow_nested_items_to_be_public: false,
      // Public access off; Network Watcher still writes as a trusted service through the bypass.
      public_network_access_enabled: false,
      network_rules: { default_action: 'Deny', bypass: ['AzureServices'] },
      // Keys stay on for Network Watcher, written out (Checkov CKV2_AZURE_41 fails it absent), SAS bounded.
      shared_access_key_enabled: true,
      sas_policy: { expiration_period: '1.00:00:00', expiration_action: 'Log' },
    });
  });

  it('sends NSG and VNet diagnostics to the workspace', () => {
    const d = build().of('azurerm_monitor_diagnostic_setting');
    expect(d).toHaveLength(4);
    expect(d.every((x) => x.log_analytics_workspace_id === base.workspaceId)).toBe(true);
  });
});
