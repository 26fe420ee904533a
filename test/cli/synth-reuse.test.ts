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

it("reuses an environment's output when only other files of the config changed, never past an error", () => {
  const dir = configFixture([], ['prod-ussec', 'dev-public']);
  const out = join(dir, 'cdktf.out');
  const synth = () => runNode('main.js', ['--env', 'prod-ussec'], dir);
  const edit = (file: string, from: string, to: string) => {
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(from);
    writeFileSync(file, text.replace(from, to));
  };
  const OWN =
    "(unchanged: the environments' own files, the clouds and the output are what the last synth read and left)";
  expect(synth().code).toBe(0);
  const fixpoint = synth();
  expect(reused(fixpoint)).toBe(false);
  const full = tree(out);

  // Another environment's file, the README and the schema are not what prod-ussec is built from.
  const other = join(dir, 'environments', 'dev-public.yaml');
  edit(other, 'costCenter: CC-0000', 'costCenter: CC-0002');
  writeFileSync(join(dir, 'environments', 'README.md'), 'edited\n');
  const own = synth();
  expect(own.code).toBe(0);
  expect(own.stdout).toContain(OWN);
  expect(own.stderr).toBe(fixpoint.stderr);
  expect(tree(out)).toEqual(full);
  // That run recorded the whole folder too: the next one does not even read the config.
  expect(reused(synth())).toBe(true);

  // An error anywhere in the folder is still reported, and nothing is reused past it.
  edit(other, 'tier: dev', 'tier: nope');
  const bad = synth();
  expect(bad.code).toBe(1);
  expect(bad.stderr).toMatch(/dev-public\.yaml:\d+:\d+ tier: /);
  expect(tree(out)).toEqual(full);

  // The environment's own file, or a cloud file, synthesizes in full.
  edit(other, 'tier: nope', 'tier: dev');
  const yaml = join(dir, 'environments', 'prod-ussec.yaml');
  edit(yaml, 'costCenter: CC-1000', 'costCenter: CC-1003');
  const edited = synth();
  expect(edited.code).toBe(0);
  expect(edited.stdout).not.toContain('(unchanged');
  expect(readFileSync(join(out, 'stacks', 'prod-ussec-usseceast', 'cdk.tf.json'), 'utf8')).toContain(
    'CC-1003',
  );
  synth(); // the fixpoint after the change
  const cloud = join(dir, 'environments', 'clouds', 'ussec.yaml');
  writeFileSync(cloud, `${readFileSync(cloud, 'utf8')}\n# a comment\n`);
  expect(synth().stdout).not.toContain('(unchanged');
});
