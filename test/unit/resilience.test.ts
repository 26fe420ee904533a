/** Failure-mode analysis on hand-written synthesized trees: the model, the scenarios and the exact SPOFs. */
import {
  analyzeResilience,
  environmentModel,
  resilienceGate,
  scenariosFor,
  simulate,
  singlePointsOfFailure,
  type EnvironmentResilience,
} from '../../tools/resilience/index';
import { res, removeResource, synthTree, toSynthOutput, ZONAL3, type Tree } from '../helpers/synth-tree';

const ENV = 'prod-fx';
const model = (tree: Tree, env = ENV) => environmentModel(toSynthOutput(tree), env);
const spofIds = (tree: Tree, env = ENV) => singlePointsOfFailure(model(tree, env)).map((s) => s.id);
const analyze = (tree: Tree) => analyzeResilience(toSynthOutput(tree))[0]!;
const scenario = (r: EnvironmentResilience, id: string) => {
  const s = r.scenarios.find((x) => x.scenario.id === id);
  if (!s) throw new Error(`no scenario ${id}: ${r.scenarios.map((x) => x.scenario.id).join(', ')}`);
  return s;
};
const failing = (r: EnvironmentResilience) => r.scenarios.filter((s) => !s.pass).map((s) => s.scenario.id);

describe('resilience model', () => {
  it('reads stamps, pools, origins with their stamp and ingress IP, and Cosmos locations by priority', () => {
    const tree = synthTree({ name: ENV, regions: ZONAL3 });
    res(tree, `${ENV}-global`, 'azurerm_cosmosdb_account', 'account').geo_location = [
      { location: 'westus', failover_priority: 2, zone_redundant: false },
      { location: 'eastus2', failover_priority: 0, zone_redundant: true },
      { location: 'centralus', failover_priority: 1, zone_redundant: true },
    ];
    const m = model(tree);
    expect(m.stamps.map((s) => [s.region, s.zonal, s.zoneIds])).toEqual([
      ['eastus2', true, ['1', '2', '3']],
      ['centralus', true, ['1', '2', '3']],
      ['westus', false, []],
    ]);
    expect(m.stamps[0]!.pools).toEqual([
      {
        address: `${ENV}-eastus2/azurerm_kubernetes_cluster.aks#default_node_pool`,
        name: 'system',
        mode: 'System',
        workload: false,
        zones: ['1', '2', '3'],
        minNodes: 3,
      },
      {
        address: `${ENV}-eastus2/azurerm_kubernetes_cluster_node_pool.apps`,
        name: 'apps',
        mode: 'User',
        workload: true,
        zones: ['1', '2', '3'],
        minNodes: 3,
      },
    ]);
    expect(m.originGroups).toHaveLength(1);
    const g = m.originGroups[0]!;
    expect(g.probe).toEqual({ protocol: 'Https', path: '/healthz', intervalSeconds: 30 });
    expect(g.origins.map((o) => [o.region, o.ingress?.address, o.ingress?.zones])).toEqual([
      ['eastus2', `${ENV}-eastus2/azurerm_public_ip.ingress`, ['1', '2', '3']],
      ['centralus', `${ENV}-centralus/azurerm_public_ip.ingress`, ['1', '2', '3']],
      ['westus', `${ENV}-westus/azurerm_public_ip.ingress`, []],
    ]);
    expect(m.cosmos[0]!.locations.map((l) => [l.region, l.zonal])).toEqual([
      ['eastus2', true],
      ['centralus', true],
      ['westus', false],
    ]);
    expect(m.floor).toEqual({ minNodesPerPool: 2, minNodesPerStamp: 4, minServingStamps: 1 });
    expect(m.notes).toEqual([]);
  });

  it('accepts repeatable-block shapes as lists and node_count for fixed-size pools', () => {
    const tree = synthTree({ name: ENV, regions: ZONAL3 });
    const g = res(tree, `${ENV}-global`, 'azurerm_cdn_frontdoor_origin_group', 'app');
    g.health_probe = [g.health_probe!];
    const apps = res(tree, `${ENV}-westus`, 'azurerm_kubernetes_cluster_node_pool', 'apps');
    apps.auto_scaling_enabled = false;
    apps.node_count = 5;
    const m = model(tree);
    expect(m.originGroups[0]!.probe?.path).toBe('/healthz');
    expect(m.stamps[2]!.pools[1]!.minNodes).toBe(5);
  });

  it('reads numbers and booleans written as strings, numeric zones, and falls back on anything else', () => {
    const tree = synthTree({ name: ENV, regions: ZONAL3 });
    const apps = res(tree, `${ENV}-eastus2`, 'azurerm_kubernetes_cluster_node_pool', 'apps');
    apps.auto_scaling_enabled = 'true';
    apps.min_count = '3';
    apps.zones = [2, 1, 2];
    apps.mode = 'User';
    const fixed = res(tree, `${ENV}-centralus`, 'azurerm_kubernetes_cluster_node_pool', 'apps');
    fixed.auto_scaling_enabled = 'false';
    fixed.node_count = '4.5';
    const odd = res(tree, `${ENV}-westus`, 'azurerm_kubernetes_cluster_node_pool', 'apps');
    odd.auto_scaling_enabled = 'yes';
    odd.node_count = 'many';
    odd.min_count = 'few';
    odd.mode = 'Other';
    const m = model(tree);
    expect(m.stamps[0]!.pools[1]).toMatchObject({
      minNodes: 3,
      zones: ['1', '2'],
      mode: 'User',
      workload: true,
    });
    expect(m.stamps[1]!.pools[1]!.minNodes).toBe(4);
    // 'yes' is not a boolean: not autoscaling; neither count is a number: 0; an unknown mode: the pool's default.
    expect(m.stamps[2]!.pools[1]).toMatchObject({ minNodes: 0, mode: 'User' });
  });

  it('maps Traffic Manager endpoints to stamps by endpoint_location', () => {
    const tree = synthTree({ name: ENV, regions: ZONAL3, entry: 'trafficManager' });
    for (const r of ZONAL3) {
      const e = res(tree, `${ENV}-global`, 'azurerm_traffic_manager_external_endpoint', r.code);
      e.target = `origin-${r.code}.example.net`;
      e.endpoint_location = r.region === 'eastus2' ? 'East US 2' : r.region;
    }
    const m = model(tree);
    expect(m.originGroups.map((g) => [g.kind, g.probe?.protocol])).toEqual([['trafficManager', 'HTTPS']]);
    expect(m.originGroups[0]!.origins.map((o) => o.region)).toEqual(['eastus2', 'centralus', 'westus']);
  });
});

describe('resilience scenarios', () => {
  it('a zonal 3-region environment survives every zone, region and Cosmos write-region loss', () => {
    const r = analyze(synthTree({ name: ENV, regions: ZONAL3 }));
    expect(r.scenarios.map((s) => s.scenario.id)).toEqual([
      'baseline',
      'zone:eastus2:1',
      'zone:eastus2:2',
      'zone:eastus2:3',
      'zone:centralus:1',
      'zone:centralus:2',
      'zone:centralus:3',
      'region:eastus2',
      'region:centralus',
      'region:westus',
      'cosmos-write:eastus2',
    ]);
    expect(failing(r)).toEqual([]);
    expect(r.spofs).toEqual([]);
    expect(r.pass).toBe(true);

    const zone = scenario(r, 'zone:eastus2:2');
    expect(zone.stamps[0]!.pools.map((p) => p.nodes)).toEqual([2, 2]); // 3 over 3 zones: one zone's node lost
    expect(zone.minNodesLeft).toBe(4);
    expect(zone.groups[0]!.servingStamps).toEqual(['eastus2', 'centralus', 'westus']);

    const region = scenario(r, 'region:eastus2');
    expect(region.groups[0]).toMatchObject({ total: 3, serving: 2, servingStamps: ['centralus', 'westus'] });
    expect(region.cosmos).toEqual([
      {
        address: `${ENV}-global/azurerm_cosmosdb_account.account`,
        readable: true,
        writable: true,
        writeRegions: ['centralus', 'westus'],
      },
    ]);
  });

  it('single-write Cosmos fails over to the next priority only with automatic failover', () => {
    const tree = synthTree({ name: ENV, regions: ZONAL3 });
    const acct = res(tree, `${ENV}-global`, 'azurerm_cosmosdb_account', 'account');
    acct.multiple_write_locations_enabled = false;
    let r = analyze(tree);
    expect(scenario(r, 'baseline').cosmos![0]!.writeRegions).toEqual(['eastus2']);
    expect(scenario(r, 'cosmos-write:eastus2').cosmos![0]!.writeRegions).toEqual(['centralus']);
    expect(r.pass).toBe(true);

    acct.automatic_failover_enabled = false;
    r = analyze(tree);
    expect(scenario(r, 'cosmos-write:eastus2').cosmos![0]).toMatchObject({ readable: true, writable: false });
    expect(failing(r)).toEqual(['region:eastus2', 'cosmos-write:eastus2']);
    expect(r.spofs.map((s) => s.id)).toEqual(['SPOF_COSMOS_NO_FAILOVER']);
  });

  it('a pool spread over two zones loses the larger share', () => {
    const tree = synthTree({ name: ENV, regions: ZONAL3 });
    const apps = res(tree, `${ENV}-eastus2`, 'azurerm_kubernetes_cluster_node_pool', 'apps');
    apps.zones = ['1', '2'];
    apps.min_count = 5;
    const m = model(tree);
    const sc = (id: string) => scenariosFor(m).find((s) => s.id === id)!;
    const apps1 = (id: string) => simulate(m, sc(id)).stamps[0]!.pools[1]!.nodes;
    expect([apps1('zone:eastus2:1'), apps1('zone:eastus2:2'), apps1('zone:eastus2:3')]).toEqual([2, 2, 5]);
  });
});

describe('single points of failure', () => {
  it('one region (zonal): the region, the origin group and Cosmos', () => {
    const tree = synthTree({ name: ENV, regions: ZONAL3.slice(0, 1) });
    expect(spofIds(tree)).toEqual(['SPOF_SINGLE_ORIGIN', 'SPOF_SINGLE_REGION', 'SPOF_COSMOS_SINGLE_REGION']);
    const r = analyze(tree);
    expect(failing(r)).toEqual(['region:eastus2', 'cosmos-write:eastus2']);
    expect(scenario(r, 'region:eastus2').failures).toEqual([
      `${ENV}-global/azurerm_cdn_frontdoor_origin_group.app: 0 serving stamp(s), 1 required`,
      `${ENV}-global/azurerm_cosmosdb_account.account: no readable region`,
    ]);
  });

  it('each SPOF says what is single and where', () => {
    const msgs = (tree: Tree) => singlePointsOfFailure(model(tree)).map((s) => s.message);
    const g = `${ENV}-global/azurerm_cdn_frontdoor_origin_group.app`;
    const acct = `${ENV}-global/azurerm_cosmosdb_account.account`;
    expect(msgs(synthTree({ name: ENV, regions: ZONAL3.slice(0, 1) }))).toEqual([
      `${g}: every enabled origin (1) points at eastus2`,
      `${ENV}-eastus2 is the only stamp: losing eastus2 is an outage`,
      `${acct} has one location (eastus2)`,
    ]);
    expect(msgs(synthTree({ name: ENV, regions: ZONAL3.slice(2) }))[1]).toBe(
      `${ENV}-westus is the only stamp, in westus without availability zones`,
    );
    const noProbe = synthTree({ name: ENV, regions: ZONAL3 });
    delete res(noProbe, `${ENV}-global`, 'azurerm_cdn_frontdoor_origin_group', 'app').health_probe;
    expect(msgs(noProbe)).toEqual([
      `${g} has no health probe: eastus2, centralus, westus stay in rotation when they fail`,
    ]);
    const t = synthTree({ name: ENV, regions: ZONAL3 });
    res(t, `${ENV}-centralus`, 'azurerm_public_ip', 'ingress').zones = ['2'];
    const a = res(t, `${ENV}-global`, 'azurerm_cosmosdb_account', 'account');
    (a.geo_location as { zone_redundant: boolean }[])[1]!.zone_redundant = false;
    a.multiple_write_locations_enabled = false;
    a.automatic_failover_enabled = false;
    expect(msgs(t)).toEqual([
      `${acct} writes only in eastus2 and has neither automatic failover nor multi-region writes`,
      "origin public IP in centralus has only zone 2: one zone loss takes the stamp's ingress",
      'Cosmos location centralus is not zone_redundant in a region with availability zones',
    ]);
  });

  it('one region without availability zones: a single non-zonal stamp', () => {
    const tree = synthTree({ name: ENV, regions: ZONAL3.slice(2) });
    expect(spofIds(tree)).toEqual([
      'SPOF_SINGLE_ORIGIN',
      'SPOF_SINGLE_NONZONAL_STAMP',
      'SPOF_COSMOS_SINGLE_REGION',
    ]);
  });

  it('no probe: exactly SPOF_NO_PROBE, and nothing serves safely even without a loss', () => {
    const tree = synthTree({ name: ENV, regions: ZONAL3 });
    delete res(tree, `${ENV}-global`, 'azurerm_cdn_frontdoor_origin_group', 'app').health_probe;
    expect(spofIds(tree)).toEqual(['SPOF_NO_PROBE']);
    const r = analyze(tree);
    expect(scenario(r, 'baseline').groups[0]).toMatchObject({ probed: false, serving: 0 });
    expect(r.pass).toBe(false);
  });

  it('no Traffic Manager monitor: exactly SPOF_NO_PROBE', () => {
    const tree = synthTree({ name: ENV, regions: ZONAL3, entry: 'trafficManager' });
    expect(analyze(tree).pass).toBe(true);
    delete res(tree, `${ENV}-global`, 'azurerm_traffic_manager_profile', 'entry').monitor_config;
    expect(spofIds(tree)).toEqual(['SPOF_NO_PROBE']);
  });

  it('Cosmos in one region: exactly SPOF_COSMOS_SINGLE_REGION, and losing that region stops reads', () => {
    const tree = synthTree({ name: ENV, regions: ZONAL3 });
    const acct = res(tree, `${ENV}-global`, 'azurerm_cosmosdb_account', 'account');
    acct.geo_location = [{ location: 'centralus', failover_priority: 0, zone_redundant: true }];
    expect(spofIds(tree)).toEqual(['SPOF_COSMOS_SINGLE_REGION']);
    const r = analyze(tree);
    expect(failing(r)).toEqual(['region:centralus', 'cosmos-write:centralus']);
    expect(scenario(r, 'region:centralus').cosmos![0]).toMatchObject({ readable: false, writable: false });
  });

  it('zones missing in an AZ region: the pool, the origin IP and the Cosmos location, each once', () => {
    const tree = synthTree({ name: ENV, regions: ZONAL3 });
    delete res(tree, `${ENV}-eastus2`, 'azurerm_kubernetes_cluster_node_pool', 'apps').zones;
    expect(singlePointsOfFailure(model(tree))).toEqual([
      {
        id: 'SPOF_ZONES_MISSING',
        subject: `${ENV}-eastus2/azurerm_kubernetes_cluster_node_pool.apps`,
        message: 'pool apps in eastus2 has no zones: one zone loss takes all its nodes',
      },
    ]);
    const r = analyze(tree);
    expect(failing(r)).toEqual(['zone:eastus2:1', 'zone:eastus2:2', 'zone:eastus2:3']);
    expect(scenario(r, 'zone:eastus2:1').stamps[0]).toMatchObject({ nodes: 2, serving: false });
    expect(scenario(r, 'zone:eastus2:1').groups[0]!.servingStamps).toEqual(['centralus', 'westus']);

    res(tree, `${ENV}-centralus`, 'azurerm_public_ip', 'ingress').zones = ['2'];
    const acct = res(tree, `${ENV}-global`, 'azurerm_cosmosdb_account', 'account');
    (acct.geo_location as { zone_redundant: boolean }[])[1]!.zone_redundant = false;
    expect(singlePointsOfFailure(model(tree)).map((s) => s.subject)).toEqual([
      `${ENV}-centralus/azurerm_public_ip.ingress`,
      `${ENV}-eastus2/azurerm_kubernetes_cluster_node_pool.apps`,
      `${ENV}-global/azurerm_cosmosdb_account.account#geo_location[centralus]`,
    ]);
    const r2 = analyze(tree);
    expect(scenario(r2, 'zone:centralus:2').groups[0]!.servingStamps).toEqual(['eastus2', 'westus']);
    expect(scenario(r2, 'zone:centralus:1').groups[0]!.servingStamps).toEqual([
      'eastus2',
      'centralus',
      'westus',
    ]);
    expect(scenario(r2, 'zone:centralus:1').cosmos![0]!.writeRegions).toEqual(['eastus2', 'westus']);
  });

  it('a pool whose minimum falls below the floor after a zone loss', () => {
    const tree = synthTree({ name: ENV, regions: ZONAL3 });
    res(tree, `${ENV}-centralus`, 'azurerm_kubernetes_cluster_node_pool', 'apps').min_count = 2;
    expect(singlePointsOfFailure(model(tree))).toEqual([
      {
        id: 'SPOF_POOL_BELOW_FLOOR',
        subject: `${ENV}-centralus/azurerm_kubernetes_cluster_node_pool.apps`,
        message: 'pool apps in centralus keeps 1 node(s) (min 2 over 3 zone(s)), floor 2',
      },
    ]);
    expect(failing(analyze(tree))).toEqual(['zone:centralus:1', 'zone:centralus:2', 'zone:centralus:3']);
  });

  it('a stamp floor above what its pools keep names the stamps', () => {
    const tree = synthTree({ name: ENV, regions: ZONAL3, floor: { minNodesPerStamp: 5 } });
    expect(singlePointsOfFailure(model(tree)).map((s) => [s.id, s.subject])).toEqual([
      ['SPOF_STAMP_BELOW_FLOOR', `${ENV}-centralus`],
      ['SPOF_STAMP_BELOW_FLOOR', `${ENV}-eastus2`],
    ]);
  });

  it('a stamp without a cluster and an environment without a global entry', () => {
    const tree = synthTree({ name: ENV, regions: ZONAL3 });
    removeResource(tree, `${ENV}-westus`, 'azurerm_kubernetes_cluster', 'aks');
    removeResource(tree, `${ENV}-westus`, 'azurerm_kubernetes_cluster_node_pool', 'apps');
    removeResource(tree, `${ENV}-global`, 'azurerm_cdn_frontdoor_origin_group', 'app');
    expect(spofIds(tree)).toEqual(['SPOF_NO_GLOBAL_ENTRY', 'SPOF_STAMP_BELOW_FLOOR']);
    expect(singlePointsOfFailure(model(tree))[1]!.message).toBe(`${ENV}-westus declares no AKS node pool`);
    expect(scenario(analyze(tree), 'baseline').failures).toContain(
      'no global entry (origin group or Traffic Manager profile)',
    );
  });

  it('minServingStamps above what a region loss leaves', () => {
    const tree = synthTree({ name: ENV, regions: ZONAL3.slice(0, 2), floor: { minServingStamps: 2 } });
    expect(spofIds(tree)).toEqual(['SPOF_TOO_FEW_STAMPS']);
    expect(singlePointsOfFailure(model(tree))[0]!.message).toMatch(/^2 stamps: losing one leaves 1, /);
    // Exactly what a loss leaves is enough; two zones are enough for a pool and an ingress IP.
    const enough = synthTree({ name: ENV, regions: ZONAL3, floor: { minServingStamps: 2 } });
    const apps = res(enough, `${ENV}-eastus2`, 'azurerm_kubernetes_cluster_node_pool', 'apps');
    apps.zones = ['1', '2'];
    apps.min_count = 6;
    res(enough, `${ENV}-eastus2`, 'azurerm_public_ip', 'ingress').zones = ['1', '2'];
    expect(spofIds(enough)).toEqual([]);
  });
});

describe('the gate', () => {
  it('holds prod environments only', () => {
    const tree = synthTree(
      { name: ENV, regions: ZONAL3 },
      { name: 'dev-fx', tier: 'dev', regions: ZONAL3.slice(0, 1) },
    );
    const results = analyzeResilience(toSynthOutput(tree));
    expect(results.map((r) => [r.name, r.gated, r.pass])).toEqual([
      [ENV, true, true],
      ['dev-fx', false, false],
    ]);
    expect(resilienceGate(results)).toBe(true);
    delete res(tree, `${ENV}-global`, 'azurerm_cdn_frontdoor_origin_group', 'app').health_probe;
    expect(resilienceGate(analyzeResilience(toSynthOutput(tree)))).toBe(false);
    expect(resilienceGate(analyzeResilience(toSynthOutput(tree), ['dev-fx']))).toBe(true);
  });
});
