/**
 * Reordering an environment's regions changes Cosmos DB failover priorities (and Front Door / Traffic Manager
 * priorities), and moving the primary moves the global resources' home region, which replaces them. Synthesis
 * compares the new footprint.json with the one already in the output directory and warns before swapping.
 */
import { join } from 'node:path';
import type { EnvironmentSummary, FootprintManifest } from './footprint';
import { readInputText } from '../lib/read-input';

/** The footprint.json of a previous synthesis in `outdir`, or undefined when absent or unreadable. */
export function readPreviousFootprint(outdir: string): FootprintManifest | undefined {
  const path = join(outdir, 'footprint.json');
  try {
    // Absent, unreadable, a FIFO or a device (refused, not read: it might never end): no previous footprint.
    const data = JSON.parse(readInputText(path)) as FootprintManifest;
    return data && typeof data === 'object' && data.environments ? data : undefined;
  } catch {
    return undefined;
  }
}

/** Failover order of a summary; older files without `failoverOrder` fall back to the regions' index. */
export function failoverOrderOf(
  env: Pick<EnvironmentSummary, 'regions'> & { failoverOrder?: string[] },
): string[] {
  if (Array.isArray(env.failoverOrder)) return env.failoverOrder;
  return [...(env.regions ?? [])].sort((a, b) => a.index - b.index).map((r) => r.region);
}

export interface RegionOrderWarning {
  readonly env: string;
  readonly message: string;
}

/** Warnings for every environment of `next` whose region order or primary differs from `previous`. */
export function regionOrderWarnings(
  previous: FootprintManifest | undefined,
  next: readonly EnvironmentSummary[],
): RegionOrderWarning[] {
  const out: RegionOrderWarning[] = [];
  if (!previous) return out;
  for (const env of next) {
    const before = previous.environments[env.name];
    if (!before) continue;
    const was = failoverOrderOf(before);
    const now = failoverOrderOf(env);
    const wasCommon = was.filter((r) => now.includes(r));
    const nowCommon = now.filter((r) => was.includes(r));
    const list = (l: readonly string[]) => l.join(', ');
    if (wasCommon.join() !== nowCommon.join()) {
      out.push({
        env: env.name,
        message:
          `region order changed (${list(was)} → ${list(now)}): Cosmos DB failover priorities change and so do ` +
          'Traffic Manager and active-passive Front Door priorities; review the plan of the global stack before applying',
      });
    }
    if (was[0] !== undefined && now[0] !== undefined && was[0] !== now[0]) {
      out.push({
        env: env.name,
        message:
          `primary region changed (${was[0]} → ${now[0]}): the global resource group, Cosmos DB account and ` +
          'workspace live in the primary region and would be replaced (prevent_destroy stops it in prod); ' +
          'the write region moves',
      });
    }
  }
  return out;
}
