/**
 * Reading a synthesized tree (cdktf.out) the way every checking tool needs it: the manifest, footprint.json and
 * each stack's resources with their Terraform addresses. Tools import this, never the constructs.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FOOTPRINT_FILE, parseFootprint, type EnvironmentSummary, type FootprintManifest } from './footprint';
import { InputError } from '../lib/cli';
import { readInputText } from '../lib/read-input';

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

/** A synthesized tree that is missing or cannot be read: the user's input, exit 1 without a stack trace. */
export class OutError extends InputError {}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function readText(path: string): string {
  return readInputText(path, {
    missing: ' not found: run `npm run synth` first',
    error: (m) => new OutError(m),
  });
}

/** A JSON object from a file of the tree; anything else (missing, not JSON, not an object) is an OutError. */
function readJson(path: string): JsonObject {
  return parseJson(path, readText(path));
}

function parseJson(path: string, text: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new OutError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (!isObject(parsed)) throw new OutError(`${path} is not a JSON object: run \`npm run synth\` again`);
  return parsed;
}

/** Resources of a stack's Terraform JSON, in file order, without cdktf's "//" metadata. */
export function resourcesOf(stack: string, json: JsonObject): Resource[] {
  const out: Resource[] = [];
  const byType = isObject(json.resource) ? json.resource : {};
  for (const [type, byName] of Object.entries(byType)) {
    if (!isObject(byName)) continue;
    for (const [name, attrs] of Object.entries(byName)) {
      if (!isObject(attrs)) continue;
      const { ['//']: _meta, ...rest } = attrs;
      out.push({ stack, type, name, address: `${type}.${name}`, attrs: rest });
    }
  }
  return out;
}

/**
 * Stacks already read, by name, with the text of their file. Passed to the readings of two trees (diff's base
 * and head), a stack whose file has the same bytes on both sides is parsed once and both sides share its JSON
 * and resources (so they compare equal at once). Readers must not change what they read.
 */
export type StackReuse = Map<
  string,
  { readonly text: string; readonly json: JsonObject; readonly resources: Resource[] }
>;

function readStack(path: string, name: string, reuse: StackReuse | undefined) {
  const text = readText(path);
  const seen = reuse?.get(name);
  if (seen && seen.text === text) return seen;
  const json = parseJson(path, text);
  const read = { text, json, resources: resourcesOf(name, json) };
  reuse?.set(name, read);
  return read;
}

/** Reads cdktf.out (or another synthesized tree); `only` limits it to some environments. */
export function readSynthOutput(dir: string, only?: readonly string[], reuse?: StackReuse): SynthOutput {
  if (existsSync(dir) && !statSync(dir).isDirectory())
    throw new OutError(`${dir} is a file, not a synthesized directory such as cdktf.out`);
  const manifest = readJson(join(dir, 'manifest.json')) as {
    stacks: Record<
      string,
      { dependencies: string[]; synthesizedStackPath: string; workingDirectory: string }
    >;
  };
  const footprintPath = join(dir, FOOTPRINT_FILE);
  const parsed = parseFootprint(readJson(footprintPath));
  if (!parsed.ok) throw new OutError(`${footprintPath} ${parsed.problem}: run \`npm run synth\` again`);
  const footprint: FootprintManifest = parsed.footprint;
  // `--env a --env a` names one environment once.
  const envNames = only ? [...new Set(only)] : Object.keys(footprint.environments);
  for (const n of envNames) {
    if (!footprint.environments[n]) {
      throw new OutError(
        `environment "${n}" is not in ${footprintPath} (${Object.keys(footprint.environments).join(', ')})`,
      );
    }
  }
  const stacks: StackJson[] = [];
  for (const n of envNames) {
    for (const name of footprint.environments[n]!.stacks) {
      const entry = isObject(manifest.stacks) ? manifest.stacks[name] : undefined;
      if (
        !entry ||
        typeof entry.synthesizedStackPath !== 'string' ||
        typeof entry.workingDirectory !== 'string'
      )
        throw new OutError(`stack ${name} is missing from ${join(dir, 'manifest.json')}`);
      const { json, resources } = readStack(join(dir, entry.synthesizedStackPath), name, reuse);
      stacks.push({
        name,
        dir: join(dir, entry.workingDirectory),
        json,
        resources,
        dependencies: Array.isArray(entry.dependencies) ? entry.dependencies : [],
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
