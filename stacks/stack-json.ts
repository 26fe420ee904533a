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
  Tokenization,
} from 'cdktf';
import type { IConstruct } from 'constructs';

type Json = Record<string, unknown>;

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** What TerraformStack itself resolves with. */
export function resolveIn(stack: TerraformStack, value: unknown, preparing = false): unknown {
  return Tokenization.resolve(value, { scope: stack, preparing, resolver: RESOLVER });
}

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

/** TerraformStack.toTerraform() over already resolved fragments (the stack has no stack-level overrides). */
export function assemble(stack: TerraformStack, prepared: PreparedElements): Json {
  const { elements, fragments } = prepared;
  // cdktf also sets `cloud: undefined` here, which its last resolve drops again.
  const metadata: Json = {
    version: stack.node.tryGetContext('cdktfVersion') as unknown,
    stackName: stack.node.id,
    backend: 'local',
  };
  for (const e of elements) deepMerge(metadata, resolveIn(stack, e.toMetadata()) as Json);
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
  for (const f of fragments) deepMerge(tf, f as Json);
  // cdktf resolves the merged tree once more; every part of it is resolved already (plain JSON without token
  // markers, which resolving leaves as it is), so that pass is skipped.
  return tf;
}
