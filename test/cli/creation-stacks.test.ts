/**
 * Synthesis without cdktf's token creation stacks (stacks/creation-stacks.ts) and with one resolve pass per stack
 * (stacks/stack-json.ts) writes exactly the bytes cdktf's own way writes.
 */
import { join } from 'node:path';
import { configFixture, runNode, tree } from '../helpers/fixture';

it('the shipped matrix synthesizes byte-identically with and without creation stacks, and in three resolve passes', () => {
  const dir = configFixture();
  const without = runNode('main.js', ['--quiet', '--out', 'without'], dir);
  expect(without.code).toBe(0);
  const withStacks = runNode('main.js', ['--quiet', '--out', 'with'], dir, {
    FOOTPRINT_CREATION_STACKS: '1',
  });
  expect(withStacks.code).toBe(0);
  const a = tree(join(dir, 'without'));
  expect(Object.keys(a)).toEqual(
    expect.arrayContaining(['footprint.json', 'stacks/prod-usgov-global/cdk.tf.json']),
  );
  expect(a).toEqual(tree(join(dir, 'with')));
  const threePasses = runNode('main.js', ['--quiet', '--out', 'three-passes'], dir, {
    FOOTPRINT_SINGLE_RESOLVE: '0',
  });
  expect(threePasses.code).toBe(0);
  expect(a).toEqual(tree(join(dir, 'three-passes')));
});
