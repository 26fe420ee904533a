/**
 * Parsed config files kept on disk between runs (config/yaml-source.ts ParsedCache): `npm run synth` after a
 * code change reads the same YAML again, and parsing it is about a tenth of synth. An entry is the data of one
 * text that parsed without a problem, keyed by the text's SHA-256 together with the parser (the yaml package's
 * package.json and yaml-source itself), so an edited file, another yaml version or another way of parsing
 * never meets an old entry. Only data that JSON keeps exactly is stored (strings, finite numbers, booleans,
 * null, arrays, plain objects); anything else (.inf, -0, a __proto__ key) is parsed every time.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ParsedCache } from './yaml-source';

/** Entries kept: a few generations of every shipped file. */
const KEEP = 200;

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** True when JSON.parse(JSON.stringify(v)) is `v` again. */
export function jsonExact(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  if (Array.isArray(v)) return v.every(jsonExact);
  if (typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype) return false;
  return Object.keys(v).every((k) => k !== '__proto__' && jsonExact((v as Record<string, unknown>)[k]));
}

function parserDigest(): string {
  const yamlPackage = join(dirname(require.resolve('yaml')), '..', 'package.json');
  return sha(readFileSync(yamlPackage, 'utf8') + readFileSync(require.resolve('./yaml-source'), 'utf8'));
}

/** A ParsedCache in `dir`; every failure to read or write it is a miss, never an error. */
export function parseCache(dir: string): ParsedCache {
  let salt: string | undefined;
  const file = (text: string) => {
    salt ??= parserDigest();
    return join(dir, `${sha(`${salt}\n${text}`)}.json`);
  };
  return {
    get(text) {
      try {
        return { data: JSON.parse(readFileSync(file(text), 'utf8')) as unknown };
      } catch {
        return undefined;
      }
    },
    put(text, data) {
      if (!jsonExact(data)) return;
      try {
        mkdirSync(dir, { recursive: true });
        const target = file(text);
        writeFileSync(`${target}.tmp-${process.pid}`, JSON.stringify(data));
        renameSync(`${target}.tmp-${process.pid}`, target);
        const all = readdirSync(dir).map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs }));
        if (all.length > KEEP)
          for (const { f } of all.sort((a, b) => b.t - a.t).slice(KEEP))
            rmSync(join(dir, f), { force: true });
      } catch {
        // a read-only cache folder only costs the next run a parse
      }
    },
  };
}
