/**
 * A stack's Terraform JSON from one resolve pass instead of three. cdktf's App.synth() resolves every element
 * once in `prepareStack()` (with `preparing`, to find cross-stack references) and throws the result away, then
 * `toTerraform()` builds each element's JSON again, resolves it again and resolves the merged tree a third time.
 * On the shipped matrix that is about half of synth. `preparedElements` keeps the first pass; `assemble` merges it
 * the way TerraformStack.toTerraform() does (cdktf 0.21 lib/terraform-stack.ts), with public API only.
 *
 * Why the kept pass is the final JSON: the only resolution that reads `preparing` is cdktf's Reference, which then
 * registers a cross-stack reference, and that always adds an element (an output to the origin, a remote state to
 * the user); aspects ran before preparation (synth-checks.ts) and are idempotent; validations only read. So a
 * stack whose elements are the same objects in the same order at `toTerraform()` resolves to the same JSON; any
 * other stack (or one with stack-level overrides) takes cdktf's own path. The output is the same either way
 * (test/stacks/stack-json.test.ts compares both on the shipped matrix; FOOTPRINT_SINGLE_RESOLVE=0 turns it off).
 */
import {
  DefaultTokenResolver,
  StringConcat,
  TerraformElement,
  TerraformOutput,
  TerraformStack,
  Token,
  Tokenization,
} from 'cdktf';
import type { IConstruct } from 'constructs';

type Json = Record<string, unknown>;

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** What TerraformStack itself resolves with. */
export function resolveIn(stack: TerraformStack, value: unknown, preparing = false): unknown {
  return resolvePlain(value, (v) => Tokenization.resolve(v, { scope: stack, preparing, resolver: RESOLVER }));
}

/** How cdktf marks a token in a string (`${TfToken[…]}`, list `#{TfToken[…]}`, map `&{TfToken[…]}`). */
const TOKEN_MARKER = 'TfToken[';
/** A list token's marker: a list holding one is a token as a whole. */
const LIST_MARKER = '#{TfToken[';
const BEFORE_E = '-|0123456789.+';
const AFTER_E = '-|0123456789.eE+';

/**
 * Text that may be a number token's: what cdktf's NUMBER_TOKEN_REGEX `[-|\d|.\+]+(e[-|\d|.|e|E|\+]+)`
 * (lib/tokens/private/encoding.ts) finds, i.e. an `e` between a character of each class; without the regex,
 * which tries every start position of every string.
 */
export function hasNumberText(s: string): boolean {
  for (let i = s.indexOf('e', 1); i !== -1 && i < s.length - 1; i = s.indexOf('e', i + 1))
    if (BEFORE_E.includes(s[i - 1]!) && AFTER_E.includes(s[i + 1]!)) return true;
  return false;
}
/** Token doubles have an exponent near 2^960 (list) or 2^992 (scalar); no plain value is that large. */
const TOKEN_DOUBLE_MIN = 1e280;
/** Nesting beyond which the rest goes to cdktf, which stops cycles at 200 levels with its own error. */
const MAX_PLAIN_DEPTH = 100;

const plainString = (s: string): boolean =>
  !s.includes(TOKEN_MARKER) &&
  !hasNumberText(s) &&
  s !== Token.STRING_MAP_TOKEN_VALUE &&
  s !== Token.ANY_MAP_TOKEN_VALUE;

const plainNumber = (n: number): boolean =>
  Math.abs(n) < TOKEN_DOUBLE_MIN && n !== Token.NUMBER_MAP_TOKEN_VALUE;

/**
 * cdktf's resolve (lib/tokens/private/resolve.ts) over `value`, with `cdktf` doing every part that holds a
 * token. Most of a resource's JSON is plain (names, SKUs, flags, tags), and cdktf spends more on walking it
 * (a context with closures and a copied key path per value) than on the tokens. A plain part resolves to a
 * copy of itself without undefined entries, which is what cdktf returns for it; anything else (a token string or
 * number, an IResolvable, a list or map token, a construct, a function) goes to `cdktf` whole, in the same
 * order cdktf would reach it. On the way to a part, cdktf's resolve context carries nothing but the key path
 * (only in error messages), so resolving that part alone gives what resolving it in place gives.
 */
export function resolvePlain(value: unknown, cdktf: (v: unknown) => unknown, depth = 0): unknown {
  switch (typeof value) {
    case 'undefined':
    case 'boolean':
      return value;
    case 'string':
      return plainString(value) ? value : tokenString(value, cdktf);
    case 'number':
      return plainNumber(value) ? value : cdktf(value);
    case 'object':
      break;
    default:
      return cdktf(value);
  }
  if (value === null || value instanceof Date) return value;
  if (depth > MAX_PLAIN_DEPTH) return cdktf(value);
  if (Array.isArray(value)) {
    // A list token element makes the whole list a token; cdktf decides that before looking inside.
    for (const x of value)
      if (typeof x === 'string' ? x.includes(LIST_MARKER) : typeof x === 'number' && !plainNumber(x))
        return cdktf(value);
    const out: unknown[] = [];
    for (const x of value) {
      const r = resolvePlain(x, cdktf, depth + 1);
      if (r !== undefined) out.push(r);
    }
    return out;
  }
  if (Tokenization.isResolvable(value) || isConstruct(value)) return cdktf(value);
  const obj = value as Json;
  const keys = Object.keys(obj);
  if (!keys.every(plainString)) return cdktf(value);
  const out: Json = {};
  for (const key of keys) {
    const r = resolvePlain(obj[key], cdktf, depth + 1);
    if (r !== undefined) out[key] = r;
  }
  return out;
}

/** cdktf's STRING_TOKEN_REGEX: one `${TfToken[…]}` marker. */
const STRING_TOKEN = /\$\{TfToken\[[a-zA-Z0-9:._-]+\]\}/g;
/** cdktf's ESCAPE_TOKEN_BEGIN_REGEX: an open `${` escape, which changes how the tokens after it resolve. */
const ESCAPE_OPEN = /\$\{(?!TfToken\[)/;

/**
 * A string with tokens in literal text, e.g. a workbook's JSON that names a workspace: each token resolved by
 * `cdktf` alone and put back between the literal parts. cdktf itself splits such a string into literals and
 * `}` escapes, rescanning the rest of the string for the next escape at each of them and joining the fragments
 * pairwise: quadratic, 0.66 s for the 274 KB workbook of 200 stamps. Without an open `${` escape the escapes
 * come back as the same `}` text and the context of every token is the one a lone token gets, so the result
 * is the same; cdktf's last step, decoding number tokens written into the text, is left to it. Anything else
 * (an open escape, a list or map marker, a token that resolves to a non-string) goes to `cdktf` whole.
 */
function tokenString(s: string, cdktf: (v: unknown) => unknown): unknown {
  const tokens = s.match(STRING_TOKEN);
  if (!tokens || (tokens.length === 1 && tokens[0] === s) || ESCAPE_OPEN.test(s)) return cdktf(s);
  const literals = s.split(STRING_TOKEN);
  if (literals.some((l) => l.includes(TOKEN_MARKER))) return cdktf(s);
  let out = literals[0]!;
  for (let i = 0; i < tokens.length; i++) {
    const r = cdktf(tokens[i]);
    if (typeof r !== 'string' || r.includes(TOKEN_MARKER)) return cdktf(s);
    out += r + literals[i + 1]!;
  }
  return hasNumberText(out) ? cdktf(out) : out;
}

/** cdktf's own test before it refuses to resolve a construct. */
const isConstruct = (x: object): boolean =>
  (x as { _children?: unknown })._children !== undefined &&
  (x as { _metadata?: unknown })._metadata !== undefined;

/** The stack's elements in cdktf's order (depth first, not into nested stacks). */
export function elementsOf(node: IConstruct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(node)) into.push(node);
  for (const child of node.node.children) if (!TerraformStack.isStack(child)) elementsOf(child, into);
  return into;
}

export interface PreparedElements {
  readonly elements: readonly TerraformElement[];
  /** Each element's `toTerraform()`, resolved. */
  readonly fragments: readonly unknown[];
}

/** cdktf's preparing pass over `elements`, keeping what it resolves. */
export function prepareElements(
  stack: TerraformStack,
  elements: readonly TerraformElement[],
): PreparedElements {
  return { elements, fragments: elements.map((e) => resolveIn(stack, e.toTerraform(), true)) };
}

/** True when `now` holds exactly the elements that were prepared, in order. */
export function sameElements(prepared: PreparedElements, now: readonly TerraformElement[]): boolean {
  return now.length === prepared.elements.length && now.every((e, i) => e === prepared.elements[i]);
}

const isPlainObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !Tokenization.isResolvable(v);

/** cdktf's deepMerge (lib/util.ts): objects merge, arrays concatenate, undefined deletes. */
export function deepMerge(target: Json, source: Json): Json {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (isPlainObject(value)) {
      if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
      deepMerge(target[key] as Json, value);
    } else if (Array.isArray(value)) {
      const prev = target[key];
      target[key] = Array.isArray(prev) ? [...(prev as unknown[]), ...value] : value;
    } else if (value === undefined) {
      delete target[key];
    } else {
      target[key] = value;
    }
  }
  return target;
}

/**
 * deepMerge for a `source` that resolving just built: it holds no undefined and no tokens, and nothing else
 * holds it, so a part that `target` lacks is taken over instead of copied (a copy is all deepMerge makes of
 * it). Assembling a stack otherwise copies every resource's JSON once more.
 */
function mergeResolved(target: Json, source: Json): Json {
  for (const key of Object.keys(source)) {
    const value = source[key];
    const prev = target[key];
    if (prev === undefined && value !== undefined) target[key] = value;
    else if (isPlainObject(value) && typeof prev === 'object' && prev !== null)
      mergeResolved(prev as Json, value);
    else deepMerge(target, { [key]: value });
  }
  return target;
}

/** TerraformStack.toTerraform() over already resolved fragments (the stack has no stack-level overrides). */
export function assemble(stack: TerraformStack, prepared: PreparedElements): Json {
  const { elements, fragments } = prepared;
  // cdktf also sets `cloud: undefined` here, which its last resolve drops again.
  const metadata: Json = {
    version: stack.node.tryGetContext('cdktfVersion') as unknown,
    stackName: stack.node.id,
    backend: 'local',
  };
  for (const e of elements) mergeResolved(metadata, resolveIn(stack, e.toMetadata()) as Json);
  const outputs: Json = {};
  for (const e of elements) {
    if (!TerraformOutput.isTerraformOutput(e)) continue;
    const nested = e.node.path
      .split('/')
      .reduceRight<Json>(
        (inner, part) => ({ [part]: Object.keys(inner).length ? inner : e.friendlyUniqueId }),
        {},
      );
    deepMerge(outputs, nested);
  }
  const tf: Json = { '//': { metadata, outputs } };
  for (const f of fragments) mergeResolved(tf, f as Json);
  // cdktf resolves the merged tree once more; every part of it is resolved already (plain JSON without token
  // markers, which resolving leaves as it is), so that pass is skipped.
  return tf;
}
