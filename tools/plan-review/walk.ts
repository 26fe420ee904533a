/**
 * The attribute changes of one planned resource change, walked over before / after / after_unknown with the
 * sensitivity masks alongside. Terraform writes sensitive values in clear in `before`/`after`; the masks only
 * say where they are, so every value leaves this module through `redact`. Blocks that are sets in Terraform and
 * carry a key (Cosmos `geo_location` by `location`) are matched by key, not by position.
 */
import type { Json } from '../../contract/out';
import { ORDERED_BLOCKS } from '../diff/risk';

export const SENSITIVE = '(sensitive)';
export const UNKNOWN = '(known after apply)';

export interface PathChange {
  /** `geo_location[westus3].failover_priority`, `upgrade_settings[0].max_surge`. */
  readonly path: string;
  /** Names only, joined by "." (`geo_location.failover_priority`): what the risk tables match. */
  readonly norm: string;
  /** Redacted; undefined: absent (the attribute is new). */
  readonly before?: Json;
  /** Redacted; undefined: absent (removed); UNKNOWN when known only after apply. */
  readonly after?: Json;
  readonly unknown: boolean;
  readonly sensitive: boolean;
  /** The raw values, for conditions (true → false, 1 → 0); never printed. Undefined when sensitive. */
  readonly rawBefore?: Json;
  readonly rawAfter?: Json;
}

const isObj = (v: unknown): v is { [k: string]: Json } =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The mask below a step: `true` covers everything under it. */
function sub(mask: Json | undefined, step: string | number): Json | undefined {
  if (mask === true) return true;
  if (Array.isArray(mask) && typeof step === 'number') return mask[step];
  if (isObj(mask) && typeof step === 'string') return mask[step];
  return undefined;
}

/** `value` with every leaf its mask marks sensitive (or the whole value, for `true`) replaced by "(sensitive)". */
export function redact(value: Json | undefined, mask: Json | undefined): Json | undefined {
  if (value === undefined) return undefined;
  if (mask === true) return value === null ? null : SENSITIVE;
  if (Array.isArray(value)) return value.map((v, i) => redact(v, sub(mask, i)) ?? null);
  if (isObj(value)) {
    const out: { [k: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) out[k] = redact(v, sub(mask, k)) ?? null;
    return out;
  }
  return value;
}

function equal(a: Json | undefined, b: Json | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A zero value that a plan against a state built from planned values shows as `null → zero` (not a change). */
function isZero(v: Json | undefined): boolean {
  if (v === '' || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isObj(v)) return Object.keys(v).length === 0;
  return false;
}

interface Side {
  readonly value: Json | undefined;
  readonly mask: Json | undefined;
}

/** The changed leaves (and added or removed blocks) between before and after of a resource of `type`. */
export function changedPaths(
  type: string,
  before: Json,
  after: Json,
  afterUnknown: Json | undefined,
  beforeSensitive: Json | undefined,
  afterSensitive: Json | undefined,
): PathChange[] {
  const out: PathChange[] = [];
  const ordered = ORDERED_BLOCKS[type];

  const record = (path: string, norm: string, b: Side, a: Side, unknown: boolean) => {
    const sensitive = b.mask === true || a.mask === true;
    out.push({
      path,
      norm,
      ...(b.value !== undefined ? { before: sensitive ? SENSITIVE : redact(b.value, b.mask) } : {}),
      ...(unknown
        ? { after: UNKNOWN }
        : a.value !== undefined
          ? { after: sensitive ? SENSITIVE : redact(a.value, a.mask) }
          : {}),
      unknown,
      sensitive,
      ...(sensitive ? {} : { rawBefore: b.value, rawAfter: a.value }),
    });
  };

  const visit = (path: string, norm: string, b: Side, a: Side, unknown: Json | undefined): void => {
    const join = (step: string) => (path ? `${path}.${step}` : step);
    const joinNorm = (step: string) => (norm ? `${norm}.${step}` : step);
    if (unknown === true) {
      record(path, norm, b, a, true);
      return;
    }
    const bv = b.value;
    const av = a.value;
    if (isObj(bv) && isObj(av)) {
      const keys = [...new Set([...Object.keys(bv), ...Object.keys(av)])].sort();
      for (const k of keys) {
        visit(
          join(k),
          joinNorm(k),
          { value: bv[k], mask: sub(b.mask, k) },
          { value: av[k], mask: sub(a.mask, k) },
          sub(unknown, k),
        );
      }
      return;
    }
    if (Array.isArray(bv) && Array.isArray(av)) {
      const keyed = ordered && norm === ordered.block ? ordered.key : undefined;
      if (keyed && [...bv, ...av].every((e) => isObj(e) && typeof e[keyed] === 'string')) {
        const keyOf = (e: Json) => (e as { [k: string]: Json })[keyed] as string;
        const names = [...new Set([...av.map(keyOf), ...bv.map(keyOf)])];
        for (const n of names) {
          const i = bv.findIndex((e) => keyOf(e) === n);
          const j = av.findIndex((e) => keyOf(e) === n);
          visit(
            `${path}[${n}]`,
            norm,
            { value: i < 0 ? undefined : bv[i], mask: sub(b.mask, i) },
            { value: j < 0 ? undefined : av[j], mask: sub(a.mask, j) },
            j < 0 ? undefined : sub(unknown, j),
          );
        }
        return;
      }
      for (let i = 0; i < Math.max(bv.length, av.length); i++) {
        visit(
          `${path}[${i}]`,
          norm,
          { value: bv[i], mask: sub(b.mask, i) },
          { value: av[i], mask: sub(a.mask, i) },
          sub(unknown, i),
        );
      }
      return;
    }
    if (equal(bv, av)) return;
    if ((bv === null || bv === undefined) && (av === undefined || isZero(av))) return;
    if (av === null && bv === undefined) return;
    record(path, norm, b, a, false);
  };

  visit(
    '',
    '',
    { value: before, mask: beforeSensitive },
    { value: after, mask: afterSensitive },
    afterUnknown,
  );
  return out;
}

/** The value at a dotted path of names (lists: the first element), e.g. `default_node_pool.temporary_name_for_rotation`. */
export function valueAt(root: Json | undefined, path: string): Json | undefined {
  let cur: Json | undefined = root;
  for (const k of path.split('.')) {
    if (Array.isArray(cur)) cur = cur[0];
    cur = isObj(cur) ? cur[k] : undefined;
  }
  return cur;
}
