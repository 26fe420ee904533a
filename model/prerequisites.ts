/**
 * What a subscription must have before a stack's first apply, read from the stack's own Terraform JSON: resource
 * provider namespaces, subscription features (host encryption), the Network Watchers its flow logs need, vCPU
 * demand per VM family and region (Σ pool maxCount × vCPUs), and counts of resources with documented
 * subscription limits. Synth writes it per stack into footprint.json; `npm run preflight` checks it.
 */
import featureData from './data/features.json';
import limitData from './data/limits.json';
import vmData from './data/vm-sizes.json';
import { requiredNamespaces, type TypedBlock } from './resource-types';

export interface FeatureNeed {
  readonly namespace: string;
  readonly name: string;
  /** The attribute that needs it, e.g. `azurerm_kubernetes_cluster.default_node_pool.host_encryption_enabled`. */
  readonly reason: string;
}

export interface NetworkWatcherNeed {
  readonly name: string;
  readonly resourceGroup: string;
  readonly region: string;
}

export interface PoolDemand {
  readonly region: string;
  readonly pool: string;
  readonly vmSize: string;
  readonly maxNodes: number;
}

export interface Prerequisites {
  readonly resourceProviders: string[];
  readonly features: FeatureNeed[];
  readonly networkWatchers: NetworkWatcherNeed[];
  readonly pools: PoolDemand[];
  /** Standard public IPs per region: our `azurerm_public_ip`s plus one outbound IP per AKS load balancer. */
  readonly publicIps: { readonly region: string; readonly count: number }[];
  readonly cosmosAccounts: number;
  readonly frontDoorProfiles: number;
  readonly trafficManagerProfiles: number;
}

export interface VmSize {
  readonly vcpus: number;
  readonly memoryGiB: number;
  readonly family: string;
  readonly familyConfidence: string;
  readonly source: string;
}

const SIZES: Readonly<Record<string, VmSize>> = vmData.sizes;
export const TOTAL_REGIONAL_QUOTA = vmData.totalRegionalQuota;
export const VM_SIZES_SOURCE = `${vmData.$source}, retrieved ${vmData.$retrieved}`;

/** vCPUs and quota family of a VM size (case-insensitive), or undefined where the table lacks it. */
export function vmSize(name: string): VmSize | undefined {
  const entry = Object.entries(SIZES).find(([k]) => k.toLowerCase() === name.toLowerCase());
  return entry?.[1];
}

type Attrs = Readonly<Record<string, unknown>>;
const isObject = (v: unknown): v is Attrs => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A nested block in object or list form. */
const block = (v: unknown): Attrs | undefined =>
  Array.isArray(v) ? v.find(isObject) : isObject(v) ? v : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' && !v.includes('${') ? v : undefined);
const int = (v: unknown): number | undefined =>
  typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
const on = (v: unknown): boolean => v === true || v === 'true';

/** Value at a dotted path through nested blocks. */
function at(attrs: Attrs, path: string): unknown {
  let cur: unknown = attrs;
  for (const k of path.split('.')) cur = block(cur)?.[k];
  return cur;
}

const maxNodes = (p: Attrs): number => int(p.max_count) ?? int(p.node_count) ?? int(p.min_count) ?? 1;

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function prerequisites(blocks: readonly TypedBlock[]): Prerequisites {
  const of = (type: string) =>
    blocks.filter((b) => b.type === type && b.section !== 'data').map((b) => b.attrs);
  const features = new Map<string, FeatureNeed>();
  for (const f of featureData.features) {
    for (const b of blocks.filter((x) => f.types.includes(x.type))) {
      for (const path of f.attributes) {
        if (!on(at(b.attrs, path))) continue;
        const key = `${f.namespace}/${f.name}`;
        if (!features.has(key))
          features.set(key, { namespace: f.namespace, name: f.name, reason: `${b.type}.${path}` });
      }
    }
  }

  const watchers = new Map<string, NetworkWatcherNeed>();
  for (const fl of of('azurerm_network_watcher_flow_log')) {
    // The watcher is read by a data source (`${data.azurerm_network_watcher.<name>.name}`) or named literally.
    const ref = /\$\{data\.azurerm_network_watcher\.([^.}]+)\./.exec(String(fl.network_watcher_name ?? ''));
    const data = ref
      ? blocks.find((b) => b.section === 'data' && b.type === 'azurerm_network_watcher' && b.name === ref[1])
      : undefined;
    const name = str(data?.attrs.name) ?? str(fl.network_watcher_name);
    const rg = str(data?.attrs.resource_group_name) ?? str(fl.resource_group_name);
    const region = str(fl.location);
    if (name && rg && region) watchers.set(`${region}/${name}`, { name, resourceGroup: rg, region });
  }

  const pools: PoolDemand[] = [];
  const publicIps = new Map<string, number>();
  const addIp = (region: string | undefined) => {
    if (region) publicIps.set(region, (publicIps.get(region) ?? 0) + 1);
  };
  const clusters = of('azurerm_kubernetes_cluster');
  for (const c of clusters) {
    const region = str(c.location) ?? '';
    const d = block(c.default_node_pool);
    if (d)
      pools.push({
        region,
        pool: str(d.name) ?? 'system',
        vmSize: str(d.vm_size) ?? '',
        maxNodes: maxNodes(d),
      });
    const net = block(c.network_profile);
    const outbound = str(net?.outbound_type) ?? 'loadBalancer';
    if (outbound === 'loadBalancer') addIp(region);
  }
  for (const p of of('azurerm_kubernetes_cluster_node_pool')) {
    // A stamp has one cluster; a pool takes its region.
    const region = str(clusters[0]?.location) ?? '';
    pools.push({ region, pool: str(p.name) ?? '', vmSize: str(p.vm_size) ?? '', maxNodes: maxNodes(p) });
  }
  for (const ip of of('azurerm_public_ip')) addIp(str(ip.location));

  return {
    resourceProviders: requiredNamespaces(blocks.filter((b) => b.type.startsWith('azurerm_'))).namespaces,
    features: [...features.values()],
    networkWatchers: [...watchers.values()].sort((a, b) => byText(a.region, b.region)),
    pools,
    publicIps: [...publicIps.entries()]
      .sort(([a], [b]) => byText(a, b))
      .map(([region, count]) => ({ region, count })),
    cosmosAccounts: of('azurerm_cosmosdb_account').length,
    frontDoorProfiles: of('azurerm_cdn_frontdoor_profile').length,
    trafficManagerProfiles: of('azurerm_traffic_manager_profile').length,
  };
}

export interface FamilyDemand {
  readonly region: string;
  /** Quota family (`standardDDSv5Family`), `cores` for the regional total, or `unknown:<size>`. */
  readonly family: string;
  readonly vcpus: number;
  readonly pools: string[];
}

/**
 * vCPU demand per region and quota family (Σ maxNodes × vCPUs), plus the regional total (`cores`), over pools
 * of any number of stacks. A size the table lacks is its own `unknown:<size>` row with 0 vCPUs.
 */
export function vcpuDemand(pools: readonly (PoolDemand & { readonly stack?: string })[]): FamilyDemand[] {
  const rows = new Map<string, { region: string; family: string; vcpus: number; pools: string[] }>();
  const add = (region: string, family: string, vcpus: number, pool: string) => {
    const key = `${region}\u0000${family}`;
    const row = rows.get(key) ?? { region, family, vcpus: 0, pools: [] };
    row.vcpus += vcpus;
    row.pools.push(pool);
    rows.set(key, row);
  };
  for (const p of pools) {
    const size = vmSize(p.vmSize);
    const label = `${p.stack ? `${p.stack}/` : ''}${p.pool} ${p.maxNodes}× ${p.vmSize}`;
    if (!size) {
      add(p.region, `unknown:${p.vmSize}`, 0, label);
      continue;
    }
    add(p.region, size.family, p.maxNodes * size.vcpus, label);
    add(p.region, TOTAL_REGIONAL_QUOTA, p.maxNodes * size.vcpus, label);
  }
  return [...rows.values()].sort((a, b) => byText(a.region, b.region) || byText(a.family, b.family));
}

export interface DocumentedLimit {
  readonly scope: 'subscription' | 'region';
  readonly limit: number;
  readonly what: string;
  readonly usageName?: string;
  readonly source: string;
}

/** Documented default subscription limits (model/data/limits.json). */
export const LIMITS: Readonly<
  Record<
    'frontDoorProfiles' | 'cosmosAccounts' | 'standardPublicIps' | 'trafficManagerProfiles',
    DocumentedLimit
  >
> = limitData.limits as Record<
  'frontDoorProfiles' | 'cosmosAccounts' | 'standardPublicIps' | 'trafficManagerProfiles',
  DocumentedLimit
>;
