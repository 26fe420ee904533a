/**
 * stacks/stack-json.ts: a stack's JSON assembled from cdktf's preparing pass is the JSON cdktf's own
 * toTerraform() writes, and a stack whose elements change during preparation (a cross-stack reference) takes
 * cdktf's own path. The shipped matrix is compared as a whole in test/cli/creation-stacks.test.ts.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformOutput } from 'cdktf';
import { Footprint } from '../../stacks/footprint';
import { assertValid } from '../../stacks/synth-checks';
import { shippedEnvironment } from '../helpers/load';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Synthesizes dev-public (with `extra` applied) into a temp folder; returns file → text. */
function synth(singleResolve: boolean, extra?: (fp: Footprint) => void): Record<string, string> {
  const outdir = mkdtempSync(join(tmpdir(), 'fp-stack-json-'));
  dirs.push(outdir);
  const previous = process.env.FOOTPRINT_SINGLE_RESOLVE;
  process.env.FOOTPRINT_SINGLE_RESOLVE = singleResolve ? '1' : '0';
  try {
    const app = new App({ outdir, stackTraces: false });
    const fp = new Footprint(app, shippedEnvironment('dev-public'));
    extra?.(fp);
    assertValid(app);
    app.synth();
  } finally {
    if (previous === undefined) delete process.env.FOOTPRINT_SINGLE_RESOLVE;
    else process.env.FOOTPRINT_SINGLE_RESOLVE = previous;
  }
  const files: Record<string, string> = {};
  for (const e of readdirSync(outdir, { recursive: true, withFileTypes: true }))
    if (e.isFile())
      files[join(e.parentPath, e.name).slice(outdir.length + 1)] = readFileSync(
        join(e.parentPath, e.name),
        'utf8',
      );
  return files;
}

it('writes what cdktf writes', () => {
  const ours = synth(true);
  expect(Object.keys(ours)).toContain('stacks/dev-public-eastus2/cdk.tf.json');
  expect(ours).toEqual(synth(false));
});

it('takes cdktf’s path when preparation adds a cross-stack reference, with the same result', () => {
  const crossStack = (fp: Footprint) =>
    new TerraformOutput(fp.stamps[0]!, 'global-rg', { value: fp.global.resourceGroup.name });
  const ours = synth(true, crossStack);
  const stamp = ours['stacks/dev-public-eastus2/cdk.tf.json']!;
  expect(stamp).toContain('"terraform_remote_state"');
  expect(ours['stacks/dev-public-global/cdk.tf.json']).toContain('cross-stack-output-');
  expect(ours).toEqual(synth(false, crossStack));
});
