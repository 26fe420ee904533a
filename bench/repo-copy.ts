/**
 * A working copy of the checkout as a fresh clone has it (no dist/, no output), with node_modules symlinked
 * rather than copied: what `npm run synth` is measured and tested in when sources change.
 */
import { cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SKIP = new Set(['node_modules', '.git', 'dist', 'cdktf.out', '.bench', 'coverage']);

/** Copies `repo` into a new temp folder and returns its path; the caller removes it. */
export function copyRepo(repo: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'footprint-copy-'));
  cpSync(repo, copy, { recursive: true, filter: (src) => !SKIP.has(src.slice(repo.length + 1)) });
  symlinkSync(join(repo, 'node_modules'), join(copy, 'node_modules'));
  return copy;
}
