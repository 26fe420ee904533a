/** The rollout executor with an injected runner: commands per engine, bake waits, stop and resume. */
import {
  display,
  executePlan,
  waveCommands,
  type Command,
  type EngineOptions,
  type Runner,
} from '../../tools/rollout/execute';
import type { RolloutPlan, Wave } from '../../tools/rollout/plan';
import { resumeCommand } from '../../tools/rollout/resume';

const wave = (index: number, stacks: string[], bakeMinutesAfter = 0): Wave => ({
  index,
  kind: index === 0 ? 'global' : index === 1 ? 'canary' : 'regions',
  stacks,
  regions: [],
  bakeMinutesAfter,
});

const plan: RolloutPlan = {
  environments: [
    {
      environment: 'e',
      cloud: 'c',
      tier: 'prod',
      bakeMinutes: 30,
      canary: { region: 'b', stack: 'e-b', reason: 'test' },
      waves: [wave(0, ['e-global'], 30), wave(1, ['e-b'], 30), wave(2, ['e-a', 'e-c'])],
      notes: [],
    },
  ],
};
const deps = { 'e-global': [], 'e-a': ['e-global'], 'e-b': ['e-global'], 'e-c': ['e-global'] };
const cdktf: EngineOptions = { engine: 'cdktf', outDir: 'cdktf.out', workingDirs: {} };
const terraform: EngineOptions = {
  engine: 'terraform',
  outDir: 'out',
  workingDirs: {},
  terraformBin: 'tofu',
};

/** Records commands and sleeps; fails the command whose display contains `failOn`. */
function recorder(failOn?: string) {
  const calls: string[] = [];
  const sleeps: number[] = [];
  const printed: string[] = [];
  const runner: Runner = {
    run: (cmd: Command) => {
      calls.push(display(cmd));
      return failOn && display(cmd).includes(failOn) ? 4 : 0;
    },
    sleep: async (m) => {
      sleeps.push(m);
    },
    print: (l) => printed.push(l),
  };
  return { runner, calls, sleeps, printed };
}

describe('rollout executor', () => {
  it('builds cdktf deploy per wave, naming the stacks and skipping the dependency check past wave 0', () => {
    expect(waveCommands(plan.environments[0]!.waves[0]!, deps, cdktf).map(display)).toEqual([
      'CHECKPOINT_DISABLE=1 DISABLE_VERSION_CHECK=1 npx cdktf deploy e-global --auto-approve --skip-synth',
    ]);
    const custom = { ...cdktf, outDir: 'x y', cdktfBin: '/opt/cdktf', terraformBin: 'tofu' };
    expect(waveCommands(plan.environments[0]!.waves[2]!, deps, custom).map(display)).toEqual([
      "CHECKPOINT_DISABLE=1 DISABLE_VERSION_CHECK=1 TERRAFORM_BINARY_NAME=tofu /opt/cdktf deploy e-a e-c --auto-approve --skip-synth --output 'x y' --ignore-missing-stack-dependencies",
    ]);
  });

  it('builds terraform init and apply per stack in its working directory', () => {
    expect(waveCommands(plan.environments[0]!.waves[2]!, deps, terraform).map(display)).toEqual([
      'tofu -chdir=out/stacks/e-a init -input=false',
      'tofu -chdir=out/stacks/e-a apply -input=false -auto-approve',
      'tofu -chdir=out/stacks/e-c init -input=false',
      'tofu -chdir=out/stacks/e-c apply -input=false -auto-approve',
    ]);
  });

  it('runs every wave in order, printing each command first, and waits the bake between waves', async () => {
    const r = recorder();
    const result = await executePlan(plan, deps, terraform, r.runner);
    expect(result).toEqual({ ok: true, commands: 8 });
    expect(r.calls.map((c) => c.split(' ').slice(1, 3).join(' '))).toEqual([
      '-chdir=out/stacks/e-global init',
      '-chdir=out/stacks/e-global apply',
      '-chdir=out/stacks/e-b init',
      '-chdir=out/stacks/e-b apply',
      '-chdir=out/stacks/e-a init',
      '-chdir=out/stacks/e-a apply',
      '-chdir=out/stacks/e-c init',
      '-chdir=out/stacks/e-c apply',
    ]);
    expect(r.sleeps).toEqual([30, 30]);
    const commandLines = r.printed.filter((l) => l.startsWith('$ ')).map((l) => l.slice(2));
    expect(commandLines).toEqual(r.calls);
  });

  it('stops at the first failure and reports the wave', async () => {
    const r = recorder('stacks/e-b apply');
    const result = await executePlan(plan, deps, terraform, r.runner, { skipBake: true });
    expect(result).toMatchObject({ ok: false, environment: 'e', wave: 1, code: 4 });
    expect(r.calls).toHaveLength(4);
    expect(r.sleeps).toEqual([]);
    expect(r.printed).toContain('-- bake 30 min skipped (--skip-bake)');
  });

  it('resumes from a wave', async () => {
    const r = recorder();
    await executePlan(plan, deps, cdktf, r.runner, { fromWave: 2, skipBake: true });
    expect(r.calls).toEqual([
      'CHECKPOINT_DISABLE=1 DISABLE_VERSION_CHECK=1 npx cdktf deploy e-a e-c --auto-approve --skip-synth --ignore-missing-stack-dependencies',
    ]);
  });

  it('builds the resume command from the original arguments', () => {
    expect(resumeCommand(['--env', 'e', '--execute', '--from-wave', '1', '--from-env=x'], undefined, 2)).toBe(
      'npm run rollout -- --env e --execute --from-wave 2',
    );
    expect(resumeCommand(['--all', '--execute', '--terraform-bin', 'my tofu'], 'prod-dod', 0)).toBe(
      "npm run rollout -- --all --execute --terraform-bin 'my tofu' --from-env prod-dod --from-wave 0",
    );
  });
});
