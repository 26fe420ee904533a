/**
 * `npm run synth` builds only what changed, and never runs a stale dist/: a copy of the repository (without
 * dist/, node_modules symlinked) is edited the way an engineer edits it, then synthesized.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyRepo } from '../../bench/repo-copy';
import { REPO, type RunResult } from '../helpers/fixture';

const KEY_VAULT = 'constructs/key-vault.ts';

let copy: string;

/** `args` run in the copy as the npm script does (`node bin/run.js …`, or `npm run -s …` with `npm`). */
function run(args: readonly string[], npm = false): RunResult {
  const [cmd, argv] = npm ? ['npm', ['run', '-s', ...args]] : [process.execPath, ['bin/run.js', ...args]];
  const r = spawnSync(cmd, argv, {
    cwd: copy,
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1', FORCE_COLOR: '0' },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const synth = (out: string) => run(['dist/main.js', '--quiet', '--env', 'dev-public', '--out', out]);
const stamp = (out: string) =>
  readFileSync(join(copy, out, 'stacks', 'dev-public-eastus2', 'cdk.tf.json'), 'utf8');
const mtime = (rel: string) => statSync(join(copy, rel)).mtimeMs;
const edit = (rel: string, from: string, to: string) => {
  const text = readFileSync(join(copy, rel), 'utf8');
  if (!text.includes(from)) throw new Error(`${rel} does not contain ${from}`);
  writeFileSync(join(copy, rel), text.replace(from, to));
};

beforeAll(() => {
  copy = copyRepo(REPO);
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe('synth builds on demand', () => {
  it('builds a fresh clone (no dist/) through the npm script, then runs from what it built', () => {
    expect(existsSync(join(copy, 'dist'))).toBe(false);
    const r = run(['synth', '--', '--quiet', '--env', 'dev-public', '--out', 'first'], true);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Synthesized 2 stacks for 1 environment/);
    expect(existsSync(join(copy, 'dist', '.build.json'))).toBe(true);
    expect(stamp('first')).toContain('"soft_delete_retention_days": 90');
  });

  it('without a source change compiles nothing', () => {
    const before = [mtime('dist/.build.json'), mtime('dist/main.js'), mtime('dist/constructs/key-vault.js')];
    expect(synth('warm').code).toBe(0);
    expect([mtime('dist/.build.json'), mtime('dist/main.js'), mtime('dist/constructs/key-vault.js')]).toEqual(
      before,
    );
  });

  it('an edited construct is in the next output, and only that file is recompiled', () => {
    const main = mtime('dist/main.js');
    edit(KEY_VAULT, 'props.softDeleteRetentionDays ?? 90', 'props.softDeleteRetentionDays ?? 45');
    const r = synth('edited');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(stamp('edited')).toContain('"soft_delete_retention_days": 45');
    expect(mtime('dist/main.js')).toBe(main);
  });

  it('a source swc cannot compile stops with its name; nothing runs and the next run retries', () => {
    edit(KEY_VAULT, 'export class', 'export class class');
    const r = synth('broken');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^build: constructs\/key-vault\.ts: /);
    expect(existsSync(join(copy, 'broken'))).toBe(false);
    edit(KEY_VAULT, 'export class class', 'export class');
    expect(synth('fixed').code).toBe(0);
    expect(stamp('fixed')).toContain('"soft_delete_retention_days": 45');
  });

  it('a removed source takes its compiled file with it: an import of it fails instead of running stale code', () => {
    const queries = readFileSync(join(copy, 'stacks', 'queries.ts'), 'utf8');
    expect(existsSync(join(copy, 'dist', 'stacks', 'queries.js'))).toBe(true);
    unlinkSync(join(copy, 'stacks', 'queries.ts'));
    const r = synth('removed');
    expect(r.code).not.toBe(0);
    // main.ts itself imports it too (the queries are an input of the synth reuse).
    expect(r.stderr).toMatch(/Cannot find module '\.\/(stacks\/)?queries'/);
    expect(existsSync(join(copy, 'dist', 'stacks', 'queries.js'))).toBe(false);
    writeFileSync(join(copy, 'stacks', 'queries.ts'), queries);
    expect(synth('restored').code).toBe(0);
  });

  it('a dist/ without a manifest (built by hand) is swept of files no source produces', () => {
    rmSync(join(copy, 'dist', '.build.json'));
    writeFileSync(join(copy, 'dist', 'constructs', 'left-over.js'), 'throw new Error("stale");\n');
    expect(synth('swept').code).toBe(0);
    expect(existsSync(join(copy, 'dist', 'constructs', 'left-over.js'))).toBe(false);
    expect(existsSync(join(copy, 'dist', '.build.json'))).toBe(true);
  });
});

describe('the module compile cache', () => {
  // Node 20 has no module.enableCompileCache; a preload plays a newer Node that has it.
  it('is turned on, in node_modules/.cache, where Node has it', () => {
    const preload = join(copy, 'fake-compile-cache.js');
    writeFileSync(
      preload,
      "require('node:module').enableCompileCache = (dir) => process.stderr.write(`compile cache: ${dir}\\n`);\n",
    );
    const r = spawnSync(process.execPath, ['-r', preload, 'bin/run.js', 'dist/main.js', '--help'], {
      cwd: copy,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`compile cache: ${join(copy, 'node_modules', '.cache', 'footprint-compile')}\n`);
    expect(r.stdout).toMatch(/^Usage: npm run synth/);
  });

  it('is not needed where Node has none (Node 20)', () => {
    const r = run(['dist/main.js', '--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});
