/**
 * A synth whose inputs and output are what the previous synth read and left reuses that output (lib/unchanged.ts),
 * and anything else synthesizes in full: the output is always what a full synth writes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configFixture, runNode, tree, type RunResult } from '../helpers/fixture';

const REUSED = '(unchanged: inputs and output are what the last synth read and left)';
const reused = (r: RunResult) => r.code === 0 && r.stdout.includes(REUSED);

it('reuses only the exact state a synth read and left, and replays its messages', () => {
  const dir = configFixture([], ['prod-ussec']);
  const out = join(dir, 'cdktf.out');
  const synth = (env: NodeJS.ProcessEnv = {}) => runNode('main.js', [], dir, env);
  const first = synth();
  expect(first.code).toBe(0);
  expect(first.stderr).toContain('warning prod-ussec:');
  // The first run changed the tree (there was none), so the second synthesizes again; from then on the
  // state is a fixpoint and is reused, with the same warnings.
  expect(reused(first)).toBe(false);
  const second = synth();
  expect(reused(second)).toBe(false);
  const full = tree(out);
  const third = synth();
  expect(reused(third)).toBe(true);
  expect(third.stdout).toMatch(/^Synthesized 3 stacks for 1 environment into .* in \d+ ms \(unchanged/);
  expect(third.stderr).toBe(second.stderr);
  expect(tree(out)).toEqual(full);

  // A tampered output is synthesized again, and comes back as it was.
  const stamp = join(out, 'stacks', 'prod-ussec-usseceast', 'cdk.tf.json');
  writeFileSync(stamp, readFileSync(stamp, 'utf8').replace('"usseceast"', '"ussecwest"'));
  expect(reused(synth())).toBe(false);
  expect(tree(out)).toEqual(full);

  // FOOTPRINT_SYNTH_CACHE=0 always synthesizes; edited config is another input.
  expect(reused(synth({ FOOTPRINT_SYNTH_CACHE: '0' }))).toBe(false);
  const yaml = join(dir, 'environments', 'prod-ussec.yaml');
  writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('costCenter: CC-1000', 'costCenter: CC-1001'));
  expect(reused(synth())).toBe(false);
  expect(readFileSync(stamp, 'utf8')).toContain('CC-1001');
});
