/**
 * A synth split across two threads writes the tree a synth in one thread writes. The worker's side runs here
 * in-process (runJob behind a fake helper), so the merge, the order of problems and the errors are checked
 * without a thread; test/cli/parallel-synth.test.ts runs the real worker.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../lib/cli';
import { splitPoint, synthesizeSplit } from '../../stacks/parallel-synth';
import { SynthesisError } from '../../stacks/synth-checks';
import type { SynthHelper } from '../../stacks/synth-helper';
import { synthThreads } from '../../stacks/synth-helper';
import { runJob, type SynthJob, type SynthJobResult } from '../../stacks/synth-worker';
import { synthesize } from '../../stacks/synthesize';
import { REPO, tree } from '../helpers/fixture';
import { shippedConfig } from '../helpers/load';

const temp = () => mkdtempSync(join(tmpdir(), 'fp-split-'));

/** A helper that answers with `answer(job)` and records its jobs and whether it was stopped. */
function fakeHelper(answer: (job: SynthJob) => SynthJobResult) {
  const jobs: SynthJob[] = [];
  let stopped = false;
  const helper: SynthHelper = {
    run: (job) => {
      jobs.push(job);
      return Promise.resolve(answer(job));
    },
    stop: () => {
      stopped = true;
      return Promise.resolve();
    },
  };
  return { helper, jobs, stopped: () => stopped };
}

const ctx = { root: REPO, dir: join(REPO, 'environments'), retired: new Map() };

describe('splitPoint', () => {
  const envs = (...stamps: number[]) => stamps.map((n) => ({ stamps: Array.from({ length: n }) }));
  it('balances stacks (1 global + stamps per environment) between the two threads', () => {
    expect(splitPoint(envs(1, 1))).toBe(1);
    expect(splitPoint(envs(3, 1, 1))).toBe(1); // 4 | 4
    expect(splitPoint(envs(1, 1, 3))).toBe(2); // 4 | 4
    expect(splitPoint(envs(2, 2, 2, 2))).toBe(2);
    expect(splitPoint(envs(1, 2, 2, 3, 3, 2, 2))).toBe(4); // weights 2 3 3 4 | 4 3 3: 12 | 10 beats 8 | 14
  });
  it('gives a tie to the smaller first part and handles nothing to split', () => {
    expect(splitPoint(envs(1, 2, 1))).toBe(1); // 2 | 5 and 5 | 2 tie: the merging thread takes less
    expect(splitPoint(envs(5))).toBe(0);
    expect(splitPoint([])).toBe(0);
  });
});

describe('synthThreads', () => {
  it('is two only when FOOTPRINT_SYNTH_THREADS=2', () => {
    expect(synthThreads({ FOOTPRINT_SYNTH_THREADS: '2' })).toBe(2);
    expect(synthThreads({ FOOTPRINT_SYNTH_THREADS: '1' })).toBe(1);
    expect(synthThreads({ FOOTPRINT_SYNTH_THREADS: 'many' })).toBe(1);
    expect(synthThreads({})).toBe(1);
  });
});

describe('synthesizeSplit', () => {
  it('writes the same tree as one synth, the worker taking the later environments', async () => {
    const { environments, clouds } = shippedConfig();
    const one = temp();
    const whole = synthesize(environments, clouds, one);
    const two = temp();
    const fake = fakeHelper(runJob);
    const split = await synthesizeSplit(environments, clouds, two, fake.helper, ctx);
    expect(tree(two)).toEqual(tree(one));
    expect(split).toEqual(whole);
    const k = splitPoint(environments);
    expect(k).toBeGreaterThan(0);
    expect(fake.jobs.map((j) => j.only)).toEqual([environments.slice(k).map((e) => e.name)]);
    expect(fake.jobs[0]!.outdir).toBe(`${two}.worker`);
    // The worker's folder is gone and the helper stopped.
    expect(existsSync(`${two}.worker`)).toBe(false);
    expect(fake.stopped()).toBe(true);
  }, 60_000);

  it("throws the worker's synthesis problems after this thread's, and writes no worker folder", async () => {
    const { environments, clouds } = shippedConfig();
    const out = temp();
    const fake = fakeHelper(() => ({ kind: 'problems', problems: ['b: late', 'c: later'] }));
    const error = await synthesizeSplit(environments, clouds, out, fake.helper, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SynthesisError);
    expect((error as SynthesisError).problems).toEqual(['b: late', 'c: later']);
    expect(fake.stopped()).toBe(true);
  }, 60_000);

  it('reports a user error of the worker as one (exit 1) and anything else as internal', async () => {
    const { environments, clouds } = shippedConfig();
    const user = fakeHelper(() => ({ kind: 'error', message: 'the config changed', userError: true }));
    const e1 = await synthesizeSplit(environments, clouds, temp(), user.helper, ctx).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(InputError);
    expect((e1 as Error).message).toBe('the config changed');
    const bug = fakeHelper(() => ({ kind: 'error', message: 'TypeError: x', userError: false }));
    const e2 = await synthesizeSplit(environments, clouds, temp(), bug.helper, ctx).catch((e: unknown) => e);
    expect(e2).not.toBeInstanceOf(InputError);
    expect((e2 as Error).message).toBe('TypeError: x');
  }, 60_000);
});

describe('runJob', () => {
  it('says the config changed when the files it reads no longer validate', () => {
    const r = runJob({
      root: REPO,
      dir: join(REPO, 'no-such-folder'),
      only: ['dev-public'],
      outdir: temp(),
      retired: [],
    });
    expect(r).toEqual({
      kind: 'error',
      message: 'the configuration changed during the synth (1 error(s) now); run it again',
      userError: true,
    });
  });
});
