/**
 * `npm run rollout` as a user runs it, on the synthesized shipped config: the plan of every shipped environment
 * respects pairs and dependencies; --execute runs a stub terraform/cdktf that records its calls.
 */
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FootprintManifest } from '../../contract/footprint';
import { configFixture, REPO, runNode } from '../helpers/fixture';

interface JsonWave {
  index: number;
  kind: string;
  stacks: string[];
  regions: string[];
  bakeMinutesAfter: number;
  commands: string[];
}
interface JsonPlan {
  engine: string;
  environments: { environment: string; canary: { region: string }; waves: JsonWave[] }[];
}

const SHIPPED = readdirSync(join(REPO, 'environments'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''))
  .sort();

let dir: string;
let footprint: FootprintManifest;
let deps: Record<string, string[]>;
let stub: string;

const rollout = (args: string[], env: NodeJS.ProcessEnv = {}) => runNode('tools/rollout.js', args, dir, env);
const planOf = (args: string[]): JsonPlan => {
  const r = rollout([...args, '--out', 'out', '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as JsonPlan;
};
const log = (name: string) => join(dir, name);
const recorded = (name: string) =>
  existsSync(log(name)) ? readFileSync(log(name), 'utf8').trimEnd().split('\n') : [];

beforeAll(() => {
  dir = configFixture();
  const synth = runNode('main.js', ['--quiet', '--out', 'out'], dir);
  expect(synth.code).toBe(0);
  footprint = JSON.parse(readFileSync(join(dir, 'out', 'footprint.json'), 'utf8')) as FootprintManifest;
  const manifest = JSON.parse(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8')) as {
    stacks: Record<string, { dependencies: string[] }>;
  };
  deps = Object.fromEntries(Object.entries(manifest.stacks).map(([k, v]) => [k, v.dependencies]));
  // Stand-in for terraform/tofu/cdktf: records "cwd|TERRAFORM_BINARY_NAME|args", fails on STUB_FAIL's stack.
  stub = join(dir, 'stub-bin');
  writeFileSync(
    stub,
    [
      '#!/bin/sh',
      'printf "%s|%s|%s\\n" "$PWD" "$TERRAFORM_BINARY_NAME" "$*" >> "$STUB_LOG"',
      '[ -z "$STUB_FAIL" ] && exit 0',
      'case " $* " in',
      '  *" init "*) exit 0 ;;',
      '  *" $STUB_FAIL "*|*"/$STUB_FAIL "*) echo "stub: $STUB_FAIL failed" >&2; exit 7 ;;',
      'esac',
      'exit 0',
      '',
    ].join('\n'),
  );
  chmodSync(stub, 0o755);
});

describe('rollout plan of every shipped environment', () => {
  it('covers every shipped environment', () => {
    expect(Object.keys(footprint.environments).sort()).toEqual(SHIPPED);
  });

  it.each(SHIPPED)(
    '%s: global first, canary alone, pairs apart, dependencies earlier, each stack once',
    (name) => {
      const env = footprint.environments[name]!;
      const plan = planOf(['--env', name]);
      expect(plan.environments.map((p) => p.environment)).toEqual([name]);
      const waves = plan.environments[0]!.waves;
      const waveOf = new Map(waves.flatMap((w) => w.stacks.map((s) => [s, w.index] as const)));

      expect(waves[0]!.stacks).toEqual([env.globalStack]);
      expect(waves[1]!.kind).toBe('canary');
      expect(waves[1]!.stacks).toHaveLength(1);
      const canary = env.regions.find((r) => r.stack === waves[1]!.stacks[0])!;
      expect(canary.region).toBe(env.rollout.canary ?? canary.region);
      if (env.regions.length > 1) expect(canary.primary).toBe(false);

      expect(waves.flatMap((w) => w.stacks).sort()).toEqual([...env.stacks].sort());
      for (const s of env.stacks) {
        for (const d of deps[s] ?? []) expect([s, waveOf.get(d)! < waveOf.get(s)!]).toEqual([s, true]);
      }
      for (const w of waves) {
        const rs = env.regions.filter((r) => w.stacks.includes(r.stack));
        for (const a of rs) {
          for (const b of rs) {
            if (a !== b) expect([w.index, a.region, a.pair === b.region]).toEqual([w.index, a.region, false]);
          }
        }
      }
      expect(waves.map((w) => w.bakeMinutesAfter)).toEqual(
        waves.map((_, i) => (i === waves.length - 1 ? 0 : env.rollout.bakeMinutes)),
      );
      expect(waves.map((w) => w.commands)).toEqual(
        waves.map((w) => [
          expect.stringContaining(
            `npx cdktf deploy ${w.stacks.join(' ')} --auto-approve --skip-synth --output out`,
          ),
        ]),
      );
    },
  );

  it('prod-usgov changes Arizona first, then Texas, then the primary Virginia, each alone (a pair chain)', () => {
    const waves = planOf(['--env', 'prod-usgov']).environments[0]!.waves;
    expect(waves.map((w) => w.regions)).toEqual([[], ['usgovarizona'], ['usgovtexas'], ['usgovvirginia']]);
  });

  it('--all orders environments by rollout.order, then tier, then name, and plans all 23 stacks once', () => {
    const plan = planOf(['--all']);
    expect(plan.environments.map((p) => p.environment)).toEqual([
      'dev-public',
      'staging-public',
      'prod-public',
      'prod-usgov',
      'prod-dod',
      'prod-china',
      'prod-ussec',
    ]);
    const stacks = plan.environments.flatMap((p) => p.waves.flatMap((w) => w.stacks));
    expect(stacks).toHaveLength(23);
    expect(new Set(stacks).size).toBe(23);
    // Between environments the previous one bakes; the very last wave does not.
    const lasts = plan.environments.map((p) => p.waves[p.waves.length - 1]!.bakeMinutesAfter);
    expect(lasts).toEqual(
      plan.environments.map((p, i) =>
        i === plan.environments.length - 1 ? 0 : footprint.environments[p.environment]!.rollout.bakeMinutes,
      ),
    );
  });

  it('prints a readable text plan and a Markdown table by default and on request', () => {
    const text = rollout(['--env', 'prod-dod', '--out', 'out']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      'canary: usdodcentral (the last non-primary region, so the primary changes late)',
    );
    expect(text.stdout).toMatch(/wave 2 regions +prod-dod-usdodeast \(usdodeast, primary\)/);
    expect(text.stdout).toContain('bake 120 min');
    expect(text.stdout).toContain('Dry run: nothing was deployed.');
    const md = rollout(['--env', 'prod-dod', '--out', 'out', '--format', 'markdown']);
    expect(md.stdout).toContain('| 1 | canary | `prod-dod-usdodcentral` (usdodcentral) | 120 min |');
  });

  it('does not run anything without --execute', () => {
    const r = rollout(['--env', 'prod-china', '--out', 'out', '--cdktf-bin', stub], {
      STUB_LOG: log('dry.log'),
    });
    expect(r.code).toBe(0);
    expect(existsSync(log('dry.log'))).toBe(false);
  });
});

describe('rollout --execute with a stub binary', () => {
  it('terraform engine: runs init and apply per stack in plan order, stops at the injected failure, resumes', () => {
    const args = ['--env', 'prod-usgov', '--out', 'out', '--engine', 'terraform', '--terraform-bin', stub];
    const planned = planOf(args).environments[0]!.waves.flatMap((w) => w.commands);
    expect(planned[0]).toBe(`${stub} -chdir=out/stacks/prod-usgov-global init -input=false`);

    const run = [...args, '--execute', '--skip-bake'];
    const failed = rollout(run, { STUB_LOG: log('tf.log'), STUB_FAIL: 'prod-usgov-usgovtexas' });
    expect(failed.code).toBe(1);
    const calls = recorded('tf.log');
    // global, canary Arizona, then Texas init + the failing apply; nothing after it.
    expect(calls).toEqual(planned.slice(0, 6).map((c) => `${dir}||${c.slice(stub.length + 1)}`));
    expect(calls[5]).toContain('-chdir=out/stacks/prod-usgov-usgovtexas apply -input=false -auto-approve');
    expect(failed.stdout.split('\n').filter((l) => l.startsWith('$ '))).toEqual(
      planned.slice(0, 6).map((c) => `$ ${c}`),
    );
    expect(failed.stderr).toContain('prod-usgov wave 2 failed (exit 7); later waves did not run.');
    const resume = `npm run rollout -- ${run.join(' ')} --from-wave 2`;
    expect(failed.stderr).toContain(resume);

    const resumed = rollout([...run, '--from-wave', '2'], { STUB_LOG: log('tf-resume.log') });
    expect(resumed.code).toBe(0);
    expect(recorded('tf-resume.log')).toEqual(
      planned.slice(4).map((c) => `${dir}||${c.slice(stub.length + 1)}`),
    );
    expect(resumed.stdout).toContain('== prod-usgov wave 1: skipped (resuming from wave 2)');
  });

  it('cdktf engine: one deploy per wave with the wave stacks, and TERRAFORM_BINARY_NAME passed on', () => {
    const args = ['--env', 'prod-public', '--out', 'out', '--cdktf-bin', stub, '--terraform-bin', 'tofu'];
    const waves = planOf(args).environments[0]!.waves;
    const r = rollout([...args, '--execute', '--skip-bake'], { STUB_LOG: log('cdktf.log') });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(recorded('cdktf.log')).toEqual(
      waves.map(
        (w) =>
          `${dir}|tofu|deploy ${w.stacks.join(' ')} --auto-approve --skip-synth --output out${w.index > 0 ? ' --ignore-missing-stack-dependencies' : ''}`,
      ),
    );
    expect(r.stdout).toContain('-- bake 60 min skipped (--skip-bake)');
    expect(r.stdout).toMatch(/Rollout complete: 4 commands succeeded/);
  });

  it('--all: a failure names the environment to resume from', () => {
    const run = ['--all', '--out', 'out', '--cdktf-bin', stub, '--execute', '--skip-bake'];
    const r = rollout(run, { STUB_LOG: log('all.log'), STUB_FAIL: 'prod-dod-global' });
    expect(r.code).toBe(1);
    const calls = recorded('all.log');
    expect(calls[calls.length - 1]).toContain('deploy prod-dod-global ');
    expect(calls.some((c) => c.includes('prod-china'))).toBe(false);
    expect(r.stderr).toContain(`npm run rollout -- ${run.join(' ')} --from-env prod-dod --from-wave 0`);
  });
});

describe('rollout usage and input errors', () => {
  it.each([
    [[], /name an environment with --env, or use --all/],
    [['--env', 'prod-usgov', '--all'], /either --env or --all/],
    [['--env', 'prod-usgov', '--execute', '--format', 'json'], /--format is for the plan/],
    [['--env', 'prod-usgov', '--engine', 'pulumi'], /--engine must be cdktf or terraform/],
    [['--env', 'prod-usgov', '--from-wave', 'two'], /--from-wave must be a wave number/],
    [['--env', 'prod-usgov', '--from-wave', '4'], /prod-usgov has waves 0-3/],
    [['--env', 'prod-usgov', '--from-env', 'prod-dod'], /--from-env "prod-dod" is not in this plan/],
  ])('%j exits 2', (args, message) => {
    const r = rollout([...args, '--out', 'out']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('Usage: npm run rollout');
  });

  it('exits 1 for an unknown environment or a missing cdktf.out', () => {
    const unknown = rollout(['--env', 'prod-mars', '--out', 'out']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/environment "prod-mars" is not in/);
    const missing = rollout(['--env', 'prod-usgov', '--out', 'nowhere']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/manifest\.json not found: run `npm run synth` first/);
  });

  it('exits 1 for an invalid plan: the primary as explicit canary (config rejects it; a hand-edited tree too)', () => {
    const bad = configFixture(
      [{ file: 'prod-usgov.yaml', from: 'order: 40', to: 'order: 40\n  canary: usgovvirginia' }],
      ['prod-usgov'],
    );
    const synth = runNode('main.js', ['--quiet'], bad);
    expect(synth.code).toBe(1);
    expect(synth.stderr).toMatch(/rollout\.canary: "usgovvirginia" is the primary region/);
    const good = configFixture([], ['prod-usgov']);
    expect(runNode('main.js', ['--quiet'], good).code).toBe(0);
    const file = join(good, 'cdktf.out', 'footprint.json');
    const fp = JSON.parse(readFileSync(file, 'utf8'));
    fp.environments['prod-usgov'].rollout.canary = 'usgovvirginia';
    writeFileSync(file, JSON.stringify(fp));
    const r = runNode('tools/rollout.js', ['--env', 'prod-usgov'], good);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'rollout: invalid plan: prod-usgov: rollout.canary "usgovvirginia" is the primary region; choose one of usgovtexas, usgovarizona',
    );
  });
});
