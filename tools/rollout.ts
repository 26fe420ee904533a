/**
 * footprint rollout: the safe-deployment plan of one or more environments, read from cdktf.out, printed (dry
 * run, the default) or executed wave by wave with `--execute`.
 */
import { resolve } from 'node:path';
import { EXIT, parseCli, parseFormat, runCli, UsageError } from './lib/cli';
import { OutError, readSynthOutput } from './lib/out';
import { executePlan, processRunner, type Engine, type EngineOptions } from './rollout/execute';
import { checkPlan, PlanError, planRollout, type Dependencies } from './rollout/plan';
import { renderJson, renderMarkdown, renderText } from './rollout/render';
import { resumeCommand } from './rollout/resume';

const USAGE = `Usage: npm run rollout -- (--env <name>... | --all) [options]

Prints the safe-deployment plan of an environment, read from cdktf.out: wave 0 the global stack, wave 1 one
canary region alone, then the other regions (the primary last), never a region together with its paired
region, with rollout.bakeMinutes between waves. --all orders every environment by rollout.order, then tier
(dev, staging, prod), then name. Nothing is deployed unless --execute is given.

Options:
  --env <name>           an environment (repeatable)
  --all                  every environment in cdktf.out
  --out <dir>            the synthesized tree (default: cdktf.out)
  --format <f>           text (default), json or markdown (plan only)
  --execute              deploy: run each wave's commands, printed first; stop at the first failure
  --engine <e>           cdktf (default: npx cdktf deploy <stacks> --auto-approve) or terraform
                         (init + apply per stack with -chdir=<out>/stacks/<stack>)
  --terraform-bin <bin>  terraform binary, e.g. tofu (default: $TERRAFORM_BINARY_NAME or terraform); with the
                         cdktf engine it is passed on as TERRAFORM_BINARY_NAME
  --cdktf-bin <bin>      cdktf binary (default: npx cdktf)
  --from-wave <n>        start at wave n (resume after a failure)
  --from-env <name>      with several environments: start with this one
  --skip-bake            do not wait the bake time between waves
  -h, --help             this help

Exit codes: 0 ok, 1 a command failed or the plan is invalid (or cdktf.out is missing), 2 usage error.
`;

function parseWave(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new UsageError(`--from-wave must be a wave number (got "${v}")`);
  return Number(v);
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const { values } = parseCli(argv, {
    env: { type: 'string', multiple: true },
    all: { type: 'boolean', default: false },
    out: { type: 'string' },
    format: { type: 'string' },
    execute: { type: 'boolean', default: false },
    engine: { type: 'string' },
    'terraform-bin': { type: 'string' },
    'cdktf-bin': { type: 'string' },
    'from-wave': { type: 'string' },
    'from-env': { type: 'string' },
    'skip-bake': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return EXIT.ok;
  }
  // A repeated --env names the environment once.
  const envs = values.env ? [...new Set(values.env as string[])] : undefined;
  if (!envs?.length && !values.all) throw new UsageError('name an environment with --env, or use --all');
  if (envs?.length && values.all) throw new UsageError('use either --env or --all, not both');
  const format = parseFormat(values.format as string | undefined);
  if (values.execute && format !== 'text')
    throw new UsageError('--execute prints a log; --format is for the plan');
  const engineName = (values.engine as string | undefined) ?? 'cdktf';
  if (engineName !== 'cdktf' && engineName !== 'terraform') {
    throw new UsageError(`--engine must be cdktf or terraform (got "${engineName}")`);
  }
  const fromWave = parseWave(values['from-wave'] as string | undefined);
  const fromEnv = values['from-env'] as string | undefined;

  const outDir = (values.out as string | undefined) ?? 'cdktf.out';
  let out;
  try {
    out = readSynthOutput(resolve(process.cwd(), outDir), envs);
  } catch (e) {
    if (!(e instanceof OutError)) throw e;
    process.stderr.write(`rollout: ${e.message}\n`);
    return EXIT.findings;
  }
  const deps: Dependencies = Object.fromEntries(out.stacks.map((s) => [s.name, s.dependencies]));
  const workingDirs = Object.fromEntries(out.stacks.map((s) => [s.name, s.dir.slice(out.dir.length + 1)]));
  const terraformBin =
    (values['terraform-bin'] as string | undefined) ?? process.env.TERRAFORM_BINARY_NAME ?? undefined;
  const engine: EngineOptions = {
    engine: engineName as Engine,
    outDir,
    workingDirs,
    ...(terraformBin ? { terraformBin } : {}),
    ...(values['cdktf-bin'] ? { cdktfBin: values['cdktf-bin'] as string } : {}),
  };

  let plan;
  try {
    plan = planRollout(out.footprint, deps, envs);
  } catch (e) {
    if (!(e instanceof PlanError)) throw e;
    process.stderr.write(`rollout: invalid plan: ${e.message}\n`);
    return EXIT.findings;
  }
  const problems = checkPlan(plan, out.footprint, deps);
  if (problems.length) {
    for (const p of problems) process.stderr.write(`rollout: invalid plan: ${p}\n`);
    return EXIT.findings;
  }

  const names = plan.environments.map((p) => p.environment);
  if (fromEnv !== undefined && !names.includes(fromEnv)) {
    throw new UsageError(`--from-env "${fromEnv}" is not in this plan (${names.join(', ')})`);
  }
  const startEnv = plan.environments.find((p) => p.environment === (fromEnv ?? names[0]))!;
  if (fromWave !== undefined && fromWave >= startEnv.waves.length) {
    throw new UsageError(
      `--from-wave ${fromWave}: ${startEnv.environment} has waves 0-${startEnv.waves.length - 1}`,
    );
  }

  const ctx = { footprint: out.footprint, deps, engine };
  if (!values.execute) {
    const render = format === 'json' ? renderJson : format === 'markdown' ? renderMarkdown : renderText;
    process.stdout.write(render(plan, ctx));
    return EXIT.ok;
  }

  process.stdout.write(`Rolling out ${names.join(' → ')} with ${engine.engine}\n`);
  const result = await executePlan(plan, deps, engine, processRunner, {
    ...(fromEnv ? { fromEnvironment: fromEnv } : {}),
    ...(fromWave !== undefined ? { fromWave } : {}),
    skipBake: values['skip-bake'] as boolean,
  });
  if (result.ok) {
    process.stdout.write(`Rollout complete: ${result.commands} commands succeeded.\n`);
    return EXIT.ok;
  }
  const many = plan.environments.length > 1;
  process.stderr.write(
    `rollout: ${result.environment} wave ${result.wave} failed (exit ${result.code}); later waves did not run.\n` +
      `Fix the cause, then resume from the failed wave:\n  ${resumeCommand(argv, many ? result.environment : undefined, result.wave)}\n`,
  );
  return EXIT.findings;
}

runCli('rollout', USAGE, main);
