/**
 * Synthesizes one shipped environment in-process (no child process, nothing written) and returns each stack's
 * Terraform JSON, as `Testing.synth` renders it (aspects applied, keys sorted, metadata stripped).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import type { Environment } from '../../config/environment';
import { Footprint } from '../../stacks/footprint';
import { REPO } from './fixture';
import { shippedEnvironment } from './load';

/** A synthesized stack: `resource[type][name] = body` and `output[name]`. */
export interface TfJson {
  readonly resource: Record<string, Record<string, Record<string, unknown>>>;
  readonly output?: Record<string, { value: unknown; sensitive?: boolean }>;
  readonly [key: string]: unknown;
}

export interface SynthesizedEnv {
  readonly env: Environment;
  readonly footprint: Footprint;
  /** Stack name → JSON. */
  readonly stacks: Readonly<Record<string, TfJson>>;
  /** Stack name → Testing.synth text (for searching). */
  readonly text: Readonly<Record<string, string>>;
}

const cache = new Map<string, SynthesizedEnv>();

export function synthEnv(name: string): SynthesizedEnv {
  const hit = cache.get(name);
  if (hit) return hit;
  const env = shippedEnvironment(name);
  const footprint = new Footprint(Testing.app({ stackTraces: false }), env);
  const stacks: Record<string, TfJson> = {};
  const text: Record<string, string> = {};
  for (const stack of [footprint.global, ...footprint.stamps]) {
    text[stack.node.id] = Testing.synth(stack);
    stacks[stack.node.id] = JSON.parse(text[stack.node.id]!) as TfJson;
  }
  const result = { env, footprint, stacks, text };
  cache.set(name, result);
  return result;
}

/** Resource bodies of one type in a stack (empty when there are none). */
export function resourcesOf(json: TfJson, type: string): Record<string, unknown>[] {
  return Object.values(json.resource[type] ?? {});
}

/** Names (logical ids) of resources of one type. */
export function resourceIds(json: TfJson, type: string): string[] {
  return Object.keys(json.resource[type] ?? {});
}

/** The shipped environments (environments/*.yaml, without the extension), so a new one is covered at once. */
export const SHIPPED_ENVIRONMENTS: readonly string[] = readdirSync(join(REPO, 'environments'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''))
  .sort();
