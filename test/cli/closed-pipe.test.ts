/**
 * A reader that stops early (`npm run -s validate -- --format json | head -1`) closes the pipe while the command
 * still writes: the command stops quietly, with its normal exit code and no stack trace (lib/cli.ts).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { configFixture, REPO, runNode } from '../helpers/fixture';

interface ClosedRun {
  readonly code: number | null;
  readonly stderr: string;
  /** Bytes read before the pipe was closed. */
  readonly read: number;
}

/**
 * Runs dist/<script> with stdout piped into a reader that closes after the first chunk (or, with `before`,
 * before the command writes anything).
 */
function runClosingReader(script: string, args: string[], cwd: string, before = false): Promise<ClosedRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(REPO, 'dist', script), ...args], {
      cwd,
      env: { ...process.env, CHECKPOINT_DISABLE: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let read = 0;
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    if (before) child.stdout.destroy();
    else
      child.stdout.once('data', (chunk: Buffer) => {
        read = chunk.length;
        child.stdout.destroy();
      });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stderr, read }));
  });
}

function expectQuiet(r: ClosedRun): void {
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/EPIPE|internal error|Unhandled/);
  expect(r.stderr).toBe('');
}

describe('stdout closed early', () => {
  let dir: string;
  beforeAll(() => {
    dir = configFixture();
    const r = runNode('main.js', ['--quiet'], dir);
    if (r.code !== 0) throw new Error(r.stderr);
  });

  // Waivers in the shipped files expire; pin the date so the normal exit code is stable.
  const cases: [string, string[]][] = [
    ['tools/validate.js', ['--format', 'json', '--today', '2026-12-01']],
    ['tools/resilience.js', ['--format', 'json']],
  ];

  it.each(cases)(
    '%s %j after the first chunk: no stack trace, the normal exit code',
    async (script, args) => {
      const normal = runNode(script, args, dir);
      // More than a pipe buffer (64 KiB): the command is still writing when the reader closes.
      expect(normal.stdout.length).toBeGreaterThan(128 * 1024);
      const r = await runClosingReader(script, args, dir);
      expect(r.read).toBeGreaterThan(0);
      expect(r.read).toBeLessThan(normal.stdout.length);
      expectQuiet(r);
      expect(r.code).toBe(normal.code);
    },
  );

  it('keeps a findings exit code (1), also when the pipe is closed before the first write', async () => {
    // On a date after every shipped waiver expires, validate fails: exit 1.
    const args = ['--format', 'json', '--today', '2099-12-31'];
    expect(runNode('tools/validate.js', args, dir).code).toBe(1);
    for (const before of [false, true]) {
      const r = await runClosingReader('tools/validate.js', args, dir, before);
      expectQuiet(r);
      expect(r.code).toBe(1);
    }
  });
});
