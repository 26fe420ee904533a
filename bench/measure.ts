/**
 * Runs a command N times as a child process and reports wall time, CPU time and peak RSS (median and spread).
 * CPU time (user + system of the whole process tree) moves less than wall time on a shared, busy machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../lib/cli';

export interface Sample {
  readonly ms: number;
  /** Peak RSS of the largest node process of the run, MB; undefined when the command is not node. */
  readonly mb?: number;
  /** User + system CPU time of the run's processes, ms (Linux; undefined elsewhere). */
  readonly cpuMs?: number;
}

export interface Measurement {
  readonly label: string;
  readonly command: string;
  readonly runs: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly medianMb?: number;
  readonly maxMb?: number;
  readonly medianCpuMs?: number;
}

/** A duration as the tables show it: milliseconds, or seconds with one decimal from 10 s. */
export const fmtMs = (ms: number): string =>
  ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
/** A peak RSS as the tables show it ("–": not recorded). */
export const fmtMb = (mb?: number): string => (mb === undefined ? '–' : `${Math.round(mb)} MB`);

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * CPU time of every waited-for child process so far (cutime + cstime of /proc/self/stat, in clock ticks of
 * 10 ms: USER_HZ is 100 on Linux); undefined where there is no /proc.
 */
export function childrenCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

const name = (command: string) => (command === process.execPath ? 'node' : command);

const PEAK = join(__dirname, '..', '..', 'bench', 'peak-rss.js');

/**
 * One run of `node <args>`, or of `command` when given (e.g. npm; every node process it starts gets the peak-RSS
 * probe preloaded). Throws if the command fails.
 */
export function runOnce(
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
  command: string = process.execPath,
): Sample {
  const dir = mkdtempSync(join(tmpdir(), 'fp-bench-'));
  const rssFile = join(dir, 'rss');
  const cpuBefore = childrenCpuMs();
  const started = process.hrtime.bigint();
  const r = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      CHECKPOINT_DISABLE: '1',
      ...env,
      NODE_OPTIONS: `--require=${PEAK}`,
      FOOTPRINT_BENCH_RSS_FILE: rssFile,
    },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpuAfter = childrenCpuMs();
  const cpu = cpuBefore === undefined || cpuAfter === undefined ? {} : { cpuMs: cpuAfter - cpuBefore };
  if (r.status !== 0 && !(env.FOOTPRINT_BENCH_ALLOW_EXIT ?? '').split(',').includes(String(r.status))) {
    rmSync(dir, { recursive: true, force: true });
    // A measured command that fails (e.g. a config error in environments/) is the user's to fix: exit 1, no trace.
    throw new InputError(
      `${name(command)} ${args.join(' ')} exited ${r.status}:\n${r.stderr.slice(0, 2000)}`,
    );
  }
  let mb: number | undefined;
  try {
    const kb = readFileSync(rssFile, 'utf8').trim().split('\n').map(Number);
    mb = Math.max(...kb) / 1024;
  } catch {
    mb = undefined;
  }
  rmSync(dir, { recursive: true, force: true });
  return mb === undefined ? { ms, ...cpu } : { ms, mb, ...cpu };
}

export function measure(
  label: string,
  args: readonly string[],
  cwd: string,
  runs: number,
  env: NodeJS.ProcessEnv = {},
  before?: (run: number) => void,
  command: string = process.execPath,
): Measurement {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    before?.(i);
    samples.push(runOnce(args, cwd, env, command));
  }
  const ms = samples.map((s) => s.ms);
  const mbs = samples.map((s) => s.mb).filter((x): x is number => x !== undefined);
  const cpus = samples.map((s) => s.cpuMs).filter((x): x is number => x !== undefined);
  return {
    label,
    command: `${name(command)} ${args.map((a) => a.replace(cwd + '/', '')).join(' ')}`,
    runs,
    medianMs: median(ms),
    minMs: Math.min(...ms),
    maxMs: Math.max(...ms),
    ...(mbs.length ? { medianMb: median(mbs), maxMb: Math.max(...mbs) } : {}),
    ...(cpus.length === samples.length ? { medianCpuMs: median(cpus) } : {}),
  };
}
