/**
 * The failure-relevant shape of each environment, read from the synthesized JSON alone (plus footprint.json for
 * stamp identity and floors): stamps with their zones and node pools, the global entry's origin groups with
 * probes, Cosmos accounts with their locations. Works on whatever resources the stacks emit, by Terraform type.
 */
import type { EnvironmentSummary, ResilienceFloor } from '../../contract/footprint';
import {
  asList,
  block,
  referencesIn,
  type Json,
  type JsonObject,
  type Resource,
  type SynthOutput,
} from '../../contract/out';

/** Zones simulated in a region with availability zones when its resources name no others. */
export const DEFAULT_ZONES = ['1', '2', '3'] as const;

export interface PoolModel {
  /** `<stack>/<type>.<name>`, with `#default_node_pool` for a cluster's default pool. */
  readonly address: string;
  readonly name: string;
  readonly mode: 'System' | 'User';
  /** Can run application pods (a User pool, or a System pool not reserved for critical add-ons). */
  readonly workload: boolean;
  readonly zones: string[];
  /** Nodes the pool never goes below: min_count when autoscaling, else node_count. */
  readonly minNodes: number;
}

export interface IngressModel {
  /** `<stack>/azurerm_public_ip.<name>`. */
  readonly address: string;
  readonly zones: string[];
}

export interface StampModel {
  readonly region: string;
  /** Scale unit in the region (footprint.json `unit`; absent: 1). */
  readonly unit: number;
  /** Units of its region in this environment. */
  readonly units: number;
  readonly code: string;
  readonly stack: string;
  /** The region has availability zones (footprint.json). */
  readonly zonal: boolean;
  readonly primary: boolean;
  /** Zones to simulate losing: empty in a region without availability zones. */
  readonly zoneIds: string[];
  readonly pools: PoolModel[];
}

export interface ProbeModel {
  readonly protocol?: string;
  readonly path?: string;
  readonly intervalSeconds?: number;
}

export interface OriginModel {
  readonly address: string;
  /** Host name (Front Door, external endpoint) or target resource id (Azure endpoint). */
  readonly target: string;
  readonly enabled: boolean;
  readonly priority?: number;
  readonly weight?: number;
  /** Region of the stamp the origin points at; undefined when it maps to no stamp. */
  readonly region?: string;
  /** Stack of the stamp (scale unit) the origin points at. */
  readonly stack?: string;
  /** The stamp's public IP that carries this origin's host name, when the stamp stack declares it. */
  readonly ingress?: IngressModel;
}

/** A Front Door origin group or a Traffic Manager profile: a set of origins behind one probe. */
export interface OriginGroupModel {
  readonly address: string;
  readonly kind: 'frontDoor' | 'trafficManager';
  /** Undefined when the group has no health probe (failed origins stay in rotation). */
  readonly probe?: ProbeModel;
  readonly origins: OriginModel[];
}

export interface CosmosLocationModel {
  readonly region: string;
  readonly failoverPriority: number;
  readonly zoneRedundant: boolean;
  /** The region has availability zones; undefined when no stamp of the environment is there. */
  readonly zonal?: boolean;
}

export interface CosmosModel {
  readonly address: string;
  /** Sorted by failover priority: the first is the write region of a single-write account. */
  readonly locations: CosmosLocationModel[];
  readonly automaticFailover: boolean;
  readonly multiWrite: boolean;
}

export interface EnvironmentModel {
  readonly name: string;
  readonly tier: string;
  readonly cloud: string;
  readonly globalEntry: string;
  readonly globalStack: string;
  readonly floor: ResilienceFloor;
  readonly stamps: StampModel[];
  readonly originGroups: OriginGroupModel[];
  readonly cosmos: CosmosModel[];
  /** What the model could not establish (no Cosmos account, an origin that maps to no stamp, …). */
  readonly notes: string[];
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

function str(v: Json | undefined): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

function num(v: Json | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return undefined;
}

function bool(v: Json | undefined, fallback: boolean): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return fallback;
}

function zonesOf(v: Json | undefined): string[] {
  if (!Array.isArray(v)) return [];
  return [...new Set(v.map((z) => str(z)).filter((z): z is string => z !== undefined))].sort();
}

const at = (r: Resource) => `${r.stack}/${r.address}`;

function poolModel(address: string, a: JsonObject, defaultMode: 'System' | 'User'): PoolModel {
  const autoscale = bool(a.auto_scaling_enabled, false);
  const minNodes = autoscale ? (num(a.min_count) ?? 0) : (num(a.node_count) ?? num(a.min_count) ?? 0);
  // azurerm has no `mode` on a cluster's default pool (always System); a node pool is User unless it says System.
  const mode = str(a.mode) === 'System' ? 'System' : defaultMode;
  const criticalOnly =
    bool(a.only_critical_addons_enabled, false) ||
    (Array.isArray(a.node_taints) && a.node_taints.some((t) => str(t)?.startsWith('CriticalAddonsOnly')));
  return {
    address,
    name: str(a.name) ?? address,
    mode,
    workload: mode === 'User' || !criticalOnly,
    zones: zonesOf(a.zones),
    minNodes: Math.max(0, Math.floor(minNodes)),
  };
}

/** What origins are matched against, computed once per environment: stamps' region keys and public IPs. */
interface Lookup {
  readonly stamps: readonly StampModel[];
  /** Per stamp, in order: `norm(region)`, lower-cased region and code. */
  readonly keys: readonly { readonly norm: string; readonly region: string; readonly code: string }[];
  /** The environment's `azurerm_public_ip` resources by stack, in resource order. */
  readonly ips: ReadonlyMap<string, readonly Resource[]>;
}

function lookupOf(stamps: readonly StampModel[], resources: readonly Resource[]): Lookup {
  const ips = new Map<string, Resource[]>();
  for (const r of resources) {
    if (r.type !== 'azurerm_public_ip') continue;
    const list = ips.get(r.stack);
    if (list) list.push(r);
    else ips.set(r.stack, [r]);
  }
  const keys = stamps.map((s) => ({
    norm: norm(s.region),
    region: s.region.toLowerCase(),
    code: s.code.toLowerCase(),
  }));
  return { stamps, keys, ips };
}

/** The first stamp whose key passes `test`, in stamp order (none: index -1, undefined). */
function firstStamp(l: Lookup, test: (k: Lookup['keys'][number]) => boolean): StampModel | undefined {
  return l.stamps[l.keys.findIndex(test)];
}

/** The stamp region a host name or resource id points at: `endpoint_location`, a `.<region>.` label, a code. */
function regionOf(l: Lookup, target: string, location?: string): string | undefined {
  if (location) {
    const want = norm(location);
    const byLocation = firstStamp(l, (k) => k.norm === want);
    if (byLocation) return byLocation.region;
  }
  const tokens = new Set(target.toLowerCase().split(/[./_-]/));
  return (firstStamp(l, (k) => tokens.has(k.region)) ?? firstStamp(l, (k) => tokens.has(k.code)))?.region;
}

/** The stamp public IP behind an origin: the IP whose DNS label starts the host, or whose name ends the id. */
function ingressOf(l: Lookup, stack: string, target: string): IngressModel | undefined {
  const label = target.split('.')[0].toLowerCase();
  const idName = /\/publicipaddresses\/([^/]+)$/i.exec(target)?.[1].toLowerCase();
  const ip = l.ips
    .get(stack)
    ?.find(
      (r) =>
        str(r.attrs.domain_name_label)?.toLowerCase() === label ||
        (idName !== undefined && str(r.attrs.name)?.toLowerCase() === idName),
    );
  return ip ? { address: at(ip), zones: zonesOf(ip.attrs.zones) } : undefined;
}

function stampModels(env: EnvironmentSummary, resources: readonly Resource[]): StampModel[] {
  const units = new Map<string, number>();
  for (const reg of env.regions) units.set(reg.region, (units.get(reg.region) ?? 0) + 1);
  const byStack = new Map<string, Resource[]>();
  for (const r of resources) {
    const list = byStack.get(r.stack);
    if (list) list.push(r);
    else byStack.set(r.stack, [r]);
  }
  return env.regions.map((reg) => {
    const mine = byStack.get(reg.stack) ?? [];
    const pools: PoolModel[] = [];
    for (const r of mine) {
      if (r.type === 'azurerm_kubernetes_cluster') {
        const dp = block(r.attrs.default_node_pool);
        if (dp) pools.push(poolModel(`${at(r)}#default_node_pool`, dp, 'System'));
      } else if (r.type === 'azurerm_kubernetes_cluster_node_pool') {
        pools.push(poolModel(at(r), r.attrs, 'User'));
      }
    }
    return {
      region: reg.region,
      unit: reg.unit ?? 1,
      units: units.get(reg.region)!,
      code: reg.code,
      stack: reg.stack,
      zonal: reg.zones,
      primary: reg.primary,
      zoneIds: reg.zones ? zonesOf([...DEFAULT_ZONES, ...pools.flatMap((p) => p.zones)]) : [],
      pools,
    };
  });
}

function origin(r: Resource, target: string, location: string | undefined, l: Lookup): OriginModel {
  const region = regionOf(l, target, location);
  // Units of one region share it: the unit is the one whose ingress IP carries the host (else its first).
  const inRegion = l.stamps.filter((s) => s.region === region);
  const unit = inRegion.find((s) => ingressOf(l, s.stack, target)) ?? inRegion[0];
  const stack = unit?.stack;
  const ingress = stack ? ingressOf(l, stack, target) : undefined;
  return {
    address: at(r),
    target,
    enabled: bool(r.attrs.enabled, true),
    priority: num(r.attrs.priority),
    weight: num(r.attrs.weight),
    ...(region ? { region } : {}),
    ...(stack ? { stack } : {}),
    ...(ingress ? { ingress } : {}),
  };
}

/** Resources in `resources` that reference `target` (a `type.name` address in the same stack) through `attr`. */
function referrers(resources: readonly Resource[], target: Resource, type: string, attr: string): Resource[] {
  return resources.filter(
    (r) =>
      r.type === type && r.stack === target.stack && referencesIn(r.attrs[attr]).includes(target.address),
  );
}

/** A health probe (Front Door `health_probe`, Traffic Manager `monitor_config`); undefined without one. */
function probeOf(v: Json | undefined): ProbeModel | undefined {
  const b = block(v);
  return b && { protocol: str(b.protocol), path: str(b.path), intervalSeconds: num(b.interval_in_seconds) };
}

function originGroups(resources: readonly Resource[], stamps: readonly StampModel[]): OriginGroupModel[] {
  const l = lookupOf(stamps, resources);
  const groups: OriginGroupModel[] = [];
  for (const g of resources.filter((r) => r.type === 'azurerm_cdn_frontdoor_origin_group')) {
    groups.push({
      address: at(g),
      kind: 'frontDoor',
      probe: probeOf(g.attrs.health_probe),
      origins: referrers(resources, g, 'azurerm_cdn_frontdoor_origin', 'cdn_frontdoor_origin_group_id').map(
        (o) => origin(o, str(o.attrs.host_name) ?? '', undefined, l),
      ),
    });
  }
  for (const p of resources.filter((r) => r.type === 'azurerm_traffic_manager_profile')) {
    const endpoints = [
      ...referrers(resources, p, 'azurerm_traffic_manager_external_endpoint', 'profile_id').map((e) =>
        origin(e, str(e.attrs.target) ?? '', str(e.attrs.endpoint_location), l),
      ),
      ...referrers(resources, p, 'azurerm_traffic_manager_azure_endpoint', 'profile_id').map((e) =>
        origin(e, str(e.attrs.target_resource_id) ?? '', undefined, l),
      ),
    ];
    groups.push({
      address: at(p),
      kind: 'trafficManager',
      probe: probeOf(p.attrs.monitor_config),
      origins: endpoints,
    });
  }
  return groups;
}

function cosmosModels(resources: readonly Resource[], stamps: readonly StampModel[]): CosmosModel[] {
  const normed = stamps.map((s) => norm(s.region));
  return resources
    .filter((r) => r.type === 'azurerm_cosmosdb_account')
    .map((r) => {
      const locations = asList(r.attrs.geo_location)
        .map((g): CosmosLocationModel => {
          const region = str(g.location) ?? '';
          const want = norm(region);
          const stamp = stamps[normed.indexOf(want)];
          return {
            region: stamp?.region ?? region,
            failoverPriority: num(g.failover_priority) ?? 0,
            zoneRedundant: bool(g.zone_redundant, false),
            ...(stamp ? { zonal: stamp.zonal } : {}),
          };
        })
        .sort((a, b) => a.failoverPriority - b.failoverPriority || a.region.localeCompare(b.region));
      return {
        address: at(r),
        locations,
        automaticFailover: bool(r.attrs.automatic_failover_enabled, false),
        multiWrite: bool(r.attrs.multiple_write_locations_enabled, false),
      };
    });
}

/** The model of one environment of a synthesized tree. */
export function environmentModel(out: SynthOutput, envName: string): EnvironmentModel {
  const env = out.footprint.environments[envName];
  if (!env) throw new Error(`environment ${envName} is not in footprint.json`);
  const names = new Set(env.stacks);
  const resources = out.stacks.filter((s) => names.has(s.name)).flatMap((s) => s.resources);
  const stamps = stampModels(env, resources);
  const groups = originGroups(resources, stamps);
  const cosmos = cosmosModels(resources, stamps);
  const notes: string[] = [];
  if (!cosmos.length)
    notes.push('no azurerm_cosmosdb_account in the synthesized stacks: Cosmos not simulated');
  for (const g of groups) {
    for (const o of g.origins) {
      if (!o.region) notes.push(`${o.address} (${o.target}) points at no stamp of this environment`);
    }
  }
  return {
    name: env.name,
    tier: env.tier,
    cloud: env.cloud,
    globalEntry: env.globalEntry,
    globalStack: env.globalStack,
    floor: env.resilience,
    stamps,
    originGroups: groups,
    cosmos,
    notes,
  };
}
