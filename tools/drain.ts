/**
 * footprint drain: the exact az commands that take a stamp out of rotation at the edge now (Front Door origin
 * or Traffic Manager endpoint disabled) or put it back (--restore), in the environment's cloud, and the config
 * change that makes it permanent. Reads cdktf.out only. Refuses to drain the last serving stamp.
 */
import { spawnSync } from 'node:child_process';
import { defineCommand, EXIT, UsageError, type CommandContext } from '../lib/cli';
import { shellQuote } from '../lib/shell';
import { readSynthOutput } from '../contract/out';
import { DrainRefused, drainPlan, findStamp, stampIdOf, type DrainPlan } from './drain/plan';

const USAGE = `Usage: npm run -s drain -- --env <name> --stamp <region|stack> [--restore] [--execute] [--out <dir>] [--format text|json]

Prints the az commands that take the stamp out of rotation at the environment's edge now (Front Door:
az afd origin update --enabled-state Disabled; Traffic Manager: az network traffic-manager endpoint update
--endpoint-status Disabled), after selecting the environment's cloud (registering a metadata-host cloud
first) and subscription, then the config change (regions[].serving: false) that makes it permanent: until it is
applied, the next apply puts a drained stamp back. --restore prints the reverse.
Refuses (exit 1) to drain the last stamp that serves.

Options:
  --env <name>     the environment (as in cdktf.out/footprint.json)
  --stamp <s>      the stamp: its region (eastus2; eastus2-u2 for scale unit 2), code or stack name
  --restore        put the stamp back into rotation
  --execute        run the commands through az (then show the member's state)
  --out <dir>      the synthesized tree (default: $CDKTF_OUTDIR or cdktf.out)
  --format <f>     text (default) or json
  -h, --help       this help

Exit codes: 0 printed (or executed), 1 refused, an az command failed, or cdktf.out is missing or does not know
the environment; 2 usage error.
`;

const OPTIONS = {
  env: { type: 'string' },
  stamp: { type: 'string' },
  restore: { type: 'boolean', default: false },
  execute: { type: 'boolean', default: false },
} as const;

const az = (args: readonly string[]): string => ['az', ...args].map(shellQuote).join(' ');
/** A metadata-host cloud is registered once: `cloud show` first. */
const registerCheck = (args: readonly string[]) =>
  args[1] === 'register' ? ['cloud', 'show', '--name', args[3]!, '--output', 'none'] : undefined;
const setupLine = (args: readonly string[]): string => {
  const check = registerCheck(args);
  return check ? `${az(check)} 2>/dev/null || ${az(args)}` : az(args);
};

function renderText(p: DrainPlan): string {
  const verb = p.action === 'drain' ? 'Take out of rotation' : 'Put back into rotation';
  return [
    `${verb}: ${p.stamp} of ${p.environment} (${p.edge === 'frontDoor' ? 'Front Door' : 'Traffic Manager'}, cloud ${p.cloud})`,
    '',
    '# now',
    ...p.setup.map(setupLine),
    ...p.commands.map(az),
    `${az(p.verify)}   # expect ${p.action === 'drain' ? 'Disabled' : 'Enabled'}`,
    '',
    `# serving after: ${p.servingAfter.join(', ')}`,
    `# permanent: ${p.permanent}`,
    ...p.warnings.map((w) => `# warning: ${w}`),
    '',
  ].join('\n');
}

function run(args: readonly string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync('az', [...args], { encoding: 'utf8' });
  if (r.error) return { code: 127, stdout: '', stderr: `az could not be run: ${r.error.message}` };
  return { code: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

function execute(p: DrainPlan): number {
  const fail = (args: readonly string[], r: { code: number; stderr: string }) => {
    process.stderr.write(`drain: ${az(args)} failed (${r.code}): ${r.stderr.trim().split('\n')[0] ?? ''}\n`);
    return EXIT.findings;
  };
  for (const args of p.setup) {
    const check = registerCheck(args);
    if (check && run(check).code === 0) continue;
    const r = run(args);
    if (r.code !== 0) return fail(args, r);
  }
  if (p.peerChecks.length) {
    const live = p.peerChecks.filter((c) => run(c.args).stdout.trim() === 'Enabled').map((c) => c.stamp);
    if (live.length === 0) {
      process.stderr.write(
        `drain: refusing to drain ${p.stamp}: no other stamp of ${p.environment} is enabled at the edge right now (${p.peerChecks.map((c) => c.stamp).join(', ')}: not Enabled)\n`,
      );
      return EXIT.findings;
    }
  }
  for (const args of p.commands) {
    const r = run(args);
    if (r.code !== 0) return fail(args, r);
  }
  const r = run(p.verify);
  if (r.code !== 0) return fail(p.verify, r);
  process.stdout.write(`${p.stamp}: ${r.stdout.trim()}\n`);
  return EXIT.ok;
}

function main({ values, format, outDir }: CommandContext<typeof OPTIONS>): number {
  const name = values.env;
  if (!name) throw new UsageError('name the environment with --env');
  if (!values.stamp) throw new UsageError('name the stamp with --stamp (a region or stack name)');
  const out = readSynthOutput(outDir, [name]);
  const env = out.footprint.environments[name]!;
  const cloud = out.footprint.clouds[env.cloud];
  const global = out.stacks.find((s) => s.name === env.globalStack);
  if (!cloud || !global) {
    process.stderr.write(
      `drain: ${name} has no cloud or global stack in ${outDir}: run \`npm run synth\` again\n`,
    );
    return EXIT.findings;
  }
  const region = findStamp(env, values.stamp);
  if (!region) {
    const choices = env.regions.map((r) => `${stampIdOf(r)} (${r.stack})`).join(', ');
    throw new UsageError(`--stamp ${values.stamp} is not a stamp of ${name}: one of ${choices}`);
  }
  let plan: DrainPlan;
  try {
    plan = drainPlan(env, cloud, global, region, values.restore ? 'restore' : 'drain');
  } catch (e) {
    if (!(e instanceof DrainRefused)) throw e;
    process.stderr.write(`drain: ${e.message}\n`);
    return EXIT.findings;
  }
  process.stdout.write(format === 'json' ? `${JSON.stringify(plan, null, 2)}\n` : renderText(plan));
  return values.execute ? execute(plan) : EXIT.ok;
}

defineCommand({
  name: 'drain',
  usage: USAGE,
  options: OPTIONS,
  formats: ['text', 'json'],
  readsOut: true,
  main,
});
