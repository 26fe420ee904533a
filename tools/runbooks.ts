/**
 * footprint runbooks: writes docs/runbooks/<alert-id>.md for every alert (model/runbooks.ts), or with --check
 * reports missing, stale and orphan files (a runbook naming an alert that no longer exists).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { defineCommand, EXIT, type CommandContext } from '../lib/cli';
import { writeFileAtomic } from '../lib/atomic-file';
import { RUNBOOK_DIR, runbookFiles } from '../model/runbooks';

const USAGE = `Usage: npm run runbooks -- [--check] [--root <dir>]

Writes one runbook per alert into ${RUNBOOK_DIR}/ (what it means, the first three queries, likely causes,
the mitigation with its exact command, when to escalate) and the index README.md, from the alert table.
Files in ${RUNBOOK_DIR}/ that name no alert are removed.

Options:
  --check        write nothing; exit 1 when a runbook is missing, stale or names an alert that does not exist
  --root <dir>   the repository to write into (default: the current directory)
  -h, --help     this help

Exit codes: 0 written (or up to date with --check), 1 stale with --check, 2 usage error.
`;

const OPTIONS = {
  check: { type: 'boolean', default: false },
  root: { type: 'string' },
} as const;

function main({ values }: CommandContext<typeof OPTIONS>): number {
  const root = resolve(values.root ?? '.');
  const files = runbookFiles();
  const dir = join(root, RUNBOOK_DIR);
  const present = existsSync(dir) ? readdirSync(dir).map((f) => `${RUNBOOK_DIR}/${f}`) : [];
  const problems: string[] = [];
  for (const path of present.filter((p) => !(p in files)).sort()) {
    if (values.check) problems.push(`${path} names no alert`);
    else {
      rmSync(join(root, path));
      process.stdout.write(`removed ${path}\n`);
    }
  }
  for (const [path, text] of Object.entries(files)) {
    const target = join(root, path);
    const current = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
    if (current === text) continue;
    if (values.check) {
      problems.push(`${path} is ${current === undefined ? 'missing' : 'stale'}`);
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileAtomic(target, text);
    process.stdout.write(`wrote ${path}\n`);
  }
  if (problems.length) {
    process.stderr.write(`runbooks: ${problems.join('; ')}: run \`npm run runbooks\`\n`);
    return EXIT.findings;
  }
  if (values.check) process.stdout.write(`${Object.keys(files).length} runbooks up to date\n`);
  return EXIT.ok;
}

defineCommand({ name: 'runbooks', usage: USAGE, options: OPTIONS, main });
