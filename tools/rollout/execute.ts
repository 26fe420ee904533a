/**
 * Runs a rollout plan wave by wave: the commands of each wave (cdktf deploy, or terraform/tofu init + apply
 * per stack), printed before they run, a bake wait between waves, and a stop at the first failure. Running a
 * process and sleeping are injected, so tests record calls and never wait.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DEFAULT_OUT_DIR } from '../../lib/cli';
import { shellQuote } from '../../lib/shell';
import type { Dependencies, RolloutPlan, Wave } from './plan';

export type Engine = 'cdktf' | 'terraform';

export interface EngineOptions {
  readonly engine: Engine;
  /** The synthesized tree as the user named it (commands print it as given). */
  readonly outDir: string;
  /** Stack → working directory inside `outDir` (manifest.json `workingDirectory`). */
  readonly workingDirs: Readonly<Record<string, string>>;
  /** terraform or tofu; for the cdktf engine it is passed on as TERRAFORM_BINARY_NAME when set. */
  readonly terraformBin?: string;
  /** @default `npx cdktf` */
  readonly cdktfBin?: string;
}

export interface Command {
  readonly bin: string;
  readonly args: string[];
  /** Variables set for this command only (printed in front of it). */
  readonly env: Readonly<Record<string, string>>;
}

export function display(cmd: Command): string {
  const env = Object.entries(cmd.env).map(([k, v]) => `${k}=${shellQuote(v)}`);
  return [...env, shellQuote(cmd.bin), ...cmd.args.map(shellQuote)].join(' ');
}

/** The commands that deploy one wave (or destroy a retired stamp: always terraform, cdktf no longer has it). */
export function waveCommands(wave: Wave, deps: Dependencies, opts: EngineOptions): Command[] {
  if (wave.kind === 'destroy') {
    const bin = opts.terraformBin ?? 'terraform';
    return wave.stacks.flatMap((s) => {
      const chdir = `-chdir=${join(opts.outDir, opts.workingDirs[s] ?? join('retired', s))}`;
      return [
        { bin, args: [chdir, 'init', '-input=false'], env: {} },
        { bin, args: [chdir, 'destroy', '-input=false', '-auto-approve'], env: {} },
      ];
    });
  }
  if (opts.engine === 'terraform') {
    const bin = opts.terraformBin ?? 'terraform';
    return wave.stacks.flatMap((s) => {
      const chdir = `-chdir=${join(opts.outDir, opts.workingDirs[s] ?? join('stacks', s))}`;
      return [
        { bin, args: [chdir, 'init', '-input=false'], env: {} },
        { bin, args: [chdir, 'apply', '-input=false', '-auto-approve'], env: {} },
      ];
    });
  }
  const [bin, ...prefix] = opts.cdktfBin ? [opts.cdktfBin] : ['npx', 'cdktf'];
  // Earlier waves applied the dependencies; cdktf refuses a subset of stacks without this flag.
  const outside = wave.stacks.some((s) => (deps[s] ?? []).some((d) => !wave.stacks.includes(d)));
  const args = [
    ...prefix,
    'deploy',
    ...wave.stacks,
    '--auto-approve',
    // Deploy exactly the synthesized tree this plan was made from.
    '--skip-synth',
    ...(opts.outDir !== DEFAULT_OUT_DIR ? ['--output', opts.outDir] : []),
    ...(outside ? ['--ignore-missing-stack-dependencies'] : []),
  ];
  const env: Record<string, string> = { CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: '1' };
  if (opts.terraformBin) env.TERRAFORM_BINARY_NAME = opts.terraformBin;
  return [{ bin: bin!, args, env }];
}

export interface Runner {
  /** Runs a command to completion; its exit code. */
  run(cmd: Command): number;
  /** Waits the bake time. */
  sleep(minutes: number): Promise<void>;
  print(line: string): void;
}

export interface ExecuteOptions {
  /** Start with this environment (earlier ones in the plan are skipped). */
  readonly fromEnvironment?: string;
  /** Start at this wave of the first environment run. */
  readonly fromWave?: number;
  /** Do not wait the bake times (tests, or an operator who has watched the dashboards). */
  readonly skipBake?: boolean;
  /** Called for each stack of a destroy wave once the wave succeeded (the rollout marks it destroyed). */
  readonly onDestroyed?: (stack: string) => void;
}

export type ExecuteResult =
  | { readonly ok: true; readonly commands: number }
  | {
      readonly ok: false;
      readonly environment: string;
      readonly wave: number;
      readonly command: Command;
      readonly code: number;
    };

export async function executePlan(
  plan: RolloutPlan,
  deps: Dependencies,
  engine: EngineOptions,
  runner: Runner,
  opts: ExecuteOptions = {},
): Promise<ExecuteResult> {
  const start = opts.fromEnvironment
    ? plan.environments.findIndex((p) => p.environment === opts.fromEnvironment)
    : 0;
  let commands = 0;
  for (const [i, env] of plan.environments.entries()) {
    if (i < start) continue;
    const first = i === start ? (opts.fromWave ?? 0) : 0;
    for (const wave of env.waves) {
      if (wave.index < first) {
        runner.print(`== ${env.environment} wave ${wave.index}: skipped (resuming from wave ${first})`);
        continue;
      }
      runner.print(`== ${env.environment} wave ${wave.index} (${wave.kind}): ${wave.stacks.join(' ')}`);
      for (const cmd of waveCommands(wave, deps, engine)) {
        runner.print(`$ ${display(cmd)}`);
        const code = runner.run(cmd);
        commands++;
        if (code !== 0)
          return { ok: false, environment: env.environment, wave: wave.index, command: cmd, code };
      }
      if (wave.kind === 'destroy') for (const s of wave.stacks) opts.onDestroyed?.(s);
      if (wave.bakeMinutesAfter > 0) {
        if (opts.skipBake) {
          runner.print(`-- bake ${wave.bakeMinutesAfter} min skipped (--skip-bake)`);
        } else {
          runner.print(`-- baking ${wave.bakeMinutesAfter} min: watch the health of what just changed`);
          await runner.sleep(wave.bakeMinutesAfter);
        }
      }
    }
  }
  return { ok: true, commands };
}

/** Runs commands for real: inherited terminal, the command's variables on top of the current environment. */
export const processRunner: Runner = {
  run(cmd) {
    const r = spawnSync(cmd.bin, cmd.args, { stdio: 'inherit', env: { ...process.env, ...cmd.env } });
    if (r.error) {
      process.stderr.write(`rollout: cannot run ${cmd.bin}: ${r.error.message}\n`);
      return 127;
    }
    return r.status ?? 1;
  },
  sleep: (minutes) => new Promise((resolve) => setTimeout(resolve, minutes * 60_000)),
  print: (line) => process.stdout.write(`${line}\n`),
};
