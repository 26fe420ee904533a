/**
 * Starts synth's second thread (synth-worker.ts) without loading anything heavy here: the main thread still has
 * the config to read and report on before it needs cdktf.
 */
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SynthJob, SynthJobResult } from './synth-worker';

const WORKER = join(__dirname, 'synth-worker.js');

/** A started worker thread waiting for its job. */
export interface SynthHelper {
  run(job: SynthJob): Promise<SynthJobResult>;
  /** Ends the thread; resolves once it has stopped. */
  stop(): Promise<void>;
}

/**
 * Threads to synthesize with: FOOTPRINT_SYNTH_THREADS (1 or 2) or, by default, 2 when a core is free: two
 * cores or more and a 1-minute load average half a core below them. A second thread costs about half a synth
 * of CPU more (it loads cdktf and the config again), which only pays on an idle core; on a busy machine (a
 * test run, a CI box running jobs side by side) one thread finishes first.
 */
export function synthThreads(
  env: NodeJS.ProcessEnv = process.env,
  cores = availableParallelism(),
  load = loadavg()[0] ?? 0,
): 1 | 2 {
  const asked = env.FOOTPRINT_SYNTH_THREADS;
  if (asked === '1') return 1;
  if (asked === '2') return 2;
  return cores >= 2 && load <= cores - 0.5 ? 2 : 1;
}

/** Starts the worker when two threads are wanted and the compiled worker exists (not under ts-jest). */
export function startSynthHelper(threads = synthThreads()): SynthHelper | undefined {
  if (threads < 2 || !existsSync(WORKER)) return undefined;
  const worker = new Worker(WORKER);
  // Never keeps the process alive: a run that ends early (bad config) just leaves.
  worker.unref();
  let settled = false;
  return {
    run: (job) =>
      new Promise<SynthJobResult>((resolve) => {
        const fail = (message: string) => {
          if (settled) return;
          settled = true;
          resolve({ kind: 'error', message, userError: false });
        };
        worker.once('message', (r: SynthJobResult) => {
          settled = true;
          resolve(r);
        });
        worker.once('error', (e) => fail(`synth worker: ${e.stack ?? e.message}`));
        worker.once('exit', (code) => fail(`synth worker exited with code ${code} before it finished`));
        worker.ref();
        worker.postMessage(job);
      }),
    stop: () => worker.terminate().then(() => undefined),
  };
}
