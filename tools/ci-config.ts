/**
 * footprint ci-config: writes the CI files generated from the synthesized tree, the GitHub Actions plan and
 * apply workflows (default) or atlantis.yaml, so that the engines that already run many Terraform stacks in
 * parallel (with per-cloud credentials, approvals and locking) run footprint's stacks.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { defineCommand, EXIT, UsageError, type CommandContext } from '../lib/cli';
import { writeFileAtomic } from '../lib/atomic-file';
import { readSynthOutput } from '../contract/out';
import { ciFiles, CI_FORMATS, type CiFormat } from './ci-config/files';

const USAGE = `Usage: npm run ci-config -- [--format github|atlantis] [--check] [--root <dir>] [--out <dir>]

Writes the CI configuration generated from the synthesized tree (run \`npm run synth\` first): footprint.json,
manifest.json and the rollout plan of \`npm run rollout -- --all\`.
  github (default)  .github/workflows/plan.yml: every stack planned on pull requests, a matrix job per cloud
                    (azure/login OIDC with the cloud's environment; self-hosted runners for clouds reached
                    through a metadata host), one plan-review comment;
                    .github/workflows/apply.yml: one job per rollout wave, needs: between waves, a GitHub
                    environment per cloud (apply-<cloud>), concurrency per stack
  atlantis          atlantis.yaml: one project per stack, depends_on the previous wave, autoplan on the
                    stack's environment and cloud files

Options:
  --format <f>   github (default) or atlantis
  --check        write nothing; exit 1 when a file is missing or differs from what would be written
  --root <dir>   the repository to write into (default: the current directory)
  --out <dir>    the synthesized tree (default: $CDKTF_OUTDIR or cdktf.out)
  -h, --help     this help

Exit codes: 0 written (or up to date with --check), 1 stale with --check or invalid input (cdktf.out missing),
2 usage error.
`;

const OPTIONS = {
  format: { type: 'string' },
  check: { type: 'boolean', default: false },
  root: { type: 'string' },
} as const;

function main({ values, outDir }: CommandContext<typeof OPTIONS>): number {
  const format = (values.format ?? 'github') as CiFormat;
  if (!CI_FORMATS.includes(format)) {
    throw new UsageError(`--format must be one of ${CI_FORMATS.join(', ')} (got "${values.format}")`);
  }
  const root = resolve(values.root ?? '.');
  const files = ciFiles(readSynthOutput(outDir), format);
  const stale: string[] = [];
  for (const [path, text] of Object.entries(files)) {
    const target = join(root, path);
    const current = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
    if (current === text) continue;
    if (values.check) {
      stale.push(`${path} is ${current === undefined ? 'missing' : 'stale'}`);
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileAtomic(target, text);
    process.stdout.write(`wrote ${path}\n`);
  }
  if (stale.length) {
    process.stderr.write(
      `ci-config: ${stale.join('; ')}: run \`npm run ci-config${format === 'github' ? '' : ` -- --format ${format}`}\`\n`,
    );
    return EXIT.findings;
  }
  if (values.check) process.stdout.write(`${Object.keys(files).join(', ')} up to date\n`);
  return EXIT.ok;
}

defineCommand({ name: 'ci-config', usage: USAGE, options: OPTIONS, readsOut: true, main });
