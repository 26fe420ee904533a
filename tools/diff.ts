/**
 * footprint diff: what a change does to every stack of every cloud, ranked for a reviewer. Compares two
 * synthesized trees (a git ref is synthesized in a temporary worktree) per stack and resource.
 */
import { compare } from './diff/compare';
import { renderJson, renderMarkdown, renderText } from './diff/render';
import { loadSide } from './diff/sources';
import { defineCommand, EXIT, UsageError, type CommandContext } from '../lib/cli';
import { OutError } from '../contract/out';

const USAGE = `Usage: npm run diff -- --base <git-ref | dir> [--head <git-ref | dir>] [--env <name>]...
                      [--format text|markdown|json] [--exit-code]

Compares the synthesized Terraform JSON of two versions, per stack: stacks added and removed, resources
created, deleted and updated (attribute paths, old → new), each change ranked HIGH, MEDIUM or LOW.
HIGH: deleting a stateful resource (Cosmos DB, Key Vault, Log Analytics, storage, a resource group) or a change
that forces replacement (names, locations, partition keys, AKS DNS prefix, the Cosmos failover order, ...).
MEDIUM: security- or availability-relevant changes (public access, WAF, NSG rules, provider, backend).

Options:
  --base <ref|dir>   a git ref (synthesized in a temporary worktree with that ref's code) or a synthesized
                     directory such as a saved cdktf.out
  --head <ref|dir>   default: the working tree, synthesized into a temporary directory (cdktf.out is not
                     touched; pass --head cdktf.out to use it)
  --env <name>       only this environment (repeatable)
  --format <f>       text (default), markdown (pull-request comment, capped at GitHub's size) or json
  --exit-code        exit 0 without changes, 2 with changes, 3 with any HIGH change
  -h, --help         this help

Exit codes: 0 done (or no changes with --exit-code), 1 invalid input (missing tree, unknown ref, config that
does not synthesize), 2 usage error or (with --exit-code) changes, 3 (with --exit-code) HIGH changes.
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
  const base = loadSide(baseSpec, cwd);
  const head = loadSide(values.head, cwd);
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
  return result.risk === null ? 0 : result.risk === 'HIGH' ? 3 : 2;
}

// --head defaults to the working tree, not cdktf.out: diff has no --out.
defineCommand({ name: 'diff', usage: USAGE, options: OPTIONS, formats: ['text', 'json', 'markdown'], main });
