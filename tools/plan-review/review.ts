/**
 * The review of real plans, per stack: what the provider decided for every resource (create, update, replace,
 * delete), ranked like the synth diff (tools/diff/risk.ts), plus what the plan's actions alone do not say: the
 * changes Terraform plans as updates that the provider refuses or that disrupt at apply (model/apply-traps.ts),
 * the Cosmos write region moving, and updates that only follow a replaced resource.
 */
import type { Json } from '../../contract/out';
import { applyTrap } from '../../model/apply-traps';
import { classifyAttribute, maxRisk, ORDERED_BLOCKS, riskRank, STATEFUL, type Risk } from '../diff/risk';
import type { PlanInput, TfPlan, TfResourceChange } from './plan';
import { changedPaths, valueAt, type PathChange } from './walk';

export type PlanAction = 'create' | 'update' | 'replace' | 'delete' | 'read';
export const PLAN_ACTIONS: readonly PlanAction[] = ['create', 'update', 'replace', 'delete', 'read'];

export interface AttrReview {
  readonly path: string;
  /** Redacted. */
  readonly before?: Json;
  /** Redacted; "(known after apply)" for unknowns. */
  readonly after?: Json;
  readonly risk: Risk;
  readonly why?: string;
  /** The id of the apply trap (model/apply-traps.ts) this change meets. */
  readonly trap?: string;
  /** The trap makes the apply fail (rather than disrupt). */
  readonly failsAtApply?: true;
}

export interface ResourceReview {
  readonly address: string;
  readonly type: string;
  readonly action: PlanAction;
  readonly risk: Risk;
  /** Why, for MEDIUM and HIGH: the most important first. */
  readonly why: string[];
  /** The attributes that force a replacement (`replace_paths`). */
  readonly replacePaths?: string[];
  /** Terraform's action_reason in words. */
  readonly reason?: string;
  /** What deleting or replacing this stateful resource loses. */
  readonly loses?: string;
  /** Known changes of an update (or of a replacement). */
  readonly changes: AttrReview[];
  /** Attributes known only after apply. */
  readonly unknown: string[];
  /** The replaced or created resources this update only follows. */
  readonly follows?: string[];
}

export interface OutputReview {
  readonly name: string;
  readonly action: PlanAction;
  readonly sensitive: boolean;
}

export interface StackReview {
  readonly stack: string;
  readonly file: string;
  readonly status: 'changes' | 'no-change' | 'failed';
  /** Highest risk; null when nothing changes. */
  readonly risk: Risk | null;
  readonly counts: Record<PlanAction | 'no-op', number>;
  /** Highest risk first, then by address. */
  readonly resources: ResourceReview[];
  readonly outputs: OutputReview[];
  readonly errors: { readonly message: string; readonly address?: string }[];
  /** One line for the reviewer. */
  readonly summary: string;
}

export interface PlanReview {
  readonly risk: Risk | null;
  readonly stacks: StackReview[];
  readonly counts: {
    readonly stacks: { readonly changes: number; readonly noChange: number; readonly failed: number };
    readonly resources: Record<PlanAction, number>;
    readonly risk: Record<Risk, number>;
  };
}

const REASONS: Readonly<Record<string, string>> = {
  replace_because_cannot_update: 'the provider cannot update it in place',
  replace_because_tainted: 'it is tainted',
  replace_by_request: 'replacement was requested (-replace)',
  replace_by_triggers: 'replace_triggered_by',
  delete_because_no_resource_config: 'it is no longer in the configuration',
  delete_because_wrong_repetition: 'count/for_each changed',
  delete_because_count_index: 'its count index is gone',
  delete_because_each_key: 'its for_each key is gone',
  delete_because_no_module: 'its module is gone',
  delete_because_no_move_target: 'its moved target does not exist',
  read_because_config_unknown: 'its configuration is known only at apply',
  read_because_dependency_pending: 'a dependency changes',
};

export function actionOf(actions: readonly string[]): PlanAction | 'no-op' {
  const a = [...actions].sort().join(',');
  if (a === 'create,delete') return 'replace';
  if (a === 'no-op' || a === '') return 'no-op';
  if (a === 'create' || a === 'delete' || a === 'read') return a;
  // update, and any action list newer than this review: its changes are listed like an update's.
  return 'update';
}

function stepPath(p: readonly (string | number)[]): string {
  return p.map((s, i) => (typeof s === 'number' ? `[${s}]` : i ? `.${s}` : s)).join('');
}

/** Every address a resource's configuration refers to (references only: no values are read). */
function referencesOf(plan: TfPlan, address: string): string[] {
  const resources = (
    plan.configuration as { root_module?: { resources?: { address: string; expressions?: Json }[] } }
  )?.root_module?.resources;
  const expr = resources?.find((r) => r.address === address)?.expressions;
  const refs: string[] = [];
  // Lists and objects alike: a list's entries are keyed "0", "1", ..., never "references".
  const walk = (v: Json | undefined) => {
    if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'references' && Array.isArray(x))
          refs.push(...x.filter((s): s is string => typeof s === 'string'));
        else walk(x);
      }
    }
  };
  walk(expr);
  return refs;
}

/** The replaced or created resources of the plan that `address` refers to. */
function followed(plan: TfPlan, address: string, replaced: ReadonlySet<string>): string[] {
  const hits = referencesOf(plan, address).map((r) =>
    [...replaced].find((a) => a !== address && (r === a || r.startsWith(`${a}.`))),
  );
  return [...new Set(hits.filter((a): a is string => !!a))].sort();
}

/** The location with failover priority 0 (the write region) of a Cosmos account's planned value. */
function writeRegion(type: string, value: Json): string | undefined {
  type Obj = { readonly [k: string]: Json } | null | undefined;
  const o = ORDERED_BLOCKS[type];
  const blocks = o && (value as Obj)?.[o.block];
  if (!Array.isArray(blocks)) return undefined;
  const key = (blocks.find((b) => (b as Obj)?.[o!.orderBy] === 0) as Obj)?.[o!.key];
  return typeof key === 'string' ? key : undefined;
}

/** A known change (unknowns are listed apart); an absent before or after stays undefined (not printed). */
function classifyChange(rc: TfResourceChange, c: PathChange): AttrReview {
  const base = { path: c.path, before: c.before, after: c.after };
  if (!c.sensitive) {
    const trap = applyTrap(rc.type, c.norm, c.rawBefore, c.rawAfter, (attr) =>
      valueAt(rc.change.after, attr),
    );
    if (trap) {
      const fails = trap.trap.outcome === 'fails' && trap.risk === trap.trap.risk;
      return {
        ...base,
        risk: trap.risk,
        why: trap.why,
        trap: trap.trap.id,
        ...(fails ? { failsAtApply: true as const } : {}),
      };
    }
  }
  const k = classifyAttribute(rc.type, c.norm);
  // The plan is the provider's decision: an update is in place, whatever the synth diff's tables say.
  if (k.replaces) {
    return {
      ...base,
      risk: 'MEDIUM',
      why: "in place, although the synth diff's tables (tools/diff/risk.ts) call it a replacement",
    };
  }
  return { ...base, risk: k.risk, why: k.why };
}

/** Origins of one group that stay enabled after the plan (the group of a disabled origin may be left empty). */
function enabledOrigins(plan: TfPlan, group: Json | undefined): number {
  return (plan.resource_changes ?? []).filter((r) => {
    if (r.type !== 'azurerm_cdn_frontdoor_origin' || actionOf(r.change.actions) === 'delete') return false;
    return (
      JSON.stringify(valueAt(r.change.after, 'cdn_frontdoor_origin_group_id')) === JSON.stringify(group) &&
      valueAt(r.change.after, 'enabled') !== false
    );
  }).length;
}

export function reviewResource(
  plan: TfPlan,
  rc: TfResourceChange,
  replaced: ReadonlySet<string>,
): ResourceReview | undefined {
  const action = actionOf(rc.change.actions);
  if (action === 'no-op') return undefined;
  const base = { address: rc.address, type: rc.type, action };
  const reason = rc.action_reason ? (REASONS[rc.action_reason] ?? rc.action_reason) : undefined;
  const loses = STATEFUL[rc.type];
  if (action === 'create' || action === 'read') {
    return { ...base, risk: 'LOW', why: [], reason, changes: [], unknown: [] };
  }
  if (action === 'delete') {
    return {
      ...base,
      risk: loses ? 'HIGH' : 'MEDIUM',
      why: [loses ? `deleted: loses ${loses}` : 'deleted'],
      reason,
      loses,
      changes: [],
      unknown: [],
    };
  }
  const paths = changedPaths(
    rc.type,
    rc.change.before,
    rc.change.after,
    rc.change.after_unknown,
    rc.change.before_sensitive,
    rc.change.after_sensitive,
  );
  const known = paths.filter((p) => !p.unknown);
  const unknown = paths.filter((p) => p.unknown).map((p) => p.path);
  const changes = known.map((c) => classifyChange(rc, c));
  const why: string[] = [];
  if (action === 'replace') {
    const createFirst = rc.change.actions[0] === 'create';
    const replacePaths = (rc.change.replace_paths ?? []).map(stepPath);
    why.push(
      `replaced (${createFirst ? 'create, then destroy' : 'destroy, then create: down in between'})` +
        (replacePaths.length ? `, forced by ${replacePaths.join(', ')}` : '') +
        (loses ? `: loses ${loses}` : ''),
    );
    const follows = followed(plan, rc.address, replaced);
    return {
      ...base,
      risk: 'HIGH',
      why,
      ...(replacePaths.length ? { replacePaths } : {}),
      reason,
      loses,
      changes,
      unknown,
      ...(follows.length ? { follows } : {}),
    };
  }
  // update
  const wrBefore = writeRegion(rc.type, rc.change.before);
  const wrAfter = writeRegion(rc.type, rc.change.after);
  if (wrBefore && wrAfter && wrBefore !== wrAfter) {
    changes.unshift({
      path: 'write region',
      before: wrBefore,
      after: wrAfter,
      risk: 'HIGH',
      why: `the write region (failover priority 0) moves from ${wrBefore} to ${wrAfter}`,
    });
  }
  // Only a Front Door origin meets this trap.
  const disabled = changes.findIndex((c) => c.trap === 'front-door-origin-disabled');
  const group = valueAt(rc.change.after, 'cdn_frontdoor_origin_group_id');
  if (disabled >= 0 && enabledOrigins(plan, group) === 0) {
    changes[disabled] = {
      ...changes[disabled]!,
      risk: 'HIGH',
      why: 'no enabled origin is left in its origin group: Front Door has nowhere to send traffic',
    };
  }
  changes.sort((a, b) => riskRank(b.risk) - riskRank(a.risk));
  // Only MEDIUM and HIGH changes have a why.
  for (const c of changes) if (c.why) why.push(`${c.path}: ${c.why}`);
  const follows = unknown.length ? followed(plan, rc.address, replaced) : [];
  return {
    ...base,
    risk: maxRisk(changes.map((c) => c.risk)) ?? 'LOW',
    why,
    changes,
    unknown,
    ...(follows.length ? { follows } : {}),
  };
}

function plural(n: number, w: string) {
  return `${n} ${w}${n === 1 ? '' : 's'}`;
}

function summaryOf(s: Omit<StackReview, 'summary'>): string {
  if (s.status === 'failed') {
    const m = s.errors[0]?.message ?? 'see the log';
    return `plan failed: ${m.length > 160 ? `${m.slice(0, 159)}…` : m}`;
  }
  const outActions = PLAN_ACTIONS.map(
    (a) => [a, s.outputs.filter((o) => o.action === a).length] as const,
  ).filter(([, n]) => n);
  const outputs = outActions.length
    ? `; outputs: ${outActions.map(([a, n]) => `${n} to ${a}`).join(', ')}`
    : '';
  if (s.status === 'no-change')
    return `no change (${plural(s.counts['no-op'], 'resource')} unchanged)${outputs}`;
  const counts = (['create', 'update', 'replace', 'delete', 'read'] as const)
    .filter((a) => s.counts[a])
    .map((a) => `${s.counts[a]} to ${a}`)
    .join(', ');
  // A change the provider will refuse at apply says more than anything else; then the top risk's why.
  const failing = s.resources.flatMap((r) => r.changes.filter((c) => c.failsAtApply).map((c) => ({ r, c })));
  const top = s.resources.filter((r) => r.risk === s.risk && r.why.length);
  let first = '';
  if (failing[0]) {
    const { r, c } = failing[0];
    const more = failing.length > 1 ? ` (and ${failing.length - 1} more that fail at apply)` : '';
    first = ` — ${r.address}: ${c.path}: ${c.why}${more}`;
  } else if (top[0]) {
    first = ` — ${top[0].address}: ${top[0].why[0]}${top.length > 1 ? ` (and ${top.length - 1} more ${s.risk})` : ''}`;
  }
  return `${counts}${first}${outputs}`;
}

export function reviewStack(input: PlanInput): StackReview {
  const counts: Record<PlanAction | 'no-op', number> = {
    create: 0,
    update: 0,
    replace: 0,
    delete: 0,
    read: 0,
    'no-op': 0,
  };
  if (!input.plan) {
    const s = {
      stack: input.stack,
      file: input.file,
      status: 'failed' as const,
      risk: 'HIGH' as const,
      counts,
      resources: [],
      outputs: [],
      errors: [...(input.errors ?? [])],
    };
    return { ...s, summary: summaryOf(s) };
  }
  const plan = input.plan;
  const rcs = (plan.resource_changes ?? []).filter(
    (r) => r.mode !== 'data' || actionOf(r.change.actions) !== 'no-op',
  );
  const replaced = new Set(
    rcs.filter((r) => ['replace', 'create'].includes(actionOf(r.change.actions))).map((r) => r.address),
  );
  const resources: ResourceReview[] = [];
  for (const rc of rcs) {
    counts[actionOf(rc.change.actions)]++;
    const r = reviewResource(plan, rc, replaced);
    if (r) resources.push(r);
  }
  resources.sort((a, b) => riskRank(b.risk) - riskRank(a.risk) || (a.address < b.address ? -1 : 1));
  const outputs: OutputReview[] = Object.entries(plan.output_changes ?? {})
    .filter(([, c]) => actionOf(c.actions) !== 'no-op')
    .map(([name, c]) => ({
      name,
      action: actionOf(c.actions) as PlanAction,
      sensitive: c.before_sensitive === true || c.after_sensitive === true,
    }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const risk = maxRisk(resources.map((r) => r.risk)) ?? null;
  const s = {
    stack: input.stack,
    file: input.file,
    status: resources.length ? ('changes' as const) : ('no-change' as const),
    risk,
    counts,
    resources,
    outputs,
    errors: [],
  };
  return { ...s, summary: summaryOf(s) };
}

export function reviewPlans(inputs: readonly PlanInput[]): PlanReview {
  const stacks = inputs
    .map(reviewStack)
    .sort(
      (a, b) => riskRank(b.risk ?? undefined) - riskRank(a.risk ?? undefined) || (a.stack < b.stack ? -1 : 1),
    );
  const resources: Record<PlanAction, number> = { create: 0, update: 0, replace: 0, delete: 0, read: 0 };
  const risk: Record<Risk, number> = { HIGH: 0, MEDIUM: 0, LOW: 0 };
  for (const s of stacks) {
    for (const a of PLAN_ACTIONS) resources[a] += s.counts[a];
    for (const r of s.resources) risk[r.risk]++;
    if (s.status === 'failed') risk.HIGH++;
  }
  return {
    risk: maxRisk(stacks.map((s) => s.risk ?? undefined)) ?? null,
    stacks,
    counts: {
      stacks: {
        changes: stacks.filter((s) => s.status === 'changes').length,
        noChange: stacks.filter((s) => s.status === 'no-change').length,
        failed: stacks.filter((s) => s.status === 'failed').length,
      },
      resources,
      risk,
    },
  };
}
