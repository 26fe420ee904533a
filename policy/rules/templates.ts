/**
 * Template sequences in the output. Terraform evaluates `${…}` and `%{…}` in every string of a `.tf.json` file
 * (map keys included) at plan time. The config loader refuses them in config values (config/templates.ts);
 * this rule checks the result, so a construct that copies text from somewhere else is caught by `validate`.
 *
 * What our code produces, and so passes: references (`${azurerm_x.name.attr}`, `${data.…}`, `${var.…}`,
 * `${local.…}`, `${module.…}`, with `.attr`, `[0]` and `["key"]` steps), pure functions of the list below
 * applied to references, numbers and plain strings, and the escapes `$${` / `%%{` (literal text). Anything
 * else (`${file("/etc/passwd")}`, any `%{` directive) is a finding.
 */
import type { Json } from '../../contract/out';
import { quote } from '../../lib/quote';
import type { Issue, Rule, RuleContext } from '../types';

/** Pure functions cdktf's `Fn` may render; never one that reads files, the environment or the network. */
export const KNOWN_FUNCTIONS: ReadonlySet<string> = new Set([
  'base64encode',
  'cidrhost',
  'cidrsubnet',
  'coalesce',
  'concat',
  'distinct',
  'element',
  'flatten',
  'format',
  'join',
  'jsonencode',
  'keys',
  'length',
  'lookup',
  'lower',
  'merge',
  'replace',
  'sha256',
  'split',
  'tolist',
  'tomap',
  'tonumber',
  'toset',
  'tostring',
  'trimspace',
  'upper',
  'values',
]);

const REFERENCE =
  /^(?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*|\[\d+\]|\["[A-Za-z0-9_.-]*"\])*/;
const NUMBER = /^-?\d+(?:\.\d+)?/;
const STRING = /^"[^"\\$%]*"/;
const FUNCTION = /^([a-z][a-z0-9_]*)\(/;

/** Whether `expr` is one of the forms above (a tiny recursive-descent check, depth-capped). */
export function isProducedExpression(expr: string): boolean {
  let rest = expr.trim();
  const term = (depth: number): boolean => {
    rest = rest.trimStart();
    const fn = FUNCTION.exec(rest);
    if (fn) {
      if (depth > 8 || !KNOWN_FUNCTIONS.has(fn[1]!)) return false;
      rest = rest.slice(fn[0].length).trimStart();
      if (rest.startsWith(')')) {
        rest = rest.slice(1);
        return true;
      }
      for (;;) {
        if (!term(depth + 1)) return false;
        rest = rest.trimStart();
        if (rest.startsWith(')')) {
          rest = rest.slice(1);
          return true;
        }
        if (!rest.startsWith(',')) return false;
        rest = rest.slice(1);
      }
    }
    const m = REFERENCE.exec(rest) ?? NUMBER.exec(rest) ?? STRING.exec(rest);
    if (!m) return false;
    rest = rest.slice(m[0].length);
    return true;
  };
  return term(0) && rest.trim() === '';
}

/** The template sequences of a string: `${…}` / `%{…}` with their inner text; escapes skipped. */
export function templateSequences(s: string): { kind: '$' | '%'; inner: string; text: string }[] {
  const out: { kind: '$' | '%'; inner: string; text: string }[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if ((c !== '$' && c !== '%') || s[i + 1] === undefined) continue;
    if (s[i + 1] === c && s[i + 2] === '{') {
      i += 2; // `$${` or `%%{`: a literal, not a template
      continue;
    }
    if (s[i + 1] !== '{') continue;
    // The closing brace, past nested braces and quoted strings.
    let depth = 0;
    let j = i + 1;
    let inString = false;
    for (; j < s.length; j++) {
      const d = s[j];
      if (inString) {
        if (d === '\\') j++;
        else if (d === '"') inString = false;
      } else if (d === '"') inString = true;
      else if (d === '{') depth++;
      else if (d === '}' && --depth === 0) break;
    }
    out.push({ kind: c, inner: s.slice(i + 2, j), text: s.slice(i, j + 1) });
    i = j;
  }
  return out;
}

function problems(s: string): string[] {
  // Every sequence opens with `{`: most strings have none.
  if (!s.includes('{')) return [];
  return templateSequences(s)
    .filter((t) => t.kind === '%' || !isProducedExpression(t.inner))
    .map((t) => t.text);
}

/** Where a JSON path of a stack is, as the rule reports it: the resource address and the attribute. */
function locate(path: readonly string[]): { resource: string; attribute: string } {
  if ((path[0] === 'resource' || path[0] === 'data') && path.length >= 3) {
    const address = `${path[0] === 'data' ? 'data.' : ''}${path[1]}.${path[2]}`;
    return { resource: address, attribute: path.slice(3).join('.') || '(name)' };
  }
  return { resource: path.slice(0, 2).join('.') || '(stack)', attribute: path.slice(2).join('.') || '(key)' };
}

/** problems() by string: the same references recur in every stamp. */
type Seen = Map<string, string[]>;

const NONE: string[] = [];

function problemsOnce(s: string, seen: Seen): string[] {
  if (!s.includes('{')) return NONE;
  let p = seen.get(s);
  if (!p) seen.set(s, (p = problems(s)));
  return p;
}

function stackIssues(stack: string, json: Json, seen: Seen = new Map()): Issue[] {
  const out: Issue[] = [];
  const report = (path: string[], found: string) =>
    out.push({
      stack,
      ...locate(path),
      expected: 'a reference the constructs produce (resource, data, var, local, module) or a known function',
      found: quote(found),
    });
  // One path, pushed and popped on the way down; a report copies it.
  const path: string[] = [];
  const walk = (v: Json): void => {
    if (typeof v === 'string') for (const p of problemsOnce(v, seen)) report([...path], p);
    else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(String(i));
        walk(v[i]!);
        path.pop();
      }
    } else if (v !== null && typeof v === 'object') {
      for (const k in v) {
        if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
        path.push(k);
        for (const p of problemsOnce(k, seen)) report([...path], p);
        walk(v[k]!);
        path.pop();
      }
    }
  };
  walk(json);
  return out;
}

export const templateRules: Rule[] = [
  {
    id: 'FP_TEMPLATE_INJECTION',
    severity: 'critical',
    title: 'No string in the Terraform JSON holds a template sequence our code did not produce',
    types: [],
    fix: 'Find where the value comes from and keep "${" / "%{" out of it (config values are refused by the loader); write a literal one as "$${" / "%%{".',
    check: (ctx: RuleContext) => {
      const seen: Seen = new Map();
      return ctx.stacks.flatMap((s) => stackIssues(s.name, s.json, seen));
    },
  },
];
