/**
 * footprint diff: what a change does to every stack of every cloud, ranked for a reviewer. Compares two
 * synthesized trees (a git ref is synthesized in a temporary worktree) per stack and resource.
 */
import { compare } from './diff/compare';
import { renderJson, renderMarkdown, renderText } from './diff/render';
import { CACHE_KEEP } from './diff/base-deps';
import { loadSide } from './diff/sources';
import { defineCommand, EXIT, riskExitCode, UsageError, type CommandContext } from '../lib/cli';
import { OutError, type StackReuse } from '../contract/out';

const USAGE = `Usage: npm run diff -- --base <git-ref | dir> [--head <git-ref | dir>] [--env <name>]...
                      [--format text|markdown|json] [--exit-code]

Compares the synthesized Terraform JSON of two versions, per stack: stacks added and removed, resources
created, deleted and updated (attribute paths, old → new), each change ranked HIGH, MEDIUM or LOW.
HIGH: deleting a stateful resource (Cosmos DB, Key Vault, Log Analytics, storage, a resource group) or a change
that forces replacement (names, locations, partition keys, AKS DNS prefix, the Cosmos failover order, ...).
MEDIUM: security- or availability-relevant changes (public access, WAF, NSG rules, provider, backend).

Options:
  --base <ref|dir>   a git ref (synthesized in a temporary worktree with that ref's code, build and locked
                     dependencies) or a synthesized directory such as a saved cdktf.out
  --head <ref|dir>   default: the working tree, synthesized into a temporary directory (cdktf.out is not
                     touched; pass --head cdktf.out to use it)
  --env <name>       only this environment (repeatable)
  --format <f>       text (default), markdown (pull-request comment, capped at GitHub's size) or json
  --exit-code        exit 0 without changes, 4 with changes, 5 with any HIGH change
  -h, --help         this help

A git ref is built as it was: when its package-lock.json differs from the working tree's, npm ci installs it
once in the ref's worktree and the result is kept by the lockfile's sha256 in $FOOTPRINT_DIFF_CACHE (default
$XDG_CACHE_HOME or ~/.cache, then footprint/diff-deps; the ${CACHE_KEEP} most recently used are kept), so the next
diff against it costs nothing; the same lockfile reuses the working tree's node_modules. A dependency bump (the
provider version in required_providers) shows in the diff. $FOOTPRINT_NPM names the npm to run (default npm).

Exit codes: 0 done (or no changes with --exit-code), 1 invalid input (missing tree, unknown ref, npm ci or a
build of the ref failed, config that does not synthesize), 2 usage error, 4 (with --exit-code) changes,
5 (with --exit-code) HIGH changes.
`;

const OPTIONS = {
  base: { type: 'string' },
  head: { type: 'string' },
  env: { type: 'string', multiple: true },
  'exit-code': { type: 'boolean', default: false },
} as const;

function main({ values, format }: CommandContext<typeof OPTIONS>): number {
  const baseSpec = values.base;
  if (!baseSpec) throw new UsageError('--base is required (a git ref such as origin/main, or a directory)');
  const cwd = process.cwd();
  // Stacks with the same bytes on both sides (most of them in a typical change) are parsed once and shared.
  const reuse: StackReuse = new Map();
  const base = loadSide(baseSpec, cwd, reuse);
  const head = loadSide(values.head, cwd, reuse);
  reuse.clear();
  const only = values.env;
  for (const e of only ?? []) {
    if (!base.out.footprint.environments[e] && !head.out.footprint.environments[e]) {
      throw new OutError(`environment "${e}" is in neither side`);
    }
  }
  const labels = { base: base.label, head: head.label };
  const result = compare(base.out, head.out, only ? { environments: only } : {});
  const color = process.env.FORCE_COLOR
    ? process.env.FORCE_COLOR !== '0'
    : process.stdout.isTTY === true && !process.env.NO_COLOR;
  process.stdout.write(
    format === 'json'
      ? renderJson(result, labels)
      : format === 'markdown'
        ? renderMarkdown(result, labels)
        : renderText(result, labels, { color }),
  );
  if (!values['exit-code']) return EXIT.ok;
  return riskExitCode(result.risk);
}

// --head defaults to the working tree, not cdktf.out: diff has no --out.
defineCommand({ name: 'diff', usage: USAGE, options: OPTIONS, formats: ['text', 'json', 'markdown'], main });
