/**
 * footprint resilience: from the synthesized JSON alone, simulate the loss of each zone of each stamp, each region
 * and the Cosmos write region, per environment; name every single point of failure. Prod environments must survive
 * all of it. The library is tools/resilience/ (analyzeResilience), also used by validate and the report.
 */
import { resolve } from 'node:path';
import { EXIT, parseCli, parseFormat, runCli } from './lib/cli';
import { OutError, readSynthOutput } from './lib/out';
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

function main(): number {
  const { values } = parseCli(process.argv.slice(2), {
    env: { type: 'string', multiple: true },
    out: { type: 'string' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return EXIT.ok;
  }
  const format = parseFormat(values.format as string | undefined);
  const dir = resolve(
    process.cwd(),
    (values.out as string | undefined) ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out',
  );
  const only = values.env as string[] | undefined;
  let results;
  try {
    results = analyzeResilience(readSynthOutput(dir, only));
  } catch (e) {
    if (!(e instanceof OutError)) throw e;
    process.stderr.write(`resilience: ${e.message}\n`);
    return EXIT.findings;
  }
  process.stdout.write(renderResilience(results, format));
  return resilienceGate(results) ? EXIT.ok : EXIT.findings;
}

runCli('resilience', USAGE, main);
