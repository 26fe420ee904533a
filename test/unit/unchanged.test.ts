/** lib/unchanged.ts: a run is reused only from the exact state a fixpoint run read and left. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inputsDigest, record, recordPath, reusable, treeDigest } from '../../lib/unchanged';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fp-unchanged-'));
  mkdirSync(join(dir, 'out', 'stacks', 'a'), { recursive: true });
  writeFileSync(join(dir, 'out', 'stacks', 'a', 'cdk.tf.json'), '{}\n');
  writeFileSync(join(dir, 'out', 'manifest.json'), '{"a":1}\n');
  writeFileSync(join(dir, 'input.yaml'), 'name: a\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const out = () => join(dir, 'out');

describe('treeDigest', () => {
  it('changes with any file content, name, added file or empty folder, and is stable otherwise', () => {
    const base = treeDigest(out());
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(treeDigest(out())).toBe(base);
    writeFileSync(join(out(), 'manifest.json'), '{"a":2}\n');
    const edited = treeDigest(out());
    expect(edited).not.toBe(base);
    writeFileSync(join(out(), 'extra.json'), '');
    expect(treeDigest(out())).not.toBe(edited);
    rmSync(join(out(), 'extra.json'));
    expect(treeDigest(out())).toBe(edited);
    mkdirSync(join(out(), 'stacks', 'b'));
    expect(treeDigest(out())).not.toBe(edited);
  });

  it('is "missing" for no tree and undefined for a tree terraform worked in', () => {
    expect(treeDigest(join(dir, 'nothing'))).toBe('missing');
    mkdirSync(join(out(), 'stacks', 'a', '.terraform'));
    expect(treeDigest(out())).toBeUndefined();
    rmSync(join(out(), 'stacks', 'a', '.terraform'), { recursive: true });
    writeFileSync(join(out(), 'stacks', 'a', 'terraform.tfstate'), '{}');
    expect(treeDigest(out())).toBeUndefined();
  });
});

describe('reusable', () => {
  const file = () => recordPath(join(dir, 'cache'), 'synth', out());
  const inputs = () => inputsDigest({ paths: [join(dir, 'input.yaml')], values: ['--quiet'] });

  it('reuses a fixpoint run (it started from the tree it left) while inputs and tree are unchanged', () => {
    const tree = treeDigest(out());
    record(file(), { inputs: inputs()!, before: tree, after: tree, report: 'ok' });
    expect(reusable(file(), inputs(), out())).toBe('ok');
  });

  it('does not reuse a run that changed the tree, however the tree looks now', () => {
    record(file(), { inputs: inputs()!, before: 'missing', after: treeDigest(out()), report: 'ok' });
    expect(reusable(file(), inputs(), out())).toBeUndefined();
  });

  it('does not reuse after an input, an argument or the tree changed, or without a record', () => {
    const tree = treeDigest(out());
    expect(reusable(file(), inputs(), out())).toBeUndefined();
    record(file(), { inputs: inputs()!, before: tree, after: tree, report: 'ok' });
    expect(inputsDigest({ paths: [join(dir, 'input.yaml')], values: ['--verbose'] })).not.toBe(inputs());
    const recorded = inputs();
    writeFileSync(join(dir, 'input.yaml'), 'name: b\n');
    expect(inputs()).not.toBe(recorded);
    expect(reusable(file(), inputs(), out())).toBeUndefined();
    writeFileSync(join(dir, 'input.yaml'), 'name: a\n');
    expect(reusable(file(), inputs(), out())).toBe('ok');
    writeFileSync(join(out(), 'stacks', 'a', 'cdk.tf.json'), '{ }\n');
    expect(reusable(file(), inputs(), out())).toBeUndefined();
  });

  it('keeps one record per output folder', () => {
    expect(recordPath('/c', 'synth', '/a/out')).not.toBe(recordPath('/c', 'synth', '/b/out'));
    expect(recordPath('/c', 'synth', '/a/out')).toBe(recordPath('/c', 'synth', '/a/out'));
  });
});
