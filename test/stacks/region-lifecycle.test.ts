/**
 * Adding regions without paging, for every shipped prod environment: a first deployment (every region new) and
 * a region added to a running environment. The global stack applies the new origins or endpoints disabled, each
 * stamp is deployed in its wave, and the plan ends with the step that enables them; no origin of a new region
 * is enabled in any wave before its stamp's.
 */
import { Testing } from 'cdktf';
import type { FootprintManifest } from '../../contract/footprint';
import { Footprint } from '../../stacks/footprint';
import { footprintManifest } from '../../stacks/manifest';
import { checkPlan, planRollout, type EnvironmentPlan } from '../../tools/rollout/plan';
import { renderText } from '../../tools/rollout/render';
import { display, waveCommands } from '../../tools/rollout/execute';
import { retirements } from '../../contract/retired';
import { configFixture, type Edit } from '../helpers/fixture';
import { loadFrom } from '../helpers/load';
import { SHIPPED_ENVIRONMENTS } from '../helpers/synth-env';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const PRODS = SHIPPED_ENVIRONMENTS.filter((n) => n.startsWith('prod-'));

/** Synthesizes one environment of an edited config: its footprint summary and global stack JSON. */
function build(name: string, edits: Edit[]) {
  const loaded = loadFrom(configFixture(edits, [name]));
  if (loaded.errors.length) throw new Error(JSON.stringify(loaded.errors));
  const env = loaded.environments[0]!;
  const fp = new Footprint(Testing.app({ stackTraces: false }), env);
  const global = JSON.parse(Testing.synth(fp.global)) as { resource: Record<string, Record<string, Body>> };
  // footprint.json's prerequisites are read from each stack's synthesized JSON.
  for (const s of fp.stamps) Testing.synth(s);
  const footprint: FootprintManifest = footprintManifest([fp], loaded.clouds);
  const deps = Object.fromEntries([
    [fp.global.node.id, []],
    ...fp.stamps.map((s) => [s.node.id, [fp.global.node.id]]),
  ]);
  const plan = planRollout(footprint, deps);
  expect(checkPlan(plan, footprint, deps)).toEqual([]);
  return { env, footprint, global, plan: plan.environments[0]!, deps };
}

/** Region → enabled flag of its origin (Front Door) or endpoint (Traffic Manager) in the global stack. */
function entryEnabled(global: { resource: Record<string, Record<string, Body>> }): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const o of Object.values(global.resource.azurerm_cdn_frontdoor_origin ?? {}))
    out.set(String(o.name).replace(/^origin-/, ''), o.enabled);
  for (const e of Object.values(global.resource.azurerm_traffic_manager_external_endpoint ?? {}))
    out.set(String(e.name), e.enabled);
  return out;
}

/** The wave that deploys each region's stamp, and the global stack's (first) wave. */
function wavesOf(plan: EnvironmentPlan, globalStack: string) {
  const global = plan.waves.find((w) => w.stacks.includes(globalStack))!.index;
  const stamp = new Map(plan.waves.flatMap((w) => w.regions.map((r) => [r, w.index] as const)));
  return { global, stamp };
}

/** Per prod environment: the config before (the region drained) and after its removal. */
const second = (file: string): Edit[] => [
  {
    file,
    from: /( {2}- name: \S+\n {4}addressSpace: \S+\n {2}- name: \S+\n {4}addressSpace: \S+\n)/,
    to: '$1    serving: false\n',
  },
];
const dropSecond = (file: string): Edit[] => [
  {
    file,
    from: /( {2}- name: \S+\n {4}addressSpace: \S+\n) {2}- name: \S+\n {4}addressSpace: \S+\n/,
    to: '$1',
  },
];
type Removal = { before: Edit[]; after: Edit[]; gone: string } | { rejected: Edit[] };
const REMOVALS: Record<string, Removal> = {
  'prod-public': {
    before: second('prod-public.yaml'),
    after: dropSecond('prod-public.yaml'),
    gone: 'westus3',
  },
  'prod-usgov': {
    before: second('prod-usgov.yaml'),
    after: dropSecond('prod-usgov.yaml'),
    gone: 'usgovtexas',
  },
  // Two regions: a third (chinanorth2) is added, then retired.
  'prod-china': {
    before: [
      {
        file: 'prod-china.yaml',
        from: '    addressSpace: 10.60.16.0/20\n',
        to: '    addressSpace: 10.60.16.0/20\n  - name: chinanorth2\n    addressSpace: 10.60.32.0/20\n    serving: false\n',
      },
    ],
    after: [],
    gone: 'chinanorth2',
  },
  // The only two DoD regions, and USSec's only two: a prod environment cannot lose one.
  'prod-dod': { rejected: dropSecond('prod-dod.yaml') },
  'prod-ussec': { rejected: dropSecond('prod-ussec.yaml') },
};

describe.each(PRODS)('%s', (name) => {
  const file = `${name}.yaml`;
  const allNew: Edit[] = [{ file, from: /( {4}addressSpace: \S+\n)/g, to: '$1    serving: false\n' }];
  // The second region of the file is the one being added.
  const secondNew: Edit[] = [
    {
      file,
      from: /( {2}- name: \S+\n {4}addressSpace: \S+\n {2}- name: \S+\n {4}addressSpace: \S+\n)/,
      to: '$1    serving: false\n',
    },
  ];

  it('a first deployment: every origin applied disabled, stamps in waves, then the enabling step', () => {
    const { env, global, plan } = build(name, allNew);
    const enabled = entryEnabled(global);
    expect([...enabled.keys()].sort()).toEqual(env.stamps.map((s) => s.id).sort());
    // Wave 0 enables no origin: none before its stamp's wave.
    expect([...enabled.values()].every((v) => v === false)).toBe(true);
    const { global: g, stamp } = wavesOf(plan, env.globalStackName);
    for (const s of env.stamps) expect(stamp.get(s.region)!).toBeGreaterThan(g);
    expect(plan.waves[g]!.notes?.[0]).toMatch(/applied disabled \(serving: false\)/);
    expect(plan.enable?.regions.sort()).toEqual(env.regionStamps.map((s) => s.region).sort());
    expect(plan.enable?.instructions.join('\n')).toContain(`environments/${name}.yaml`);
    // Nothing serves yet: the global availability test (where the cloud has one) does not run either.
    for (const t of Object.values(global.resource.azurerm_application_insights_standard_web_test ?? {}))
      expect(t.enabled).toBe(false);
  });

  it('a region removed: drained first, then the global change, then its stamp destroyed (only then)', () => {
    const c = REMOVALS[name]!;
    if ('rejected' in c) {
      // Two regions only and no spare one in the cloud: removing one is refused before any plan exists.
      const loaded = loadFrom(configFixture(c.rejected, [name]));
      expect(loaded.errors.map((e) => e.message)).toContain('a prod environment needs at least 2 regions');
      return;
    }
    const drained = build(name, c.before);
    const after = build(name, c.after);
    const gone = c.gone;
    expect(drained.env.stamps.find((s) => s.region === gone)?.serving).toBe(false);
    // The global change drops the origin (or endpoint) and the Cosmos DB region.
    expect(entryEnabled(drained.global).get(gone)).toBe(false);
    expect(entryEnabled(after.global).has(gone)).toBe(false);
    const geo = Object.values(after.global.resource.azurerm_cosmosdb_account!)[0]!.geo_location as Body[];
    expect(geo.map((g) => g.location)).not.toContain(gone);
    const retired = retirements(drained.footprint, '/nowhere', [
      { name, regions: after.env.stamps.map((s) => s.region) },
    ]).get(name)!;
    expect(retired).toEqual([
      expect.objectContaining({
        region: gone,
        stack: `${name}-${gone}`,
        dir: `retired/${name}-${gone}`,
        servingBefore: false,
      }),
    ]);
    const footprint = structuredClone(after.footprint);
    footprint.environments[name]!.retired = retired.map(({ from: _from, ...r }) => r);
    const plan = planRollout(footprint, after.deps).environments[0]!;
    expect(checkPlan({ environments: [plan] }, footprint, after.deps)).toEqual([]);
    const last = plan.waves[plan.waves.length - 1]!;
    expect(last).toMatchObject({ kind: 'destroy', stacks: [`${name}-${gone}`], bakeMinutesAfter: 0 });
    // The global change is wave 0; the wave before the destruction bakes.
    expect(plan.waves[0]!.notes?.[0]).toMatch(new RegExp(`removes the .* of ${gone} \\(drained`));
    expect(plan.waves[plan.waves.length - 2]!.bakeMinutesAfter).toBeGreaterThan(0);
    const cmds = waveCommands(last, after.deps, {
      engine: 'cdktf',
      outDir: 'cdktf.out',
      workingDirs: {},
    }).map(display);
    expect(cmds).toEqual([
      `terraform -chdir=cdktf.out/retired/${name}-${gone} init -input=false`,
      `terraform -chdir=cdktf.out/retired/${name}-${gone} destroy -input=false -auto-approve`,
    ]);
    // Removed while still serving: no plan at all, drain first.
    footprint.environments[name]!.retired = [
      { ...footprint.environments[name]!.retired![0]!, servingBefore: true },
    ];
    expect(() => planRollout(footprint, after.deps)).toThrow(/removed while still serving; drain first/);
  });

  it('a region added: only its origin is disabled, its stamp deploys after the global wave, then it is enabled', () => {
    const { env, global, plan } = build(name, secondNew);
    const added = env.stamps[1]!.region;
    const enabled = entryEnabled(global);
    for (const s of env.stamps) expect(enabled.get(s.region)).toBe(s.region !== added);
    const { global: g, stamp } = wavesOf(plan, env.globalStackName);
    expect(stamp.get(added)!).toBeGreaterThan(g);
    expect(plan.enable).toMatchObject({ regions: [added], stack: env.globalStackName });
    const wave = plan.waves.find((w) => w.regions.includes(added))!;
    expect(wave.notes).toEqual([
      `${added} is deployed without traffic; check its health probe before enabling it`,
    ]);
    for (const t of Object.values(global.resource.azurerm_application_insights_standard_web_test ?? {}))
      expect(t.enabled).toBe(true);
  });
});

describe('prod-public with a new region', () => {
  it('adds westus2 disabled and prints the extra step', () => {
    const { footprint, deps, global } = build('prod-public', [
      {
        file: 'prod-public.yaml',
        from: '    units: 2\n',
        to: '    units: 2\n  - name: westus2\n    addressSpace: 10.30.64.0/20\n    serving: false\n',
      },
    ]);
    expect(entryEnabled(global).get('westus2')).toBe(false);
    expect(entryEnabled(global).get('eastus2')).toBe(true);
    const plan = planRollout(footprint, deps);
    const text = renderText(plan, {
      footprint,
      deps,
      engine: { engine: 'cdktf', outDir: 'cdktf.out', workingDirs: {} },
    });
    expect(text).toMatch(
      /wave 0 global +prod-public-global\n +note: the Front Door origin of westus2 is applied disabled \(serving: false\)/,
    );
    expect(text).toMatch(/prod-public-westus2 \(westus2\)\n +note: westus2 is deployed without traffic/);
    expect(text).toMatch(
      /then +enable +westus2 \(not serving yet; not run by --execute\)\n +after the last wave/,
    );
  });
});
