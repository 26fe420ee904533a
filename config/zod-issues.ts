/** Turns zod issues into config errors at the YAML position, with what was expected in words. */
import type { z } from 'zod';
import { quote, show } from '../lib/quote';
import { errorAt, type ConfigError } from './errors';
import { oneOf } from './suggestions';
import type { YamlSource } from './yaml-source';

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return v.length === 0 ? 'an empty list' : `a list of ${v.length}`;
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${show(v)}`;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

type Def = Record<string, unknown> & { type: string };

function defOf(s: unknown): Def | undefined {
  return (s as { _zod?: { def?: Def } })?._zod?.def;
}

/** Strips optional/default/pipe wrappers; keeps unions. */
function unwrapOne(s: unknown): unknown {
  const def = defOf(s);
  if (!def) return s;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
      return unwrapOne(def.innerType);
    case 'pipe':
      return unwrapOne(def.in);
    default:
      return s;
  }
}

/** The schemas that may describe the value at `path` (several where a union is crossed). */
function schemasAt(schema: z.ZodType, path: readonly PropertyKey[]): unknown[] {
  const spread = (s: unknown): unknown[] => {
    const u = unwrapOne(s);
    const def = defOf(u);
    return def?.type === 'union' ? (def.options as unknown[]).flatMap(spread) : [u];
  };
  let current: unknown[] = [unwrapOne(schema)];
  for (const seg of path) {
    const next: unknown[] = [];
    for (const s of current.flatMap(spread)) {
      const def = defOf(s);
      if (def?.type === 'object') {
        const shape = def.shape as Record<string, unknown>;
        if (typeof seg === 'string' && shape[seg]) next.push(unwrapOne(shape[seg]));
      } else if (def?.type === 'array' && typeof seg === 'number') next.push(unwrapOne(def.element));
      else if (def?.type === 'record') next.push(unwrapOne(def.valueType));
    }
    current = next;
  }
  return current;
}

/** The keys a strict object accepts at `path` in a zod schema (best effort through wrappers and unions). */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const keys = new Set<string>();
  const collect = (s: unknown): void => {
    const def = defOf(s);
    if (def?.type === 'object') Object.keys(def.shape as object).forEach((k) => keys.add(k));
    if (def?.type === 'union') (def.options as unknown[]).forEach((o) => collect(unwrapOne(o)));
  };
  schemasAt(schema, path).forEach(collect);
  keys.delete('$schema');
  return [...keys].sort();
}

function checksOf(def: Def): Def[] {
  return ((def.checks as { _zod: { def: Def } }[] | undefined) ?? []).map((c) => c._zod.def);
}

function range(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return ` ${min}-${max}`;
  if (min !== undefined) return ` >= ${min}`;
  if (max !== undefined) return ` <= ${max}`;
  return '';
}

/** What a schema expects, in words: "a whole number 30-730", "one of (dev, staging, prod)", "a lower-case GUID". */
export function describe(s: unknown): string {
  const def = defOf(unwrapOne(s));
  if (!def) return 'a value';
  const checks = checksOf(def);
  switch (def.type) {
    case 'string': {
      if (def.format === 'date') return 'a date such as 2027-05-31 (YYYY-MM-DD)';
      const regex = checks.find((c) => c.format === 'regex');
      if (regex) {
        const custom = typeof regex.error === 'function' ? (regex.error as () => unknown)() : undefined;
        return typeof custom === 'string' ? custom : `text matching ${String(regex.pattern)}`;
      }
      const min = checks.find((c) => c.check === 'min_length')?.minimum as number | undefined;
      return min ? `text of at least ${min} characters` : 'text';
    }
    case 'number': {
      const min = checks.find((c) => c.check === 'greater_than')?.value as number | undefined;
      const max = checks.find((c) => c.check === 'less_than')?.value as number | undefined;
      const step = checks.find((c) => c.check === 'multiple_of')?.value as number | undefined;
      const kind = def.format === 'safeint' ? 'a whole number' : 'a number';
      return `${kind}${range(min, max)}${step ? ` in steps of ${step}` : ''}`;
    }
    case 'boolean':
      return 'true or false';
    case 'enum':
      return `one of (${Object.values(def.entries as object).join(', ')})`;
    case 'literal':
      return (def.values as unknown[]).map(show).join(' or ');
    case 'array': {
      const min = checks.find((c) => c.check === 'min_length')?.minimum as number | undefined;
      return `a list${min ? ` of at least ${min}` : ''} (each ${describe(def.element)})`;
    }
    case 'record':
      return 'a mapping';
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      const fixed = Object.entries(shape)
        .filter(([, v]) => defOf(unwrapOne(v))?.type === 'literal')
        .map(([k, v]) => `${k}: ${String((defOf(unwrapOne(v))!.values as unknown[])[0])}`);
      return fixed.length
        ? `a mapping with ${fixed.join(', ')}`
        : `a mapping with fields ${Object.keys(shape)
            .filter((k) => k !== '$schema')
            .join(', ')}`;
    }
    case 'union': {
      const options = def.options as unknown[];
      if (options.every((o) => defOf(unwrapOne(o))?.type === 'literal'))
        return `one of (${options.flatMap((o) => defOf(unwrapOne(o))!.values as unknown[]).join(', ')})`;
      return options.map(describe).join(', or ');
    }
    default:
      return 'a value';
  }
}

function describeAt(schema: z.ZodType, path: readonly PropertyKey[]): string {
  const found = schemasAt(schema, path);
  return found.length ? [...new Set(found.map(describe))].join(', or ') : 'a value';
}

/** zod's own wording ("Too big: expected number to be <=730"), replaced by the schema's description. */
function isZodDefault(message: string): boolean {
  return /^(Too (big|small)|Invalid)\b/.test(message);
}

/** Turns zod issues into positioned errors with the expected value and the valid choices. */
export function fromZodIssues(
  src: YamlSource,
  schema: z.ZodType,
  issues: readonly z.core.$ZodIssue[],
): ConfigError[] {
  const out: ConfigError[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const found = valueAt(src.data, path);
    const expected = () => describeAt(schema, path);
    const foundText = found === undefined ? '' : `, found ${typeName(found)}`;
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          out.push(
            errorAt(
              src,
              [...path, key],
              `unknown field ${quote(key)}${oneOf(key, keysAt(schema, path))}`,
              true,
            ),
          );
        }
        break;
      case 'invalid_value': {
        const values = issue.values.map(String);
        out.push(
          errorAt(
            src,
            path,
            found === undefined
              ? `required field is missing; expected one of (${values.join(', ')})`
              : `${show(found)} is not allowed${oneOf(String(found), values)}`,
          ),
        );
        break;
      }
      case 'invalid_type':
        out.push(
          errorAt(
            src,
            path,
            found === undefined
              ? `required field is missing; expected ${expected()}`
              : `expected ${expected()}${foundText}`,
          ),
        );
        break;
      case 'invalid_key': {
        const key = path[path.length - 1];
        const inner = issue.issues[0];
        const what = inner && !isZodDefault(inner.message) ? inner.message : 'a valid field name';
        out.push(errorAt(src, path, `field name ${show(key)} is not valid; expected ${what}`, true));
        break;
      }
      case 'invalid_union':
        out.push(...fromUnion(src, schema, issue, path, found));
        break;
      case 'too_big':
      case 'too_small':
      case 'not_multiple_of':
      case 'invalid_format':
        out.push(
          errorAt(
            src,
            path,
            `expected ${isZodDefault(issue.message) ? expected() : issue.message}${foundText}`,
          ),
        );
        break;
      default:
        out.push(
          errorAt(
            src,
            path,
            `${issue.message}${found !== undefined && typeof found !== 'object' && !issue.message.includes(show(found)) ? `, found ${show(found)}` : ''}`,
          ),
        );
    }
  }
  return out;
}

/**
 * A union's error: the branch the value is shaped like (a bare value or a mapping; for mappings, the branch
 * whose fields it uses), else what the branches expect.
 */
function fromUnion(
  src: YamlSource,
  schema: z.ZodType,
  issue: z.core.$ZodIssueInvalidUnion,
  path: (string | number)[],
  found: unknown,
): ConfigError[] {
  const options = ((defOf(schemasAtUnion(schema, path))?.options as unknown[] | undefined) ?? []).map(
    unwrapOne,
  );
  // A discriminated union with an unknown or missing discriminator.
  const disc = (issue as { discriminator?: string; options?: unknown[] }).discriminator;
  if (disc !== undefined) {
    const values = ((issue as { options?: unknown[] }).options ?? []).map(String);
    return [
      errorAt(
        src,
        path,
        found === undefined
          ? `required field is missing; expected one of (${values.join(', ')})`
          : `${show(found)} is not allowed${oneOf(String(found), values)}`,
      ),
    ];
  }
  const shaped = issue.errors
    .map((errs, i) => ({ errs, option: options[i] }))
    .filter((b) => !b.errs.some((e) => e.code === 'invalid_type' && e.path.length === 0));
  let pick = shaped;
  if (shaped.length > 1 && found !== null && typeof found === 'object' && !Array.isArray(found)) {
    const keys = Object.keys(found);
    const fieldsOf = (o: unknown) => Object.keys((defOf(o)?.shape as object | undefined) ?? {});
    pick = shaped.filter((b) =>
      fieldsOf(b.option).some(
        (k) => keys.includes(k) && options.every((o) => o === b.option || !fieldsOf(o).includes(k)),
      ),
    );
    if (pick.length !== 1) {
      const forms = options.map((o) => fieldsOf(o).join(' + ')).join(' or ');
      return [
        errorAt(
          src,
          path,
          `expected exactly one of ${forms}, found ${keys.length ? keys.join(', ') : 'no fields'}`,
        ),
      ];
    }
  }
  if (pick.length === 1) {
    return fromZodIssues(
      src,
      schema,
      pick[0]!.errs.map((i) => ({ ...i, path: [...path, ...i.path] }) as z.core.$ZodIssue),
    );
  }
  return [
    errorAt(
      src,
      path,
      found === undefined
        ? `required field is missing; expected ${options.map(describe).join(', or ')}`
        : `expected ${options.map(describe).join(', or ')}, found ${typeName(found)}`,
    ),
  ];
}

function schemasAtUnion(schema: z.ZodType, path: readonly PropertyKey[]): unknown {
  return schemasAt(schema, path).find((s) => defOf(s)?.type === 'union');
}
