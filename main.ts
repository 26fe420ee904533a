/**
 * footprint synth: load and validate every environment, then synthesize Terraform JSON for all of them (or
 * those named with --env) into cdktf.out. Bad config exits 1 with every error and leaves cdktf.out untouched.
 * Also the cdktf.json `app`, so `npx cdktf synth` runs the same code (it sets CDKTF_OUTDIR).
 */
import { resolve } from 'node:path';
import { formatError } from './config/errors';
import { oneLine } from './lib/quote';
import { loadEnvironments } from './config/load';
import { withAtomicDir } from './lib/atomic-dir';
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

Exit codes: 0 synthesized, 1 invalid configuration or a failed stack check such as a resource without
diagnostics (nothing written), 2 usage error.
`;

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
  const loaded = loadEnvironments({ root, dir, ...(only ? { only } : {}) });
  if (loaded.errors.length) {
    for (const e of loaded.errors) process.stderr.write(`${formatError(e)}\n`);
    const files = new Set(loaded.errors.map((e) => e.file)).size;
    process.stderr.write(
      `\n${loaded.errors.length} configuration error${loaded.errors.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}; nothing was written.\n`,
    );
    return EXIT.findings;
  }

  // cdktf and the provider bindings load only now: bad config is reported without waiting for them.
  const { synthesize } = await import('./stacks/synthesize');
  const { SynthesisError } = await import('./stacks/synth-checks');
  const outdir = resolveOutDir(values.out as string | undefined);
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
  let result: ReturnType<typeof synthesize>;
  try {
    result = withAtomicDir(
      outdir,
      (tmp) => {
        const r = synthesize(loaded.environments, loaded.clouds, tmp, { retired });
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

  if (!values.quiet) {
    for (const env of result.environments) {
      // Warnings quote config text (display names, sources): one line each, whatever it holds.
      for (const w of env.warnings) process.stderr.write(`${oneLine(`warning ${env.name}: ${w}`)}\n`);
      const facts = env.unconfirmedFacts;
      if (values.verbose) {
        for (const f of facts) {
          process.stderr.write(
            `${oneLine(`warning ${env.name}: ${f.confidence} fact ${f.fact} = ${f.value} (${f.source})`)}\n`,
          );
        }
      } else if (facts.length) {
        process.stderr.write(
          `warning ${env.name}: relies on ${facts.length} unconfirmed or observed cloud fact${facts.length === 1 ? '' : 's'} of ${env.cloud}: ${facts.map((f) => f.fact).join(', ')} (--verbose for values and sources)\n`,
        );
      }
    }
  }
  // Risky changes are printed even with --quiet.
  for (const w of regionOrderWarnings(previous, result.environments)) {
    process.stderr.write(`warning ${w.env}: ${w.message}\n`);
  }
  for (const [env, list] of retired) {
    for (const r of list) {
      process.stderr.write(
        `warning ${env}: ${r.region} is no longer in the file: its stamp ${r.stack} is kept in ${r.dir} until \`npm run rollout -- --env ${env} --execute --allow-destroy ${r.stack}\` destroys it${r.servingBefore ? ' (it was still serving: drain it first, see "Retiring a region" in the README)' : ''}\n`,
      );
    }
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(
    `Synthesized ${result.stacks.length} stacks for ${result.environments.length} environment${result.environments.length === 1 ? '' : 's'} into ${outdir} in ${ms.toFixed(0)} ms\n`,
  );
  return EXIT.ok;
}

runCli('synth', USAGE, main);
