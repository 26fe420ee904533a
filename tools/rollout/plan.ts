/**
 * The safe-deployment plan, a pure function of footprint.json and the manifest's stack dependencies: the wave
 * order of model/waves.ts (global, one canary region alone, the other regions with the primary last and never a
 * region with its pair), plus a bake time (`rollout.bakeMinutes`) after every wave except the last one of the
 * whole plan.
 */
import type { EnvironmentSummary, FootprintManifest } from '../../contract/footprint';
import { paired, PlanError, planWaves, type Dependencies, type WaveKind } from '../../model/waves';

export { chooseCanary, paired, PlanError, type Dependencies, type WaveKind } from '../../model/waves';

export interface Wave {
  /** Position within its environment, from 0: what `--from-wave` names. */
  readonly index: number;
  /** `destroy`: retired stamps (footprint.json `retired`), destroyed last, only with --allow-destroy. */
  readonly kind: WaveKind | 'destroy';
  readonly stacks: string[];
  /** Regions of the stamp stacks in this wave (empty for global waves). */
  readonly regions: string[];
  /** Minutes to wait after this wave before the next one starts; 0 for the last wave of the plan. */
  readonly bakeMinutesAfter: number;
  /** What this wave does to traffic, for the operator (origins created disabled, a stamp without traffic). */
  readonly notes?: string[];
}

/**
 * The step after the waves for regions that are not serving (`regions[].serving: false`): their stamps were
 * deployed without traffic; once each is healthy, a config change enables its origin and the global stack is
 * applied again. Not run by `--execute`: enabling traffic is a reviewed change.
 */
export interface EnableStep {
  readonly regions: string[];
  readonly stack: string;
  readonly instructions: string[];
}

export interface EnvironmentPlan {
  readonly environment: string;
  readonly cloud: string;
  readonly tier: EnvironmentSummary['tier'];
  readonly order?: number;
  readonly bakeMinutes: number;
  readonly canary: { readonly region: string; readonly stack: string; readonly reason: string };
  readonly waves: Wave[];
  /** Facts the operator should know, e.g. a dependency on a stack outside this plan. */
  readonly notes: string[];
  /** Regions deployed without traffic, and how to put them in service. */
  readonly enable?: EnableStep;
}

export interface RolloutPlan {
  readonly environments: EnvironmentPlan[];
}

const TIER_ORDER: Record<EnvironmentSummary['tier'], number> = { dev: 0, staging: 1, prod: 2 };

/** `--all` order: `rollout.order` (absent last), then tier (dev, staging, prod), then name. */
export function orderEnvironments(envs: readonly EnvironmentSummary[]): EnvironmentSummary[] {
  const order = (e: EnvironmentSummary) => e.rollout.order ?? Number.MAX_SAFE_INTEGER;
  return [...envs].sort(
    (a, b) =>
      order(a) - order(b) ||
      TIER_ORDER[a.tier] - TIER_ORDER[b.tier] ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

/** Waves of one environment; `bakeMinutesAfter` is the environment's bake for every wave but its last. */
export function planEnvironment(env: EnvironmentSummary, deps: Dependencies): EnvironmentPlan {
  const { canary, waves: regionWaves, notes } = planWaves(env, deps);
  const reason = canary.reason;
  const bake = env.rollout.bakeMinutes;
  const retired = env.retired ?? [];
  const undrained = retired.filter((r) => r.servingBefore).map((r) => r.region);
  if (undrained.length) {
    throw new PlanError(
      `${env.name}: ${undrained.join(', ')} ${undrained.length === 1 ? 'was' : 'were'} removed while still serving; drain first: put ${undrained.length === 1 ? 'it' : 'them'} back in ${env.file} with serving: false, synth, roll out ${env.name} and let it bake, then remove ${undrained.length === 1 ? 'it' : 'them'} again (README "Retiring a region")`,
    );
  }
  // Retired stamps go last: after the global change that removed their origin and Cosmos region has baked.
  const waves = [
    ...regionWaves,
    ...(retired.length
      ? [{ kind: 'destroy' as const, stacks: retired.map((r) => r.stack), regions: [] as typeof env.regions }]
      : []),
  ];
  const idle = [...new Set(env.regions.filter((r) => r.serving === false).map((r) => r.region))];
  const entry = env.globalEntry === 'trafficManager' ? 'Traffic Manager endpoint' : 'Front Door origin';
  const waveNotes = (w: (typeof waves)[number]): string[] => {
    if (w.kind === 'destroy') {
      return retired.map(
        (r) =>
          `destroys ${r.stack} (${r.region}, retired; drained and removed from ${env.globalStack}): only with --allow-destroy ${r.stack}`,
      );
    }
    const removal =
      w.stacks.includes(env.globalStack) && retired.length
        ? [
            `removes the ${entry} and the Cosmos DB region of ${retired.map((r) => r.region).join(', ')} (drained: serving was false before removal)`,
          ]
        : [];
    if (w.stacks.includes(env.globalStack) && idle.length) {
      return [
        ...removal,
        `the ${entry}${idle.length === 1 ? '' : 's'} of ${idle.join(', ')} ${idle.length === 1 ? 'is' : 'are'} applied disabled (serving: false): no traffic before ${idle.length === 1 ? 'its stamp is' : 'their stamps are'} deployed and healthy`,
      ];
    }
    if (removal.length) return removal;
    return w.regions
      .filter((r) => r.serving === false)
      .map((r) => `${r.region} is deployed without traffic; check its health probe before enabling it`);
  };
  return {
    environment: env.name,
    cloud: env.cloud,
    tier: env.tier,
    ...(env.rollout.order !== undefined ? { order: env.rollout.order } : {}),
    bakeMinutes: bake,
    canary: { region: canary.region.region, stack: canary.region.stack, reason },
    waves: waves.map((w, index) => ({
      index,
      kind: w.kind,
      stacks: w.stacks,
      regions: w.regions.map((r) => r.region),
      bakeMinutesAfter: index === waves.length - 1 ? 0 : bake,
      ...(waveNotes(w).length ? { notes: waveNotes(w) } : {}),
    })),
    notes,
    ...(idle.length
      ? {
          enable: {
            regions: idle,
            stack: env.globalStack,
            instructions: [
              `after the last wave, when the health probe of ${idle.join(', ')} is green: set serving: true for ${idle.length === 1 ? 'it' : 'each'} in ${env.file}`,
              `npm run synth, review the diff (the ${entry} turns enabled), then roll out ${env.name} again: wave 0 (${env.globalStack}) enables the traffic`,
            ],
          },
        }
      : {}),
  };
}

/**
 * Plans for the named environments (all when `names` is absent) in `--all` order. The last wave of an
 * environment bakes before the next environment starts; the plan's very last wave does not bake.
 */
export function planRollout(
  footprint: FootprintManifest,
  deps: Dependencies,
  names?: readonly string[],
): RolloutPlan {
  const envs = (names ?? Object.keys(footprint.environments)).map((n) => {
    const e = footprint.environments[n];
    if (!e) throw new PlanError(`environment "${n}" is not in footprint.json`);
    return e;
  });
  const plans = orderEnvironments(envs).map((e) => planEnvironment(e, deps));
  const environments = plans.map((p, i) => {
    if (i === plans.length - 1) return p;
    const waves = p.waves.map((w, j) =>
      j === p.waves.length - 1 ? { ...w, bakeMinutesAfter: p.bakeMinutes } : w,
    );
    return { ...p, waves };
  });
  return { environments };
}

/**
 * Independent check of a plan against its inputs; the list of violations is empty for a safe plan. Guards
 * the planner (and hand-edited plans) with the rules stated in the module comment.
 */
export function checkPlan(plan: RolloutPlan, footprint: FootprintManifest, deps: Dependencies): string[] {
  const problems: string[] = [];
  const position = new Map<string, number>();
  let step = 0;
  for (const p of plan.environments) {
    for (const w of p.waves) {
      for (const s of w.stacks) {
        if (position.has(s)) problems.push(`${s} is planned more than once`);
        position.set(s, step);
      }
      step++;
    }
  }
  for (const p of plan.environments) {
    const env = footprint.environments[p.environment];
    if (!env) {
      problems.push(`${p.environment} is not in footprint.json`);
      continue;
    }
    const planned = p.waves.filter((w) => w.kind !== 'destroy').flatMap((w) => w.stacks);
    for (const s of env.stacks) if (!planned.includes(s)) problems.push(`${s} is not planned`);
    for (const s of planned) if (!env.stacks.includes(s)) problems.push(`${s} is not a stack of ${env.name}`);
    // Destruction only of retired stamps, and only after every other wave (the global change first).
    const retired = new Set((env.retired ?? []).map((r) => r.stack));
    for (const [i, w] of p.waves.entries()) {
      if (w.kind !== 'destroy') continue;
      for (const s of w.stacks)
        if (!retired.has(s)) problems.push(`${env.name}: destroys ${s}, which is not retired`);
      if (p.waves.slice(i + 1).some((x) => x.kind !== 'destroy'))
        problems.push(`${env.name} wave ${w.index}: destroys before the rest of the plan`);
    }
    for (const s of retired) {
      if (!p.waves.some((w) => w.kind === 'destroy' && w.stacks.includes(s)))
        problems.push(`${s} is retired but not destroyed`);
    }
    if (!p.waves[0]?.stacks.includes(env.globalStack)) {
      problems.push(`${env.name}: wave 0 does not deploy ${env.globalStack}`);
    }
    const canary = p.waves.find((w) => w.kind === 'canary');
    if (!canary || canary.stacks.length !== 1)
      problems.push(`${env.name}: the canary wave must hold one stack`);
    const byRegion = new Map(env.regions.map((r) => [r.region, r]));
    if (env.regions.length > 1 && canary?.regions.some((r) => byRegion.get(r)?.primary)) {
      problems.push(`${env.name}: the primary region is in the canary wave`);
    }
    for (const w of p.waves) {
      const rs = w.regions.map((r) => byRegion.get(r)!).filter(Boolean);
      for (const [i, a] of rs.entries()) {
        for (const b of rs.slice(i + 1)) {
          if (paired(a, b))
            problems.push(`${env.name} wave ${w.index}: ${a.region} and its pair ${b.region}`);
        }
      }
      for (const s of w.stacks) {
        for (const d of deps[s] ?? []) {
          const at = position.get(d);
          if (at !== undefined && at >= position.get(s)!) {
            problems.push(`${env.name} wave ${w.index}: ${s} runs before or with its dependency ${d}`);
          }
        }
      }
    }
  }
  return problems;
}
