/** Config errors a person can act on: file, line:column, field, what was expected, and the valid choices. */
import type { z } from 'zod';
import type { PathSegment, YamlSource } from './yaml-source';

export interface ConfigError {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  /** Field path such as `regions[1].name`; empty for a whole-file error. */
  readonly field: string;
  readonly message: string;
}

export function fieldPath(path: readonly PathSegment[]): string {
  return path.reduce<string>(
    (s, seg) => (typeof seg === 'number' ? `${s}[${seg}]` : s ? `${s}.${seg}` : String(seg)),
    '',
  );
}

export function formatError(e: ConfigError): string {
  return `${e.file}:${e.line}:${e.col} ${e.field ? `${e.field}: ` : ''}${e.message}`;
}

/** Sorted by file, then line and column, so the output reads top to bottom. */
export function sortErrors(errors: ConfigError[]): ConfigError[] {
  return [...errors].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.field.localeCompare(b.field),
  );
}

export function errorAt(
  src: YamlSource,
  path: readonly PathSegment[],
  message: string,
  key = false,
): ConfigError {
  const pos = src.position(path, key);
  return { file: src.file, line: pos.line, col: pos.col, field: fieldPath(path), message };
}

/** Levenshtein distance, for "did you mean" hints. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** " (a, b, c)" or ", did you mean "x"? (a, b, c)"; lists up to 12 choices. */
export function choices(value: string, options: readonly string[]): string {
  if (options.length === 0) return '';
  const close = options
    .map((o) => ({ o, d: distance(value.toLowerCase(), o.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(x.o.length / 3)))
    .sort((a, b) => a.d - b.d)[0];
  const shown = options.length > 12 ? `${options.slice(0, 12).join(', ')}, …` : options.join(', ');
  return `${close ? `; did you mean "${close.o}"?` : ''} (${shown})`;
}

function show(v: unknown): string {
  return typeof v === 'string' ? `"${v}"` : JSON.stringify(v);
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
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

/** The keys a strict object accepts at `path` in a zod schema (best effort through wrappers and unions). */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const unwrap = (s: unknown): unknown[] => {
    const def = (s as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
    if (!def) return [];
    switch (def.type) {
      case 'object':
        return [s];
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'readonly':
        return unwrap(def.innerType);
      case 'pipe':
        return unwrap(def.in);
      case 'union':
        return (def.options as unknown[]).flatMap(unwrap);
      case 'array':
        return [s];
      case 'record':
        return [s];
      default:
        return [];
    }
  };
  let current: unknown[] = unwrap(schema);
  for (const seg of path) {
    const next: unknown[] = [];
    for (const s of current) {
      const def = (s as { _zod: { def: Record<string, unknown> } })._zod.def;
      if (def.type === 'object') {
        const shape = def.shape as Record<string, unknown>;
        if (typeof seg === 'string' && shape[seg]) next.push(...unwrap(shape[seg]));
      } else if (def.type === 'array' && typeof seg === 'number') next.push(...unwrap(def.element));
      else if (def.type === 'record') next.push(...unwrap(def.valueType));
    }
    current = next;
  }
  const keys = new Set<string>();
  for (const s of current) {
    const def = (s as { _zod: { def: Record<string, unknown> } })._zod.def;
    if (def.type === 'object') Object.keys(def.shape as object).forEach((k) => keys.add(k));
  }
  keys.delete('$schema');
  return [...keys].sort();
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
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          out.push(
            errorAt(
              src,
              [...path, key],
              `unknown field "${key}"; expected one of${choices(key, keysAt(schema, path))}`,
              true,
            ),
          );
        }
        break;
      case 'invalid_value':
        out.push(
          errorAt(
            src,
            path,
            `${show(found)} is not allowed; expected one of${choices(String(found), issue.values.map(String))}`,
          ),
        );
        break;
      case 'invalid_type':
        out.push(
          errorAt(
            src,
            path,
            found === undefined
              ? `required field is missing (expected ${issue.expected})`
              : `expected ${issue.expected}, found ${typeName(found)}`,
          ),
        );
        break;
      case 'invalid_union': {
        // Report the branch that got furthest, else a summary of what the branches expect.
        const branches = issue.errors.filter((b) => b.length > 0);
        const best = branches.sort((a, b) => a.length - b.length)[0];
        if (best && best.every((i) => i.code !== 'invalid_type' || i.path.length > 0)) {
          out.push(
            ...fromZodIssues(
              src,
              schema,
              best.map((i) => ({ ...i, path: [...issue.path, ...i.path] })),
            ),
          );
        } else {
          out.push(errorAt(src, path, `${show(found)} matches none of the allowed forms`));
        }
        break;
      }
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
