/**
 * footprint resilience: from the synthesized JSON alone, simulate the loss of each zone of each stamp, each region
 * and the Cosmos write region, per environment; name every single point of failure. Prod environments must survive
 * all of it. The library is tools/resilience/ (analyzeResilience), also used by validate and the report.
 */
import { defineCommand, EXIT, FORMATS, type CommandContext } from '../lib/cli';
import { readSynthOutput } from '../contract/out';
import { analyzeResilience, renderResilience, resilienceGate } from './resilience/index';

const USAGE = `Usage: npm run resilience -- [--env <name>]... [--out <dir>] [--format text|json|markdown]

Reads the synthesized tree (run \`npm run synth\` first) and, per environment, simulates losing each zone of
each stamp, each region and the Cosmos write region: serving origins behind a probe, Cosmos readable and
writable, nodes left against the floor (environments.<env>.resilience). Names every single point of failure.

Options:
  --env <name>       only this environment (repeatable)
  --out <dir>        the synthesized tree to read (default: $CDKTF_OUTDIR or cdktf.out)
  --format <f>       text (default), json or markdown
  -h, --help         this help

Exit codes: 0 every prod environment survives, 1 a prod environment fails a scenario or has a single point
of failure (or the tree cannot be read), 2 usage error.
`;

const OPTIONS = { env: { type: 'string', multiple: true } } as const;

function main({ values, format, outDir }: CommandContext<typeof OPTIONS>): number {
  const results = analyzeResilience(readSynthOutput(outDir, values.env));
  process.stdout.write(renderResilience(results, format));
  return resilienceGate(results) ? EXIT.ok : EXIT.findings;
}

defineCommand({
  name: 'resilience',
  usage: USAGE,
  options: OPTIONS,
  formats: FORMATS,
  readsOut: true,
  main,
});
