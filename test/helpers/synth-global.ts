/** Synthesizes one environment's global stack in-process (no child process, no output directory). */
import { Testing } from 'cdktf';
import type { Environment } from '../../config/environment';
import { GlobalStack } from '../../stacks/global-stack';
import { shippedEnvironment } from './load';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Attrs = Record<string, any>;

export interface SynthesizedGlobal {
  readonly env: Environment;
  readonly stack: GlobalStack;
  readonly json: Attrs;
  /** The stack's text, for checks on every value (e.g. DNS suffixes). */
  readonly text: string;
  /** Resources of a Terraform type, in file order, with their logical names. */
  resources(type: string): Array<Attrs & { readonly address: string }>;
}

export function synthJson(json: Attrs, type: string): Array<Attrs & { readonly address: string }> {
  const byName = (json.resource?.[type] ?? {}) as Record<string, Attrs>;
  return Object.entries(byName).map(([name, attrs]) => ({ ...attrs, address: `${type}.${name}` }));
}

const cache = new Map<string, SynthesizedGlobal>();

/** The global stack of a shipped environment (cached per name), or of `env` when given. */
export function synthGlobal(name: string, env?: Environment): SynthesizedGlobal {
  const hit = env ? undefined : cache.get(name);
  if (hit) return hit;
  const e = env ?? shippedEnvironment(name);
  const stack = new GlobalStack(Testing.app(), e);
  const text = Testing.synth(stack);
  const json = JSON.parse(text) as Attrs;
  const result: SynthesizedGlobal = { env: e, stack, json, text, resources: (type) => synthJson(json, type) };
  if (!env) cache.set(name, result);
  return result;
}

/** `${type.name.id}` reference to a resource found by `resources()`. */
export function ref(resource: { address: string }, attr = 'id'): string {
  return `\${${resource.address}.${attr}}`;
}

/** True when `name` appears in `text` as a whole DNS name or suffix (not inside a longer label). */
export function containsDnsName(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[."/\\s])${escaped}(?![a-z0-9-])`, 'i').test(text);
}
