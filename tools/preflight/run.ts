/**
 * `--check`: runs the setup (cloud, subscription) and every check's `az` command, one process each without a
 * shell, and judges the output. An identical command runs once (vCPU checks of a region share one usage list).
 */
import { spawnSync } from 'node:child_process';
import { ASSIGNEE, ASSIGNEE_ARGS, type AzResult, type Checklist, type Status, type Verdict } from './checks';

export type Az = (args: readonly string[]) => AzResult;

/** The real az on PATH. A missing az is a could-not-check, not a crash. */
export const systemAz: Az = (args) => {
  const r = spawnSync('az', [...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) return { code: 127, stdout: '', stderr: `az could not be run: ${r.error.message}` };
  return { code: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
};

export interface Outcome extends Verdict {
  readonly id: string;
}

export interface RunResult {
  /** Empty when the setup worked, else why nothing could be checked. */
  readonly setupProblem: string;
  readonly outcomes: readonly Outcome[];
}

export function runChecks(list: Checklist, az: Az = systemAz): RunResult {
  const cache = new Map<string, AzResult>();
  const call = (args: readonly string[]): AzResult => {
    const key = JSON.stringify(args);
    const hit = cache.get(key);
    if (hit) return hit;
    const r = az(args);
    cache.set(key, r);
    return r;
  };
  for (const step of list.setup) {
    if (step.unless && az(step.unless).code === 0) continue;
    const r = az(step.args);
    if (r.code !== 0) {
      const setupProblem = `az ${step.args.join(' ')} failed (${r.code}): ${r.stderr.trim().split('\n')[0] ?? ''}`;
      return {
        setupProblem,
        outcomes: list.checks.map((c) => ({
          id: c.id,
          status: 'could-not-check' as Status,
          detail: setupProblem,
        })),
      };
    }
  }
  let assignee: string | undefined;
  const outcomes = list.checks.map((c): Outcome => {
    let args = c.args;
    if (args.includes(ASSIGNEE)) {
      if (assignee === undefined) {
        const me = call(ASSIGNEE_ARGS);
        assignee = me.code === 0 ? me.stdout.trim() : '';
      }
      if (!assignee)
        return { id: c.id, status: 'could-not-check', detail: 'no signed-in identity (az login)' };
      args = args.map((a) => (a === ASSIGNEE ? assignee! : a));
    }
    return { id: c.id, ...c.judge(call(args)) };
  });
  return { setupProblem: '', outcomes };
}
