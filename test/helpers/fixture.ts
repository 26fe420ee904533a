/**
 * Test fixtures built from the shipped data files: copy environments/ into a temp folder, then apply small
 * textual edits, so each test states exactly what it breaks.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '..', '..');

export interface Edit {
  readonly file: string; // relative to environments/, e.g. 'prod-usgov.yaml' or 'clouds/usgov.yaml'
  readonly from: string | RegExp;
  readonly to: string;
}

/** A temp work dir containing `environments/` (a copy of the shipped one with `edits` applied). */
export function configFixture(edits: readonly Edit[] = [], keep?: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'footprint-'));
  cpSync(join(REPO, 'environments'), join(dir, 'environments'), {
    recursive: true,
    filter: (src) => {
      if (!keep || !src.endsWith('.yaml') || src.includes('/clouds/')) return true;
      return keep.some((k) => src.endsWith(`/${k}.yaml`));
    },
  });
  for (const e of edits) {
    const path = join(dir, 'environments', e.file);
    const text = readFileSync(path, 'utf8');
    const next = text.replace(e.from, e.to);
    if (next === text) throw new Error(`fixture edit did not apply to ${e.file}: ${String(e.from)}`);
    writeFileSync(path, next);
  }
  return dir;
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a compiled command (dist/<script>.js) as a user would, in `cwd`. */
export function runNode(
  script: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): RunResult {
  const r = spawnSync(process.execPath, [join(REPO, 'dist', script), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1', FORCE_COLOR: '0', ...env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under `dir`, by relative path, with its text: two trees compare with toEqual. */
export function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile())
      out[join(e.parentPath, e.name).slice(dir.length + 1)] = readFileSync(
        join(e.parentPath, e.name),
        'utf8',
      );
  return out;
}
