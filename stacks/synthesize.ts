/**
 * Builds the cdktf App for a set of environments and synthesizes it into `outdir`, then writes what the
 * checking tools read besides the Terraform JSON: `footprint.json` (environments, stamps, feature decisions,
 * warnings) and each stack's artifacts (e.g. a stamp's service config).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { App, type TerraformStack } from 'cdktf';
import type { CloudProfile } from '../config/cloud-profile';
import type { Environment } from '../config/environment';
import {
  FOOTPRINT_VERSION,
  writeFootprint,
  type EnvironmentSummary,
  type RetiredStack,
} from '../contract/footprint';
import { Footprint } from './footprint';
import { cloudSummaries, environmentSummaries } from './manifest';
import { withoutCreationStacks } from './creation-stacks';
import { assertValid } from './synth-checks';

export interface SynthResult {
  readonly stacks: string[];
  readonly environments: EnvironmentSummary[];
}

/** Environments synthesized into a tree without its footprint.json: their stacks and summaries, in order. */
export interface SynthPart {
  readonly stacks: string[];
  readonly environments: Record<string, EnvironmentSummary>;
}

/** One stack's in-process cost: its constructor, then aspects + toTerraform + file write. */
export interface StackTiming {
  readonly stack: string;
  readonly buildMs: number;
  readonly synthMs: number;
}

/** Observers of a synthesis (the bench); none changes what is written. */
export interface SynthHooks {
  /** Called once per stack after it is written. @default none */
  readonly onStackTimed?: (timing: StackTiming) => void;
  /** Environment → stamps removed from its file and not destroyed yet (footprint.json `retired`). @default none */
  readonly retired?: ReadonlyMap<string, readonly RetiredStack[]>;
}

export function synthesize(
  envs: readonly Environment[],
  clouds: readonly CloudProfile[],
  outdir: string,
  hooks: SynthHooks = {},
): SynthResult {
  const part = synthesizePart(envs, outdir, hooks);
  writeFootprint(outdir, {
    version: FOOTPRINT_VERSION,
    clouds: cloudSummaries(clouds),
    environments: part.environments,
  });
  return { stacks: part.stacks, environments: Object.values(part.environments) };
}

/** The stacks of `envs` (cdktf's manifest.json, each stack's folder) without footprint.json. */
export function synthesizePart(
  envs: readonly Environment[],
  outdir: string,
  hooks: SynthHooks = {},
): SynthPart {
  // Tokens are created while stacks are built and again while they are resolved: both run without traces.
  return withoutCreationStacks(() => synthesizeApp(envs, outdir, hooks));
}

function synthesizeApp(envs: readonly Environment[], outdir: string, hooks: SynthHooks): SynthPart {
  // assertValid() below runs every validation of every stack, after the aspects, and throws all problems at
  // once; skipValidation (public App config) spares app.synth() running the same validations a second time.
  const app = new App({ outdir, stackTraces: false, skipValidation: true });
  const built = new Map<string, number>();
  const timeBuild = hooks.onStackTimed
    ? <T extends TerraformStack>(make: () => T): T => {
        const start = performance.now();
        const stack = make();
        built.set(stack.node.id, performance.now() - start);
        return stack;
      }
    : undefined;
  const footprints = envs.map((env) => new Footprint(app, env, timeBuild));
  // Throws SynthesisError with every stack's problems (e.g. a resource without diagnostics) before writing.
  assertValid(app);
  if (hooks.onStackTimed) {
    for (const stack of footprints.flatMap((fp) => [fp.global, ...fp.stamps]))
      timeSynthesis(stack, built.get(stack.node.id) ?? 0, hooks.onStackTimed);
  }
  app.synth();
  const stacks: string[] = [];
  for (const fp of footprints) {
    for (const stack of [fp.global, ...fp.stamps]) {
      stacks.push(stack.node.id);
      for (const [file, content] of Object.entries(stack.artifacts())) {
        writeFileSync(join(outdir, 'stacks', stack.node.id, file), `${JSON.stringify(content, null, 2)}\n`);
      }
    }
  }
  return { stacks, environments: environmentSummaries(footprints, hooks.retired) };
}

/** Times the stack's own synthesizer (cdktf calls it once per stack in app.synth()). */
function timeSynthesis(stack: TerraformStack, buildMs: number, report: (t: StackTiming) => void): void {
  const synthesizer = stack.synthesizer;
  const original = synthesizer.synthesize.bind(synthesizer);
  synthesizer.synthesize = (session) => {
    const start = performance.now();
    original(session);
    report({ stack: stack.node.id, buildMs, synthMs: performance.now() - start });
  };
}
