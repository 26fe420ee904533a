/**
 * footprint rollout: the safe-deployment plan of one or more environments, read from cdktf.out, printed (dry
 * run, the default) or executed wave by wave with `--execute`.
 */
import { defineCommand, EXIT, FORMATS, UsageError, type CommandContext } from '../lib/cli';
import { readSynthOutput } from '../contract/out';
import { executePlan, processRunner, type Engine, type EngineOptions } from './rollout/execute';
import { checkPlan, PlanError, planRollout, type Dependencies } from './rollout/plan';
import { renderJson, renderMarkdown, renderText } from './rollout/render';
import { resumeCommand } from './rollout/resume';
import { destroyList, markDestroyed, renderDestroyList } from './rollout/destroy';

const USAGE = `Usage: npm run rollout -- (--env <name>... | --all) [options]

Prints the safe-deployment plan of an environment, read from cdktf.out: wave 0 the global stack, wave 1 one
canary region alone, then the other regions (the primary last), never a region together with its paired
region, with rollout.bakeMinutes between waves. --all orders every environment by rollout.order, then tier
(dev, staging, prod), then name. Nothing is deployed unless --execute is given.

Options:
  --env <name>           an environment (repeatable)
  --all                  every environment in cdktf.out
  --out <dir>            the synthesized tree (default: $CDKTF_OUTDIR or cdktf.out)
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
  --allow-destroy <stack>  with --execute: destroy this retired stamp (repeatable; every stack the plan
                         destroys must be named, or nothing runs). Destroy waves run terraform destroy in
                         <out>/retired/<stack> (a stamp removed from its file, drained first)
  -h, --help             this help

Exit codes: 0 ok, 1 a command failed or the plan is invalid (or cdktf.out is missing), 2 usage error.
`;

function parseWave(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new UsageError(`--from-wave must be a wave number (got "${v}")`);
  return Number(v);
}

const OPTIONS = {
  env: { type: 'string', multiple: true },
  all: { type: 'boolean', default: false },
  execute: { type: 'boolean', default: false },
  engine: { type: 'string' },
  'terraform-bin': { type: 'string' },
  'cdktf-bin': { type: 'string' },
  'from-wave': { type: 'string' },
  'from-env': { type: 'string' },
  'skip-bake': { type: 'boolean', default: false },
  'allow-destroy': { type: 'string', multiple: true },
} as const;

async function main({
  values,
  argv,
  format,
  outArg,
  outDir,
}: CommandContext<typeof OPTIONS>): Promise<number> {
  // A repeated --env names the environment once.
  const envs = values.env ? [...new Set(values.env)] : undefined;
  if (!envs?.length && !values.all) throw new UsageError('name an environment with --env, or use --all');
  if (envs?.length && values.all) throw new UsageError('use either --env or --all, not both');
  if (values.execute && format !== 'text')
    throw new UsageError('--execute prints a log; --format is for the plan');
  const engineName = values.engine ?? 'cdktf';
  if (engineName !== 'cdktf' && engineName !== 'terraform') {
    throw new UsageError(`--engine must be cdktf or terraform (got "${engineName}")`);
  }
  const fromWave = parseWave(values['from-wave']);
  const fromEnv = values['from-env'];

  const out = readSynthOutput(outDir, envs);
  const deps: Dependencies = Object.fromEntries(out.stacks.map((s) => [s.name, s.dependencies]));
  const workingDirs: Record<string, string> = Object.fromEntries(
    out.stacks.map((s) => [s.name, s.dir.slice(out.dir.length + 1)]),
  );
  for (const e of Object.values(out.footprint.environments))
    for (const r of e.retired ?? []) workingDirs[r.stack] = r.dir;
  const terraformBin = values['terraform-bin'] ?? process.env.TERRAFORM_BINARY_NAME ?? undefined;
  const cdktfBin = values['cdktf-bin'];
  const engine: EngineOptions = {
    engine: engineName as Engine,
    // Commands print the tree as the user named it.
    outDir: outArg,
    workingDirs,
    ...(terraformBin ? { terraformBin } : {}),
    ...(cdktfBin ? { cdktfBin } : {}),
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
  const doomed = destroyList(plan, out.footprint, outDir);
  const allowed = new Set(values['allow-destroy'] ?? []);
  for (const s of allowed) {
    if (!doomed.some((d) => d.stack === s)) {
      throw new UsageError(
        `--allow-destroy ${s}: this plan destroys ${doomed.length ? doomed.map((d) => d.stack).join(', ') : 'nothing'}`,
      );
    }
  }
  if (!values.execute) {
    const render = format === 'json' ? renderJson : format === 'markdown' ? renderMarkdown : renderText;
    process.stdout.write(render(plan, ctx));
    if (format === 'text') process.stdout.write(renderDestroyList(doomed));
    return EXIT.ok;
  }

  // Destruction is never implied: print it first, and refuse unless every destroyed stack is named.
  process.stdout.write(renderDestroyList(doomed));
  const unnamed = doomed.filter((d) => !allowed.has(d.stack)).map((d) => d.stack);
  if (unnamed.length) {
    process.stderr.write(
      `rollout: refusing to run: the plan destroys ${unnamed.join(', ')} (listed above); name each with ${unnamed.map((s) => `--allow-destroy ${s}`).join(' ')} to proceed. Nothing was deployed.\n`,
    );
    return EXIT.findings;
  }

  process.stdout.write(`Rolling out ${names.join(' → ')} with ${engine.engine}\n`);
  const result = await executePlan(plan, deps, engine, processRunner, {
    ...(fromEnv ? { fromEnvironment: fromEnv } : {}),
    ...(fromWave !== undefined ? { fromWave } : {}),
    skipBake: values['skip-bake'],
    onDestroyed: (stack) => markDestroyed(outDir, workingDirs[stack]!),
  });
  if (result.ok) {
    process.stdout.write(`Rollout complete: ${result.commands} commands succeeded.\n`);
    for (const p of plan.environments.filter((e) => e.enable)) {
      process.stdout.write(
        `Not serving yet in ${p.environment}: ${p.enable!.regions.join(', ')}. Next:\n${p.enable!.instructions.map((i) => `  - ${i}\n`).join('')}`,
      );
    }
    return EXIT.ok;
  }
  const many = plan.environments.length > 1;
  process.stderr.write(
    `rollout: ${result.environment} wave ${result.wave} failed (exit ${result.code}); later waves did not run.\n` +
      `Fix the cause, then resume from the failed wave:\n  ${resumeCommand(argv, many ? result.environment : undefined, result.wave)}\n`,
  );
  return EXIT.findings;
}

defineCommand({ name: 'rollout', usage: USAGE, options: OPTIONS, formats: FORMATS, readsOut: true, main });
