/**
 * The second thread of a synth (stacks/parallel-synth.ts). Its imports load the config code, cdktf and the
 * provider bindings as soon as the thread starts, while the main thread still reads the config; then it takes
 * one job: load the config again (the same files, cached parse), synthesize the environments it is given into
 * its own folder, and post back what the main thread needs to merge the trees.
 */
import { parentPort } from 'node:worker_threads';
import { loadEnvironments } from '../config/load';
import type { RetiredStack } from '../contract/footprint';
import { isUserError } from '../lib/cli';
import { SynthesisError } from './synth-checks';
import { synthesizePart, type SynthPart } from './synthesize';

export interface SynthJob {
  readonly root: string;
  readonly dir: string;
  readonly cacheDir?: string;
  /** The environments this thread synthesizes, in order. */
  readonly only: readonly string[];
  readonly outdir: string;
  readonly retired: readonly (readonly [string, readonly RetiredStack[]])[];
}

export type SynthJobResult =
  | { readonly kind: 'done'; readonly part: SynthPart }
  | { readonly kind: 'problems'; readonly problems: readonly string[] }
  | { readonly kind: 'error'; readonly message: string; readonly userError: boolean };

export function runJob(job: SynthJob): SynthJobResult {
  try {
    const loaded = loadEnvironments({
      root: job.root,
      dir: job.dir,
      only: job.only,
      ...(job.cacheDir === undefined ? {} : { cacheDir: job.cacheDir }),
    });
    // The main thread validated these files a moment ago; an error now means one changed in between.
    if (loaded.errors.length) {
      return {
        kind: 'error',
        message: `the configuration changed during the synth (${loaded.errors.length} error(s) now); run it again`,
        userError: true,
      };
    }
    const part = synthesizePart(loaded.environments, job.outdir, { retired: new Map(job.retired) });
    return { kind: 'done', part };
  } catch (e) {
    if (e instanceof SynthesisError) return { kind: 'problems', problems: e.problems };
    const err = e as Error | undefined;
    return {
      kind: 'error',
      message: isUserError(e) ? err!.message : (err?.stack ?? String(e)),
      userError: isUserError(e),
    };
  }
}

parentPort?.once('message', (job: SynthJob) => parentPort!.postMessage(runJob(job)));
