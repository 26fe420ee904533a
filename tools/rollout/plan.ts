/**
 * The safe-deployment plan, a pure function of footprint.json and the manifest's stack dependencies:
 *
 * - leading waves: stacks that belong to no region (the `<env>-global` stack), in dependency order;
 * - the canary wave: one region alone, `rollout.canary` or else the last non-primary region, so a bad change
 *   meets one region first and the primary (Cosmos failover priority 0) changes late;
 * - then the remaining regions, non-primary first and the primary last, each in the earliest wave that comes
 *   after its dependencies and holds none of its paired regions (a pair is symmetric: A.pair = B or B.pair = A);
 * - trailing waves: stacks of no region that depend on a region stack (none ship today);
 * - a bake time (`rollout.bakeMinutes`) after every wave except the last one of the whole plan.
 */
import type { EnvironmentSummary, FootprintManifest, RegionSummary } from '../../contract/footprint';

export type WaveKind = 'global' | 'canary' | 'regions' | 'after';

export interface Wave {
  /** Position within its environment, from 0: what `--from-wave` names. */
  readonly index: number;
  readonly kind: WaveKind;
  readonly stacks: string[];
  /** Regions of the stamp stacks in this wave (empty for global waves). */
  readonly regions: string[];
  /** Minutes to wait after this wave before the next one starts; 0 for the last wave of the plan. */
  readonly bakeMinutesAfter: number;
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
}

export interface RolloutPlan {
  readonly environments: EnvironmentPlan[];
}

/** Stack name → names of the stacks that must be applied first (manifest.json `dependencies`). */
export type Dependencies = Readonly<Record<string, readonly string[]>>;

/** A plan that cannot be made safely (a cycle, a canary that depends on another region, ...): exit 1. */
export class PlanError extends Error {}

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

/** True when a and b are a region pair, stated on either side. */
export function paired(a: RegionSummary, b: RegionSummary): boolean {
  return a.pair === b.region || b.pair === a.region;
}

/** The canary region and why it was chosen. */
export function chooseCanary(env: EnvironmentSummary): { region: RegionSummary; reason: string } {
  const explicit = env.rollout.canary;
  if (explicit !== undefined) {
    const region = env.regions.find((r) => r.region === explicit);
    if (!region) throw new PlanError(`${env.name}: rollout.canary "${explicit}" is not one of its regions`);
    if (region.primary && env.regions.length > 1) {
      throw new PlanError(
        `${env.name}: rollout.canary "${explicit}" is the primary region; choose one of ${env.regions
          .filter((r) => !r.primary)
          .map((r) => r.region)
          .join(', ')}`,
      );
    }
    return { region, reason: 'rollout.canary' };
  }
  const others = env.regions.filter((r) => !r.primary);
  const last = others[others.length - 1];
  if (last) return { region: last, reason: 'the last non-primary region, so the primary changes late' };
  const only = env.regions[0];
  if (!only) throw new PlanError(`${env.name}: has no regions`);
  return { region: only, reason: 'the only region' };
}

/** Longest dependency path from a root, within `names`; throws on a cycle. */
function levels(names: readonly string[], deps: Dependencies): Map<string, number> {
  const inSet = new Set(names);
  const level = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (n: string, path: string[]): number => {
    const known = level.get(n);
    if (known !== undefined) return known;
    if (visiting.has(n)) throw new PlanError(`dependency cycle: ${[...path, n].join(' -> ')}`);
    visiting.add(n);
    let l = 0;
    for (const d of deps[n] ?? []) if (inSet.has(d)) l = Math.max(l, visit(d, [...path, n]) + 1);
    visiting.delete(n);
    level.set(n, l);
    return l;
  };
  for (const n of names) visit(n, []);
  return level;
}

/** Every stack `name` depends on, directly or not. */
function ancestors(name: string, deps: Dependencies): Set<string> {
  const seen = new Set<string>();
  const stack = [...(deps[name] ?? [])];
  while (stack.length) {
    const d = stack.pop()!;
    if (seen.has(d)) continue;
    seen.add(d);
    stack.push(...(deps[d] ?? []));
  }
  return seen;
}

interface DraftWave {
  kind: WaveKind;
  stacks: string[];
  regions: RegionSummary[];
}

/** Waves of one environment; `bakeMinutesAfter` is the environment's bake for every wave but its last. */
export function planEnvironment(env: EnvironmentSummary, deps: Dependencies): EnvironmentPlan {
  const stacks = env.stacks;
  levels(stacks, deps); // rejects cycles before anything else
  const byStack = new Map(env.regions.map((r) => [r.stack, r]));
  const regionStacks = new Set(byStack.keys());
  const notes: string[] = [];
  for (const s of stacks) {
    for (const d of deps[s] ?? []) {
      if (!stacks.includes(d))
        notes.push(`${s} depends on ${d}, which is outside ${env.name}: deploy it first`);
    }
  }

  // Stacks of no region: before the regions unless they need a region stack.
  const others = stacks.filter((s) => !regionStacks.has(s));
  const needsRegion = (s: string) => [...ancestors(s, deps)].some((a) => regionStacks.has(a));
  const leading = others.filter((s) => !needsRegion(s));
  const trailing = others.filter(needsRegion);

  const waves: DraftWave[] = [];
  const waveOf = new Map<string, number>();
  const place = (s: string, w: number, kind: WaveKind) => {
    while (waves.length <= w) waves.push({ kind, stacks: [], regions: [] });
    waves[w]!.stacks.push(s);
    const r = byStack.get(s);
    if (r) waves[w]!.regions.push(r);
    waveOf.set(s, w);
  };
  const lead = levels(leading, deps);
  for (const s of leading) place(s, lead.get(s)!, 'global');

  const { region: canary, reason } = chooseCanary(env);
  const canaryWave = waves.length;
  const blocking = (deps[canary.stack] ?? []).filter((d) => regionStacks.has(d) || trailing.includes(d));
  if (blocking.length) {
    throw new PlanError(
      `${env.name}: canary ${canary.region} depends on ${blocking.join(', ')}; set rollout.canary to a region whose stack depends only on global stacks`,
    );
  }
  place(canary.stack, canaryWave, 'canary');

  // Non-primary regions in region order, the primary last; a region waits for the regions it depends on.
  const rest = env.regions
    .filter((r) => r !== canary)
    .sort((a, b) => Number(a.primary) - Number(b.primary) || a.index - b.index);
  const pending = [...rest];
  while (pending.length) {
    const i = pending.findIndex((r) =>
      (deps[r.stack] ?? []).every((d) => !pending.some((p) => p.stack === d)),
    );
    const r = pending.splice(i, 1)[0]!; // i >= 0: cycles were rejected above
    const late = (deps[r.stack] ?? []).filter((d) => trailing.includes(d));
    if (late.length)
      throw new PlanError(`${env.name}: ${r.stack} depends on ${late.join(', ')}, which needs a region`);
    let w = canaryWave + 1;
    for (const d of deps[r.stack] ?? []) {
      const dw = waveOf.get(d);
      if (dw !== undefined) w = Math.max(w, dw + 1);
    }
    while (waves[w]?.regions.some((o) => paired(o, r))) w++;
    place(r.stack, w, 'regions');
  }

  const after = levels(trailing, deps);
  const firstAfter = waves.length;
  for (const s of trailing) place(s, firstAfter + after.get(s)!, 'after');

  const bake = env.rollout.bakeMinutes;
  return {
    environment: env.name,
    cloud: env.cloud,
    tier: env.tier,
    ...(env.rollout.order !== undefined ? { order: env.rollout.order } : {}),
    bakeMinutes: bake,
    canary: { region: canary.region, stack: canary.stack, reason },
    waves: waves.map((w, index) => ({
      index,
      kind: w.kind,
      stacks: w.stacks,
      regions: w.regions.map((r) => r.region),
      bakeMinutesAfter: index === waves.length - 1 ? 0 : bake,
    })),
    notes,
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
    const planned = p.waves.flatMap((w) => w.stacks);
    for (const s of env.stacks) if (!planned.includes(s)) problems.push(`${s} is not planned`);
    for (const s of planned) if (!env.stacks.includes(s)) problems.push(`${s} is not a stack of ${env.name}`);
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
