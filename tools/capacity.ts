/**
 * footprint capacity: from footprint.json's stated load (capacity.peakRps per region, capacity.unitRps per
 * scale unit), the units each region needs at N+1 for the loss its tier must survive (model/capacity.ts), and
 * the regions that are short, with the arithmetic.
 */
import { defineCommand, EXIT, FORMATS, type CommandContext } from '../lib/cli';
import { readSynthOutput } from '../contract/out';
import { environmentCapacity } from './capacity/analyze';
import { renderCapacity } from './capacity/render';

const USAGE = `Usage: npm run capacity -- [--env <name>]... [--out <dir>] [--format text|json|markdown]

Reads the synthesized tree (run \`npm run synth\` first) and, per environment that states its load
(capacity: unitRps, peakRps per region, survive), computes the scale units each region needs: its peak
with nothing lost, after losing one unit (N+1), a zone (each unit keeps (zones-1)/zones of its capacity)
and the largest other region (its peak spread over the surviving units), as far as survive asks (default
by tier: dev none, staging unit, prod region). Shows the arithmetic and flags regions that are short.

Options:
  --env <name>       only this environment (repeatable)
  --out <dir>        the synthesized tree to read (default: $CDKTF_OUTDIR or cdktf.out)
  --format <f>       text (default), json or markdown
  -h, --help         this help

Exit codes: 0 every sized region has enough units, 1 a region is short (or the tree cannot be read),
2 usage error.
`;

const OPTIONS = { env: { type: 'string', multiple: true } } as const;

function main({ values, format, outDir }: CommandContext<typeof OPTIONS>): number {
  const out = readSynthOutput(outDir, values.env);
  const envs = Object.values(out.footprint.environments).map(environmentCapacity);
  process.stdout.write(renderCapacity(envs, format));
  return envs.some((e) => e.result?.short.length) ? EXIT.findings : EXIT.ok;
}

defineCommand({
  name: 'capacity',
  usage: USAGE,
  options: OPTIONS,
  formats: FORMATS,
  readsOut: true,
  main,
});
