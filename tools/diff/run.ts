/** The child processes and file checks the diff's sources share. */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, statSync } from 'node:fs';

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `cmd` in `cwd` without a shell; a command that cannot start is code -1 with the reason on stderr. */
export function run(
  cmd: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): RunResult {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...env, CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: '1' },
    // npm ci of a large tree writes megabytes of progress and warnings.
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) return { code: -1, stdout: '', stderr: r.error.message };
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The npm a base is installed and built with: $FOOTPRINT_NPM (one executable, for tests), else npm. */
export function npmCommand(env: NodeJS.ProcessEnv = process.env): string {
  return env.FOOTPRINT_NPM || 'npm';
}

export function lexists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

export function isDir(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory();
}
