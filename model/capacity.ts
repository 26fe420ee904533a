/**
 * Capacity from load, pure: how many scale units each region needs for its stated peak, at N+1 for the loss the
 * tier asks to survive. The model (conservative, and stated so the arithmetic can be checked by hand):
 * - a region serves its own peak: the edge routes users to the nearest healthy region (latency), so one
 *   region's units do not absorb another's load while it is up;
 * - `unit`: after losing any one unit the region's other units carry its peak: ceil(peak / unitRps) + 1;
 * - `zone` (also `unit`): every unit spreads its pools over the region's zones, so a zone loss leaves each unit
 *   (zones - 1) / zones of its capacity: ceil(peak / (unitRps × (zones - 1) / zones)); a region without zones
 *   is one fault domain, where a zone loss is the unit loss;
 * - `region` (also `zone`): when the region with the largest other peak is lost, its peak spreads over the
 *   surviving regions in proportion to their units (equal origin weights per unit); the share is computed with
 *   this region's units as proposed, so it is solved by trying unit counts upward.
 */

export const SURVIVE = ['none', 'unit', 'zone', 'region'] as const;
export type Survive = (typeof SURVIVE)[number];

/** What each tier must survive at its peak by default. */
export const DEFAULT_SURVIVE: Readonly<Record<'dev' | 'staging' | 'prod', Survive>> = {
  dev: 'none',
  staging: 'unit',
  prod: 'region',
};

export interface CapacityRegion {
  readonly region: string;
  /** Units the environment has in the region. */
  readonly units: number;
  /** Zones the region's pools spread over (0 or 1: none). */
  readonly zones: number;
  /** Stated peak in requests per second; undefined: not sized. */
  readonly peakRps?: number | undefined;
}

export interface CapacityInput {
  /** Requests per second one unit serves with its pools at their maximum size. */
  readonly unitRps: number;
  readonly survive: Survive;
  readonly regions: readonly CapacityRegion[];
}

export interface RegionNeed {
  readonly region: string;
  readonly units: number;
  readonly peakRps?: number;
  /** Units for the peak with nothing lost: ceil(peak / unitRps). */
  readonly base: number;
  /** Units needed for each loss the tier asks, by loss. */
  readonly needs: Partial<Record<Exclude<Survive, 'none'>, number>>;
  /** The largest of base and needs: what the region must have. */
  readonly needed: number;
  readonly short: boolean;
  /** One line per loss, with the arithmetic. */
  readonly arithmetic: string[];
}

export interface CapacityResult {
  readonly unitRps: number;
  readonly survive: Survive;
  readonly regions: RegionNeed[];
  readonly short: string[];
}

const LEVELS: Record<Survive, number> = { none: 0, unit: 1, zone: 2, region: 3 };

/** Units a region needs to keep its peak after losing one unit. */
export function unitLossNeed(peakRps: number, unitRps: number): number {
  return Math.ceil(peakRps / unitRps) + 1;
}

export function capacity(input: CapacityInput): CapacityResult {
  const { unitRps, survive } = input;
  const asks = (s: Survive) => LEVELS[survive] >= LEVELS[s];
  const regions = input.regions.map((r): RegionNeed => {
    if (r.peakRps === undefined) {
      return {
        region: r.region,
        units: r.units,
        base: 0,
        needs: {},
        needed: 0,
        short: false,
        arithmetic: ['no peak stated: not sized'],
      };
    }
    const peak = r.peakRps;
    const base = Math.ceil(peak / unitRps);
    const needs: Partial<Record<Exclude<Survive, 'none'>, number>> = {};
    const arithmetic = [`peak ${peak} rps / ${unitRps} rps per unit = ${base} unit(s) with nothing lost`];
    if (asks('unit')) {
      needs.unit = unitLossNeed(peak, unitRps);
      arithmetic.push(`unit loss: ceil(${peak} / ${unitRps}) + 1 = ${needs.unit}`);
    }
    if (asks('zone')) {
      if (r.zones > 1) {
        const left = (unitRps * (r.zones - 1)) / r.zones;
        needs.zone = Math.ceil(peak / left);
        arithmetic.push(
          `zone loss: each unit keeps ${r.zones - 1}/${r.zones} × ${unitRps} = ${round(left)} rps; ceil(${peak} / ${round(left)}) = ${needs.zone}`,
        );
      } else {
        needs.zone = unitLossNeed(peak, unitRps);
        arithmetic.push(`zone loss: no zones, one fault domain: as a unit loss, ${needs.zone}`);
      }
    }
    if (asks('region')) {
      const others = input.regions.filter((o) => o.region !== r.region && o.peakRps !== undefined);
      const lost = others.reduce<CapacityRegion | undefined>(
        (a, o) => (a === undefined || o.peakRps! > a.peakRps! ? o : a),
        undefined,
      );
      if (!lost) {
        needs.region = base;
        arithmetic.push('region loss: no other region with a stated peak to take over');
      } else {
        // Survivors other than this region keep their units; this region's count is what we solve for.
        const otherUnits = input.regions
          .filter((o) => o.region !== r.region && o.region !== lost.region)
          .reduce((n, o) => n + o.units, 0);
        let n = Math.max(base, 1);
        const share = (u: number) => (lost.peakRps! * u) / (u + otherUnits);
        while ((peak + share(n)) / n > unitRps) n++;
        needs.region = n;
        arithmetic.push(
          `region loss (${lost.region}, ${lost.peakRps} rps): ${n} of ${n + otherUnits} surviving units take ${round(share(n))} rps; (${peak} + ${round(share(n))}) / ${n} = ${round((peak + share(n)) / n)} <= ${unitRps}`,
        );
      }
    }
    const needed = Math.max(base, ...Object.values(needs));
    const short = r.units < needed;
    arithmetic.push(
      short
        ? `SHORT: has ${r.units}, needs ${needed} (add ${needed - r.units})`
        : `ok: has ${r.units}, needs ${needed}`,
    );
    return { region: r.region, units: r.units, peakRps: peak, base, needs, needed, short, arithmetic };
  });
  return { unitRps, survive, regions, short: regions.filter((r) => r.short).map((r) => r.region) };
}

function round(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
