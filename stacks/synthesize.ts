/**
 * Builds the cdktf App for a set of environments and synthesizes it into `outdir`, then writes what the
 * checking tools read besides the Terraform JSON: `footprint.json` (environments, stamps, feature decisions,
 * warnings) and each stack's artifacts (e.g. a stamp's service config).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'cdktf';
import type { CloudProfile } from '../environments/cloud-profile';
import type { Environment } from '../environments/environment';
import { Footprint } from './footprint';
import { footprintManifest, type EnvironmentSummary } from './manifest';
import { timeSynthesis } from './timings';
import { assertValid } from './validate';

export interface SynthResult {
  readonly stacks: string[];
  readonly environments: EnvironmentSummary[];
}

export function synthesize(
  envs: readonly Environment[],
  clouds: readonly CloudProfile[],
  outdir: string,
): SynthResult {
  const app = new App({ outdir, stackTraces: false });
  const footprints = envs.map((env) => new Footprint(app, env));
  // Throws SynthesisError with every stack's problems (e.g. a resource without diagnostics) before writing.
  assertValid(app);
  timeSynthesis(footprints.flatMap((fp) => [fp.global, ...fp.stamps]));
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
  const manifest = footprintManifest(footprints, clouds);
  writeFileSync(join(outdir, 'footprint.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { stacks, environments: Object.values(manifest.environments) };
}
