/**
 * Reading a synthesized tree (cdktf.out) the way every checking tool needs it: the manifest, footprint.json and
 * each stack's resources with their Terraform addresses. Tools import this, never the constructs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EnvironmentSummary, FootprintManifest } from '../../stacks/manifest';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Resource {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  /** `<type>.<name>`, the Terraform address inside the stack. */
  readonly address: string;
  readonly attrs: JsonObject;
}

export interface StackJson {
  readonly name: string;
  readonly dir: string;
  readonly json: JsonObject;
  readonly resources: Resource[];
  /** Stacks that must be applied first (from manifest.json). */
  readonly dependencies: string[];
}

export interface SynthOutput {
  readonly dir: string;
  readonly footprint: FootprintManifest;
  readonly stacks: StackJson[];
}

export class OutError extends Error {}

function readJson(path: string): JsonObject {
  if (!existsSync(path)) throw new OutError(`${path} not found: run \`npm run synth\` first`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as JsonObject;
  } catch (e) {
    throw new OutError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
}

/** Resources of a stack's Terraform JSON, in file order, without cdktf's "//" metadata. */
export function resourcesOf(stack: string, json: JsonObject): Resource[] {
  const out: Resource[] = [];
  const byType = (json.resource ?? {}) as Record<string, Record<string, JsonObject>>;
  for (const [type, byName] of Object.entries(byType)) {
    for (const [name, attrs] of Object.entries(byName)) {
      const { ['//']: _meta, ...rest } = attrs;
      out.push({ stack, type, name, address: `${type}.${name}`, attrs: rest });
    }
  }
  return out;
}

/** Reads cdktf.out (or another synthesized tree); `only` limits it to some environments. */
export function readSynthOutput(dir: string, only?: readonly string[]): SynthOutput {
  const manifest = readJson(join(dir, 'manifest.json')) as {
    stacks: Record<
      string,
      { dependencies: string[]; synthesizedStackPath: string; workingDirectory: string }
    >;
  };
  const footprint = readJson(join(dir, 'footprint.json')) as unknown as FootprintManifest;
  const envNames = only ?? Object.keys(footprint.environments);
  for (const n of envNames) {
    if (!footprint.environments[n]) {
      throw new OutError(
        `environment "${n}" is not in ${join(dir, 'footprint.json')} (${Object.keys(footprint.environments).join(', ')})`,
      );
    }
  }
  const stacks: StackJson[] = [];
  for (const n of envNames) {
    for (const name of footprint.environments[n]!.stacks) {
      const entry = manifest.stacks?.[name];
      if (!entry) throw new OutError(`stack ${name} is missing from ${join(dir, 'manifest.json')}`);
      const json = readJson(join(dir, entry.synthesizedStackPath));
      stacks.push({
        name,
        dir: join(dir, entry.workingDirectory),
        json,
        resources: resourcesOf(name, json),
        dependencies: entry.dependencies ?? [],
      });
    }
  }
  return {
    dir,
    footprint: only
      ? {
          ...footprint,
          environments: Object.fromEntries(envNames.map((n) => [n, footprint.environments[n]!])),
        }
      : footprint,
    stacks,
  };
}

/** The environment a stack belongs to. */
export function environmentOf(out: SynthOutput, stack: string): EnvironmentSummary | undefined {
  return Object.values(out.footprint.environments).find((e) => e.stacks.includes(stack));
}

/** A nested block as a list: cdktf writes single blocks as objects, hand-written JSON may use lists. */
export function asList(v: Json | undefined): JsonObject[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v))
    return v.filter((x): x is JsonObject => typeof x === 'object' && x !== null && !Array.isArray(x));
  return typeof v === 'object' ? [v] : [];
}

/** First element of a block (object or list form). */
export function block(v: Json | undefined): JsonObject | undefined {
  return asList(v)[0];
}

/** Terraform references `${type.name...}` inside a value, as `type.name` addresses. */
export function referencesIn(v: Json | undefined): string[] {
  const text = typeof v === 'string' ? v : JSON.stringify(v ?? null);
  const out = new Set<string>();
  for (const m of text.matchAll(/\$\{(?:data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)/g)) out.add(`${m[1]}.${m[2]}`);
  return [...out];
}
