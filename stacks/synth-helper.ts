/**
 * Starts synth's second thread (synth-worker.ts) without loading anything heavy here: the main thread still has
 * the config to read and report on before it needs cdktf.
 */
import { existsSync } from 'node:fs';
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
 * Threads to synthesize with: 2 only when FOOTPRINT_SYNTH_THREADS=2. Measured on this project's 2-core machine
 * (idle, 2026-12-01), `npm run synth` after a source change took 1.92 s on one thread and 2.07 s on two (median
 * of 5, alternating): the worker loads cdktf and validates the config again before it starts, which costs about
 * what the half synth it takes over saves now that a whole synth is under a second. So one thread by default.
 */
export function synthThreads(env: NodeJS.ProcessEnv = process.env): 1 | 2 {
  return env.FOOTPRINT_SYNTH_THREADS === '2' ? 2 : 1;
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
