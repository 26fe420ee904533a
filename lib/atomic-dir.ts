/**
 * Writes a directory atomically: build it aside, then swap it in. A failure at any point leaves the previous
 * directory exactly as it was.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from './cli';

/** True when a directory holds no file at any depth (e.g. the empty `stacks/` a bare cdktf App leaves). */
function holdsNoFile(dir: string): boolean {
  return readdirSync(dir, { withFileTypes: true }).every(
    (e) => e.isDirectory() && holdsNoFile(join(dir, e.name)),
  );
}

/**
 * The swap deletes what was at `target`, so only a directory this command wrote before may be replaced: one
 * that holds no file or holds `marker` (a synthesized tree has manifest.json). `--out .` or `--out environments`
 * must not wipe the project.
 */
function checkReplaceable(abs: string, marker: string): void {
  if (!existsSync(abs)) return;
  if (!statSync(abs).isDirectory()) {
    throw new InputError(`${abs} is a file; the output must be a directory (nothing was written)`);
  }
  if (!existsSync(join(abs, marker)) && !holdsNoFile(abs)) {
    throw new InputError(
      `${abs} is not empty and has no ${marker}, so it is not an earlier output; refusing to replace it (nothing was written)`,
    );
  }
}

export function withAtomicDir<T>(
  target: string,
  build: (tmpDir: string) => T,
  opts: { readonly marker?: string } = {},
): T {
  const abs = resolve(target);
  checkReplaceable(abs, opts.marker ?? 'manifest.json');
  const parent = dirname(abs);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${basename(abs)}.tmp-${process.pid}`);
  const old = join(parent, `.${basename(abs)}.old-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  let result: T;
  try {
    result = build(tmp);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  const hadOld = existsSync(abs);
  if (hadOld) renameSync(abs, old);
  try {
    renameSync(tmp, abs);
  } catch (e) {
    if (hadOld) renameSync(old, abs);
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  if (hadOld) rmSync(old, { recursive: true, force: true });
  return result;
}
