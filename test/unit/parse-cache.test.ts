/** config/parse-cache.ts: parsed YAML kept between runs gives the same data and the same error positions. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonExact, parseCache } from '../../config/parse-cache';
import { YamlSource } from '../../config/yaml-source';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'fp-parse-cache-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const TEXT = 'name: dev\nregions:\n  - name: eastus2\n    zones: [1, 2]\n';

it('a cached text has the same data, and positions parse it again on demand', () => {
  const fresh = new YamlSource('a.yaml', TEXT);
  new YamlSource('a.yaml', TEXT, parseCache(dir));
  expect(readdirSync(dir)).toHaveLength(1);
  const cache = parseCache(dir);
  const get = jest.spyOn(cache, 'get');
  const hit = new YamlSource('a.yaml', TEXT, cache);
  expect(get).toHaveReturnedWith({ data: fresh.data });
  expect(hit.data).toEqual(fresh.data);
  expect(hit.syntaxProblems).toEqual([]);
  expect(hit.position(['regions', 0, 'zones', 1])).toEqual({ line: 4, col: 16 });
  expect(hit.position(['regions', 0, 'zones', 1])).toEqual(fresh.position(['regions', 0, 'zones', 1]));
});

it('an edited text misses; a text with problems or inexact data is not stored', () => {
  new YamlSource('a.yaml', TEXT, parseCache(dir));
  const cache = parseCache(dir);
  expect(cache.get(TEXT.replace('dev', 'prod'))).toBeUndefined();
  const bad = new YamlSource('b.yaml', 'a: [1\n', cache);
  expect(bad.syntaxProblems).not.toEqual([]);
  new YamlSource('c.yaml', 'a: .inf\n', cache);
  new YamlSource('d.yaml', 'a: -0.0\n', cache);
  expect(readdirSync(dir)).toHaveLength(1);
});

it('jsonExact accepts only what JSON round-trips exactly', () => {
  expect(jsonExact({ a: [1, 'x', true, null, { b: 2.5 }] })).toBe(true);
  expect(jsonExact({ a: Number.POSITIVE_INFINITY })).toBe(false);
  expect(jsonExact([Number.NaN])).toBe(false);
  expect(jsonExact(-0)).toBe(false);
  expect(jsonExact({ a: undefined })).toBe(false);
  expect(jsonExact(JSON.parse('{"__proto__": 1}'))).toBe(false);
  expect(jsonExact(new Date(0))).toBe(false);
  expect(jsonExact(new Map())).toBe(false);
});
