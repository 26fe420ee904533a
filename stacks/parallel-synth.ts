/**
 * Synth on two cores: a worker thread (synth-worker.ts) synthesizes the later environments while this thread
 * synthesizes the first ones, each into its own folder with its own cdktf App; then the worker's stack folders
 * move into this tree and the two cdktf manifests and footprint summaries merge in environment order. The tree
 * is byte-identical to a synth in one thread (test/cli/parallel-synth.test.ts); FOOTPRINT_SYNTH_THREADS=1 keeps
 * everything in one thread.
 *
 * Environments are independent (no reference crosses two), which is what makes the split safe. The worker is
 * started before the config is read, so its module loading (cdktf and the provider bindings, about a third of
 * a synth) overlaps this thread's.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import stringify from 'json-stable-stringify';
import type { CloudProfile } from '../config/cloud-profile';
import type { Environment } from '../config/environment';
import { FOOTPRINT_VERSION, writeFootprint, type RetiredStack } from '../contract/footprint';
import { InputError } from '../lib/cli';
import { cloudSummaries } from './manifest';
import { SynthesisError } from './synth-checks';
import type { SynthHelper } from './synth-helper';
import { synthesizePart, type SynthPart, type SynthResult } from './synthesize';

/**
 * Where to cut `envs` so both threads get about the same number of stacks: this thread takes `envs[0, k)`, the
 * worker the rest. Ties go to the smaller first part (this thread also merges).
 */
export function splitPoint(envs: readonly { readonly stamps: readonly unknown[] }[]): number {
  const weight = envs.map((e) => 1 + e.stamps.length);
  const total = weight.reduce((a, b) => a + b, 0);
  let best = 0;
  let bestGap = Infinity;
  let first = 0;
  for (let k = 0; k <= envs.length; k++) {
    const gap = Math.abs(total - 2 * first);
    if (gap < bestGap) {
      best = k;
      bestGap = gap;
    }
    first += weight[k] ?? 0;
  }
  return best;
}

export interface SplitContext {
  readonly root: string;
  readonly dir: string;
  readonly cacheDir?: string;
  readonly retired: ReadonlyMap<string, readonly RetiredStack[]>;
}

/**
 * Synthesizes `envs` into `outdir` on this thread and `helper`'s: the same tree, manifest.json and footprint.json
 * as synthesize(). Synthesis problems of both parts are thrown together, in environment order.
 */
export async function synthesizeSplit(
  envs: readonly Environment[],
  clouds: readonly CloudProfile[],
  outdir: string,
  helper: SynthHelper,
  ctx: SplitContext,
): Promise<SynthResult> {
  const k = splitPoint(envs);
  const mine = envs.slice(0, k);
  const theirs = envs.slice(k);
  const partDir = `${outdir}.worker`;
  rmSync(partDir, { recursive: true, force: true });
  const pending = helper.run({
    root: ctx.root,
    dir: ctx.dir,
    ...(ctx.cacheDir === undefined ? {} : { cacheDir: ctx.cacheDir }),
    only: theirs.map((e) => e.name),
    outdir: partDir,
    retired: [...ctx.retired].filter(([env]) => theirs.some((e) => e.name === env)),
  });
  try {
    let part: SynthPart | undefined;
    let problems: readonly string[] = [];
    try {
      // Blocks this thread; the worker runs on its own and its answer waits in the queue.
      part = synthesizePart(mine, outdir, { retired: ctx.retired });
    } catch (e) {
      if (!(e instanceof SynthesisError)) throw e;
      problems = e.problems;
    }
    const other = await pending;
    if (other.kind === 'error') {
      if (other.userError) throw new InputError(other.message);
      throw new Error(other.message);
    }
    if (other.kind === 'problems' || !part) {
      throw new SynthesisError([...problems, ...(other.kind === 'problems' ? other.problems : [])]);
    }
    mergeTrees(outdir, partDir);
    const environments = { ...part.environments, ...other.part.environments };
    writeFootprint(outdir, {
      version: FOOTPRINT_VERSION,
      clouds: cloudSummaries(clouds),
      environments,
    });
    return { stacks: [...part.stacks, ...other.part.stacks], environments: Object.values(environments) };
  } finally {
    // Stopped before its folder goes: a worker still writing would leave files behind.
    await helper.stop();
    rmSync(partDir, { recursive: true, force: true });
  }
}

/** Moves `from`'s stack folders into `into` and merges cdktf's manifest.json the way cdktf writes it. */
function mergeTrees(into: string, from: string): void {
  const stacksDir = join(from, 'stacks');
  for (const name of existsSync(stacksDir) ? readdirSync(stacksDir) : []) {
    renameSync(join(stacksDir, name), join(into, 'stacks', name));
  }
  type Manifest = { stacks: Record<string, unknown> } & Record<string, unknown>;
  const read = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const a = read(into);
  const b = read(from);
  // cdktf 0.21 lib/manifest.ts writes stringify(manifest, { space: 2 }) with json-stable-stringify.
  const merged = stringify({ ...a, stacks: { ...a.stacks, ...b.stacks } }, { space: 2 });
  writeFileSync(join(into, 'manifest.json'), merged!);
}
