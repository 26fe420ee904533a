/**
 * A throwaway git repository holding a copy of every tracked file of this one (node_modules linked, not
 * copied), for commands that read git refs: the ref is then built with its own code, whatever folders it has.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from './fixture';

export interface GitRepo {
  readonly dir: string;
  /** Runs git in the repository; a failure throws with git's stderr. */
  git(...args: string[]): string;
}

/** The copy, not yet committed; with `environments`, only those environment files are kept. */
export function gitRepo(environments?: readonly string[]): GitRepo {
  const dir = mkdtempSync(join(tmpdir(), 'footprint-repo-'));
  const tracked = spawnSync('git', ['ls-files', '-z'], { cwd: REPO, encoding: 'utf8' }).stdout;
  for (const p of tracked.split('\0').filter((f) => f && existsSync(join(REPO, f)))) {
    cpSync(join(REPO, p), join(dir, p), { recursive: true });
  }
  if (environments) {
    for (const f of readdirSync(join(dir, 'environments'))) {
      if (f.endsWith('.yaml') && !environments.includes(f.replace(/\.yaml$/, ''))) {
        rmSync(join(dir, 'environments', f));
      }
    }
  }
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const git = (...args: string[]) => {
    const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
      cwd: dir,
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(r.stderr);
    return r.stdout;
  };
  git('init', '--quiet');
  writeFileSync(join(dir, '.git', 'info', 'exclude'), 'node_modules\n');
  return { dir, git };
}
