/**
 * Writes a directory atomically: build it aside, then swap it in. A failure at any point leaves the previous
 * directory exactly as it was.
 *
 * Terraform works inside the output (`terraform init` writes `.terraform/` and `.terraform.lock.hcl` into a
 * stack's folder), and an older layout kept local state there too. The swap must never delete either:
 * a `*.tfstate` file anywhere outside `.terraform/` refuses the swap (nothing changed); a stack folder's
 * `.terraform/` and lock file move into the new tree when that stack is still written (or where `relocate`
 * says, e.g. a retired stack's folder), and refuse the swap otherwise (destroy the stack first, or delete them).
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
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

const TERRAFORM_WORK = ['.terraform', '.terraform.lock.hcl'];

export interface TerraformLeftovers {
  /** State files (`*.tfstate`, `*.tfstate.backup`, ...) outside `.terraform/`, relative to the tree. */
  readonly states: string[];
  /** `.terraform/` folders and lock files terraform wrote, relative to the tree. */
  readonly work: string[];
}

/** What terraform left in a tree; none of it is ours to delete. */
export function terraformLeftovers(root: string): TerraformLeftovers {
  const states: string[] = [];
  const work: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) return;
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, e.name);
      if (TERRAFORM_WORK.includes(e.name)) work.push(relative(root, path));
      else if (/\.tfstate(\.|$)/.test(e.name)) states.push(relative(root, path));
      else if (e.isDirectory()) walk(path);
    }
  };
  walk(root);
  return { states, work };
}

function refuseStates(abs: string, states: readonly string[]): void {
  if (!states.length) return;
  throw new InputError(
    `${abs} holds Terraform state that synth did not write: ${states.join(', ')}; replacing the folder would ` +
      `delete it. Move each file out first (a local backend now keeps state in .terraform-state/<stack>.tfstate ` +
      `at the repository root), then synth again (nothing was written)`,
  );
}

export interface AtomicDirOptions {
  /** @default manifest.json */
  readonly marker?: string;
  /**
   * Where a terraform working path of the old tree (relative) goes when its folder is not in the new tree: a
   * new relative path, null to let it go, undefined to refuse. @default refuse
   */
  readonly relocate?: (rel: string) => string | null | undefined;
}

/** A tree being built aside: `commit()` swaps it in, `abort()` removes it; the previous tree is kept until then. */
export interface PendingDir {
  readonly tmp: string;
  commit(): void;
  abort(): void;
}

/** Checks that `target` may be replaced and makes the empty folder to build the new tree in. */
export function beginAtomicDir(target: string, opts: AtomicDirOptions = {}): PendingDir {
  const abs = resolve(target);
  checkReplaceable(abs, opts.marker ?? 'manifest.json');
  const leftovers = terraformLeftovers(abs);
  refuseStates(abs, leftovers.states);
  const parent = dirname(abs);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${basename(abs)}.tmp-${process.pid}`);
  const old = join(parent, `.${basename(abs)}.old-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const abort = () => rmSync(tmp, { recursive: true, force: true });
  const commit = () => {
    // Old relative path → new relative path of each terraform working file that moves across.
    const moves = new Map<string, string>();
    // Terraform's working files go where their stack is written again; a stack that is gone keeps them.
    const orphans: string[] = [];
    for (const w of leftovers.work) {
      const to = existsSync(join(tmp, dirname(w))) ? w : opts.relocate?.(w);
      if (to === null) continue;
      if (to === undefined || !existsSync(join(tmp, dirname(to)))) orphans.push(w);
      else moves.set(w, to);
    }
    if (orphans.length) {
      abort();
      throw new InputError(
        `${abs} holds Terraform working folders of stacks this synth no longer writes: ${orphans.join(', ')}; ` +
          `destroy those stacks first (see "Retiring a region" in the README) or delete the folders (nothing was written)`,
      );
    }
    const moved: [string, string][] = [];
    const hadOld = existsSync(abs);
    try {
      for (const [w, to] of moves) {
        if (existsSync(join(tmp, to))) continue;
        renameSync(join(abs, w), join(tmp, to));
        moved.push([w, to]);
      }
      if (hadOld) renameSync(abs, old);
    } catch (e) {
      for (const [w, to] of moved) renameSync(join(tmp, to), join(abs, w));
      abort();
      throw e;
    }
    try {
      renameSync(tmp, abs);
    } catch (e) {
      if (hadOld) renameSync(old, abs);
      for (const [w, to] of moved) renameSync(join(tmp, to), join(abs, w));
      abort();
      throw e;
    }
    if (hadOld) rmSync(old, { recursive: true, force: true });
  };
  return { tmp, commit, abort };
}

export function withAtomicDir<T>(
  target: string,
  build: (tmpDir: string) => T,
  opts: AtomicDirOptions = {},
): T {
  const pending = beginAtomicDir(target, opts);
  let result: T;
  try {
    result = build(pending.tmp);
  } catch (e) {
    pending.abort();
    throw e;
  }
  pending.commit();
  return result;
}

/** withAtomicDir for a build that waits (e.g. on a synth worker). */
export async function withAtomicDirAsync<T>(
  target: string,
  build: (tmpDir: string) => Promise<T>,
  opts: AtomicDirOptions = {},
): Promise<T> {
  const pending = beginAtomicDir(target, opts);
  let result: T;
  try {
    result = await build(pending.tmp);
  } catch (e) {
    pending.abort();
    throw e;
  }
  pending.commit();
  return result;
}
