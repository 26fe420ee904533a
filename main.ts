/**
 * footprint synth: load and validate every environment, then synthesize Terraform JSON for all of them (or
 * those named with --env) into cdktf.out. Bad config exits 1 with every error and leaves cdktf.out untouched.
 * Also the cdktf.json `app`, so `npx cdktf synth` runs the same code (it sets CDKTF_OUTDIR).
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatError } from './config/errors';
import { oneLine } from './lib/quote';
import { withAtomicDirAsync } from './lib/atomic-dir';
import { startSynthHelper, type SynthHelper } from './stacks/synth-helper';
import type { SynthResult } from './stacks/synthesize';
import { forget, inputsDigest, record, recordPath, reusable, treeDigest } from './lib/unchanged';
import { queriesDir } from './stacks/queries';
import { readPreviousFootprint, regionOrderWarnings } from './contract/region-order';
import { carryRetired, relocateWork, retirements } from './contract/retired';
import { EXIT, parseCli, resolveOutDir, runCli, UsageError } from './lib/cli';

const USAGE = `Usage: npm run synth -- [--env <name>]... [--out <dir>] [--config <dir>] [--quiet | --verbose]

Synthesizes Terraform JSON for every environment in environments/*.yaml (or only --env ones) into
cdktf.out/stacks/<stack>/cdk.tf.json, plus cdktf.out/footprint.json for the checking tools.

Options:
  --env <name>   only this environment (repeatable); the output then holds only these environments,
                 as cdktf writes the whole tree (synth without --env before a check of all of them)
  --out <dir>    output directory (default: $CDKTF_OUTDIR or cdktf.out); only an empty folder or an
                 earlier output is replaced
  --config <dir> folder of the environment files and clouds/ (default: environments)
  --quiet        do not print warnings about fallbacks and unconfirmed cloud facts (a changed region
                 order is always reported)
  --verbose      print each unconfirmed cloud fact with its value and source (default: one line per
                 environment naming them)
  -h, --help     this help

A run whose inputs (dist/, the config folder, monitoring/queries, the lockfiles, node, its arguments,
NODE_OPTIONS and the CDKTF_, SYNTH_, TERRAFORM_ and FOOTPRINT_ variables but the bench's FOOTPRINT_BENCH_
probes) and output tree are exactly what the previous synth read and left, when that synth started from the
same tree, reuses that output and reports it as it was; so does a run where, after the whole config
validated, only the chosen environments' own files and the clouds are what that synth read (another
environment's file changed). FOOTPRINT_SYNTH_CACHE=0 always synthesizes.

FOOTPRINT_SYNTH_THREADS=2 synthesizes the later environments on a second thread (the same output; on 2 cores
it is not faster, see the README).

Exit codes: 0 synthesized, 1 invalid configuration or a failed stack check such as a resource without
diagnostics (nothing written), 2 usage error.
`;

/** What a successful synth reported, replayed by a run that reuses its output (lib/unchanged.ts). */
interface SynthReport {
  readonly stderr: string;
  readonly stacks: number;
  readonly environments: number;
}

const REPO = resolve(__dirname, '..');
/** Run records and parsed config files (a cache: deleting it only costs time). */
const CACHE = join(REPO, 'node_modules', '.cache', 'footprint');

/**
 * Everything the synthesized tree and the messages depend on besides the tree itself; `config` is the config
 * folder, or (once it validated) only the files the chosen environments are built from.
 */
function synthInputs(config: readonly string[]): string | undefined {
  const env = Object.keys(process.env)
    .filter((k) => /^(CDKTF_|FOOTPRINT_(?!BENCH_)|SYNTH_|TERRAFORM_|NODE_OPTIONS$)/.test(k))
    .sort()
    .map((k) => `${k}=${process.env[k]}`);
  return inputsDigest({
    paths: [
      __dirname, // dist/: the compiled code and its data files
      ...config,
      queriesDir(),
      join(REPO, 'package-lock.json'),
      join(REPO, 'node_modules', '.package-lock.json'),
    ],
    values: [
      process.version,
      process.arch,
      process.platform,
      process.cwd(),
      ...process.execArgv,
      '--',
      ...process.argv.slice(2),
      ...env,
    ],
  });
}

const REUSED = {
  all: ' (unchanged: inputs and output are what the last synth read and left)',
  own: " (unchanged: the environments' own files, the clouds and the output are what the last synth read and left)",
} as const;

/** How many environment files `dir` holds (a cheap count; the config is read later). */
function environmentFiles(dir: string): number {
  try {
    return readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).length;
  } catch {
    return 0;
  }
}

const summary = (r: SynthReport, outdir: string, ms: number, reused?: keyof typeof REUSED) =>
  `Synthesized ${r.stacks} stacks for ${r.environments} environment${r.environments === 1 ? '' : 's'} into ${outdir} in ${ms.toFixed(0)} ms${reused ? REUSED[reused] : ''}\n`;

async function main(): Promise<number> {
  const { values } = parseCli(process.argv.slice(2), {
    env: { type: 'string', multiple: true },
    out: { type: 'string' },
    config: { type: 'string' },
    quiet: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return EXIT.ok;
  }
  if (values.quiet && values.verbose) throw new UsageError('--quiet and --verbose exclude each other');
  // Paths in errors are relative to the working directory, where the user runs the command.
  const root = process.cwd();
  const started = process.hrtime.bigint();
  const only = values.env as string[] | undefined;
  const dir = resolve(root, (values.config as string | undefined) ?? 'environments');
  const outdir = resolveOutDir(values.out as string | undefined);
  const recordFile = recordPath(CACHE, 'synth', outdir);
  const inputs = synthInputs([dir]);
  const reused =
    process.env.FOOTPRINT_SYNTH_CACHE === '0' ? undefined : reusable<SynthReport>(recordFile, inputs, outdir);
  if (reused) {
    process.stderr.write(reused.stderr);
    process.stdout.write(summary(reused, outdir, Number(process.hrtime.bigint() - started) / 1e6, 'all'));
    return EXIT.ok;
  }
  forget(recordFile);
  const before = treeDigest(outdir);
  // With FOOTPRINT_SYNTH_THREADS=2, a second thread loads cdktf while this one reads the config
  // (stacks/parallel-synth.ts); one environment has nothing to share.
  const helper = (only?.length ?? environmentFiles(dir)) > 1 ? startSynthHelper() : undefined;
  try {
    return await synthesizeAll({
      root,
      dir,
      only,
      outdir,
      inputs,
      before,
      recordFile,
      quiet: values.quiet as boolean,
      verbose: values.verbose as boolean,
      started,
      helper,
    });
  } finally {
    await helper?.stop();
  }
}

interface SynthRun {
  readonly root: string;
  readonly dir: string;
  readonly only: readonly string[] | undefined;
  readonly outdir: string;
  readonly inputs: string | undefined;
  readonly before: string | undefined;
  readonly recordFile: string;
  readonly quiet: boolean;
  readonly verbose: boolean;
  readonly started: bigint;
  readonly helper: SynthHelper | undefined;
}

async function synthesizeAll(run: SynthRun): Promise<number> {
  const { root, dir, only, outdir, inputs, before, recordFile, started, helper } = run;
  // zod and yaml load only when there is something to synthesize.
  const { loadEnvironments } = await import('./config/load');
  const cacheDir = join(CACHE, 'parsed');
  const loaded = loadEnvironments({ root, dir, cacheDir, ...(only ? { only } : {}) });
  if (loaded.errors.length) {
    for (const e of loaded.errors) process.stderr.write(`${formatError(e)}\n`);
    const files = new Set(loaded.errors.map((e) => e.file)).size;
    process.stderr.write(
      `\n${loaded.errors.length} configuration error${loaded.errors.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}; nothing was written.\n`,
    );
    return EXIT.findings;
  }
  // The config is valid, and other environments' files only ever add errors: what this output is built from
  // is the chosen environments' own files and the clouds (all of them are in footprint.json). An edit to
  // another environment reuses this output too, checked the same way as above.
  const ownInputs = synthInputs([
    ...loaded.environments.map((e) => resolve(root, e.file)),
    join(dir, 'clouds'),
  ]);
  const ownRecordFile = recordPath(CACHE, 'synth-own', outdir);
  const reusedOwn =
    process.env.FOOTPRINT_SYNTH_CACHE === '0'
      ? undefined
      : reusable<SynthReport>(ownRecordFile, ownInputs, outdir);
  if (reusedOwn) {
    process.stderr.write(reusedOwn.stderr);
    // The whole config folder now maps to this same tree: the next run with no edit skips loading it.
    if (inputs !== undefined) record(recordFile, { inputs, before, after: before, report: reusedOwn });
    process.stdout.write(summary(reusedOwn, outdir, Number(process.hrtime.bigint() - started) / 1e6, 'own'));
    return EXIT.ok;
  }
  forget(ownRecordFile);

  // cdktf and the provider bindings load only now: bad config is reported without waiting for them.
  const { synthesize } = await import('./stacks/synthesize');
  const { synthesizeSplit } = await import('./stacks/parallel-synth');
  const { SynthesisError } = await import('./stacks/synth-checks');
  // Read before the swap: a region reorder is only visible against the previous output.
  const previous = readPreviousFootprint(outdir);
  // Stamps removed from a file stay in the output (retired/) until the rollout has destroyed them.
  const retired = retirements(
    previous,
    outdir,
    loaded.environments.map((e) => ({
      name: e.name,
      regions: e.stamps.map((s) => s.region),
      stacks: e.stamps.map((s) => e.stampStackName(s.id)),
    })),
  );
  const allRetired = [...retired.values()].flat();
  let result: SynthResult;
  try {
    result = await withAtomicDirAsync(
      outdir,
      async (tmp) => {
        const r =
          helper && loaded.environments.length > 1
            ? await synthesizeSplit(loaded.environments, loaded.clouds, tmp, helper, {
                root,
                dir,
                cacheDir,
                retired,
              })
            : synthesize(loaded.environments, loaded.clouds, tmp, { retired });
        carryRetired(outdir, tmp, allRetired);
        return r;
      },
      { relocate: relocateWork(outdir, allRetired) },
    );
  } catch (e) {
    // A full disk or a read-only folder is the user's to fix, not an internal error.
    const code = (e as NodeJS.ErrnoException)?.code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      process.stderr.write(
        `synth: cannot write ${outdir}: ${(e as Error).message}; the previous output is untouched.\n`,
      );
      return EXIT.findings;
    }
    if (!(e instanceof SynthesisError)) throw e;
    for (const p of e.problems) process.stderr.write(`${p}\n`);
    process.stderr.write(
      `\n${e.problems.length} synthesis error${e.problems.length === 1 ? '' : 's'}; nothing was written.\n`,
    );
    return EXIT.findings;
  }

  let stderr = '';
  const say = (text: string) => {
    stderr += text;
    process.stderr.write(text);
  };
  if (!run.quiet) {
    for (const env of result.environments) {
      // Warnings quote config text (display names, sources): one line each, whatever it holds.
      for (const w of env.warnings) say(`${oneLine(`warning ${env.name}: ${w}`)}\n`);
      const facts = env.unconfirmedFacts;
      if (run.verbose) {
        for (const f of facts) {
          say(
            `${oneLine(`warning ${env.name}: ${f.confidence} fact ${f.fact} = ${f.value} (${f.source})`)}\n`,
          );
        }
      } else if (facts.length) {
        say(
          `warning ${env.name}: relies on ${facts.length} unconfirmed or observed cloud fact${facts.length === 1 ? '' : 's'} of ${env.cloud}: ${facts.map((f) => f.fact).join(', ')} (--verbose for values and sources)\n`,
        );
      }
    }
  }
  // Risky changes are printed even with --quiet.
  for (const w of regionOrderWarnings(previous, result.environments)) {
    say(`warning ${w.env}: ${w.message}\n`);
  }
  for (const [env, list] of retired) {
    for (const r of list) {
      say(
        `warning ${env}: ${r.region} is no longer in the file: its stamp ${r.stack} is kept in ${r.dir} until \`npm run rollout -- --env ${env} --execute --allow-destroy ${r.stack}\` destroys it${r.servingBefore ? ' (it was still serving: drain it first, see "Retiring a region" in the README)' : ''}\n`,
      );
    }
  }
  const report: SynthReport = {
    stderr,
    stacks: result.stacks.length,
    environments: result.environments.length,
  };
  const after = treeDigest(outdir);
  if (inputs !== undefined) record(recordFile, { inputs, before, after, report });
  if (ownInputs !== undefined) record(ownRecordFile, { inputs: ownInputs, before, after, report });
  process.stdout.write(summary(report, outdir, Number(process.hrtime.bigint() - started) / 1e6));
  return EXIT.ok;
}

runCli('synth', USAGE, main);
