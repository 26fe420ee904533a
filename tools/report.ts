/**
 * footprint report: Markdown for reviewers and operators from a synthesized tree: the environments, the cloud
 * parity matrix, the live-site numbers of the resilience policy, and per environment its inventory, topology
 * (Mermaid), resilience policy, warnings, unconfirmed facts and waivers.
 */
import { resolve } from 'node:path';
import { writeFileAtomic } from '../lib/atomic-file';
import { defineCommand, EXIT, type CommandContext } from '../lib/cli';
import { readSynthOutput } from '../contract/out';
import { renderReport } from './report/render';

const USAGE = `Usage: npm run report -- [--env <name>]... [--out <dir>] [--output <file>]

Prints a Markdown report of the synthesized footprint: environments, cloud parity (each feature × cloud: on,
off with the reason, or the fallback used), live-site numbers (time to detect and drain a sick stamp at the
edge, worst-case latency under retries, retry amplification at Cosmos DB, what is served stale) and, per
environment, resource inventory, a Mermaid diagram (global entry → stamps → Cosmos DB regions), the
application's resilience policy per dependency, warnings, unconfirmed cloud facts and waivers.

Options:
  --env <name>     only this environment (repeatable)
  --out <dir>      the synthesized tree to read (default: $CDKTF_OUTDIR or cdktf.out; run \`npm run synth\` first)
  --output <file>  write the Markdown to this file instead of stdout
  -h, --help       this help

Exit codes: 0 written, 1 missing or invalid tree or unknown environment, 2 usage error.
`;

const OPTIONS = {
  env: { type: 'string', multiple: true },
  output: { type: 'string' },
} as const;

function main({ values, outDir }: CommandContext<typeof OPTIONS>): number {
  const out = readSynthOutput(outDir, values.env);
  const text = renderReport(out, { today: new Date().toISOString().slice(0, 10) });
  const file = values.output;
  if (!file) {
    process.stdout.write(text);
    return EXIT.ok;
  }
  writeFileAtomic(resolve(process.cwd(), file), text);
  process.stdout.write(`Wrote ${file}\n`);
  return EXIT.ok;
}

defineCommand({ name: 'report', usage: USAGE, options: OPTIONS, readsOut: true, main });
