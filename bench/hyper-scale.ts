/**
 * The hyper-scale case of the bench: a generated matrix of thousands of stamps (environments of 50 regions with
 * 1-4 scale units each, in a bench cloud derived from the public profile) written to a temp folder, then
 * synthesized (one worker process per environment, as many at once as there are cores), validated, diffed
 * against itself and checked for resilience, each tree by its own process. Three passes: cold, the same config
 * again (each tree's first run changed it, so nothing is reused yet), and after one environment's file
 * changed, where the other environments reuse their output (main.ts: only their own files count) and only the
 * tree written again is checked. Environments of different sizes give the growth fit (time and peak memory
 * per stamp). Nothing of it is shipped.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { InputError } from '../lib/cli';
import { childrenCpuMs, fmtMb, fmtMs } from './measure';
import { linearFit } from './scaling';

export interface HyperSpec {
  readonly regions: number;
  /** One environment per entry: its units per region. */
  readonly units: readonly number[];
}

/** 12 environments × 50 regions × 1-4 units: 2,100 stamps. */
export const HYPER_FULL: HyperSpec = { regions: 50, units: [1, 2, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4] };
/** The --quick case: 3 environments × 4 regions × 1-3 units, 24 stamps. */
export const HYPER_QUICK: HyperSpec = { regions: 4, units: [1, 2, 3] };

export const HYPER_BUDGET = { ms: 60_000, mb: 1536 } as const;

export interface HyperEnv {
  readonly name: string;
  readonly stamps: number;
}

/** Writes `<dir>/environments` with the bench cloud and the matrix; returns its environments. */
export function writeHyperScaleConfig(repo: string, dir: string, spec: HyperSpec): HyperEnv[] {
  const envDir = join(dir, 'environments');
  mkdirSync(join(envDir, 'clouds'), { recursive: true });
  cpSync(join(repo, 'environments', 'schema'), join(envDir, 'schema'), { recursive: true });
  const read = (f: string) =>
    parse(readFileSync(join(repo, 'environments', f), 'utf8')) as Record<string, unknown>;
  const cloud = read('clouds/public.yaml');
  const regions: Record<string, unknown> = {};
  for (let i = 0; i < spec.regions; i++) {
    const pair = i % 2 === 0 ? i + 1 : i - 1;
    regions[`hyperregion${i}`] = {
      code: `h${i}`,
      displayName: `Hyper Region ${i}`,
      zones: true,
      ...(pair < spec.regions ? { pair: `hyperregion${pair}` } : {}),
    };
  }
  writeFileSync(
    join(envDir, 'clouds', 'hyper.yaml'),
    stringify({ ...cloud, id: 'hyper', displayName: 'Hyper cloud', azCloudName: 'AzureCloud', regions }),
  );
  // The shipped waivers (they name resources by wildcard), so validate reports what a real environment would.
  const waivers = read('prod-public.yaml').waivers;
  return spec.units.map((units, e) => {
    const name = `hyper-${String(e).padStart(2, '0')}`;
    const env = {
      name,
      cloud: 'hyper',
      tier: 'staging',
      prefix: 'hy',
      shortName: `hyper${e}`,
      subscriptionId: `00000000-0000-0000-0001-${String(e).padStart(12, '0')}`,
      tenantId: '00000000-0000-0000-0000-00000000000a',
      owner: 'bench@example.com',
      costCenter: 'CC-0000',
      regions: Array.from({ length: spec.regions }, (_, i) => ({
        name: `hyperregion${i}`,
        addressSpace: `10.${i}.0.0/18`,
        unitPrefix: 20,
        units,
      })),
      monitoring: { contacts: ['bench@example.com'] },
      state: { backend: 'azurerm', resourceGroup: 'rg-bench', storageAccount: `sthyper${e}` },
      waivers,
    };
    writeFileSync(join(envDir, `${name}.yaml`), stringify(env));
    return { name, stamps: spec.regions * units };
  });
}

interface Proc {
  readonly ms: number;
  readonly mb: number;
  readonly code: number;
  readonly stdout: string;
}

const PEAK = join(__dirname, '..', '..', 'bench', 'peak-rss.js');

/** One `node <args>` with the peak-RSS probe; resolves with its wall time, peak RSS and exit code. */
function runNode(args: readonly string[], cwd: string, allowed: readonly number[]): Promise<Proc> {
  const rssDir = mkdtempSync(join(tmpdir(), 'fp-hyper-rss-'));
  const rssFile = join(rssDir, 'rss');
  const started = process.hrtime.bigint();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        CHECKPOINT_DISABLE: '1',
        NODE_OPTIONS: `--require=${PEAK}`,
        FOOTPRINT_BENCH_RSS_FILE: rssFile,
      },
    });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      if (stdout.length < 2000) stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 2000) stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      let mb = 0;
      try {
        mb = Math.max(...readFileSync(rssFile, 'utf8').trim().split('\n').map(Number)) / 1024;
      } catch {
        mb = 0;
      }
      rmSync(rssDir, { recursive: true, force: true });
      if (!allowed.includes(code ?? -1))
        reject(new InputError(`node ${args.join(' ')} exited ${code}:\n${stderr.slice(0, 2000)}`));
      else resolvePromise({ ms, mb, code: code ?? -1, stdout });
    });
  });
}

/** Runs `tasks` at most `width` at a time, in order; results in task order. */
async function pool<T>(tasks: readonly (() => Promise<T>)[], width: number): Promise<T[]> {
  const out: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, worker));
  return out;
}

export interface HyperPhase {
  readonly phase: 'synth' | 'validate' | 'diff' | 'resilience';
  /** Trees the phase ran on. */
  readonly trees: number;
  readonly ms: number;
  /** User + system CPU of the phase's processes (Linux), ms. */
  readonly cpuMs?: number;
  /** Peak RSS of the largest process of the phase. */
  readonly maxMb: number;
  /** Sum of the `workers` largest peaks: a bound on what ran at once. */
  readonly concurrentMb: number;
}

/** One pass over the matrix: synth of every environment, then the checks of the trees it wrote. */
export interface HyperPass {
  readonly phases: HyperPhase[];
  readonly totalMs: number;
  readonly concurrentMb: number;
  /** Environments whose synth reused its output (lib/unchanged.ts). */
  readonly reused: number;
  readonly withinBudget: boolean;
}

export interface HyperResult {
  readonly environments: number;
  readonly stamps: number;
  readonly resources: number;
  readonly workers: number;
  /** Everything from nothing: every environment synthesized and checked. */
  readonly cold: HyperPass;
  /** The same config again: no environment's output can be reused yet (each tree's first run changed it). */
  readonly again: HyperPass;
  /** After one environment's file changed: the others reuse their output; only the changed tree is checked. */
  readonly oneChanged: HyperPass & { readonly environment: string; readonly stamps: number };
  readonly msPerStamp: number;
  readonly mbPerStamp: number;
  /** Synth of one environment over its stamps: time and peak RSS. */
  readonly fit: { readonly ms: ReturnType<typeof linearFit>; readonly mb: ReturnType<typeof linearFit> };
  /** The budget holds for the one-changed pass, the case a CI run of a change meets. */
  readonly withinBudget: boolean;
}

const REUSED = '(unchanged';

/**
 * Generates the matrix in a temp folder of `work` (removed afterwards), then three passes: cold, the same
 * config again, and after one environment's file changed (the largest environment's cost center: every one of
 * its resources changes).
 */
export async function runHyperScale(
  repo: string,
  work: string,
  spec: HyperSpec,
  workers = Math.max(1, cpus().length),
): Promise<HyperResult> {
  const dir = mkdtempSync(join(work, 'hyper-'));
  try {
    const envs = writeHyperScaleConfig(repo, dir, spec);
    const dist = (f: string) => join(repo, 'dist', f);
    const tree = (e: HyperEnv) => join(dir, 'out', e.name);
    const config = join(dir, 'environments');
    const phase = async (
      name: HyperPhase['phase'],
      list: readonly HyperEnv[],
      args: (e: HyperEnv) => string[],
      allowed = [0],
    ): Promise<{ phase: HyperPhase; runs: Proc[] }> => {
      const started = process.hrtime.bigint();
      const cpuBefore = childrenCpuMs();
      const runs = await pool(
        list.map((e) => () => runNode(args(e), dir, allowed)),
        workers,
      );
      const mbs = runs.map((r) => r.mb).sort((a, b) => b - a);
      const cpuAfter = childrenCpuMs();
      return {
        runs,
        phase: {
          phase: name,
          trees: list.length,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          ...(cpuBefore !== undefined && cpuAfter !== undefined ? { cpuMs: cpuAfter - cpuBefore } : {}),
          maxMb: mbs[0] ?? 0,
          concurrentMb: mbs.slice(0, workers).reduce((a, b) => a + b, 0),
        },
      };
    };
    const pass = async (): Promise<HyperPass & { synthRuns: Proc[] }> => {
      const synth = await phase('synth', envs, (e) => [
        dist('main.js'),
        '--quiet',
        '--config',
        config,
        '--env',
        e.name,
        '--out',
        tree(e),
      ]);
      // A reused tree is byte for byte the one checked before: only what synth wrote again is checked.
      const written = envs.filter((_, i) => !synth.runs[i]!.stdout.includes(REUSED));
      const phases = [synth.phase];
      // Findings of the security rules are not the bench's concern (exit 1); a broken tree is (other codes).
      phases.push(
        (await phase('validate', written, (e) => [dist('tools/validate.js'), '--out', tree(e)], [0, 1]))
          .phase,
      );
      phases.push(
        (
          await phase('diff', written, (e) => [
            dist('tools/diff.js'),
            '--base',
            tree(e),
            '--head',
            tree(e),
            '--exit-code',
            '--format',
            'json',
          ])
        ).phase,
      );
      phases.push(
        (await phase('resilience', written, (e) => [dist('tools/resilience.js'), '--out', tree(e)])).phase,
      );
      const totalMs = phases.reduce((n, p) => n + p.ms, 0);
      const concurrentMb = Math.max(...phases.map((p) => p.concurrentMb));
      return {
        phases,
        totalMs,
        concurrentMb,
        reused: envs.length - written.length,
        withinBudget: totalMs <= HYPER_BUDGET.ms && concurrentMb <= HYPER_BUDGET.mb,
        synthRuns: synth.runs,
      };
    };
    const { synthRuns, ...cold } = await pass();
    const { synthRuns: _again, ...again } = await pass();
    const changed = envs.reduce((a, b) => (b.stamps > a.stamps ? b : a));
    const file = join(config, `${changed.name}.yaml`);
    const text = readFileSync(file, 'utf8');
    if (!text.includes('costCenter: CC-0000'))
      throw new InputError(`bench: ${file} has no cost center to change`);
    writeFileSync(file, text.replace('costCenter: CC-0000', 'costCenter: CC-0001'));
    const { synthRuns: _one, ...oneChanged } = await pass();
    const stamps = envs.reduce((n, e) => n + e.stamps, 0);
    const resources = envs.reduce((n, e) => n + countResources(tree(e)), 0);
    const xs = envs.map((e) => e.stamps);
    const fit = {
      ms: linearFit(
        xs,
        synthRuns.map((r) => r.ms),
      ),
      mb: linearFit(
        xs,
        synthRuns.map((r) => r.mb),
      ),
    };
    return {
      environments: envs.length,
      stamps,
      resources,
      workers,
      cold,
      again,
      oneChanged: { ...oneChanged, environment: changed.name, stamps: changed.stamps },
      msPerStamp: cold.totalMs / stamps,
      mbPerStamp: fit.mb.slope,
      fit,
      withinBudget: oneChanged.withinBudget,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Resources in a synthesized tree, from its footprint.json stacks and their cdk.tf.json. */
function countResources(out: string): number {
  const fp = JSON.parse(readFileSync(join(out, 'footprint.json'), 'utf8')) as {
    environments: Record<string, { stacks: string[] }>;
  };
  let n = 0;
  for (const env of Object.values(fp.environments)) {
    for (const s of env.stacks) {
      const json = JSON.parse(readFileSync(join(out, 'stacks', s, 'cdk.tf.json'), 'utf8')) as {
        resource?: Record<string, Record<string, unknown>>;
      };
      for (const byName of Object.values(json.resource ?? {})) n += Object.keys(byName).length;
    }
  }
  return n;
}

/** The README table of the hyper-scale case: one block of rows per pass. */
export function renderHyperScale(r: HyperResult, markdown: boolean): string[] {
  const passes: [string, HyperPass][] = [
    ['cold', r.cold],
    ['again, nothing changed', r.again],
    [`${r.oneChanged.environment} changed (${r.oneChanged.stamps} stamps)`, r.oneChanged],
  ];
  const rows: string[][] = [];
  for (const [label, p] of passes) {
    for (const ph of p.phases) {
      rows.push([
        `${label}: ${ph.phase} (${ph.trees} trees${ph.phase === 'synth' && p.reused ? `, ${p.reused} reused` : ''})`,
        fmtMs(ph.ms),
        ph.cpuMs === undefined ? '–' : fmtMs(ph.cpuMs),
        fmtMb(ph.maxMb),
        fmtMb(ph.concurrentMb),
      ]);
    }
    rows.push([
      `${label}: total`,
      fmtMs(p.totalMs),
      fmtMs(p.phases.reduce((n, ph) => n + (ph.cpuMs ?? 0), 0)),
      '',
      fmtMb(p.concurrentMb),
    ]);
  }
  const head = `hyper-scale: ${r.environments} environments, ${r.stamps} stamps, ${r.resources} resources, ${r.workers} processes at a time`;
  const budget = `≤ ${HYPER_BUDGET.ms / 1000} s and ≤ ${(HYPER_BUDGET.mb / 1024).toFixed(1)} GB`;
  const verdict = `budget ${budget}: ${r.oneChanged.withinBudget ? 'met' : 'NOT met'} when one environment changed (only its tree synthesized and checked); ${r.cold.withinBudget ? 'met' : 'not met'} cold (every environment)`;
  const per = `cold, per stamp: ${r.msPerStamp.toFixed(1)} ms of the whole pass; synth of one environment ${r.fit.ms.slope.toFixed(1)} ms and ${r.fit.mb.slope.toFixed(2)} MB per stamp over ${fmtMs(r.fit.ms.intercept)} and ${fmtMb(r.fit.mb.intercept)}, linear fit R² = ${r.fit.ms.r2.toFixed(3)} (time), ${r.fit.mb.r2.toFixed(3)} (memory)`;
  if (!markdown) {
    return [
      head,
      ...rows.map(
        ([a, b, c, d, e]) =>
          `  ${a!.padEnd(64)} ${b!.padStart(9)} ${c!.padStart(9)} ${d!.padStart(8)} ${e!.padStart(8)}`,
      ),
      `  ${per}`,
      `  ${verdict}`,
    ];
  }
  return [
    `| ${head} | wall | CPU | largest process | at once (bound) |`,
    '|---|---|---|---|---|',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    `- ${per}`,
    `- ${verdict}`,
  ];
}
