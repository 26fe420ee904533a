/**
 * Reusing a command's output when nothing it depends on changed. A run that succeeded records the digest of
 * its inputs (files and values) and of the output tree it started from and left behind. A later run may skip
 * the work only when its inputs digest is the recorded one and the output tree is byte for byte what that run
 * left, and that run left the tree it had started from: the command is deterministic, so running it again from
 * the same state would write the same tree. Anything else (an edited, added or removed file anywhere in the
 * inputs or the output, another node, a first run after a change) runs the command in full.
 *
 * Not covered: files edited inside node_modules/ without npm (the lockfiles are the inputs).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** Names terraform writes into an output folder: the tree is then not one this command wrote. */
const FOREIGN = /^(\.terraform|\.terraform\.lock\.hcl)$|\.tfstate/;
/**
 * A file larger than this is not read for a digest; its tree is then not reused. Nothing we read or write is
 * near it (the largest file of a 200-stamp environment, its global stack, is 0.6 MB); a stray blob in the config folder
 * would otherwise be read whole (over 2 GiB, Node refuses and the run failed with a stack trace).
 */
export const MAX_DIGEST_FILE_BYTES = 256 * 1024 * 1024;

/**
 * Digest of every file and folder under `root` (names and contents); `missing` when it does not exist;
 * undefined when it holds terraform's files or a file over MAX_DIGEST_FILE_BYTES (never skipped, and not
 * worth reading).
 */
export function treeDigest(root: string): string | undefined {
  const hash = createHash('sha256');
  const stat = statSync(root, { throwIfNoEntry: false });
  if (!stat) return 'missing';
  // A device or FIFO named as the folder is never read (it may not end); the command then reports it.
  if (!stat.isDirectory() && !stat.isFile()) return 'not a file or folder';
  if (stat.isFile()) return stat.size > MAX_DIGEST_FILE_BYTES ? undefined : sha(readFileSync(root));
  const walk = (rel: string): boolean => {
    const entries = readdirSync(join(root, rel), { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const e of entries) {
      if (FOREIGN.test(e.name)) return false;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        hash.update(`d ${r}\n`);
        if (!walk(r)) return false;
      } else if (e.isFile()) {
        const file = join(root, r);
        if (statSync(file).size > MAX_DIGEST_FILE_BYTES) return false;
        hash.update(`f ${r} ${sha(readFileSync(file))}\n`);
      } else {
        hash.update(`o ${r}\n`); // a link or socket: named, so adding or removing one changes the digest
      }
    }
    return true;
  };
  return walk('') ? hash.digest('hex') : undefined;
}

export interface Inputs {
  /** Files and folders read by the command (folders whole, recursively). */
  readonly paths: readonly string[];
  /** Everything else the output depends on: arguments, environment variables, the node version. */
  readonly values: readonly string[];
}

export function inputsDigest(inputs: Inputs): string | undefined {
  const parts: string[] = [];
  for (const p of inputs.paths) {
    const d = treeDigest(p);
    if (d === undefined) return undefined;
    parts.push(`${p} ${d}`);
  }
  return sha(JSON.stringify({ paths: parts, values: inputs.values }));
}

/** What a successful run leaves for the next one. */
export interface RunRecord<T> {
  readonly inputs: string;
  readonly before: string | undefined;
  readonly after: string | undefined;
  /** What the run reported (replayed by a skipped run). */
  readonly report: T;
}

/** The recorded report when this run may skip its work (see the file comment), else undefined. */
export function reusable<T>(recordFile: string, inputs: string | undefined, outdir: string): T | undefined {
  if (inputs === undefined) return undefined;
  let record: RunRecord<T>;
  try {
    record = JSON.parse(readFileSync(recordFile, 'utf8')) as RunRecord<T>;
  } catch {
    return undefined;
  }
  if (record.inputs !== inputs || record.after === undefined || record.before !== record.after)
    return undefined;
  return treeDigest(outdir) === record.after ? record.report : undefined;
}

/** Records kept per cache folder (one per output folder, e.g. every temp folder a test synthesized into). */
const KEEP = 50;

/** Records a successful run; a cache that cannot be written only costs the next run its skip. */
export function record<T>(recordFile: string, rec: RunRecord<T>): void {
  const dir = dirname(recordFile);
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = `${recordFile}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify(rec));
    renameSync(tmp, recordFile);
    const all = readdirSync(dir).map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs }));
    if (all.length > KEEP)
      for (const { f } of all.sort((a, b) => b.t - a.t).slice(KEEP)) rmSync(join(dir, f), { force: true });
  } catch {
    // read-only checkout or cache folder: nothing to reuse next time
  }
}

export function forget(recordFile: string): void {
  rmSync(recordFile, { force: true });
}

/** Where the record of a command writing `outdir` lives, under `cacheDir`. */
export function recordPath(cacheDir: string, command: string, outdir: string): string {
  return join(cacheDir, `${command}-${sha(outdir).slice(0, 16)}.json`);
}
