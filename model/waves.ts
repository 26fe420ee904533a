/**
 * The wave order of one environment, pure: what the rollout deploys together and what the AKS maintenance
 * windows follow (model/maintenance.ts), so upgrades keep the same discipline as deployments.
 *
 * - leading waves: stacks that belong to no region (the `<env>-global` stack), in dependency order;
 * - the canary wave: one region alone, `rollout.canary` or else the last non-primary region, so a bad change
 *   meets one region first and the primary (Cosmos failover priority 0) changes late;
 * - then the remaining regions, non-primary first and the primary last, each in the earliest wave that comes
 *   after its dependencies and holds none of its paired regions (a pair is symmetric: A.pair = B or B.pair = A);
 * - trailing waves: stacks of no region that depend on a region stack (none ship today).
 * - a region's other scale units come in a later wave than its first unit (never all of a region's units in
 *   one wave), with the same pair rule.
 */
import { unitId } from './naming';

export type WaveKind = 'global' | 'canary' | 'regions' | 'after';

export interface WaveRegion {
  readonly region: string;
  readonly pair?: string;
  readonly primary: boolean;
  /** Position in the environment's region list. */
  readonly index: number;
  readonly stack: string;
  /** Scale unit in its region; absent: 1. Units after a region's first deploy in a later wave. */
  readonly unit?: number | undefined;
}

export interface WaveEnvironment<R extends WaveRegion = WaveRegion> {
  readonly name: string;
  /** Every stack of the environment. */
  readonly stacks: readonly string[];
  readonly regions: readonly R[];
  readonly rollout: { readonly canary?: string | undefined };
}

/** Stack name → names of the stacks that must be applied first (manifest.json `dependencies`). */
export type Dependencies = Readonly<Record<string, readonly string[]>>;

export interface PlannedWave<R extends WaveRegion = WaveRegion> {
  readonly kind: WaveKind;
  readonly stacks: string[];
  readonly regions: R[];
}

export interface WavePlan<R extends WaveRegion = WaveRegion> {
  readonly canary: { readonly region: R; readonly reason: string };
  readonly waves: PlannedWave<R>[];
  /** Facts the operator should know, e.g. a dependency on a stack outside this environment. */
  readonly notes: string[];
}

/** A plan that cannot be made safely (a cycle, a canary that depends on another region, ...). */
export class PlanError extends Error {}

/** True when a and b are a region pair, stated on either side. */
export function paired(
  a: Pick<WaveRegion, 'region' | 'pair'>,
  b: Pick<WaveRegion, 'region' | 'pair'>,
): boolean {
  return a.pair === b.region || b.pair === a.region;
}

/** The canary region and why it was chosen. */
export function chooseCanary<R extends WaveRegion>(env: WaveEnvironment<R>): { region: R; reason: string } {
  const explicit = env.rollout.canary;
  // One unit of a region is the canary; the region's other units follow in later waves.
  const firsts = env.regions.filter((r) => (r.unit ?? 1) === 1);
  if (explicit !== undefined) {
    const region = firsts.find((r) => r.region === explicit);
    if (!region) throw new PlanError(`${env.name}: rollout.canary "${explicit}" is not one of its regions`);
    if (region.primary && firsts.length > 1) {
      throw new PlanError(
        `${env.name}: rollout.canary "${explicit}" is the primary region; choose one of ${firsts
          .filter((r) => !r.primary)
          .map((r) => r.region)
          .join(', ')}`,
      );
    }
    return { region, reason: 'rollout.canary' };
  }
  const others = firsts.filter((r) => !r.primary);
  const last = others[others.length - 1];
  if (last) return { region: last, reason: 'the last non-primary region, so the primary changes late' };
  const only = firsts[0];
  if (!only) throw new PlanError(`${env.name}: has no regions`);
  return { region: only, reason: 'the only region' };
}

/** Longest dependency path from a root, within `names`; throws on a cycle. */
export function levels(names: readonly string[], deps: Dependencies): Map<string, number> {
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

/** The waves of one environment (see the module comment). */
export function planWaves<R extends WaveRegion>(env: WaveEnvironment<R>, deps: Dependencies): WavePlan<R> {
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

  const waves: { kind: WaveKind; stacks: string[]; regions: R[] }[] = [];
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
    .sort(
      (a, b) => Number(a.primary) - Number(b.primary) || a.index - b.index || (a.unit ?? 1) - (b.unit ?? 1),
    );
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
    // A region's later units wait for its first unit's wave: never all units of a region at once.
    if ((r.unit ?? 1) > 1) {
      const first = env.regions.find((o) => o.region === r.region && (o.unit ?? 1) === 1);
      const fw = first ? waveOf.get(first.stack) : undefined;
      if (fw !== undefined) w = Math.max(w, fw + 1);
    }
    while (waves[w]?.regions.some((o) => paired(o, r))) w++;
    place(r.stack, w, 'regions');
  }

  const after = levels(trailing, deps);
  const firstAfter = waves.length;
  for (const s of trailing) place(s, firstAfter + after.get(s)!, 'after');
  return { canary: { region: canary, reason }, waves, notes };
}

/**
 * The region waves of an environment whose stamps depend only on its global stack (how stacks/ builds them):
 * stamp ids per wave (the region name for unit 1, `<region>-u<n>` beyond), canary first. What synth uses where
 * it has no manifest yet.
 */
export function regionWaves(
  name: string,
  regions: readonly Omit<WaveRegion, 'stack'>[],
  canary?: string,
): string[][] {
  const global = '\u0000global';
  const withStacks = regions.map((r) => ({ ...r, stack: unitId(r.region, r.unit ?? 1) }));
  const deps = Object.fromEntries(withStacks.map((r) => [r.stack, [global]]));
  const plan = planWaves(
    { name, stacks: [global, ...withStacks.map((r) => r.stack)], regions: withStacks, rollout: { canary } },
    deps,
  );
  return plan.waves.filter((w) => w.regions.length).map((w) => w.regions.map((r) => r.stack));
}
