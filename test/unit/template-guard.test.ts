/**
 * No config value can reach cdk.tf.json as a Terraform template: for every string field of both schemas (found
 * by walking the zod schemas, so a new field is covered without editing this test), a file with
 * `${file("/etc/passwd")}` or `%{…}` there is refused at that field, so nothing is synthesized.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { z } from 'zod';
import { fieldPath, formatError, type ConfigError } from '../../config/errors';
import { loadEnvironments, MAX_ERRORS_PER_FILE } from '../../config/load';
import { cloudSchema } from '../../config/schema/cloud';
import { environmentSchema } from '../../config/schema/environment';
import type { PathSegment } from '../../config/yaml-source';
import { REPO } from '../helpers/fixture';

const PLANT = '${file("/etc/passwd")}';
const DIRECTIVE = '%{ if true }k%{ endif }';

type Def = { type: string } & Record<string, unknown>;
const defOf = (s: unknown) => (s as { _zod: { def: Def } })._zod.def;

interface Spot {
  /** Where the planted string goes; `key: true` plants it as a map key under `path`. */
  readonly path: PathSegment[];
  readonly key: boolean;
}

/** Every place a schema takes a string (values, record keys, enum and literal strings), union branches included. */
function stringSpots(schema: unknown, path: PathSegment[] = []): Spot[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
    case 'enum':
      return [{ path, key: false }];
    case 'literal':
      return (def.values as unknown[]).some((v) => typeof v === 'string') ? [{ path, key: false }] : [];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
      return stringSpots(def.innerType, path);
    case 'pipe':
      return stringSpots(def.in, path);
    case 'object':
      return Object.entries(def.shape as Record<string, unknown>).flatMap(([k, v]) =>
        stringSpots(v, [...path, k]),
      );
    case 'array':
      return stringSpots(def.element, [...path, 0]);
    case 'record':
      return [{ path, key: true }, ...stringSpots(def.valueType, [...path, 'planted'])];
    case 'union':
      return (def.options as unknown[]).flatMap((o) => stringSpots(o, path));
    default:
      return [];
  }
}

/** `data` with `value` at `path`, creating (or replacing non-containers with) mappings and lists. */
function plant(data: unknown, spot: Spot, value: string): unknown {
  const root = structuredClone(data) as Record<PropertyKey, unknown>;
  let cur: Record<PropertyKey, unknown> = root;
  const segs = spot.key ? spot.path : spot.path.slice(0, -1);
  segs.forEach((seg, i) => {
    const next = spot.path[i + 1];
    const wantList = typeof next === 'number';
    const have = cur[seg];
    if (have === null || typeof have !== 'object' || Array.isArray(have) !== wantList)
      cur[seg] = wantList ? [] : {};
    cur = cur[seg] as Record<PropertyKey, unknown>;
  });
  if (spot.key) cur[value] = 'x';
  else cur[spot.path[spot.path.length - 1]!] = value;
  return root;
}

function shipped(file: string): unknown {
  return parse(readFileSync(join(REPO, 'environments', file), 'utf8'));
}

/** Loads one environment and one cloud file from a fresh folder. */
function load(env: unknown, cloud: unknown) {
  const root = mkdtempSync(join(tmpdir(), 'footprint-tpl-'));
  mkdirSync(join(root, 'environments', 'clouds'), { recursive: true });
  writeFileSync(join(root, 'environments', 'dev-public.yaml'), stringify(env));
  writeFileSync(join(root, 'environments', 'clouds', 'public.yaml'), stringify(cloud));
  return loadEnvironments({ root });
}

const ENV = shipped('dev-public.yaml');
const CLOUD = shipped('clouds/public.yaml');

interface Case extends Spot {
  readonly value: string;
  readonly inEnv: boolean;
}

function cases(schema: z.ZodType, inEnv: boolean): Case[] {
  const seen = new Set<string>();
  return (
    stringSpots(schema)
      .filter((s) => s.path[0] !== '$schema')
      // Both sequences, alternating between fields (each is refused by the same check).
      .map((s, i) => ({ ...s, inEnv, value: i % 2 ? PLANT : DIRECTIVE }))
      .filter((c) => {
        const id = `${c.key}:${fieldPath(c.path)}`;
        return !seen.has(id) && seen.add(id);
      })
  );
}

const name = (c: Case) =>
  `${c.inEnv ? 'dev-public.yaml' : 'clouds/public.yaml'} ${fieldPath(c.path)}${c.key ? ' (key)' : ''}`;

/** Two paths that cannot both exist in one document: one inside the other, or a list and a mapping at one place. */
function clash(a: readonly PathSegment[], b: readonly PathSegment[]): boolean {
  const i = a.findIndex((x, k) => b[k] !== x);
  if (i < 0 || i >= b.length) return true;
  return typeof a[i] !== typeof b[i];
}

/**
 * Cases planted together in one file (every error at once), as few files as the union branches allow: two
 * cases share a file unless their paths clash (a bare value and its `{ value, source }` form), and no file gets
 * more than half as many cases as the loader lists errors for one file (planting adds some errors of its own).
 */
function groups(all: readonly Case[]): { cases: Case[]; errors?: ConfigError[] }[] {
  const out: { cases: Case[]; errors?: ConfigError[] }[] = [];
  for (const c of all) {
    const fits = out.find(
      (g) =>
        g.cases.length < MAX_ERRORS_PER_FILE / 2 &&
        g.cases.every((o) => o.inEnv === c.inEnv && !clash(o.path, c.path)),
    );
    if (fits) fits.cases.push(c);
    else out.push({ cases: [c] });
  }
  return out;
}

const ENV_CASES = cases(environmentSchema, true);
const CLOUD_CASES = cases(cloudSchema, false);
const GROUPS = groups([...ENV_CASES, ...CLOUD_CASES]);

function errorsOf(c: Case): ConfigError[] {
  const g = GROUPS.find((x) => x.cases.includes(c))!;
  if (!g.errors) {
    const data = g.cases.reduce<unknown>((d, x) => plant(d, x, x.value), c.inEnv ? ENV : CLOUD);
    const r = load(c.inEnv ? data : ENV, c.inEnv ? CLOUD : data);
    expect(r.environments).toEqual([]);
    g.errors = r.errors;
  }
  return g.errors;
}

describe('template sequences in config', () => {
  it('the shipped files load (the planted cases below start from them)', () => {
    expect(load(ENV, CLOUD).errors.map(formatError)).toEqual([]);
  });

  it('the schema walk finds the free-text fields it must cover', () => {
    expect(ENV_CASES.length).toBeGreaterThan(40);
    expect(CLOUD_CASES.length).toBeGreaterThan(60);
    const names = [...ENV_CASES, ...CLOUD_CASES].map(name);
    expect(names).toEqual(
      expect.arrayContaining([
        'dev-public.yaml tags (key)',
        'dev-public.yaml tags.planted',
        'dev-public.yaml monitoring.webhookUrl',
        'dev-public.yaml frontDoor.customDomain.certificateSecretId',
        'dev-public.yaml waivers[0].reason',
        'clouds/public.yaml displayName',
        'clouds/public.yaml regions.planted.pair.source',
      ]),
    );
  });

  it.each([...ENV_CASES, ...CLOUD_CASES].map((c) => [`${name(c)} = ${c.value}`, c] as const))(
    '%s is refused at that field',
    (_n, c) => {
      const field = fieldPath(c.key ? [...c.path, c.value] : c.path);
      const hit = errorsOf(c)
        .filter((e) => e.field === field)
        .map(formatError);
      expect(hit).toHaveLength(1);
      expect(hit[0]).toMatch(
        /which Terraform would evaluate as a template; expected text without "\$\{" or "%\{"/,
      );
      expect(hit[0]).toMatch(
        c.inEnv ? /^environments\/dev-public\.yaml:\d+:\d+ / : /^environments\/clouds\/public\.yaml:\d+:\d+ /,
      );
    },
  );
});
