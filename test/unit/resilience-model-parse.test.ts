/**
 * The resilience model read from hand-edited stack JSON: cdktf.out is a file a user may edit, so every attribute
 * can be missing, mistyped or written as a string. Small hand-built stacks, one concern per test.
 */
import type { EnvironmentSummary } from '../../contract/footprint';
import type { JsonObject } from '../../contract/out';
import { environmentModel, type EnvironmentModel } from '../../tools/resilience/model';
import { toSynthOutput } from '../helpers/synth-tree';

interface StampSpec {
  readonly region: string;
  readonly code: string;
  readonly zones: boolean;
  readonly stack: string;
  readonly unit?: number;
}

/** `type -> name -> attributes`, the `resource` object of a stack's Terraform JSON. */
type Resources = Record<string, Record<string, JsonObject>>;

const EUS2: StampSpec = { region: 'eastus2', code: 'eus2', zones: true, stack: 'e-eus2' };
const WUS: StampSpec = { region: 'westus', code: 'wus', zones: false, stack: 'e-wus' };
const FLOOR = { minNodesPerPool: 2, minNodesPerStamp: 4, minServingStamps: 1 };

/** The model of environment `e`: a global stack `e-global` and one stack per stamp, with what each declares. */
function modelOf(
  stacks: Record<string, Resources>,
  stamps: readonly StampSpec[] = [EUS2, WUS],
): EnvironmentModel {
  const env = {
    name: 'e',
    tier: 'prod',
    cloud: 'public',
    globalEntry: 'frontDoor',
    globalStack: 'e-global',
    stacks: ['e-global', ...stamps.map((s) => s.stack)],
    regions: stamps.map((s, i) => ({ ...s, primary: i === 0 })),
    minNodesFloor: FLOOR.minNodesPerStamp,
    resilience: FLOOR,
  } as unknown as EnvironmentSummary;
  const json: Record<string, JsonObject> = {};
  for (const name of env.stacks) json[name] = { resource: stacks[name] ?? {} };
  return environmentModel(
    toSynthOutput({ footprint: { version: 1, clouds: {}, environments: { e: env } }, stacks: json }),
    'e',
  );
}

/** The pools of stamp `e-eus2` declared as `azurerm_kubernetes_cluster_node_pool` resources. */
const nodePools = (pools: Record<string, JsonObject>) =>
  modelOf({ 'e-eus2': { azurerm_kubernetes_cluster_node_pool: pools } }).stamps[0]!.pools;

const ORIGIN_GROUP = '${azurerm_cdn_frontdoor_origin_group.app.id}';
const PROFILE = '${azurerm_traffic_manager_profile.tm.id}';

describe('resilience model: node pools of hand-edited stacks', () => {
  it('reads counts written as whole or decimal numbers, and treats anything else as no count', () => {
    const pools = nodePools({
      auto: { auto_scaling_enabled: 'true', min_count: '12', node_count: 30 },
      decimal: { node_count: '4.75', min_count: 1 },
      prefixed: { node_count: 'x3', min_count: 2 },
      suffixed: { node_count: '3x', min_count: 2 },
      list: { node_count: [3], min_count: 2 },
    });
    // An autoscaled pool keeps min_count; a pool without auto_scaling_enabled is fixed at node_count.
    expect(pools.map((p) => [p.name, p.minNodes])).toEqual([
      ['e-eus2/azurerm_kubernetes_cluster_node_pool.auto', 12],
      ['e-eus2/azurerm_kubernetes_cluster_node_pool.decimal', 4],
      ['e-eus2/azurerm_kubernetes_cluster_node_pool.prefixed', 2],
      ['e-eus2/azurerm_kubernetes_cluster_node_pool.suffixed', 2],
      ['e-eus2/azurerm_kubernetes_cluster_node_pool.list', 2],
    ]);
  });

  it('keeps zones given as strings or numbers once each, sorted, and drops other entries', () => {
    const [pool] = nodePools({ apps: { name: 'apps', zones: ['3', 1, null, true, '1', { zone: 2 }] } });
    expect(pool!.zones).toStrictEqual(['1', '3']);
  });

  it('reserves a System pool for add-ons by only_critical_addons_enabled or a CriticalAddonsOnly taint', () => {
    const pools = nodePools({
      tainted: { name: 'tainted', mode: 'System', node_taints: [null, 'CriticalAddonsOnly=true:NoSchedule'] },
      other: { name: 'other', mode: 'System', node_taints: ['dedicated=batch:NoSchedule'] },
      user: { name: 'user', mode: 'User', node_taints: ['CriticalAddonsOnly=true:NoSchedule'] },
    });
    expect(pools.map((p) => [p.name, p.mode, p.workload])).toEqual([
      ['tainted', 'System', false],
      ['other', 'System', true],
      // A User pool runs application pods whatever its taints say.
      ['user', 'User', true],
    ]);
    const defaults = modelOf({
      'e-eus2': {
        azurerm_kubernetes_cluster: {
          open: { default_node_pool: { name: 'open', node_count: 3 } },
          reserved: { default_node_pool: { name: 'reserved', only_critical_addons_enabled: 'true' } },
        },
      },
    }).stamps[0]!.pools;
    expect(defaults.map((p) => [p.name, p.mode, p.workload])).toEqual([
      ['open', 'System', true],
      ['reserved', 'System', false],
    ]);
  });

  it('gives a cluster without default_node_pool no default pool', () => {
    const m = modelOf({
      'e-eus2': {
        azurerm_kubernetes_cluster: { aks: { name: 'aks' } },
        azurerm_kubernetes_cluster_node_pool: { apps: { name: 'apps', node_count: 3 } },
      },
    });
    expect(m.stamps[0]!.pools.map((p) => p.address)).toEqual([
      'e-eus2/azurerm_kubernetes_cluster_node_pool.apps',
    ]);
  });
});

describe('resilience model: stamps', () => {
  it('counts the units of each region and simulates the zones of zonal regions only', () => {
    const m = modelOf(
      {
        'e-eus2-1': { azurerm_kubernetes_cluster_node_pool: { apps: { zones: ['4', '2'] } } },
        'e-wus': { azurerm_kubernetes_cluster_node_pool: { apps: { zones: ['1'] } } },
      },
      [{ ...EUS2, stack: 'e-eus2-1', unit: 1 }, { ...EUS2, stack: 'e-eus2-2', unit: 2 }, WUS],
    );
    expect(m.stamps.map((s) => [s.stack, s.unit, s.units, s.zoneIds])).toEqual([
      // A zone a pool names beyond the region's three is lost in a scenario of its own.
      ['e-eus2-1', 1, 2, ['1', '2', '3', '4']],
      ['e-eus2-2', 2, 2, ['1', '2', '3']],
      ['e-wus', 1, 1, []],
    ]);
  });
});

describe('resilience model: origins of hand-edited stacks', () => {
  const ips: Resources = {
    // Named after the IP, but not a public IP.
    azurerm_monitor_diagnostic_setting: { pip: { name: 'pip-e-eus2', domain_name_label: 'fp-e-eus2' } },
    azurerm_public_ip: {
      // Before the ingress IP and with neither name nor DNS label: no origin below may land on it.
      bare: {},
      ingress: { name: 'pip-e-eus2', domain_name_label: 'fp-e-eus2', zones: ['1', '2', '3'] },
      egress: { name: 'pip-e-eus2-egress' },
    },
  };

  it('reads Front Door origins of each group, with priority, weight and enabled written as strings', () => {
    const m = modelOf({
      'e-global': {
        azurerm_cdn_frontdoor_origin_group: {
          app: { health_probe: { protocol: 'Https', path: '/healthz' } },
          api: {},
        },
        azurerm_cdn_frontdoor_origin: {
          a: {
            cdn_frontdoor_origin_group_id: ORIGIN_GROUP,
            host_name: 'FP-E-EUS2.eastus2.cloudapp.azure.com',
            priority: '2',
            enabled: 'false',
          },
          b: {
            cdn_frontdoor_origin_group_id: ORIGIN_GROUP,
            host_name: 'origin.westus.example.net',
            weight: 500,
            enabled: 'yes',
          },
          c: { cdn_frontdoor_origin_group_id: ORIGIN_GROUP },
          d: {
            cdn_frontdoor_origin_group_id: '${azurerm_cdn_frontdoor_origin_group.api.id}',
            host_name: 'x.westus.net',
          },
        },
        // A route names the group too, but is not an origin.
        azurerm_cdn_frontdoor_route: { r: { cdn_frontdoor_origin_group_id: ORIGIN_GROUP } },
      },
      // References resolve inside a stack: this stack has no group `app`.
      'e-eus2': {
        ...ips,
        azurerm_cdn_frontdoor_origin: { stray: { cdn_frontdoor_origin_group_id: ORIGIN_GROUP } },
      },
      // A public IP without name or label carries no origin.
      'e-wus': { azurerm_public_ip: { anon: { domain_name_label: 'fp-e-wus' } } },
    });
    const [app, api] = m.originGroups;
    expect(app!.kind).toBe('frontDoor');
    expect(app!.probe).toEqual({ protocol: 'Https', path: '/healthz' });
    expect(app!.origins).toEqual([
      {
        address: 'e-global/azurerm_cdn_frontdoor_origin.a',
        target: 'FP-E-EUS2.eastus2.cloudapp.azure.com',
        enabled: false,
        priority: 2,
        region: 'eastus2',
        stack: 'e-eus2',
        ingress: { address: 'e-eus2/azurerm_public_ip.ingress', zones: ['1', '2', '3'] },
      },
      {
        address: 'e-global/azurerm_cdn_frontdoor_origin.b',
        target: 'origin.westus.example.net',
        enabled: true,
        weight: 500,
        region: 'westus',
        stack: 'e-wus',
      },
      { address: 'e-global/azurerm_cdn_frontdoor_origin.c', target: '', enabled: true },
    ]);
    expect(api!.probe).toBeUndefined();
    expect(api!.origins.map((o) => o.address)).toEqual(['e-global/azurerm_cdn_frontdoor_origin.d']);
    expect(m.notes).toEqual([
      'no azurerm_cosmosdb_account in the synthesized stacks: Cosmos not simulated',
      'e-global/azurerm_cdn_frontdoor_origin.c () points at no stamp of this environment',
    ]);
  });

  it('maps Traffic Manager endpoints by endpoint_location first, then by the target, and IPs by resource id', () => {
    const pip = '/subscriptions/s/resourceGroups/rg-e-eus2/providers/Microsoft.Network/publicIPAddresses';
    const m = modelOf({
      'e-global': {
        azurerm_traffic_manager_profile: {
          tm: { monitor_config: { protocol: 'HTTPS', path: '/healthz', interval_in_seconds: '30' } },
          bare: {},
        },
        azurerm_traffic_manager_external_endpoint: {
          named: { profile_id: PROFILE, target: 'origin-a.example.net', endpoint_location: 'East US 2' },
          unknown: {
            profile_id: PROFILE,
            target: 'fp-e-wus.westus.cloudapp.azure.com',
            endpoint_location: 'Mars',
          },
          untargeted: { profile_id: PROFILE, endpoint_location: 'westus' },
        },
        azurerm_traffic_manager_azure_endpoint: {
          ip: { profile_id: PROFILE, target_resource_id: `${pip}/PIP-E-EUS2` },
          // An extension resource of the IP (its diagnostic settings) is not the IP.
          below: {
            profile_id: PROFILE,
            target_resource_id: `${pip}/pip-e-eus2/providers/Microsoft.Insights/diagnosticSettings/d`,
          },
          none: { profile_id: PROFILE },
        },
      },
      'e-eus2': ips,
    });
    const [tm, bare] = m.originGroups;
    expect(tm!.kind).toBe('trafficManager');
    expect(tm!.probe).toEqual({ protocol: 'HTTPS', path: '/healthz', intervalSeconds: 30 });
    expect(tm!.origins.map((o) => [o.address, o.target, o.region, o.ingress?.address])).toEqual([
      [
        'e-global/azurerm_traffic_manager_external_endpoint.named',
        'origin-a.example.net',
        'eastus2',
        undefined,
      ],
      [
        'e-global/azurerm_traffic_manager_external_endpoint.unknown',
        'fp-e-wus.westus.cloudapp.azure.com',
        'westus',
        undefined,
      ],
      ['e-global/azurerm_traffic_manager_external_endpoint.untargeted', '', 'westus', undefined],
      [
        'e-global/azurerm_traffic_manager_azure_endpoint.ip',
        `${pip}/PIP-E-EUS2`,
        'eastus2',
        'e-eus2/azurerm_public_ip.ingress',
      ],
      [
        'e-global/azurerm_traffic_manager_azure_endpoint.below',
        `${pip}/pip-e-eus2/providers/Microsoft.Insights/diagnosticSettings/d`,
        'eastus2',
        undefined,
      ],
      ['e-global/azurerm_traffic_manager_azure_endpoint.none', '', undefined, undefined],
    ]);
    expect(bare!.probe).toBeUndefined();
    expect(m.notes).toContain(
      'e-global/azurerm_traffic_manager_azure_endpoint.none () points at no stamp of this environment',
    );
  });
});

describe('resilience model: origins of a region with several units', () => {
  it('gives an origin to the unit whose public IP carries its host, else to the first unit', () => {
    const unit = (n: number): Resources => ({
      azurerm_public_ip: { ingress: { name: `pip-${n}`, domain_name_label: `fp-e-eus2-${n}` } },
    });
    const m = modelOf(
      {
        'e-global': {
          azurerm_cdn_frontdoor_origin_group: { app: { health_probe: { protocol: 'Https' } } },
          azurerm_cdn_frontdoor_origin: {
            second: {
              cdn_frontdoor_origin_group_id: ORIGIN_GROUP,
              host_name: 'fp-e-eus2-2.eastus2.cloudapp.azure.com',
            },
            other: { cdn_frontdoor_origin_group_id: ORIGIN_GROUP, host_name: 'app.eastus2.example.net' },
          },
        },
        'e-eus2-1': unit(1),
        'e-eus2-2': unit(2),
      },
      [
        { ...EUS2, stack: 'e-eus2-1', unit: 1 },
        { ...EUS2, stack: 'e-eus2-2', unit: 2 },
      ],
    );
    expect(m.originGroups[0]!.origins.map((o) => [o.address, o.stack, o.ingress?.address])).toEqual([
      ['e-global/azurerm_cdn_frontdoor_origin.second', 'e-eus2-2', 'e-eus2-2/azurerm_public_ip.ingress'],
      ['e-global/azurerm_cdn_frontdoor_origin.other', 'e-eus2-1', undefined],
    ]);
  });
});

describe('resilience model: Cosmos and the environment', () => {
  it('maps Cosmos locations to stamps by normalized name, with false for missing booleans', () => {
    const m = modelOf({
      'e-global': {
        azurerm_cosmosdb_account: {
          db: {
            geo_location: [
              { location: 'East US 2', failover_priority: 1, zone_redundant: 'true' },
              { failover_priority: 2 },
              { location: 'westeurope', failover_priority: 0 },
            ],
          },
        },
      },
    });
    expect(m.cosmos).toEqual([
      {
        address: 'e-global/azurerm_cosmosdb_account.db',
        locations: [
          { region: 'westeurope', failoverPriority: 0, zoneRedundant: false },
          { region: 'eastus2', failoverPriority: 1, zoneRedundant: true, zonal: true },
          { region: '', failoverPriority: 2, zoneRedundant: false },
        ],
        automaticFailover: false,
        multiWrite: false,
      },
    ]);
    expect(m.notes).toEqual([]);
  });

  it('refuses an environment footprint.json does not have', () => {
    const out = toSynthOutput({ footprint: { version: 1, clouds: {}, environments: {} }, stacks: {} });
    expect(() => environmentModel(out, 'nope')).toThrow('environment nope is not in footprint.json');
  });
});
