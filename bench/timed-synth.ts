/**
 * One synthesis of the shipped environments with the timing hook of `synthesize()`: writes the tree into
 * argv[2] and appends one JSON line `{stack, buildMs, synthMs}` per stack to argv[3]. Run by the bench as a
 * child process (bench/stack-timings.ts), so each run starts cold like a user's.
 */
import { appendFileSync } from 'node:fs';
import { formatError } from '../config/errors';
import { loadEnvironments } from '../config/load';
import { synthesize } from '../stacks/synthesize';

const [outdir, timingsFile] = process.argv.slice(2);
if (!outdir || !timingsFile) {
  process.stderr.write('usage: node dist/bench/timed-synth.js <outdir> <timings.jsonl>\n');
  process.exit(2);
}
const loaded = loadEnvironments({ root: process.cwd() });
if (loaded.errors.length) {
  for (const e of loaded.errors) process.stderr.write(`${formatError(e)}\n`);
  process.exit(1);
}
synthesize(loaded.environments, loaded.clouds, outdir, {
  onStackTimed: (t) => appendFileSync(timingsFile, `${JSON.stringify(t)}\n`),
});
