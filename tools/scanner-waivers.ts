/**
 * footprint scanner-waivers: exports the environments' waivers to the public scanners' own suppression files, so
 * an auditor running Checkov (or Trivy) on cdktf.out gets the same answer as `npm run validate`.
 */
import { join } from 'node:path';
import { writeFileSync, mkdirSync } from 'node:fs';
import { defineCommand, EXIT, UsageError, type CommandContext } from '../lib/cli';
import { withAtomicDir } from '../lib/atomic-dir';
import { readSynthOutput } from '../contract/out';
import { runPolicy } from '../policy/engine';
import { findRule } from '../policy/registry';
import { checkovIds, renderTrivyIgnore, scannerSuppressions, trivyIds } from '../policy/scanner-export';

const USAGE = `Usage: npm run -s scanner-waivers -- [--env <name>]... [--out <dir>] [--dest <dir>] [--today YYYY-MM-DD]
                                   [--format text|json]

Runs the policy (as npm run validate does) and writes the findings its active waivers hide in the scanners'
formats, to --dest (default: <out>/scanners):
  checkov/<stack>.baseline.json   Checkov 3.3.13 --baseline, one per stack with waived findings; run Checkov once
                                  per stack (a baseline ignores the file name)
  checkov/skip-checks.txt         --skip-check ID:<stack-file-regex> items for one run over <out>/stacks
                                  (per stack file: coarser, it also hides resources added later)
  .trivyignore.yaml               trivy config --ignorefile, per stack file, with the waivers' expiry and reason
  scanners.json                   what was written, and the waived findings no scanner id covers
Expired waivers are not exported. Only Checkov ids whose rule gives Checkov's verdict are exported.

Options:
  --env <name>   only this environment (repeatable; default: every environment in the output)
  --out <dir>    synthesized tree to read (default: $CDKTF_OUTDIR or cdktf.out)
  --dest <dir>   where to write (default: <out>/scanners; replaced as a whole)
  --today <date> judge waiver expiry on this date instead of today (UTC)
  --format <f>   summary on stdout: text (default) or json
  -h, --help     this help

Exit codes: 0 written and no unwaived finding of a rule with a Checkov id, 1 such findings remain (the files
are still written; Checkov would report them) or no readable output, 2 usage error.
`;

const OPTIONS = {
  env: { type: 'string', multiple: true },
  dest: { type: 'string' },
  today: { type: 'string' },
} as const;

function parseToday(v: string | undefined): string {
  if (v === undefined) return new Date().toISOString().slice(0, 10);
  const t = Date.parse(`${v}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== v)
    throw new UsageError(`--today must be a date YYYY-MM-DD (got "${v}")`);
  return v;
}

function main({ values, format, outDir }: CommandContext<typeof OPTIONS>): number {
  const today = parseToday(values.today);
  if (values.dest === '') throw new UsageError('--dest needs a directory');
  const out = readSynthOutput(outDir, values.env);
  const result = runPolicy(out, { today, minSeverity: 'low' });
  const s = scannerSuppressions(result);
  const unwaived = result.findings
    .filter((f) => checkovIds(findRule(f.rule)).length > 0 || trivyIds(findRule(f.rule)).length > 0)
    .map((f) => ({ rule: f.rule, stack: f.stack, resource: f.resource }));
  const dest = values.dest ?? join(outDir, 'scanners');
  const files: string[] = [];
  const summary = {
    today,
    baselines: Object.keys(s.checkovBaselines).length,
    skipChecks: s.checkovSkipChecks.length,
    trivyEntries: s.trivy.length,
    files,
    notExported: s.notExported,
    unwaived,
  };
  withAtomicDir(
    dest,
    (tmp) => {
      mkdirSync(join(tmp, 'checkov'));
      const write = (rel: string, text: string) => {
        writeFileSync(join(tmp, rel), text);
        files.push(rel);
      };
      for (const [stack, b] of Object.entries(s.checkovBaselines))
        write(`checkov/${stack}.baseline.json`, `${JSON.stringify(b, null, 2)}\n`);
      write('checkov/skip-checks.txt', s.checkovSkipChecks.map((l) => `${l}\n`).join(''));
      write('.trivyignore.yaml', renderTrivyIgnore(s.trivy));
      writeFileSync(join(tmp, 'scanners.json'), `${JSON.stringify(summary, null, 2)}\n`);
    },
    { marker: 'scanners.json' },
  );
  if (format === 'json') process.stdout.write(`${JSON.stringify({ dest, ...summary }, null, 2)}\n`);
  else {
    const lines = [
      `scanner-waivers: wrote ${summary.baselines} Checkov baseline(s), ${summary.skipChecks} --skip-check item(s) and ${summary.trivyEntries} Trivy ignore entr${summary.trivyEntries === 1 ? 'y' : 'ies'} to ${dest}`,
    ];
    if (s.notExported.length)
      lines.push(
        `${s.notExported.length} waived finding(s) of rules without a scanner id (validate only): ${[...new Set(s.notExported.map((x) => x.rule))].join(', ')}`,
      );
    for (const u of unwaived) lines.push(`unwaived: ${u.rule} ${u.stack}/${u.resource}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return unwaived.length === 0 ? EXIT.ok : EXIT.findings;
}

defineCommand({
  name: 'scanner-waivers',
  usage: USAGE,
  options: OPTIONS,
  formats: ['text', 'json'],
  readsOut: true,
  main,
});
