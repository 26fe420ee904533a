/**
 * footprint report: Markdown for reviewers and operators from a synthesized tree: the environments, the cloud
 * parity matrix, and per environment its inventory, topology (Mermaid), warnings, unconfirmed facts and waivers.
 */
import { resolve } from 'node:path';
import { writeFileAtomic } from './lib/atomic-file';
import { EXIT, parseCli, runCli } from './lib/cli';
import { OutError, readSynthOutput } from './lib/out';
import { renderReport } from './report/render';

const USAGE = `Usage: npm run report -- [--env <name>]... [--out <dir>] [--output <file>]

Prints a Markdown report of the synthesized footprint: environments, cloud parity (each feature × cloud: on,
off with the reason, or the fallback used) and, per environment, resource inventory, a Mermaid diagram
(global entry → stamps → Cosmos DB regions), warnings, unconfirmed cloud facts and waivers.

Options:
  --env <name>     only this environment (repeatable)
  --out <dir>      the synthesized tree to read (default: cdktf.out; run \`npm run synth\` first)
  --output <file>  write the Markdown to this file instead of stdout
  -h, --help       this help

Exit codes: 0 written, 1 missing or invalid tree or unknown environment, 2 usage error.
`;

function main(): number {
  const { values } = parseCli(process.argv.slice(2), {
    env: { type: 'string', multiple: true },
    out: { type: 'string' },
    output: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return EXIT.ok;
  }
  let text: string;
  try {
    const dir = resolve(process.cwd(), (values.out as string | undefined) ?? 'cdktf.out');
    const out = readSynthOutput(dir, values.env as string[] | undefined);
    text = renderReport(out, { today: new Date().toISOString().slice(0, 10) });
  } catch (e) {
    if (!(e instanceof OutError)) throw e;
    process.stderr.write(`report: ${e.message}\n`);
    return EXIT.findings;
  }
  const file = values.output as string | undefined;
  if (!file) {
    process.stdout.write(text);
    return EXIT.ok;
  }
  writeFileAtomic(resolve(process.cwd(), file), text);
  process.stdout.write(`Wrote ${file}\n`);
  return EXIT.ok;
}

runCli('report', USAGE, main);
