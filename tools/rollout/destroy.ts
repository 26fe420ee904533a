/** What a plan destroys, read from the retired stacks' last configuration: stateful resources first. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FootprintManifest } from '../../contract/footprint';
import { DESTROYED_MARKER, readRetiredResources } from '../../contract/retired';
import { STATEFUL } from '../diff/risk';
import type { RolloutPlan } from './plan';

export interface Doomed {
  readonly environment: string;
  readonly stack: string;
  readonly region: string;
  /** Addresses, stateful first (with what deleting them loses), then the others by address. */
  readonly resources: { readonly address: string; readonly loses?: string }[];
}

export function destroyList(plan: RolloutPlan, footprint: FootprintManifest, outDir: string): Doomed[] {
  const out: Doomed[] = [];
  for (const p of plan.environments) {
    const retired = footprint.environments[p.environment]?.retired ?? [];
    for (const w of p.waves.filter((x) => x.kind === 'destroy')) {
      for (const s of w.stacks) {
        const r = retired.find((x) => x.stack === s)!;
        const resources = readRetiredResources(outDir, r)
          .map((x) => ({ address: x.address, ...(STATEFUL[x.type] ? { loses: STATEFUL[x.type]! } : {}) }))
          .sort((a, b) => Number(!a.loses) - Number(!b.loses) || a.address.localeCompare(b.address));
        out.push({ environment: p.environment, stack: s, region: r.region, resources });
      }
    }
  }
  return out;
}

export function renderDestroyList(list: readonly Doomed[]): string {
  const lines: string[] = [];
  for (const d of list) {
    const stateful = d.resources.filter((r) => r.loses).length;
    lines.push(
      `Destroys ${d.stack} (${d.environment}, ${d.region}): ${d.resources.length} resources, ${stateful} stateful`,
    );
    for (const r of d.resources) lines.push(`  - ${r.address}${r.loses ? `: loses ${r.loses}` : ''}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** Marks a retired stack destroyed, so the next synth drops it from the output. */
export function markDestroyed(outDir: string, dir: string): void {
  writeFileSync(join(outDir, dir, DESTROYED_MARKER), 'destroyed by npm run rollout\n');
}
