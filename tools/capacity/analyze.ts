/** Capacity of the environments of a synthesized tree: footprint.json's stated load through model/capacity. */
import type { EnvironmentSummary } from '../../contract/footprint';
import { capacity, type CapacityRegion, type CapacityResult } from '../../model/capacity';
import { DEFAULT_ZONES } from '../resilience/model';

export interface EnvironmentCapacity {
  readonly environment: string;
  readonly tier: string;
  readonly file: string;
  /** Undefined when the environment states no load. */
  readonly result?: CapacityResult;
}

/** Regions in order with their units (footprint.json has one entry per unit) and zones. */
export function capacityRegions(env: EnvironmentSummary): CapacityRegion[] {
  const out: { region: string; units: number; zones: number; peakRps?: number }[] = [];
  for (const r of env.regions) {
    const known = out.find((x) => x.region === r.region);
    if (known) known.units++;
    else {
      const peak = env.capacity?.peakRps[r.region];
      out.push({
        region: r.region,
        units: 1,
        zones: r.zones ? DEFAULT_ZONES.length : 0,
        ...(peak !== undefined ? { peakRps: peak } : {}),
      });
    }
  }
  return out;
}

export function environmentCapacity(env: EnvironmentSummary): EnvironmentCapacity {
  const base = { environment: env.name, tier: env.tier, file: env.file };
  if (!env.capacity) return base;
  const { unitRps, survive } = env.capacity;
  return { ...base, result: capacity({ unitRps, survive, regions: capacityRegions(env) }) };
}
