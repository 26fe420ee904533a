/** simulate() on hand-built models: what serves after a loss, and each floor that fails. */
import type { EnvironmentModel, PoolModel, StampModel } from '../../tools/resilience/model';
import { simulate, type Scenario } from '../../tools/resilience/simulate';

const pool = (name: string, mode: 'System' | 'User', zones: string[], minNodes: number): PoolModel => ({
  address: `s/${name}`,
  name,
  mode,
  workload: mode === 'User',
  zones,
  minNodes,
});

const stamp = (region: string, pools: PoolModel[]): StampModel => ({
  region,
  code: region.slice(0, 3),
  stack: `fx-${region}`,
  zonal: true,
  primary: false,
  zoneIds: ['1', '2', '3'],
  pools,
});

function envModel(stamps: StampModel[], ingressZones: string[] = ['1', '2', '3']): EnvironmentModel {
  return {
    name: 'fx',
    tier: 'prod',
    cloud: 'public',
    globalEntry: 'frontDoor',
    globalStack: 'fx-global',
    floor: { minNodesPerPool: 2, minNodesPerStamp: 4, minServingStamps: 1 },
    stamps,
    originGroups: [
      {
        address: 'g/origins',
        kind: 'frontDoor',
        probe: { protocol: 'Https', path: '/healthz', intervalSeconds: 30 },
        origins: stamps.map((s) => ({
          address: `g/${s.region}`,
          target: s.region,
          enabled: true,
          region: s.region,
          ingress: { address: `${s.stack}/ip`, zones: ingressZones },
        })),
      },
    ],
    cosmos: [],
    notes: [],
  };
}

const zone1: Scenario = { id: 'zone:eastus2:1', kind: 'zone', label: 'zone 1', region: 'eastus2', zone: '1' };
const healthy = () => [
  pool('system', 'System', ['1', '2', '3'], 3),
  pool('apps', 'User', ['1', '2', '3'], 6),
];

describe('simulate', () => {
  it('a stamp with workload nodes but no system node left does not serve', () => {
    const m = envModel([
      stamp('eastus2', [pool('system', 'System', ['1'], 1), pool('apps', 'User', ['1', '2', '3'], 6)]),
    ]);
    const r = simulate(m, zone1);
    expect(r.stamps[0]!.serving).toBe(false);
    expect(r.groups[0]!.servingStamps).toEqual([]);
    expect(r.failures).toEqual([
      'g/origins: 0 serving stamp(s), 1 required',
      's/system: 0 node(s) left, floor 2',
    ]);
  });

  it('a stamp below its node floor fails even while it serves', () => {
    const m = envModel([
      stamp('eastus2', [
        pool('system', 'System', ['1', '2', '3'], 3),
        pool('apps', 'User', ['1', '2', '3'], 2),
      ]),
    ]);
    const r = simulate(m, zone1);
    expect(r.stamps[0]).toMatchObject({ serving: true, nodes: 3, floor: 4 });
    expect(r.failures).toEqual(['eastus2: 3 node(s) left, floor 4', 's/apps: 1 node(s) left, floor 2']);
    expect(r.pass).toBe(false);
  });

  it('passes when every floor holds', () => {
    const r = simulate(envModel([stamp('eastus2', healthy())]), zone1);
    expect(r.failures).toEqual([]);
    expect(r.pass).toBe(true);
    expect(r.minNodesLeft).toBe(6);
  });

  it('an ingress IP in 2 zones survives the loss of one of them; in 1 zone it does not', () => {
    expect(simulate(envModel([stamp('eastus2', healthy())], ['1', '2']), zone1).groups[0]!.serving).toBe(1);
    expect(simulate(envModel([stamp('eastus2', healthy())], ['1']), zone1).groups[0]!.serving).toBe(0);
    expect(simulate(envModel([stamp('eastus2', healthy())], ['2']), zone1).groups[0]!.serving).toBe(1);
  });

  it('does not check the floors of a lost stamp', () => {
    const m = envModel([stamp('eastus2', healthy()), stamp('centralus', healthy())]);
    const r = simulate(m, {
      id: 'region:eastus2',
      kind: 'region',
      label: 'region eastus2',
      region: 'eastus2',
    });
    expect(r.stamps.map((s) => [s.region, s.lost, s.nodes])).toEqual([
      ['eastus2', true, 0],
      ['centralus', false, 9],
    ]);
    expect(r.failures).toEqual([]);
    expect(r.minNodesLeft).toBe(9);
  });
});
