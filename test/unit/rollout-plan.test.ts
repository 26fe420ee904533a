/** The rollout planner on hand-made footprints: pairs, canary choice, dependencies, ordering, bad input. */
import type { EnvironmentSummary, FootprintManifest, RegionSummary } from '../../contract/footprint';
import {
  checkPlan,
  orderEnvironments,
  PlanError,
  planEnvironment,
  planRollout,
} from '../../tools/rollout/plan';

interface RegionSpec {
  readonly region: string;
  readonly pair?: string;
}

/** An environment summary with only what the planner reads; the first region is the primary. */
function env(
  name: string,
  regions: readonly RegionSpec[],
  rollout: EnvironmentSummary['rollout'] = { bakeMinutes: 15 },
  tier: EnvironmentSummary['tier'] = 'prod',
): EnvironmentSummary {
  const rs: RegionSummary[] = regions.map((r, index) => ({
    region: r.region,
    code: r.region.slice(0, 3),
    zones: true,
    ...(r.pair ? { pair: r.pair } : {}),
    addressSpace: `10.${index}.0.0/20`,
    index,
    primary: index === 0,
    stack: `${name}-${r.region}`,
  }));
  return {
    name,
    tier,
    cloud: 'test',
    globalStack: `${name}-global`,
    stacks: [`${name}-global`, ...rs.map((r) => r.stack)],
    regions: rs,
    rollout,
  } as unknown as EnvironmentSummary;
}

/** Stamps depend on the global stack, as the shipped app declares. */
function stampDeps(...envs: EnvironmentSummary[]): Record<string, string[]> {
  const deps: Record<string, string[]> = {};
  for (const e of envs) {
    deps[e.globalStack] = [];
    for (const r of e.regions) deps[r.stack] = [e.globalStack];
  }
  return deps;
}

function footprint(...envs: EnvironmentSummary[]): FootprintManifest {
  return { version: 1, clouds: {}, environments: Object.fromEntries(envs.map((e) => [e.name, e])) };
}

const regionsOf = (plan: ReturnType<typeof planEnvironment>) => plan.waves.map((w) => w.regions);

describe('rollout planner', () => {
  it('puts the global stack first, then the last non-primary region alone, then the rest', () => {
    const e = env('p', [{ region: 'a' }, { region: 'b' }, { region: 'c' }, { region: 'd' }]);
    const plan = planEnvironment(e, stampDeps(e));
    expect(plan.waves.map((w) => w.stacks)).toEqual([['p-global'], ['p-d'], ['p-b', 'p-c', 'p-a']]);
    expect(plan.waves.map((w) => w.kind)).toEqual(['global', 'canary', 'regions']);
    expect(plan.canary).toMatchObject({ region: 'd', stack: 'p-d' });
    expect(plan.canary.reason).toMatch(/last non-primary/);
  });

  it('separates a region from its pair, whichever side states it', () => {
    // a-b stated on a only, c-d stated on d only: both pairs must split.
    const e = env('p', [
      { region: 'a', pair: 'b' },
      { region: 'b' },
      { region: 'c' },
      { region: 'd', pair: 'c' },
    ]);
    const plan = planEnvironment(e, stampDeps(e));
    expect(regionsOf(plan)).toEqual([[], ['d'], ['b', 'c'], ['a']]);
    expect(checkPlan({ environments: [plan] }, footprint(e), stampDeps(e))).toEqual([]);
  });

  it('needs a wave per region when every region is paired with every other (a chain closed into a triangle)', () => {
    const e = env('tri', [
      { region: 'a', pair: 'b' },
      { region: 'b', pair: 'c' },
      { region: 'c', pair: 'a' },
    ]);
    const plan = planEnvironment(e, stampDeps(e));
    expect(regionsOf(plan)).toEqual([[], ['c'], ['b'], ['a']]);
  });

  it('handles a chain where the middle region is paired with both ends', () => {
    // Like US Gov: virginia<->texas, arizona->texas.
    const e = env('gov', [
      { region: 'va', pair: 'tx' },
      { region: 'tx', pair: 'va' },
      { region: 'az', pair: 'tx' },
    ]);
    const plan = planEnvironment(e, stampDeps(e));
    expect(regionsOf(plan)).toEqual([[], ['az'], ['tx'], ['va']]);
  });

  it('keeps the primary out of the canary wave even when it is free of pairs', () => {
    const e = env('p', [{ region: 'a' }, { region: 'b' }]);
    const plan = planEnvironment(e, stampDeps(e));
    expect(plan.waves[1]!.regions).toEqual(['b']);
    expect(plan.waves[2]!.regions).toEqual(['a']);
  });

  it('canaries the only region of a single-region environment', () => {
    const e = env('dev', [{ region: 'a' }], { bakeMinutes: 0 }, 'dev');
    const plan = planEnvironment(e, stampDeps(e));
    expect(plan.waves.map((w) => w.stacks)).toEqual([['dev-global'], ['dev-a']]);
    expect(plan.canary.reason).toBe('the only region');
    expect(checkPlan({ environments: [plan] }, footprint(e), stampDeps(e))).toEqual([]);
  });

  it('uses an explicit canary and refuses the primary as canary', () => {
    const e = env('p', [{ region: 'a' }, { region: 'b' }, { region: 'c' }], { bakeMinutes: 5, canary: 'b' });
    const plan = planEnvironment(e, stampDeps(e));
    expect(plan.canary).toEqual({ region: 'b', stack: 'p-b', reason: 'rollout.canary' });
    expect(regionsOf(plan)).toEqual([[], ['b'], ['c', 'a']]);
    const bad = env('p', [{ region: 'a' }, { region: 'b' }], { bakeMinutes: 5, canary: 'a' });
    expect(() => planEnvironment(bad, stampDeps(bad))).toThrow(/"a" is the primary region; choose one of b/);
  });

  it('bakes after every wave but the last', () => {
    const e = env('p', [{ region: 'a', pair: 'b' }, { region: 'b' }], { bakeMinutes: 45 });
    expect(planEnvironment(e, stampDeps(e)).waves.map((w) => w.bakeMinutesAfter)).toEqual([45, 45, 0]);
  });

  it('runs a region after the regions it depends on, and global stacks in dependency levels', () => {
    const e = env('p', [{ region: 'a' }, { region: 'b' }, { region: 'c' }]);
    (e.stacks as string[]).splice(1, 0, 'p-dns');
    const deps = { ...stampDeps(e), 'p-dns': ['p-global'], 'p-b': ['p-global', 'p-dns', 'p-a'] };
    const plan = planEnvironment(e, deps);
    expect(plan.waves.map((w) => w.stacks)).toEqual([['p-global'], ['p-dns'], ['p-c'], ['p-a'], ['p-b']]);
    expect(checkPlan({ environments: [plan] }, footprint(e), deps)).toEqual([]);
  });

  it('places a non-regional stack that needs a region after the regions', () => {
    const e = env('p', [{ region: 'a' }, { region: 'b' }]);
    (e.stacks as string[]).push('p-report');
    const deps = { ...stampDeps(e), 'p-report': ['p-a', 'p-b'] };
    const plan = planEnvironment(e, deps);
    expect(plan.waves.map((w) => [w.kind, w.stacks])).toEqual([
      ['global', ['p-global']],
      ['canary', ['p-b']],
      ['regions', ['p-a']],
      ['after', ['p-report']],
    ]);
  });

  it('rejects a dependency cycle and a canary that depends on another region', () => {
    const e = env('p', [{ region: 'a' }, { region: 'b' }]);
    expect(() => planEnvironment(e, { ...stampDeps(e), 'p-global': ['p-a'] })).toThrow(PlanError);
    expect(() => planEnvironment(e, { ...stampDeps(e), 'p-b': ['p-a'] })).toThrow(/canary b depends on p-a/);
  });

  it('notes a dependency outside the environment', () => {
    const e = env('p', [{ region: 'a' }]);
    const plan = planEnvironment(e, { ...stampDeps(e), 'p-global': ['shared-global'] });
    expect(plan.notes).toEqual(['p-global depends on shared-global, which is outside p: deploy it first']);
  });

  it('orders environments by rollout.order, then tier, then name, and bakes between them', () => {
    const a = env('prod-b', [{ region: 'x' }, { region: 'y' }], { bakeMinutes: 60, order: 30 });
    const b = env('prod-a', [{ region: 'x' }, { region: 'y' }], { bakeMinutes: 60, order: 30 });
    const c = env('stg', [{ region: 'x' }], { bakeMinutes: 20, order: 30 }, 'staging');
    const d = env('dev', [{ region: 'x' }], { bakeMinutes: 10, order: 10 }, 'dev');
    const e = env('late', [{ region: 'x' }], { bakeMinutes: 10 }, 'dev');
    expect(orderEnvironments([a, b, c, d, e]).map((x) => x.name)).toEqual([
      'dev',
      'stg',
      'prod-a',
      'prod-b',
      'late',
    ]);
    const plan = planRollout(footprint(a, d), stampDeps(a, d));
    expect(plan.environments.map((p) => p.environment)).toEqual(['dev', 'prod-b']);
    expect(plan.environments.map((p) => p.waves.map((w) => w.bakeMinutesAfter))).toEqual([
      [10, 10],
      [60, 60, 0],
    ]);
  });

  it('checkPlan finds pairs together, a missing or doubled stack and a dependency out of order', () => {
    const e = env('p', [{ region: 'a', pair: 'b' }, { region: 'b' }]);
    const deps = stampDeps(e);
    const bad = {
      environments: [
        {
          ...planEnvironment(e, deps),
          waves: [
            { index: 0, kind: 'canary' as const, stacks: ['p-a'], regions: ['a'], bakeMinutesAfter: 0 },
            {
              index: 1,
              kind: 'regions' as const,
              stacks: ['p-a', 'p-b'],
              regions: ['a', 'b'],
              bakeMinutesAfter: 0,
            },
          ],
        },
      ],
    };
    const problems = checkPlan(bad, footprint(e), deps);
    expect(problems).toEqual(
      expect.arrayContaining([
        'p-a is planned more than once',
        'p-global is not planned',
        'p: wave 0 does not deploy p-global',
        'p: the primary region is in the canary wave',
        'p wave 1: a and its pair b',
      ]),
    );
    const late = planEnvironment(e, deps);
    const swapped = { environments: [{ ...late, waves: [late.waves[1]!, late.waves[0]!, late.waves[2]!] }] };
    expect(checkPlan(swapped, footprint(e), deps)).toContain(
      'p wave 1: p-b runs before or with its dependency p-global',
    );
  });
});
