/**
 * A git-ref base is built as it was, with its own locked dependencies: a base whose package-lock.json is the
 * head's links the head's node_modules (free, as before); any other lockfile is installed once with `npm ci` in
 * the base worktree and kept in a cache keyed by the lockfile's sha256, so the next diff against it costs one
 * hash and a symlink. A provider bump then shows in the diff (required_providers), instead of "No changes".
 */
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { OutError } from '../../contract/out';
import { isDir, lexists, npmCommand, run } from './run';

/** Installed trees kept (about 1 GB each); the least recently used beyond these go when one is added. */
export const CACHE_KEEP = 3;
const LOCKFILE = 'package-lock.json';
const ENTRY = /^[0-9a-f]{64}$/;
const TAIL_LINES = 20;

/** $FOOTPRINT_DIFF_CACHE, else $XDG_CACHE_HOME/footprint/diff-deps, else ~/.cache/footprint/diff-deps. */
export function depsCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FOOTPRINT_DIFF_CACHE) return resolve(env.FOOTPRINT_DIFF_CACHE);
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'footprint', 'diff-deps');
}

function sha256(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Where a base's node_modules came from: the head's, the cache, a fresh npm ci, or its own checkout. */
export type ModulesSource = 'head' | 'cache' | 'installed' | 'tracked';

/**
 * Gives the worktree `tree` of `ref` (in the repository at `top`) a node_modules for its own lockfile. Throws an
 * OutError, with npm's last lines, when npm ci fails; the cache is then left as it was.
 */
export function provideModules(
  tree: string,
  top: string,
  ref: string,
  env: NodeJS.ProcessEnv = process.env,
): ModulesSource {
  const link = join(tree, 'node_modules');
  if (lexists(link)) return 'tracked';
  const key = sha256(join(tree, LOCKFILE));
  const headModules = join(top, 'node_modules');
  // No lockfile to install from (an old ref), or the head's: the head's node_modules is the ref's.
  if (key === undefined || key === sha256(join(top, LOCKFILE))) {
    if (existsSync(headModules)) symlinkSync(headModules, link, 'dir');
    return 'head';
  }
  const root = depsCacheRoot(env);
  const entry = join(root, key);
  let source: ModulesSource = 'cache';
  if (!isDir(join(entry, 'node_modules'))) {
    install(tree, ref, env);
    publish(join(tree, 'node_modules'), root, key);
    source = 'installed';
  }
  touch(entry);
  if (source === 'installed') prune(root, key);
  symlinkSync(join(entry, 'node_modules'), link, 'dir');
  return source;
}

/** Marks an entry used now, for pruning; a read-only cache is still usable. */
function touch(entry: string): void {
  const now = new Date();
  try {
    utimesSync(entry, now, now);
  } catch {
    // not ours to write: pruning is best effort
  }
}

function tail(text: string): string {
  return text.trim().split('\n').slice(-TAIL_LINES).join('\n');
}

function install(tree: string, ref: string, env: NodeJS.ProcessEnv): void {
  const npm = npmCommand(env);
  // Under `npm run diff`, npm exports the head's folder as npm_config_local_prefix: the install is the worktree's.
  const { npm_config_local_prefix: _head, ...childEnv } = process.env;
  const r = run(npm, ['ci', '--no-audit', '--no-fund'], tree, childEnv);
  const what = `installing the locked dependencies of ${ref} (${npm} ci in its worktree) failed`;
  if (r.code === -1) throw new OutError(`${what}: ${npm} could not be run (${r.stderr.trim()})`);
  if (r.code !== 0) throw new OutError(`${what} with exit code ${r.code}:\n${tail(r.stderr || r.stdout)}`);
  if (!isDir(join(tree, 'node_modules'))) throw new OutError(`${what}: it wrote no node_modules`);
}

/** Moves `modules` into the cache as `<key>/node_modules`, whole or not at all (a rename of a staged folder). */
function publish(modules: string, root: string, key: string): void {
  let staging: string | undefined;
  try {
    mkdirSync(root, { recursive: true });
    staging = mkdtempSync(join(root, `.partial-${key.slice(0, 12)}-`));
    const staged = join(staging, 'node_modules');
    try {
      renameSync(modules, staged);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
      cpSync(modules, staged, { recursive: true, verbatimSymlinks: true });
    }
    try {
      renameSync(staging, join(root, key));
    } catch (e) {
      // A concurrent diff of the same lockfile published first: use its copy.
      if (!isDir(join(root, key, 'node_modules'))) throw e;
    }
  } catch (e) {
    throw new OutError(
      `cannot keep the installed dependencies in ${root} (${(e as Error).message}); set FOOTPRINT_DIFF_CACHE to a writable folder`,
    );
  } finally {
    if (staging) rmSync(staging, { recursive: true, force: true });
  }
}

/** Keeps the CACHE_KEEP most recently used entries (and `current`); removes the rest and stale partial copies. */
function prune(root: string, current: string): void {
  const entries = readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => ({ name: e.name, used: statSync(join(root, e.name)).mtimeMs }));
  const hourAgo = Date.now() - 3600_000;
  const old = entries
    .filter((e) => ENTRY.test(e.name) && e.name !== current)
    .sort((a, b) => b.used - a.used || a.name.localeCompare(b.name))
    .slice(CACHE_KEEP - 1);
  const partial = entries.filter((e) => e.name.startsWith('.partial-') && e.used < hourAgo);
  for (const e of [...old, ...partial]) rmSync(join(root, e.name), { recursive: true, force: true });
}
