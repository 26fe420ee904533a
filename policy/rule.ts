/** Builders for the two common rule shapes: one attribute of one resource, and any test per resource. */
import type { Json, Resource } from '../contract/out';
import { get, show } from './attrs';
import type { Issue, Rule, RuleContext, Severity } from './types';

export interface Violation {
  readonly attribute: string;
  readonly expected: string;
  readonly found: string;
  readonly fix?: string;
}

type RuleMeta = Omit<Rule, 'check'>;

/** What a family helper (one rule per resource type, e.g. "has a private endpoint") is given. */
export interface SingleTypeMeta {
  readonly id: string;
  readonly aliases?: string[];
  readonly severity: Severity;
  readonly title: string;
  readonly type: string;
  readonly fix: string;
}

/** The rule metadata of a single-type helper's input (`type` becomes `types: [type]`). */
export function singleTypeMeta({ type, aliases, ...rest }: SingleTypeMeta): RuleMeta {
  return { ...rest, ...(aliases ? { aliases } : {}), types: [type] };
}

/** A rule that tests every resource of its types on its own. */
export function resourceRule(
  meta: RuleMeta & {
    test(r: Resource, ctx: RuleContext): Violation | readonly Violation[] | undefined;
  },
): Rule {
  const { test, ...rest } = meta;
  return {
    ...rest,
    check(ctx: RuleContext): Issue[] {
      const out: Issue[] = [];
      for (const r of ctx.resources(...meta.types)) {
        const v = test(r, ctx);
        const list: readonly Violation[] = v === undefined ? [] : Array.isArray(v) ? v : [v as Violation];
        for (const x of list) out.push({ stack: r.stack, resource: r.address, ...x });
      }
      return out;
    },
  };
}

/**
 * A rule on one attribute (dotted path through blocks). `absent` says what a missing attribute means, which
 * follows the provider default (see shared/reference/policy.md): `pass` when the default is compliant.
 */
export function attrRule(
  meta: RuleMeta & {
    path: string;
    expected: string;
    ok(v: Json): boolean;
    absent: 'pass' | 'fail';
    /** Resources the rule does not apply to (e.g. a condition on another attribute). */
    when?(r: Resource, ctx: RuleContext): boolean;
  },
): Rule {
  const { path, expected, ok, absent, when, ...rest } = meta;
  return resourceRule({
    ...rest,
    test(r, ctx) {
      if (when && !when(r, ctx)) return undefined;
      const v = get(r.attrs, path);
      if (v === undefined || v === null) {
        return absent === 'pass' ? undefined : { attribute: path, expected, found: '(absent)' };
      }
      return ok(v) ? undefined : { attribute: path, expected, found: show(v) };
    },
  });
}

/** `ok` helpers. */
export const oneOf =
  (...values: string[]) =>
  (v: Json): boolean =>
    typeof v === 'string' && values.includes(v);
export const equals =
  (want: Json) =>
  (v: Json): boolean =>
    v === want || (typeof want === 'boolean' && v === String(want));
export const notEquals =
  (bad: Json) =>
  (v: Json): boolean =>
    !equals(bad)(v);
