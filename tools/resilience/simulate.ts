/**
 * Failure scenarios and what each leaves standing. Semantics (conservative: what is not proven to survive is lost):
 * - Zone loss (zone z of a stamp region with availability zones): a pool's nodes are spread evenly over its zones
 *   and the lost zone takes the largest share, ceil(min / zones); a pool without zones in that region is on one
 *   unknown fault domain and loses every node. A public IP survives only if zone-redundant (2+ zones) or pinned
 *   to another zone. A Cosmos location in that region survives only if zone_redundant.
 * - Region loss: every stamp (all scale units) and the Cosmos location in that region are gone; a zone loss hits
 *   every unit of the region in that zone.
 * - Unit loss (regions with several scale units): that one stamp is gone; the region's other units and its
 *   Cosmos location stay.
 * - Cosmos write-region loss: only the Cosmos location with failover priority 0 is gone (stamps keep running).
 * - Serving origin: enabled, in a group with a health probe, pointing at a stamp that survives with its ingress
 *   IP, at least one system node and at least one node that runs workloads.
 * - Cosmos: readable while any location survives; writable with multi-region writes while any location survives,
 *   with single writes while the write region survives or, with automatic failover, the next priority takes over.
 */
import { unitId } from '../../model/naming';
import type { CosmosModel, EnvironmentModel, IngressModel, PoolModel, StampModel } from './model';

export type ScenarioKind = 'baseline' | 'zone' | 'unit' | 'region' | 'cosmosWriteRegion';

export interface Scenario {
  /** Stable id: `baseline`, `zone:<region>:<zone>`, `unit:<stack>`, `region:<region>`, `cosmos-write:<region>`. */
  readonly id: string;
  readonly kind: ScenarioKind;
  readonly label: string;
  readonly region?: string;
  readonly zone?: string;
  /** The lost stamp's stack, for a unit loss. */
  readonly stack?: string;
}

export interface PoolResult {
  readonly address: string;
  readonly name: string;
  readonly nodes: number;
  readonly floor: number;
}

export interface StampResult {
  readonly region: string;
  /** The stamp's id: its region for unit 1, `<region>-u<n>` beyond. */
  readonly id: string;
  readonly stack: string;
  readonly lost: boolean;
  readonly nodes: number;
  readonly floor: number;
  readonly pools: PoolResult[];
  /** The stamp can take traffic: alive, ingress up, a system node and a workload node left. */
  readonly serving: boolean;
}

export interface GroupResult {
  readonly address: string;
  readonly probed: boolean;
  readonly total: number;
  /** Enabled origins that still serve behind the probe. */
  readonly serving: number;
  /** Distinct stamps among the serving origins, by id (the region for unit 1, `<region>-u<n>` beyond). */
  readonly servingStamps: string[];
}

export interface CosmosResult {
  readonly address: string;
  readonly readable: boolean;
  readonly writable: boolean;
  /** Where writes go in this scenario (the first surviving priority for single-write accounts). */
  readonly writeRegions: string[];
}

export interface ScenarioResult {
  readonly scenario: Scenario;
  readonly groups: GroupResult[];
  readonly stamps: StampResult[];
  /** Undefined when the environment has no Cosmos account. */
  readonly cosmos?: CosmosResult[];
  /** Fewest nodes left in a surviving stamp (0 when none survives). */
  readonly minNodesLeft: number;
  readonly pass: boolean;
  /** Why it fails; empty when it passes. */
  readonly failures: string[];
}

/** Every scenario of an environment: baseline, each zone of each zonal stamp, each region, the write region. */
export function scenariosFor(model: EnvironmentModel): Scenario[] {
  const out: Scenario[] = [{ id: 'baseline', kind: 'baseline', label: 'no loss' }];
  const zoned = new Set<string>();
  for (const s of model.stamps) {
    if (zoned.has(s.region)) continue; // a zone loss takes every unit of the region in that zone
    zoned.add(s.region);
    for (const zone of s.zoneIds) {
      out.push({
        id: `zone:${s.region}:${zone}`,
        kind: 'zone',
        label: `zone ${zone} of ${s.region}`,
        region: s.region,
        zone,
      });
    }
  }
  for (const s of model.stamps.filter((x) => x.units > 1)) {
    const id = stampId(s);
    out.push({ id: `unit:${s.stack}`, kind: 'unit', label: `unit ${id}`, region: s.region, stack: s.stack });
  }
  const regions = [...new Set(model.stamps.map((s) => s.region))];
  for (const c of model.cosmos)
    for (const l of c.locations) if (!regions.includes(l.region)) regions.push(l.region);
  for (const region of regions)
    out.push({ id: `region:${region}`, kind: 'region', label: `region ${region}`, region });
  const writeRegions = [
    ...new Set(model.cosmos.map((c) => c.locations[0]?.region).filter((r): r is string => !!r)),
  ];
  for (const region of writeRegions) {
    out.push({
      id: `cosmos-write:${region}`,
      kind: 'cosmosWriteRegion',
      label: `Cosmos write region ${region}`,
      region,
    });
  }
  return out;
}

/** `<region>` for unit 1, `<region>-u<n>` beyond. */
export function stampId(s: Pick<StampModel, 'region' | 'unit'>): string {
  return unitId(s.region, s.unit);
}

/** Only a unit loss names a stack. */
function stampLost(s: StampModel, sc: Scenario): boolean {
  return (sc.kind === 'region' && sc.region === s.region) || sc.stack === s.stack;
}

const zoneLossIn = (sc: Scenario, region: string) => sc.kind === 'zone' && sc.region === region;

/** Nodes a pool of `stamp` keeps in a scenario. */
export function poolNodesAfter(pool: PoolModel, stamp: StampModel, sc: Scenario): number {
  if (stampLost(stamp, sc)) return 0;
  if (!zoneLossIn(sc, stamp.region)) return pool.minNodes;
  if (!pool.zones.length) return 0;
  if (!pool.zones.includes(sc.zone!)) return pool.minNodes;
  return pool.minNodes - Math.ceil(pool.minNodes / pool.zones.length);
}

/** Whether the ingress IP of a serving stamp still answers: only a zone loss can take it (a region or unit loss
 * takes its stamp, whose origins are then not serving anyway). */
function ingressUp(ip: IngressModel | undefined, region: string, sc: Scenario): boolean {
  if (!ip || !zoneLossIn(sc, region)) return true;
  if (!ip.zones.length) return false;
  return ip.zones.length >= 2 || !ip.zones.includes(sc.zone!);
}

function cosmosResult(c: CosmosModel, sc: Scenario): CosmosResult {
  const up = c.locations.filter((l) => {
    if (sc.region !== l.region) return true;
    if (sc.kind === 'region' || sc.kind === 'cosmosWriteRegion') return false;
    return !(sc.kind === 'zone' && !l.zoneRedundant);
  });
  const first = c.locations[0];
  let writeRegions: string[];
  if (c.multiWrite) writeRegions = up.map((l) => l.region);
  else if (first && up.includes(first)) writeRegions = [first.region];
  else writeRegions = c.automaticFailover && up[0] ? [up[0].region] : [];
  return { address: c.address, readable: up.length > 0, writable: writeRegions.length > 0, writeRegions };
}

function stampResult(s: StampModel, sc: Scenario, floor: EnvironmentModel['floor']): StampResult {
  const lost = stampLost(s, sc);
  const pools = s.pools.map((p) => ({
    address: p.address,
    name: p.name,
    nodes: poolNodesAfter(p, s, sc),
    floor: floor.minNodesPerPool,
  }));
  const nodes = pools.reduce((n, p) => n + p.nodes, 0);
  const system = s.pools.some((p, i) => p.mode === 'System' && pools[i]!.nodes > 0);
  const workload = s.pools.some((p, i) => p.workload && pools[i]!.nodes > 0);
  return {
    region: s.region,
    id: stampId(s),
    stack: s.stack,
    lost,
    nodes,
    floor: floor.minNodesPerStamp,
    pools,
    serving: !lost && system && workload,
  };
}

/** The floors a surviving stamp misses. */
function stampFailures(s: StampResult): string[] {
  const out: string[] = [];
  if (s.nodes < s.floor) out.push(`${s.id}: ${s.nodes} node(s) left, floor ${s.floor}`);
  for (const p of s.pools) {
    if (p.nodes < p.floor) out.push(`${p.address}: ${p.nodes} node(s) left, floor ${p.floor}`);
  }
  return out;
}

/**
 * The no-loss result of every stamp, which is also its result in any scenario that neither loses it nor takes
 * a zone of its region: most stamps in most scenarios, so simulateAll builds it once and shares it.
 */
interface Baseline {
  readonly stamps: readonly StampResult[];
  readonly failures: readonly (readonly string[])[];
}

const BASELINE: Scenario = { id: 'baseline', kind: 'baseline', label: 'no loss' };

function baselineOf(model: EnvironmentModel): Baseline {
  const stamps = model.stamps.map((s) => stampResult(s, BASELINE, model.floor));
  return { stamps, failures: stamps.map(stampFailures) };
}

const touches = (s: StampModel, sc: Scenario) => stampLost(s, sc) || zoneLossIn(sc, s.region);

function simulateWith(model: EnvironmentModel, sc: Scenario, base: Baseline | undefined): ScenarioResult {
  const { floor } = model;
  const shared = (s: StampModel) => base !== undefined && !touches(s, sc);
  const stamps: StampResult[] = model.stamps.map((s, i) =>
    shared(s) ? base!.stamps[i]! : stampResult(s, sc, floor),
  );
  // Keyed by stack; an origin that maps to no stamp has none and finds nothing.
  const servingStamp = new Map<string | undefined, StampResult>(
    stamps.filter((s) => s.serving).map((s) => [s.stack, s]),
  );
  const groups: GroupResult[] = model.originGroups.map((g) => {
    // Ids of the stamps behind the serving origins, one per origin.
    const serving = g.origins.flatMap((o) => {
      const s = g.probe !== undefined && o.enabled ? servingStamp.get(o.stack) : undefined;
      return s && ingressUp(o.ingress, s.region, sc) ? [s.id] : [];
    });
    return {
      address: g.address,
      probed: g.probe !== undefined,
      total: g.origins.length,
      serving: serving.length,
      servingStamps: [...new Set(serving)],
    };
  });
  const cosmos = model.cosmos.length ? model.cosmos.map((c) => cosmosResult(c, sc)) : undefined;

  const failures: string[] = [];
  if (!groups.length) failures.push('no global entry (origin group or Traffic Manager profile)');
  for (const g of groups) {
    if (g.servingStamps.length < floor.minServingStamps) {
      failures.push(
        `${g.address}: ${g.servingStamps.length} serving stamp(s), ${floor.minServingStamps} required` +
          (g.probed ? '' : ' (no health probe)'),
      );
    }
  }
  for (const c of cosmos ?? []) {
    if (!c.readable) failures.push(`${c.address}: no readable region`);
    else if (!c.writable) failures.push(`${c.address}: no writable region`);
  }
  stamps.forEach((s, i) => {
    if (!s.lost) failures.push(...(shared(model.stamps[i]!) ? base!.failures[i]! : stampFailures(s)));
  });
  const alive = stamps.filter((s) => !s.lost);
  return {
    scenario: sc,
    groups,
    stamps,
    ...(cosmos ? { cosmos } : {}),
    minNodesLeft: alive.length ? Math.min(...alive.map((s) => s.nodes)) : 0,
    pass: failures.length === 0,
    failures,
  };
}

export function simulate(model: EnvironmentModel, sc: Scenario): ScenarioResult {
  return simulateWith(model, sc, undefined);
}

/** Every scenario of the environment; stamps a scenario does not touch share their no-loss result. */
export function simulateAll(model: EnvironmentModel): ScenarioResult[] {
  const base = baselineOf(model);
  return scenariosFor(model).map((sc) => simulateWith(model, sc, base));
}
