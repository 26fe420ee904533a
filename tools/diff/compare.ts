/**
 * The pure diff of two synthesized trees, per stack: stacks added and removed, resources created, deleted and
 * updated, each update as attribute paths (old → new), every change ranked by tools/diff/risk.ts. cdktf's "//"
 * metadata is ignored at every depth.
 */
import type { EnvironmentSummary } from '../../contract/footprint';
import type { Json, JsonObject, Resource, StackJson, SynthOutput } from '../../contract/out';
import { asList } from '../../contract/out';
import {
  classifyAttribute,
  classifyCreate,
  classifySetting,
  maxRisk,
  ORDERED_BLOCKS,
  riskRank,
  ROTATED,
  STATEFUL,
  type Risk,
} from './risk';

export type Action = 'create' | 'delete' | 'update';

export interface AttrChange {
  /** `default_node_pool.vm_size`, `security_rule[name=https].priority`, `geo_location (failover order)`. */
  readonly path: string;
  /** Absent: the attribute is new. */
  readonly before?: Json;
  /** Absent: the attribute is removed. */
  readonly after?: Json;
  readonly risk: Risk;
  readonly why?: string;
}

export interface ResourceChange {
  readonly address: string;
  readonly type: string;
  /** The resource's `name` attribute (what Azure calls it), when it has one. */
  readonly azureName?: string;
  readonly action: Action;
  readonly risk: Risk;
  /** An attribute change forces Terraform to destroy and recreate the resource. */
  readonly replaces: boolean;
  /** What deleting or replacing this stateful resource loses. */
  readonly loses?: string;
  /** Why a create is ranked above LOW (a new origin). */
  readonly why?: string;
  /** Attribute changes of an update. */
  readonly changes: AttrChange[];
}

export interface StackDiff {
  readonly stack: string;
  readonly environment: string;
  readonly status: 'added' | 'removed' | 'changed';
  readonly risk: Risk;
  /** Highest risk first, then by address. */
  readonly resources: ResourceChange[];
  /** Changes outside `resource`: provider, backend, required providers, data sources, outputs. */
  readonly settings: AttrChange[];
  readonly counts: Record<Action, number>;
}

export interface EnvironmentDiff {
  readonly environment: string;
  readonly status: 'added' | 'removed' | 'changed';
  /** Feature decisions, global entry and waivers (footprint.json). */
  readonly changes: AttrChange[];
}

export interface DiffResult {
  /** The highest risk of any change; null when nothing changed. */
  readonly risk: Risk | null;
  /** Changed stacks, highest risk first, then by name. */
  readonly stacks: StackDiff[];
  readonly environments: EnvironmentDiff[];
  readonly counts: {
    readonly stacks: { added: number; removed: number; changed: number; unchanged: number };
    readonly resources: Record<Action, number>;
    /** Resource changes, setting changes and environment changes per risk. */
    readonly risk: Record<Risk, number>;
  };
}

// ---------------------------------------------------------------------------------------------------------
// JSON helpers

function isObj(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A copy without "//" keys at any depth. */
function clean(v: Json): Json {
  if (Array.isArray(v)) return v.map(clean);
  if (!isObj(v)) return v;
  const out: JsonObject = {};
  for (const k of Object.keys(v).sort()) if (k !== '//') out[k] = clean(v[k]!);
  return out;
}

function stable(v: Json | undefined): string {
  return v === undefined ? 'undefined' : JSON.stringify(clean(v));
}

/** Keys `stable` drops: cdktf's metadata, and `__proto__`, which `clean`'s assignment turns into a prototype. */
const dropped = (k: string) => k === '//' || k === '__proto__';

function keyCount(o: JsonObject): number {
  let n = 0;
  for (const k of Object.keys(o)) if (!dropped(k)) n++;
  return n;
}

/**
 * Whether two values have the same `stable` text, without building it: the same scalars (JSON.stringify tells
 * distinct numbers apart, and -0 from 0 not), lists element by element, objects by their keys other than
 * "//" in any order. Stops at the first difference; most resources of two trees are equal.
 */
function equal(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equal(a[i], b[i])) return false;
    return true;
  }
  for (const k of Object.keys(a)) {
    if (dropped(k)) continue;
    if (!Object.prototype.hasOwnProperty.call(b, k) || !equal(a[k], b[k])) return false;
  }
  return keyCount(a) === keyCount(b);
}

/** The value at a dotted path, looking into single blocks written as objects or lists of one. */
function lookup(v: Json | undefined, path: string): Json | undefined {
  for (const k of path.split('.')) {
    const o = asList(v)[0];
    if (!o) return undefined;
    v = o[k];
  }
  return v;
}

function scalar(v: Json | undefined): v is string | number {
  return typeof v === 'string' || typeof v === 'number';
}

// ---------------------------------------------------------------------------------------------------------
// Attribute walk

interface Raw {
  readonly display: string;
  /** Attribute names only, for the risk table. */
  readonly norm: string;
  readonly before?: Json;
  readonly after?: Json;
  /** Set by special handlers that rank the change themselves. */
  readonly risk?: Risk;
  readonly why?: string;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** Repeatable blocks are matched by the first of these that identifies every element on both sides. */
const BLOCK_KEYS = ['name', 'location', 'category', 'category_group', 'type'];

function blockKey(a: JsonObject[], b: JsonObject[]): string | undefined {
  return BLOCK_KEYS.find((k) =>
    [a, b].every((side) => {
      const values = side.map((x) => x[k]);
      return values.every(scalar) && new Set(values).size === values.length;
    }),
  );
}

function raw(display: string, norm: string, before: Json | undefined, after: Json | undefined): Raw {
  return {
    display,
    norm,
    ...(before !== undefined ? { before: clean(before) } : {}),
    ...(after !== undefined ? { after: clean(after) } : {}),
  };
}

function walk(a: Json | undefined, b: Json | undefined, display: string, norm: string, out: Raw[]): void {
  if (equal(a, b)) return;
  if (a === undefined || b === undefined || a === null || b === null) {
    out.push(raw(display, norm, a, b));
    return;
  }
  // cdktf writes a single block as an object, hand-written JSON may use a list of one: compare alike.
  if (isObj(a) && Array.isArray(b)) a = [a];
  if (Array.isArray(a) && isObj(b)) b = [b];
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => k !== '//').sort();
    for (const k of keys) walk(a[k], b[k], join(display, k), join(norm, k), out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const objects = [...a, ...b].every(isObj);
    if (objects && (a.length || b.length)) {
      walkBlocks(a as JsonObject[], b as JsonObject[], display, norm, out);
    } else if (stable([...a].sort() as Json) === stable([...b].sort() as Json)) {
      // Terraform sets (zones, origin ids) come out in any order: a reorder alone is no risk.
      out.push({
        ...raw(display, norm, a, b),
        risk: 'LOW',
        why: 'no change where Terraform treats the list as a set',
      });
    } else {
      out.push(raw(display, norm, a, b));
    }
    return;
  }
  out.push(raw(display, norm, a, b));
}

function walkBlocks(a: JsonObject[], b: JsonObject[], display: string, norm: string, out: Raw[]): void {
  if (a.length <= 1 && b.length <= 1) {
    walk(a[0], b[0], display, norm, out);
    return;
  }
  const key = blockKey(a, b);
  if (!key) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], `${display}[${i}]`, norm, out);
    return;
  }
  const byKey = (side: JsonObject[]) => new Map(side.map((x) => [String(x[key]), x]));
  const ma = byKey(a);
  const mb = byKey(b);
  const order = (from: Map<string, JsonObject>, other: Map<string, JsonObject>) =>
    [...from.keys()].filter((k) => other.has(k));
  const oa = order(ma, mb);
  const ob = order(mb, ma);
  if (oa.join('\u0000') !== ob.join('\u0000')) out.push(raw(`${display} (order)`, norm, oa, ob));
  for (const k of [...new Set([...ma.keys(), ...mb.keys()])]) {
    walk(ma.get(k), mb.get(k), `${display}[${key}=${k}]`, norm, out);
  }
}

/** Ordered blocks (Cosmos geo_location): primary and failover order reported explicitly. */
function walkOrdered(type: string, a: JsonObject, b: JsonObject, out: Raw[]): void {
  const spec = ORDERED_BLOCKS[type]!;
  const sorted = (o: JsonObject) =>
    asList(o[spec.block])
      .map((x, i) => ({ x, p: typeof x[spec.orderBy] === 'number' ? (x[spec.orderBy] as number) : i }))
      .sort((p, q) => p.p - q.p)
      .map(({ x }) => x);
  const la = sorted(a);
  const lb = sorted(b);
  const ka = la.map((x) => String(x[spec.key]));
  const kb = lb.map((x) => String(x[spec.key]));
  const common = ka.filter((k) => kb.includes(k));
  const commonB = kb.filter((k) => ka.includes(k));
  const primaryMoves = ka.length > 0 && kb.length > 0 && ka[0] !== kb[0];
  const b0 = spec.block;
  if (common.join() !== commonB.join()) {
    out.push({
      ...raw(`${b0} (failover order)`, `${b0}.order`, ka, kb),
      risk: 'HIGH',
      why: primaryMoves
        ? `failover order changes; the write region moves ${ka[0]} → ${kb[0]} (priority 0 cannot change in place)`
        : 'failover order changes: regions whose priority changes are re-provisioned',
    });
  } else if (primaryMoves) {
    out.push({
      ...raw(`${b0} (primary)`, `${b0}.primary`, ka[0], kb[0]),
      risk: 'HIGH',
      why: `the write region moves ${ka[0]} → ${kb[0]} (priority 0 cannot change in place)`,
    });
  }
  const strip = (x: JsonObject) => {
    const { [spec.orderBy]: _p, ...rest } = x;
    return rest;
  };
  for (const k of ka.filter((k) => !kb.includes(k))) {
    const item = la.find((x) => String(x[spec.key]) === k)!;
    out.push({
      ...raw(`${b0}[${spec.key}=${k}]`, b0, item, undefined),
      risk: spec.removed,
      why: 'region removed: its replica is dropped',
    });
  }
  for (const k of kb.filter((k) => !ka.includes(k))) {
    const item = lb.find((x) => String(x[spec.key]) === k)!;
    out.push({
      ...raw(`${b0}[${spec.key}=${k}]`, b0, undefined, item),
      risk: 'MEDIUM',
      why: 'region added: a replica is created',
    });
  }
  for (const k of common) {
    const x = la.find((i) => String(i[spec.key]) === k)!;
    const y = lb.find((i) => String(i[spec.key]) === k)!;
    walk(strip(x), strip(y), `${b0}[${spec.key}=${k}]`, b0, out);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Resources and stacks

function azureName(r: Resource): string | undefined {
  return typeof r.attrs.name === 'string' ? r.attrs.name : undefined;
}

function toChange(r: Raw, classify: (norm: string) => { risk: Risk; why?: string }): AttrChange {
  const c = r.risk ? { risk: r.risk, why: r.why } : classify(r.norm);
  return {
    path: r.display,
    ...('before' in r ? { before: r.before } : {}),
    ...('after' in r ? { after: r.after } : {}),
    risk: c.risk,
    ...(c.why ? { why: c.why } : {}),
  };
}

export function compareResource(
  before: Resource | undefined,
  after: Resource | undefined,
): ResourceChange | undefined {
  const r = (after ?? before)!;
  const name = azureName(after ?? before!);
  const base = { address: r.address, type: r.type, ...(name !== undefined ? { azureName: name } : {}) };
  const stateful = STATEFUL[r.type];
  if (!before) {
    const c = classifyCreate(r.type, r.attrs);
    return {
      ...base,
      action: 'create',
      risk: c.risk,
      ...(c.why ? { why: c.why } : {}),
      replaces: false,
      changes: [],
    };
  }
  if (!after) {
    return {
      ...base,
      action: 'delete',
      risk: stateful ? 'HIGH' : 'MEDIUM',
      replaces: false,
      ...(stateful ? { loses: stateful } : {}),
      changes: [],
    };
  }
  const raws: Raw[] = [];
  let a: JsonObject = before.attrs;
  let b: JsonObject = after.attrs;
  const ordered = ORDERED_BLOCKS[r.type];
  if (ordered) {
    walkOrdered(r.type, a, b, raws);
    const { [ordered.block]: _a, ...ra } = a;
    const { [ordered.block]: _b, ...rb } = b;
    a = ra;
    b = rb;
  }
  walk(a, b, '', '', raws);
  if (!raws.length) return undefined;
  const rotation = ROTATED[r.type];
  const rotates = !!rotation && lookup(b, rotation.when) !== undefined;
  const changes = raws.map((x) => {
    const c = classifyAttribute(r.type, x.norm, rotates);
    // Special handlers rank their changes themselves; a moving write region cannot be changed in place.
    const replaces = x.risk
      ? x.norm.endsWith('.primary') || /write region moves/.test(x.why ?? '')
      : !!c.replaces;
    return { change: toChange(x, () => c), replaces };
  });
  const replaces = changes.some((c) => c.replaces);
  return {
    ...base,
    action: 'update',
    risk: maxRisk(changes.map((c) => c.change.risk))!,
    replaces,
    ...(stateful && replaces ? { loses: stateful } : {}),
    changes: changes.map((c) => c.change),
  };
}

const byRiskThen =
  <T>(risk: (x: T) => Risk | undefined, key: (x: T) => string) =>
  (x: T, y: T) =>
    riskRank(risk(y)) - riskRank(risk(x)) || key(x).localeCompare(key(y));

function compareStack(
  stack: string,
  env: string,
  a: StackJson | undefined,
  b: StackJson | undefined,
): StackDiff | undefined {
  const ra = new Map((a?.resources ?? []).map((r) => [r.address, r]));
  const rb = new Map((b?.resources ?? []).map((r) => [r.address, r]));
  const resources: ResourceChange[] = [];
  for (const address of new Set([...ra.keys(), ...rb.keys()])) {
    const c = compareResource(ra.get(address), rb.get(address));
    if (c) resources.push(c);
  }
  resources.sort(
    byRiskThen(
      (r) => r.risk,
      (r) => r.address,
    ),
  );
  const settings: AttrChange[] = [];
  if (a && b) {
    const raws: Raw[] = [];
    const keys = [...new Set([...Object.keys(a.json), ...Object.keys(b.json)])]
      .filter((k) => k !== '//' && k !== 'resource')
      .sort();
    for (const k of keys) walk(a.json[k], b.json[k], k, k, raws);
    settings.push(...raws.map((x) => toChange(x, classifySetting)));
  }
  const status = !a ? 'added' : !b ? 'removed' : 'changed';
  if (status === 'changed' && !resources.length && !settings.length) return undefined;
  const counts = { create: 0, delete: 0, update: 0 };
  for (const r of resources) counts[r.action]++;
  const risk =
    maxRisk([
      ...resources.map((r) => r.risk),
      ...settings.map((s) => s.risk),
      status === 'removed' ? 'MEDIUM' : 'LOW',
    ]) ?? 'LOW';
  return { stack, environment: env, status, risk, resources, settings, counts };
}

function outcome(d: { outcome?: string; fallback?: string } | undefined): string | undefined {
  if (!d) return undefined;
  return d.outcome === 'fallback' ? `fallback: ${d.fallback ?? '?'}` : d.outcome;
}

function compareEnvironment(
  name: string,
  a: EnvironmentSummary | undefined,
  b: EnvironmentSummary | undefined,
): EnvironmentDiff | undefined {
  if (!a || !b) return { environment: name, status: a ? 'removed' : 'added', changes: [] };
  const changes: AttrChange[] = [];
  for (const f of [...new Set([...Object.keys(a.features ?? {}), ...Object.keys(b.features ?? {})])].sort()) {
    const x = outcome(a.features?.[f]);
    const y = outcome(b.features?.[f]);
    if (x !== y) {
      changes.push({
        path: `features.${f}`,
        ...(x !== undefined ? { before: x } : {}),
        ...(y !== undefined ? { after: y } : {}),
        risk: 'MEDIUM',
        why: 'capability decision',
      });
    }
  }
  if (a.globalEntry !== b.globalEntry) {
    changes.push({
      path: 'globalEntry',
      before: a.globalEntry,
      after: b.globalEntry,
      risk: 'MEDIUM',
      why: 'global entry',
    });
  }
  const waivers = (e: EnvironmentSummary) =>
    new Set((e.waivers ?? []).map((w) => `${w.rule} ${w.resource} (until ${w.expires})`));
  const wa = waivers(a);
  const wb = waivers(b);
  for (const w of [...wb].filter((w) => !wa.has(w)).sort()) {
    changes.push({ path: 'waivers', after: w, risk: 'MEDIUM', why: 'policy waiver added' });
  }
  for (const w of [...wa].filter((w) => !wb.has(w)).sort())
    changes.push({ path: 'waivers', before: w, risk: 'LOW' });
  return changes.length ? { environment: name, status: 'changed', changes } : undefined;
}

export interface CompareOptions {
  /** Only these environments. */
  readonly environments?: readonly string[];
}

/** Everything that changes from `base` to `head`, ranked. */
export function compare(base: SynthOutput, head: SynthOutput, opts: CompareOptions = {}): DiffResult {
  const wanted = (env: string) => !opts.environments || opts.environments.includes(env);
  const stackIndex = (out: SynthOutput) => {
    // A stack's environment: the first that lists it.
    const envOf = new Map<string, string>();
    for (const e of Object.values(out.footprint.environments))
      for (const s of e.stacks) if (!envOf.has(s)) envOf.set(s, e.name);
    const m = new Map<string, { env: string; stack: StackJson }>();
    for (const s of out.stacks) {
      const env = envOf.get(s.name) ?? '';
      if (wanted(env)) m.set(s.name, { env, stack: s });
    }
    return m;
  };
  const sa = stackIndex(base);
  const sb = stackIndex(head);
  const stacks: StackDiff[] = [];
  let unchanged = 0;
  for (const name of [...new Set([...sa.keys(), ...sb.keys()])].sort()) {
    const x = sa.get(name);
    const y = sb.get(name);
    const d = compareStack(name, (y ?? x)!.env, x?.stack, y?.stack);
    if (d) stacks.push(d);
    else unchanged++;
  }
  stacks.sort(
    byRiskThen(
      (s) => s.risk,
      (s) => s.stack,
    ),
  );

  const environments: EnvironmentDiff[] = [];
  const ea = base.footprint.environments;
  const eb = head.footprint.environments;
  for (const name of [...new Set([...Object.keys(ea), ...Object.keys(eb)])].sort()) {
    if (!wanted(name)) continue;
    const d = compareEnvironment(name, ea[name], eb[name]);
    if (d) environments.push(d);
  }

  const resources = { create: 0, delete: 0, update: 0 };
  const risk: Record<Risk, number> = { HIGH: 0, MEDIUM: 0, LOW: 0 };
  for (const s of stacks) {
    for (const r of s.resources) {
      resources[r.action]++;
      risk[r.risk]++;
    }
    for (const c of s.settings) risk[c.risk]++;
  }
  for (const e of environments) for (const c of e.changes) risk[c.risk]++;
  const count = (st: StackDiff['status']) => stacks.filter((s) => s.status === st).length;
  return {
    risk:
      maxRisk([...stacks.map((s) => s.risk), ...environments.flatMap((e) => e.changes.map((c) => c.risk))]) ??
      null,
    stacks,
    environments,
    counts: {
      stacks: { added: count('added'), removed: count('removed'), changed: count('changed'), unchanged },
      resources,
      risk,
    },
  };
}
