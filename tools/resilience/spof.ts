/**
 * Single points of failure: the causes behind failing scenarios, each with a stable id and the resource to fix.
 * One cause is named once, by its most specific id (a pool without zones is SPOF_ZONES_MISSING, not also
 * SPOF_POOL_BELOW_FLOOR; a stamp is SPOF_STAMP_BELOW_FLOOR only when none of its pools is named).
 */
import type { EnvironmentModel, PoolModel, StampModel } from './model';
import { poolNodesAfter, scenariosFor, type Scenario } from './simulate';

export const SPOF_IDS = [
  /** No Front Door origin group and no Traffic Manager profile: nothing routes around a failure. */
  'SPOF_NO_GLOBAL_ENTRY',
  /** An origin group whose enabled origins point at fewer than two stamps. */
  'SPOF_SINGLE_ORIGIN',
  /** An origin group (or Traffic Manager profile) without a health probe. */
  'SPOF_NO_PROBE',
  /** The environment's only stamp, in a region with availability zones: a region loss is an outage. */
  'SPOF_SINGLE_REGION',
  /** The environment's only stamp, in a region without availability zones: one datacenter is the service. */
  'SPOF_SINGLE_NONZONAL_STAMP',
  /** More than one stamp, but losing one leaves fewer than resilience.minServingStamps. */
  'SPOF_TOO_FEW_STAMPS',
  /** A Cosmos account with a single location. */
  'SPOF_COSMOS_SINGLE_REGION',
  /** A multi-region, single-write Cosmos account without automatic failover: writes stop with the write region. */
  'SPOF_COSMOS_NO_FAILOVER',
  /** A pool, origin public IP (fewer than 2 zones) or Cosmos location (not zone_redundant) in an AZ region. */
  'SPOF_ZONES_MISSING',
  /** A pool that keeps fewer than resilience.minNodesPerPool nodes after its worst zone loss. */
  'SPOF_POOL_BELOW_FLOOR',
  /** A stamp that keeps fewer than resilience.minNodesPerStamp nodes, or cannot run workloads at all. */
  'SPOF_STAMP_BELOW_FLOOR',
] as const;

export type SpofId = (typeof SPOF_IDS)[number];

export interface Spof {
  readonly id: SpofId;
  /** The resource (`<stack>/<type>.<name>`), stack or region to change. */
  readonly subject: string;
  readonly message: string;
}

/** No loss and each zone loss of a stamp's region: the scenarios a stamp's worst case is taken over. */
function ownScenarios(scenarios: readonly Scenario[], stamp: StampModel): Scenario[] {
  return scenarios.filter(
    (sc) => sc.kind === 'baseline' || (sc.kind === 'zone' && sc.region === stamp.region),
  );
}

/** Fewest nodes a pool keeps over its stamp's own scenarios. */
function worstPoolNodes(pool: PoolModel, stamp: StampModel, mine: readonly Scenario[]): number {
  return Math.min(...mine.map((sc) => poolNodesAfter(pool, stamp, sc)));
}

function worstStampNodes(stamp: StampModel, mine: readonly Scenario[]): number {
  return Math.min(...mine.map((sc) => stamp.pools.reduce((n, p) => n + poolNodesAfter(p, stamp, sc), 0)));
}

function edgeSpofs(model: EnvironmentModel, out: Spof[]): void {
  if (!model.originGroups.length) {
    out.push({
      id: 'SPOF_NO_GLOBAL_ENTRY',
      subject: model.globalStack,
      message: `no Front Door origin group or Traffic Manager profile in ${model.globalStack}`,
    });
  }
  for (const g of model.originGroups) {
    const enabled = g.origins.filter((o) => o.enabled);
    const targets = [...new Set(enabled.map((o) => o.region ?? o.target))];
    if (targets.length < 2) {
      out.push({
        id: 'SPOF_SINGLE_ORIGIN',
        subject: g.address,
        message:
          enabled.length === 0
            ? `${g.address} has no enabled origin`
            : `${g.address}: every enabled origin (${enabled.length}) points at ${targets[0]}`,
      });
    }
    if (!g.probe) {
      out.push({
        id: 'SPOF_NO_PROBE',
        subject: g.address,
        message: `${g.address} has no health probe: ${g.origins.map((o) => o.region ?? o.target).join(', ') || 'its origins'} stay in rotation when they fail`,
      });
    }
  }
}

function stampSpofs(model: EnvironmentModel, out: Spof[]): void {
  const { stamps, floor } = model;
  if (stamps.length === 1) {
    const s = stamps[0]!;
    out.push(
      s.zonal
        ? {
            id: 'SPOF_SINGLE_REGION',
            subject: s.region,
            message: `${s.stack} is the only stamp: losing ${s.region} is an outage`,
          }
        : {
            id: 'SPOF_SINGLE_NONZONAL_STAMP',
            subject: s.region,
            message: `${s.stack} is the only stamp, in ${s.region} without availability zones`,
          },
    );
  } else if (stamps.length >= 2 && stamps.length - 1 < floor.minServingStamps) {
    out.push({
      id: 'SPOF_TOO_FEW_STAMPS',
      subject: model.name,
      message: `${stamps.length} stamps: losing one leaves ${stamps.length - 1}, resilience.minServingStamps is ${floor.minServingStamps}`,
    });
  }
  // The scenarios once for the environment, not once per pool (they grow with the stamps).
  const scenarios = scenariosFor(model);
  for (const s of stamps) {
    const mine = ownScenarios(scenarios, s);
    const named = new Set<string>();
    for (const p of s.pools) {
      if (s.zonal && p.zones.length < 2) {
        named.add(p.address);
        out.push({
          id: 'SPOF_ZONES_MISSING',
          subject: p.address,
          message: `pool ${p.name} in ${s.region} has ${p.zones.length ? `only zone ${p.zones[0]}` : 'no zones'}: one zone loss takes all its nodes`,
        });
        continue;
      }
      const worst = worstPoolNodes(p, s, mine);
      if (worst < floor.minNodesPerPool) {
        named.add(p.address);
        out.push({
          id: 'SPOF_POOL_BELOW_FLOOR',
          subject: p.address,
          message: `pool ${p.name} in ${s.region} keeps ${worst} node(s) (min ${p.minNodes} over ${p.zones.length || 'no'} zone(s)), floor ${floor.minNodesPerPool}`,
        });
      }
    }
    if (named.size) continue;
    const workload = s.pools.some((p) => p.workload) && s.pools.some((p) => p.mode === 'System');
    const worst = worstStampNodes(s, mine);
    if (!workload || worst < floor.minNodesPerStamp) {
      out.push({
        id: 'SPOF_STAMP_BELOW_FLOOR',
        subject: s.stack,
        message: !s.pools.length
          ? `${s.stack} declares no AKS node pool`
          : !workload
            ? `${s.stack} has no system pool or no pool that runs workloads`
            : `${s.stack} keeps ${worst} node(s) after its worst zone loss, floor ${floor.minNodesPerStamp}`,
      });
    }
  }
  const ips = new Map<string, { zones: string[]; region: string }>();
  for (const g of model.originGroups) {
    for (const o of g.origins)
      if (o.ingress && o.region) ips.set(o.ingress.address, { zones: o.ingress.zones, region: o.region });
  }
  // Every origin region is a stamp's (the model maps origins to stamps); the caller sorts what is pushed.
  for (const [address, ip] of ips) {
    if (stamps.find((s) => s.region === ip.region)!.zonal && ip.zones.length < 2) {
      out.push({
        id: 'SPOF_ZONES_MISSING',
        subject: address,
        message: `origin public IP in ${ip.region} has ${ip.zones.length ? `only zone ${ip.zones[0]}` : 'no zones'}: one zone loss takes the stamp's ingress`,
      });
    }
  }
}

function cosmosSpofs(model: EnvironmentModel, out: Spof[]): void {
  for (const c of model.cosmos) {
    if (c.locations.length < 2) {
      out.push({
        id: 'SPOF_COSMOS_SINGLE_REGION',
        subject: c.address,
        message: `${c.address} has ${c.locations.length ? `one location (${c.locations[0]!.region})` : 'no geo_location'}`,
      });
    } else if (!c.multiWrite && !c.automaticFailover) {
      out.push({
        id: 'SPOF_COSMOS_NO_FAILOVER',
        subject: c.address,
        message: `${c.address} writes only in ${c.locations[0]!.region} and has neither automatic failover nor multi-region writes`,
      });
    }
    for (const l of c.locations) {
      if (l.zonal && !l.zoneRedundant) {
        out.push({
          id: 'SPOF_ZONES_MISSING',
          subject: `${c.address}#geo_location[${l.region}]`,
          message: `Cosmos location ${l.region} is not zone_redundant in a region with availability zones`,
        });
      }
    }
  }
}

/** Every single point of failure of an environment, ordered by id then subject. */
export function singlePointsOfFailure(model: EnvironmentModel): Spof[] {
  const out: Spof[] = [];
  edgeSpofs(model, out);
  stampSpofs(model, out);
  cosmosSpofs(model, out);
  const rank = (id: SpofId) => SPOF_IDS.indexOf(id);
  return out.sort((a, b) => rank(a.id) - rank(b.id) || a.subject.localeCompare(b.subject));
}
