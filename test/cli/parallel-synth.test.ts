/**
 * `npm run synth` on two threads (stacks/parallel-synth.ts) as a user runs it: the same tree, messages and exit
 * codes as on one thread (FOOTPRINT_SYNTH_THREADS=1), and nothing left beside the output.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { configFixture, runNode, tree } from '../helpers/fixture';

const ONE = { FOOTPRINT_SYNTH_THREADS: '1', FOOTPRINT_SYNTH_CACHE: '0' };
const TWO = { FOOTPRINT_SYNTH_THREADS: '2', FOOTPRINT_SYNTH_CACHE: '0' };
const summary = (s: string) => s.replace(/into \S+ in \d+ ms/, 'into DIR in N ms');

it('writes the tree and messages of a one-thread synth, and leaves only the output', () => {
  const dir = configFixture();
  const one = runNode('main.js', ['--out', 'one'], dir, ONE);
  const two = runNode('main.js', ['--out', 'two'], dir, TWO);
  expect(one.code).toBe(0);
  expect(two.code).toBe(0);
  expect(tree(join(dir, 'two'))).toEqual(tree(join(dir, 'one')));
  expect(two.stderr).toBe(one.stderr);
  expect(summary(two.stdout)).toBe(summary(one.stdout));
  expect(two.stdout).toMatch(/^Synthesized 23 stacks for 7 environments into /);
  expect(readdirSync(dir).sort()).toEqual(['environments', 'one', 'two']);
}, 120_000);

it('reports bad config with the worker started and writes nothing', () => {
  const dir = configFixture([{ file: 'prod-public.yaml', from: 'tier: prod', to: 'tier: production' }]);
  const r = runNode('main.js', [], dir, TWO);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^environments\/prod-public\.yaml:\d+:\d+ tier: /m);
  expect(r.stderr).toContain('nothing was written');
  expect(readdirSync(dir)).toEqual(['environments']);
}, 60_000);
