/**
 * Hand-built resilience models for the unit tests of tools/resilience: one environment `fx` behind a probed
 * Front Door origin group, stamps named the way the synthesized tree names them (`fx-<region>[-u<unit>]`).
 * Every builder takes overrides, so a test states only what it is about.
 */
import type {
  CosmosModel,
  EnvironmentModel,
  OriginGroupModel,
  OriginModel,
  PoolModel,
  StampModel,
} from '../../tools/resilience/model';

export const ALL_ZONES = ['1', '2', '3'];

export const pool = (
  name: string,
  mode: 'System' | 'User',
  zones: string[],
  minNodes: number,
  workload = mode === 'User',
): PoolModel => ({ address: `s/${name}`, name, mode, workload, zones, minNodes });

/** A system pool of 3 and a workload pool of 6 nodes, both across every zone. */
export const healthy = (): PoolModel[] => [
  pool('system', 'System', ALL_ZONES, 3),
  pool('apps', 'User', ALL_ZONES, 6),
];

/** A zonal stamp, unit 1 of 1 unless `over` says otherwise; its stack name follows the unit. */
export function stamp(
  region: string,
  pools: PoolModel[] = healthy(),
  over: Partial<StampModel> = {},
): StampModel {
  const unit = over.unit ?? 1;
  return {
    region,
    unit,
    units: 1,
    code: region.slice(0, 3),
    stack: unit === 1 ? `fx-${region}` : `fx-${region}-u${unit}`,
    zonal: true,
    primary: false,
    zoneIds: ALL_ZONES,
    pools,
    ...over,
  };
}

/** The stamp's origin: enabled, its ingress IP in every zone. */
export const origin = (s: StampModel, over: Partial<OriginModel> = {}): OriginModel => ({
  address: `g/${s.stack}`,
  target: `${s.code}.example.net`,
  enabled: true,
  region: s.region,
  stack: s.stack,
  ingress: { address: `${s.stack}/ip`, zones: ALL_ZONES },
  ...over,
});

export const PROBE = { protocol: 'Https', path: '/healthz', intervalSeconds: 30 };

/** A Front Door origin group, probed unless `probed` is false. */
export const group = (origins: OriginModel[], probed = true): OriginGroupModel => ({
  address: 'g/origins',
  kind: 'frontDoor',
  ...(probed ? { probe: PROBE } : {}),
  origins,
});

/** The group over every stamp's origin, each ingress IP in `ingressZones` (default: every zone). */
export const originGroup = (
  stamps: StampModel[],
  opts: { ingressZones?: string[]; probed?: boolean } = {},
): OriginGroupModel =>
  group(
    stamps.map((s) =>
      origin(s, { ingress: { address: `${s.stack}/ip`, zones: opts.ingressZones ?? ALL_ZONES } }),
    ),
    opts.probed !== false,
  );

/** Environment `fx` (prod, public, Front Door): one probed group over every stamp's origin, no Cosmos. */
export function envModel(stamps: StampModel[], over: Partial<EnvironmentModel> = {}): EnvironmentModel {
  return {
    name: 'fx',
    tier: 'prod',
    cloud: 'public',
    globalEntry: 'frontDoor',
    globalStack: 'fx-global',
    floor: { minNodesPerPool: 2, minNodesPerStamp: 4, minServingStamps: 1 },
    stamps,
    originGroups: [originGroup(stamps)],
    cosmos: [],
    notes: [],
    ...over,
  };
}

/** A Cosmos account written in the first region, failing over in the order given, no zone redundancy. */
export const cosmos = (regions: string[], over: Partial<CosmosModel> = {}): CosmosModel => ({
  address: 'g/cosmos',
  locations: regions.map((region, i) => ({ region, failoverPriority: i, zoneRedundant: false, zonal: true })),
  automaticFailover: false,
  multiWrite: false,
  ...over,
});
