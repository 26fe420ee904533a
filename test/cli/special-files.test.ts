/**
 * Paths a user names, and files a tree holds, that are not regular files: each command says so in one line and
 * exits 1 at once, where it used to block on a FIFO or read /dev/zero without end.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../helpers/fixture';

function run(script: string, args: string[], cwd = REPO) {
  const r = spawnSync(process.execPath, [join(REPO, 'dist', script), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 30_000, // a hang is killed and fails the test on its signal
    env: { ...process.env, CHECKPOINT_DISABLE: '1', FORCE_COLOR: '0', FOOTPRINT_SYNTH_CACHE: '0' },
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

const tmp = mkdtempSync(join(tmpdir(), 'footprint-special-'));
const fifo = (path: string) => spawnSync('mkfifo', [path]);

/** The shipped matrix synthesized once, copied per test. */
let matrix: string;
beforeAll(() => {
  matrix = join(tmp, 'matrix');
  expect(run('main.js', ['--quiet', '--out', matrix]).code).toBe(0);
});

function treeWithFifo(file: string): string {
  const dir = mkdtempSync(join(tmp, 'tree-'));
  cpSync(matrix, dir, { recursive: true });
  rmSync(join(dir, file));
  fifo(join(dir, file));
  return dir;
}

describe('files that are not regular files', () => {
  it.each([
    [
      'plan-review',
      'tools/plan-review.js',
      ['/dev/zero'],
      '/dev/zero is a character device, not a regular file',
    ],
    [
      'plan-review --redact',
      'tools/plan-review.js',
      ['--redact', '/dev/zero'],
      '/dev/zero is a character device',
    ],
  ])('%s /dev/zero: exit 1, one line', (_n, script, args, message) => {
    const r = run(script, args);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('plan-review of a FIFO: exit 1, named as a pipe', () => {
    fifo(join(tmp, 'x.plan.json'));
    const r = run('tools/plan-review.js', [join(tmp, 'x.plan.json')]);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `plan-review: ${join(tmp, 'x.plan.json')} is a named pipe (FIFO), not a regular file\n`,
    );
  });

  it.each(['footprint.json', 'stacks/dev-public-eastus2/cdk.tf.json'])(
    'validate of a tree whose %s is a FIFO: exit 1, the file named',
    (file) => {
      const dir = treeWithFifo(file);
      const r = run('tools/validate.js', ['--out', dir]);
      expect(r.signal).toBeNull();
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`validate: ${join(dir, file)} is a named pipe (FIFO), not a regular file\n`);
    },
  );

  it('synth over a previous output whose footprint.json is a FIFO: the region-order check skips it', () => {
    const dir = treeWithFifo('footprint.json');
    const r = run('main.js', ['--quiet', '--env', 'dev-public', '--out', dir]);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(0);
  });
});
