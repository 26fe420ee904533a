/**
 * The diff's replacement classes come from the provider's ForceNew data: every resource type our stacks use has
 * an entry, and every ForceNew attribute a shipped stack sets is reported as a replacement when it changes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Json, JsonObject } from '../../contract/out';
import { FORCE_NEW, PROVIDER_FACTS_PROVENANCE } from '../../model/provider-facts';
import { compareResource } from '../../tools/diff/compare';
import { classifyAttribute } from '../../tools/diff/risk';
import { REPO } from '../helpers/fixture';
import { SHIPPED_ENVIRONMENTS, synthEnv } from '../helpers/synth-env';

const isObj = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The values at a dotted path, through single blocks and every element of repeated ones. */
function valuesAt(v: Json | undefined, path: readonly string[]): Json[] {
  if (v === undefined) return [];
  if (!path.length) return [v];
  if (Array.isArray(v)) return v.flatMap((x) => (isObj(x) ? valuesAt(x, path) : []));
  if (!isObj(v)) return [];
  return valuesAt(v[path[0]!], path.slice(1));
}

/** A copy with the value at `path` changed: a scalar altered, a list of values grown, a block removed. */
function mutate(v: Json, path: readonly string[]): Json {
  if (Array.isArray(v)) return v.map((x) => (isObj(x) ? mutate(x, path) : x));
  if (!isObj(v)) return v;
  const [k, ...rest] = path;
  const out: JsonObject = { ...v };
  const cur = v[k!];
  if (cur === undefined) return out;
  if (rest.length) out[k!] = mutate(cur, rest);
  else if (typeof cur === 'string') out[k!] = `${cur}-changed`;
  else if (typeof cur === 'number') out[k!] = cur + 1;
  else if (typeof cur === 'boolean') out[k!] = !cur;
  else if (Array.isArray(cur) && !cur.some(isObj)) out[k!] = [...cur, 'added'];
  else delete out[k!];
  return out;
}

interface Use {
  readonly stack: string;
  readonly address: string;
  readonly type: string;
  readonly path: string;
  readonly attrs: JsonObject;
}

const stacks = SHIPPED_ENVIRONMENTS.flatMap((n) => Object.entries(synthEnv(n).stacks));
const types = new Set(stacks.flatMap(([, s]) => Object.keys(s.resource ?? {})));
const uses: Use[] = [];
for (const [stack, json] of stacks) {
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    for (const [name, attrs] of Object.entries(byName)) {
      for (const path of FORCE_NEW[type]?.forceNew ?? []) {
        if (valuesAt(attrs as JsonObject, path.split('.')).length) {
          uses.push({ stack, address: `${type}.${name}`, type, path, attrs: attrs as JsonObject });
        }
      }
    }
  }
}

describe('provider ForceNew data', () => {
  it('states its provenance: azurerm 4.55.0, from the provider schema, file and date', () => {
    expect(PROVIDER_FACTS_PROVENANCE.provider).toMatch(/azurerm 4\.55\.0/);
    expect(PROVIDER_FACTS_PROVENANCE.source).toMatch(/force-new-4\.55\.0\.json.*provider schema/);
    expect(PROVIDER_FACTS_PROVENANCE.extracted).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('has an entry for every resource type a shipped stack uses', () => {
    expect(types.size).toBeGreaterThan(0);
    expect([...types].filter((t) => !FORCE_NEW[t])).toEqual([]);
  });

  it('holds exactly the resource types constructs/ and stacks/ import (any synthesized stack could use)', () => {
    const imported = new Set<string>();
    for (const dir of ['constructs', 'stacks']) {
      for (const f of readdirSync(join(REPO, dir)).filter((x) => x.endsWith('.ts'))) {
        const text = readFileSync(join(REPO, dir, f), 'utf8');
        for (const m of text.matchAll(/@cdktf\/provider-azurerm\/lib\/([a-z0-9-]+)/g)) {
          // Data sources are read, never replaced: they have no ForceNew attributes.
          if (m[1] !== 'provider' && !m[1]!.startsWith('data-'))
            imported.add(`azurerm_${m[1]!.replace(/-/g, '_')}`);
        }
      }
    }
    expect(Object.keys(FORCE_NEW).sort()).toEqual([...imported].sort());
    for (const t of types) expect(imported).toContain(t);
  });

  it('every ForceNew attribute a shipped stack sets is a replacement, alone and in a diff', () => {
    const pairs = new Set(uses.map((u) => `${u.type} ${u.path}`));
    // 159 on azurerm 4.55.0 with the shipped environments (issue 14); any new one must be flagged too.
    expect(pairs.size).toBeGreaterThan(0);
    const missed = [...pairs].filter((p) => {
      const [type, path] = p.split(' ') as [string, string];
      return !classifyAttribute(type, path).replaces;
    });
    expect(missed).toEqual([]);
    const notReplaced: string[] = [];
    for (const u of uses) {
      const before = { stack: u.stack, type: u.type, name: '', address: u.address, attrs: u.attrs };
      const after = { ...before, attrs: mutate(u.attrs, u.path.split('.')) as JsonObject };
      const c = compareResource(before, after);
      if (!c?.replaces || c.risk !== 'HIGH') notReplaced.push(`${u.stack} ${u.address} ${u.path}`);
    }
    expect(notReplaced).toEqual([]);
  });
});
