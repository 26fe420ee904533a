/**
 * footprint preflight: everything a subscription must have before an environment's first deploy, computed from
 * cdktf.out (footprint.json prerequisites and the stacks' provider blocks). Offline it prints each check with
 * the az command that performs it; --check runs them in the environment's cloud.
 */
import { defineCommand, EXIT, FORMATS, UsageError, type CommandContext } from '../lib/cli';
import { readSynthOutput } from '../contract/out';
import { checklist } from './preflight/checks';
import { renderJson, renderMarkdown, renderText, summary } from './preflight/render';
import { runChecks } from './preflight/run';

const USAGE = `Usage: npm run -s preflight -- --env <name> [--check] [--out <dir>] [--format text|json|markdown]

Lists what the environment's subscription must have before its first deploy: resource providers and
subscription features to register, the Network Watchers its flow logs read, vCPU quota per VM family and
region (pool maxCount x vCPUs), Front Door / Cosmos DB / Traffic Manager / public IP counts against the
documented limits, the roles of the deploying identity, and the Terraform state storage. Each item comes with
the az command that checks it. With --check, runs those commands (after az cloud set to the environment's
cloud, registering a metadata-host cloud first) and reports pass, fail or could-not-check per item.
Then: npm run -s bootstrap-state -- --env <name> prints the fixes as a script to review and run.

Options:
  --env <name>   the environment (as in cdktf.out/footprint.json)
  --check        run the checks through az (read-only calls; Reader on the subscription is enough)
  --out <dir>    the synthesized tree (default: $CDKTF_OUTDIR or cdktf.out)
  --format <f>   text (default), json or markdown
  -h, --help     this help

Exit codes: 0 offline, or every check passed or could not be checked; 1 a check failed, or cdktf.out is
missing or does not know the environment; 2 usage error.
`;

const OPTIONS = {
  env: { type: 'string' },
  check: { type: 'boolean', default: false },
} as const;

function main({ values, format, outDir }: CommandContext<typeof OPTIONS>): number {
  const name = values.env;
  if (!name) throw new UsageError('name the environment with --env');
  const out = readSynthOutput(outDir, [name]);
  const env = out.footprint.environments[name]!;
  const cloud = out.footprint.clouds[env.cloud];
  if (!cloud) {
    process.stderr.write(
      `preflight: cloud "${env.cloud}" of ${name} is not in footprint.json: run \`npm run synth\` again\n`,
    );
    return EXIT.findings;
  }
  const list = checklist(env, cloud, out);
  const run = values.check ? runChecks(list) : undefined;
  const render = format === 'json' ? renderJson : format === 'markdown' ? renderMarkdown : renderText;
  process.stdout.write(render(list, run));
  return run && summary(run).fail > 0 ? EXIT.findings : EXIT.ok;
}

defineCommand({ name: 'preflight', usage: USAGE, options: OPTIONS, formats: FORMATS, readsOut: true, main });
