/**
 * Indexes over a list of resources, built once per list and kept while the list lives (a WeakMap on the array),
 * so a rule asking "which of these point at me" per resource costs a lookup instead of a scan of the list. The
 * engine hands a rule the same array for the same types (`ctx.resources`), which is what makes them reusable.
 * Every lookup returns exactly what the scan it replaces returned, in the list's order.
 */
import { referencesIn, type Json, type Resource } from '../contract/out';

const memos = new WeakMap<readonly unknown[], Map<string, unknown>>();

/** The value `make` builds for this list and key, built on first use. */
export function memoOn<T>(list: readonly unknown[], key: string, make: () => T): T {
  let byKey = memos.get(list);
  if (!byKey) memos.set(list, (byKey = new Map()));
  if (!byKey.has(key)) byKey.set(key, make());
  return byKey.get(key) as T;
}

const NONE: readonly Resource[] = [];

/** The resources of `list` in `stack`, in list order (`list.filter((r) => r.stack === stack)`). */
export function sameStack(list: readonly Resource[], stack: string): readonly Resource[] {
  const byStack = memoOn(list, 'stack', () => {
    const m = new Map<string, Resource[]>();
    for (const r of list) {
      const l = m.get(r.stack);
      if (l) l.push(r);
      else m.set(r.stack, [r]);
    }
    return m;
  });
  return byStack.get(stack) ?? NONE;
}

/** Adds `i` to the positions under `key`. */
function add(m: Map<string, number[]>, key: string, i: number): void {
  const l = m.get(key);
  if (!l) m.set(key, [i]);
  else if (l[l.length - 1] !== i) l.push(i);
}

/** After the last `/` (the whole string without one). */
export function lastSegment(s: string): string {
  return s.slice(s.lastIndexOf('/') + 1);
}

/**
 * Positions in a list whose value (`valueOf(resource)`) may point at a resource: by the `type.name` addresses it
 * references in its own stack (key `stack\0address`), and by the lower-cased last segment of each string in it
 * (an ARM id ending in `/<segment>/<name>` ends in that segment). A superset of the real matches: the caller
 * still applies its exact test to the candidates.
 */
export interface PointerIndex {
  readonly byReference: Map<string, number[]>;
  readonly byLastSegment: Map<string, number[]>;
}

export function pointerIndex(
  list: readonly Resource[],
  key: string,
  valueOf: (r: Resource) => Json | undefined,
  stringsOf: (v: Json) => readonly string[],
): PointerIndex {
  return memoOn(list, `pointer:${key}`, () => {
    const byReference = new Map<string, number[]>();
    const byLastSegment = new Map<string, number[]>();
    list.forEach((r, i) => {
      const v = valueOf(r);
      if (v === undefined) return;
      for (const a of referencesIn(v)) add(byReference, `${r.stack}\u0000${a}`, i);
      for (const s of stringsOf(v)) add(byLastSegment, lastSegment(s.toLowerCase()), i);
    });
    return { byReference, byLastSegment };
  });
}

/** The list's elements at the union of some position lists, in list order. */
export function atPositions<T>(list: readonly T[], ...positions: (readonly number[] | undefined)[]): T[] {
  const present = positions.filter((p): p is readonly number[] => p !== undefined && p.length > 0);
  if (present.length === 0) return [];
  if (present.length === 1) return present[0]!.map((i) => list[i]!);
  return [...new Set(present.flat())].sort((a, b) => a - b).map((i) => list[i]!);
}
