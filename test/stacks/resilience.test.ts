/** The resilience analysis on the shipped environments' synthesized JSON, and the floors footprint.json exposes. */
import { join } from 'node:path';
import { readSynthOutput } from '../../contract/out';
import { analyzeResilience } from '../../tools/resilience/index';
import { configFixture, runNode } from '../helpers/fixture';

const dir = configFixture([
  { file: 'staging-public.yaml', from: /^rollout:/m, to: 'resilience:\n  minNodesPerStamp: 5\nrollout:' },
]);
// Synthesized at collection time: whether the full-footprint test runs depends on what the stacks contain.
const synth = runNode('main.js', ['--quiet', '--out', 'out'], dir);
if (synth.code !== 0) throw new Error(synth.stderr);
const out = () => readSynthOutput(join(dir, 'out'));

describe('resilience on the shipped environments', () => {
  it('footprint.json exposes the resolved floors (defaults: 2 per pool, 2 per pool per stamp, 1 stamp)', () => {
    const envs = out().footprint.environments;
    expect(envs['prod-public']!.resilience).toEqual({
      minNodesPerPool: 2,
      minNodesPerStamp: 4,
      minServingStamps: 1,
    });
    expect(envs['staging-public']!.resilience).toEqual({
      minNodesPerPool: 2,
      minNodesPerStamp: 5,
      minServingStamps: 1,
    });
    expect(envs['staging-public']!.minNodesFloor).toBe(5);
  });

  it('simulates every zone of every zonal stamp and every region', () => {
    const usgov = analyzeResilience(out(), ['prod-usgov'])[0]!;
    expect(usgov.scenarios.map((s) => s.scenario.id).filter((id) => !id.startsWith('cosmos-write:'))).toEqual(
      [
        'baseline',
        'zone:usgovvirginia:1',
        'zone:usgovvirginia:2',
        'zone:usgovvirginia:3',
        'region:usgovvirginia',
        'region:usgovtexas',
        'region:usgovarizona',
      ],
    );
  });

  it('every shipped prod environment survives every single zone and region loss', () => {
    // The model needs the stamp (AKS) and global (edge, Cosmos) resources: all ship on main, so require them.
    const types = new Set(out().stacks.flatMap((s) => s.resources.map((r) => r.type)));
    for (const t of [
      'azurerm_kubernetes_cluster',
      'azurerm_cosmosdb_account',
      'azurerm_cdn_frontdoor_origin_group',
      'azurerm_traffic_manager_profile',
    ])
      expect([t, types.has(t)]).toEqual([t, true]);
    const prod = analyzeResilience(out()).filter((e) => e.gated);
    expect(prod.map((e) => e.name).sort()).toEqual([
      'prod-china',
      'prod-dod',
      'prod-public',
      'prod-usgov',
      'prod-ussec',
    ]);
    expect(
      prod.map((e) => [e.name, e.spofs, e.scenarios.filter((s) => !s.pass).map((s) => s.failures)]),
    ).toEqual(prod.map((e) => [e.name, [], []]));
  });
});
