/**
 * footprint plan-review: the reviewer report over real Terraform plans (`terraform show -json`), per stack:
 * what the provider will create, update, replace and delete, ranked like the synth diff, with the changes that
 * plan as updates but fail or disrupt at apply. Never prints a sensitive value.
 */
import { defineCommand, EXIT, riskExitCode, UsageError, type CommandContext } from '../lib/cli';
import { readInputText } from '../lib/read-input';
import { loadInputs, parsePlan } from './plan-review/plan';
import { redactPlan } from './plan-review/redact';
import { renderJson, renderMarkdown, renderText } from './plan-review/render';
import { reviewPlans } from './plan-review/review';
import { disagreements, readSynthDiff } from './plan-review/synth-diff';

const USAGE = `Usage: npm run plan-review -- <plan.json | dir>... [--format text|markdown|json] [--exit-code]
                             [--synth-diff <diff.json>]
       npm run plan-review -- --redact <plan.json>

Reviews Terraform plans of footprint stacks: the output of \`terraform show -json <planfile>\`, one file per
stack named <stack>.plan.json (a folder is read for *.plan.json, plus *.plan.log or *.plan.error.txt: the
output of a plan that failed). Per stack: resources to create, update, replace and delete, replacements with
the attributes that force them (replace_paths), each change ranked HIGH, MEDIUM or LOW, and a summary line.
HIGH: deleting or replacing anything (stateful: what it loses), a plan that failed, the Cosmos DB write region
moving, and updates that the provider refuses at apply (model/apply-traps.ts: a node pool property that needs
rotation without temporary_name_for_rotation, a Cosmos location moved to failover priority 0, a subnet prefix
in use, Key Vault retention, ...). MEDIUM: updates that disrupt (a pool rotation, a Front Door origin disabled)
or touch security or availability. Sensitive values (before_sensitive/after_sensitive) print as (sensitive);
the plan's configuration, prior state and planned values are never printed.

Options:
  --format <f>            text (default), markdown (pull-request comment, capped at GitHub's size) or json
  --exit-code             exit 0 without resource changes, 4 with changes, 5 with any HIGH change or failed plan
  --synth-diff <file>     the synth diff of the same change (npm run diff -- --format json): also list where
                          the synth diff and the plans disagree
  --redact <plan.json>    print the plan with sensitive values replaced and without configuration values,
                          prior state or planned values (what CI may keep as an artefact); no review
  -h, --help              this help

Output changes are listed but are not resource changes. Exit codes: 0 done (or no change with --exit-code),
1 invalid input (a missing or unreadable file, not a plan), 2 usage error, 4 (with --exit-code) changes,
5 (with --exit-code) HIGH changes or a failed plan.
`;

const OPTIONS = {
  'exit-code': { type: 'boolean', default: false },
  'synth-diff': { type: 'string' },
  redact: { type: 'string' },
} as const;

function main({ values, format, positionals: files }: CommandContext<typeof OPTIONS>): number {
  if (values.redact !== undefined) {
    if (files.length) throw new UsageError('--redact takes one plan and no other files');
    const text = readInputText(values.redact, { missing: ': cannot read (ENOENT)' });
    process.stdout.write(`${JSON.stringify(redactPlan(parsePlan(text, values.redact)))}\n`);
    return EXIT.ok;
  }
  if (!files.length) throw new UsageError('name at least one plan JSON file or folder');
  const review = reviewPlans(loadInputs(files));
  const disagree = values['synth-diff']
    ? disagreements(review, readSynthDiff(values['synth-diff']))
    : undefined;
  process.stdout.write(
    format === 'json'
      ? renderJson(review, disagree)
      : format === 'markdown'
        ? renderMarkdown(review, disagree)
        : renderText(review, disagree),
  );
  if (!values['exit-code']) return EXIT.ok;
  return riskExitCode(review.risk);
}

defineCommand({
  name: 'plan-review',
  usage: USAGE,
  options: OPTIONS,
  formats: ['text', 'json', 'markdown'],
  positionals: true,
  main,
});
