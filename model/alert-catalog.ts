/**
 * THE table of metric alerts: one row per alert id, pure data. An environment overrides a threshold by id in
 * `monitoring.thresholds`; everything else (metric, window, severity) is the same everywhere, so changing a row
 * here changes every environment that does not override it. Metric names are Azure Monitor's REST names
 * (Microsoft Learn, "Supported metrics" per resource type).
 */
import { quote } from '../lib/quote';

/** What an alert watches; the stacks hand over one resource id per kind they have. */
export type AlertTargetKind =
  | 'frontDoor'
  | 'trafficManager'
  | 'cosmos'
  | 'aks'
  | 'keyVault'
  /** The App Insights component that owns the global availability tests. */
  | 'availability';

export type Aggregation = 'Average' | 'Minimum' | 'Maximum' | 'Total' | 'Count';
export type Operator = 'GreaterThan' | 'GreaterThanOrEqual' | 'LessThan' | 'LessThanOrEqual';
/** Azure Monitor severity: 0 critical … 4 verbose. Routing to people is per tier (constructs/action-group.ts). */
export type Severity = 0 | 1 | 2 | 3 | 4;

export interface AlertDimension {
  readonly name: string;
  readonly operator: 'Include' | 'Exclude';
  /** `*` splits the alert per value (one alert instance per origin, node pool, region …). */
  readonly values: readonly string[];
}

export interface MetricAlertSpec {
  readonly target: AlertTargetKind;
  readonly namespace: string;
  readonly metric: string;
  readonly aggregation: Aggregation;
  readonly operator: Operator;
  readonly threshold: number;
  /** Unit of the threshold, for people and for validating overrides (a Percent stays within 0-100). */
  readonly unit: 'Percent' | 'Milliseconds' | 'Count';
  readonly severity: Severity;
  /** Look-back window (ISO 8601 duration). */
  readonly window: string;
  /** Evaluation frequency (ISO 8601 duration). */
  readonly frequency: string;
  readonly dimensions?: readonly AlertDimension[];
  /** One line: what fired, in words an on-call engineer reads first. */
  readonly description: string;
}

export const ALERT_CATALOG = {
  frontDoorOriginHealth: {
    target: 'frontDoor',
    namespace: 'Microsoft.Cdn/profiles',
    metric: 'OriginHealthPercentage',
    aggregation: 'Average',
    operator: 'LessThan',
    threshold: 80,
    unit: 'Percent',
    severity: 1,
    window: 'PT5M',
    frequency: 'PT1M',
    dimensions: [{ name: 'Origin', operator: 'Include', values: ['*'] }],
    description: 'Front Door health probes to a stamp origin are failing: the stamp is being drained.',
  },
  frontDoor5xxPercent: {
    target: 'frontDoor',
    namespace: 'Microsoft.Cdn/profiles',
    metric: 'Percentage5XX',
    aggregation: 'Average',
    operator: 'GreaterThan',
    threshold: 5,
    unit: 'Percent',
    severity: 1,
    window: 'PT5M',
    frequency: 'PT1M',
    description: 'More than the allowed share of client requests get a 5xx at the edge.',
  },
  frontDoorTotalLatency: {
    target: 'frontDoor',
    namespace: 'Microsoft.Cdn/profiles',
    metric: 'TotalLatency',
    aggregation: 'Average',
    operator: 'GreaterThan',
    threshold: 2000,
    unit: 'Milliseconds',
    severity: 2,
    window: 'PT15M',
    frequency: 'PT5M',
    description: 'End-to-end latency seen by clients at the edge is high.',
  },
  frontDoorOriginLatency: {
    target: 'frontDoor',
    namespace: 'Microsoft.Cdn/profiles',
    metric: 'OriginLatency',
    aggregation: 'Average',
    operator: 'GreaterThan',
    threshold: 1500,
    unit: 'Milliseconds',
    severity: 2,
    window: 'PT15M',
    frequency: 'PT5M',
    dimensions: [{ name: 'Origin', operator: 'Include', values: ['*'] }],
    description: 'A stamp origin answers Front Door slowly (origin time, without the edge).',
  },
  // A static floor, not a dynamic threshold: dynamic thresholds need days of history and are not confirmed in
  // every cloud, and "no client request at all" is the blackhole the other edge alerts miss.
  frontDoorNoTraffic: {
    target: 'frontDoor',
    namespace: 'Microsoft.Cdn/profiles',
    metric: 'RequestCount',
    aggregation: 'Total',
    operator: 'LessThan',
    threshold: 1,
    unit: 'Count',
    severity: 1,
    window: 'PT15M',
    frequency: 'PT5M',
    description:
      'No client request reached the edge in the window: traffic is blackholed before Front Door (DNS, custom domain, certificate).',
  },
  trafficManagerEndpointHealth: {
    target: 'trafficManager',
    namespace: 'Microsoft.Network/trafficManagerProfiles',
    metric: 'ProbeAgentCurrentEndpointStateByProfileResourceId',
    aggregation: 'Maximum',
    operator: 'LessThan',
    threshold: 1,
    unit: 'Count',
    severity: 1,
    window: 'PT5M',
    frequency: 'PT1M',
    dimensions: [{ name: 'EndpointName', operator: 'Include', values: ['*'] }],
    description: 'Traffic Manager probes a stamp endpoint as down: DNS no longer sends clients there.',
  },
  cosmosNormalizedRu: {
    target: 'cosmos',
    namespace: 'Microsoft.DocumentDB/databaseAccounts',
    metric: 'NormalizedRUConsumption',
    aggregation: 'Maximum',
    operator: 'GreaterThan',
    threshold: 90,
    unit: 'Percent',
    severity: 2,
    window: 'PT15M',
    frequency: 'PT5M',
    dimensions: [{ name: 'Region', operator: 'Include', values: ['*'] }],
    description: 'A Cosmos DB partition runs near its provisioned throughput: throttling is next.',
  },
  cosmosThrottled429: {
    target: 'cosmos',
    namespace: 'Microsoft.DocumentDB/databaseAccounts',
    metric: 'TotalRequests',
    aggregation: 'Count',
    operator: 'GreaterThan',
    threshold: 100,
    unit: 'Count',
    severity: 2,
    window: 'PT5M',
    frequency: 'PT1M',
    dimensions: [{ name: 'StatusCode', operator: 'Include', values: ['429'] }],
    description: 'Cosmos DB is throttling requests (HTTP 429).',
  },
  cosmosAvailability: {
    target: 'cosmos',
    namespace: 'Microsoft.DocumentDB/databaseAccounts',
    metric: 'ServiceAvailability',
    aggregation: 'Average',
    operator: 'LessThan',
    threshold: 99.9,
    unit: 'Percent',
    severity: 1,
    // ServiceAvailability has a one-hour time grain only.
    window: 'PT1H',
    frequency: 'PT15M',
    description: 'Cosmos DB account availability dropped.',
  },
  cosmosReplicationLatency: {
    target: 'cosmos',
    namespace: 'Microsoft.DocumentDB/databaseAccounts',
    metric: 'ReplicationLatency',
    aggregation: 'Maximum',
    operator: 'GreaterThan',
    threshold: 1000,
    unit: 'Milliseconds',
    severity: 2,
    window: 'PT15M',
    frequency: 'PT5M',
    dimensions: [
      { name: 'SourceRegion', operator: 'Include', values: ['*'] },
      { name: 'TargetRegion', operator: 'Include', values: ['*'] },
    ],
    description:
      'Cosmos DB replication between regions lags: a failover now would lose or delay recent writes.',
  },
  cosmosOfflineRegion: {
    target: 'cosmos',
    namespace: 'Microsoft.DocumentDB/databaseAccounts',
    metric: 'OfflineRegion',
    aggregation: 'Count',
    operator: 'GreaterThan',
    threshold: 0,
    unit: 'Count',
    severity: 1,
    window: 'PT5M',
    frequency: 'PT1M',
    dimensions: [{ name: 'Region', operator: 'Include', values: ['*'] }],
    description: 'A Cosmos DB region of the account went offline.',
  },
  cosmosServerLatency: {
    target: 'cosmos',
    namespace: 'Microsoft.DocumentDB/databaseAccounts',
    metric: 'ServerSideLatencyDirect',
    aggregation: 'Average',
    operator: 'GreaterThan',
    threshold: 50,
    unit: 'Milliseconds',
    severity: 3,
    window: 'PT15M',
    frequency: 'PT5M',
    dimensions: [{ name: 'Region', operator: 'Include', values: ['*'] }],
    description: 'Cosmos DB server-side latency (direct mode) is high.',
  },
  aksNodeCpu: {
    target: 'aks',
    namespace: 'Microsoft.ContainerService/managedClusters',
    metric: 'node_cpu_usage_percentage',
    aggregation: 'Average',
    operator: 'GreaterThan',
    threshold: 90,
    unit: 'Percent',
    severity: 3,
    window: 'PT15M',
    frequency: 'PT5M',
    dimensions: [{ name: 'nodepool', operator: 'Include', values: ['*'] }],
    description: 'AKS node CPU is saturated in a node pool.',
  },
  aksNodeMemory: {
    target: 'aks',
    namespace: 'Microsoft.ContainerService/managedClusters',
    metric: 'node_memory_working_set_percentage',
    aggregation: 'Average',
    operator: 'GreaterThan',
    threshold: 90,
    unit: 'Percent',
    severity: 3,
    window: 'PT15M',
    frequency: 'PT5M',
    dimensions: [{ name: 'nodepool', operator: 'Include', values: ['*'] }],
    description: 'AKS node working-set memory is near the eviction threshold in a node pool.',
  },
  aksNotReadyNodes: {
    target: 'aks',
    namespace: 'Microsoft.ContainerService/managedClusters',
    metric: 'kube_node_status_condition',
    aggregation: 'Average',
    operator: 'GreaterThan',
    threshold: 0,
    unit: 'Count',
    severity: 2,
    window: 'PT15M',
    frequency: 'PT5M',
    dimensions: [{ name: 'status2', operator: 'Include', values: ['NotReady'] }],
    description: 'AKS nodes have been NotReady for the whole window.',
  },
  aksUnschedulablePods: {
    target: 'aks',
    namespace: 'Microsoft.ContainerService/managedClusters',
    metric: 'cluster_autoscaler_unschedulable_pods_count',
    aggregation: 'Average',
    operator: 'GreaterThan',
    threshold: 0,
    unit: 'Count',
    severity: 2,
    window: 'PT15M',
    frequency: 'PT5M',
    description: 'Pods stay unschedulable: the autoscaler cannot add capacity (quota, max count, zone).',
  },
  aksFailedPods: {
    target: 'aks',
    namespace: 'Microsoft.ContainerService/managedClusters',
    metric: 'kube_pod_status_phase',
    aggregation: 'Average',
    operator: 'GreaterThan',
    threshold: 0,
    unit: 'Count',
    severity: 3,
    window: 'PT15M',
    frequency: 'PT5M',
    dimensions: [{ name: 'phase', operator: 'Include', values: ['Failed'] }],
    description: 'Pods are in the Failed phase.',
  },
  aksPodsNotReady: {
    target: 'aks',
    namespace: 'Microsoft.ContainerService/managedClusters',
    metric: 'kube_pod_status_ready',
    aggregation: 'Average',
    operator: 'GreaterThan',
    threshold: 0,
    unit: 'Count',
    severity: 2,
    window: 'PT15M',
    frequency: 'PT5M',
    dimensions: [{ name: 'condition', operator: 'Include', values: ['false'] }],
    description: 'Pods stay not ready (crash-looping pods are Running but not ready).',
  },
  aksEtcdUsage: {
    target: 'aks',
    namespace: 'Microsoft.ContainerService/managedClusters',
    metric: 'etcd_database_usage_percentage',
    aggregation: 'Maximum',
    operator: 'GreaterThan',
    threshold: 80,
    unit: 'Percent',
    severity: 2,
    window: 'PT15M',
    frequency: 'PT5M',
    description: 'The AKS etcd database is filling up: at its quota the API server refuses writes.',
  },
  aksApiServerCpu: {
    target: 'aks',
    namespace: 'Microsoft.ContainerService/managedClusters',
    metric: 'apiserver_cpu_usage_percentage',
    aggregation: 'Maximum',
    operator: 'GreaterThan',
    threshold: 90,
    unit: 'Percent',
    severity: 2,
    window: 'PT15M',
    frequency: 'PT5M',
    description: 'The AKS API server is under CPU pressure: deployments and scaling slow down or time out.',
  },
  aksNodeDisk: {
    target: 'aks',
    namespace: 'Microsoft.ContainerService/managedClusters',
    metric: 'node_disk_usage_percentage',
    aggregation: 'Maximum',
    operator: 'GreaterThan',
    threshold: 85,
    unit: 'Percent',
    severity: 2,
    window: 'PT15M',
    frequency: 'PT5M',
    dimensions: [{ name: 'nodepool', operator: 'Include', values: ['*'] }],
    description: 'An AKS node disk is nearly full: the kubelet evicts pods at its disk pressure threshold.',
  },
  keyVaultAvailability: {
    target: 'keyVault',
    namespace: 'Microsoft.KeyVault/vaults',
    metric: 'Availability',
    aggregation: 'Average',
    operator: 'LessThan',
    threshold: 99.9,
    unit: 'Percent',
    severity: 1,
    window: 'PT15M',
    frequency: 'PT5M',
    description: 'Key Vault requests are failing: secret and certificate reads may break new pods.',
  },
  keyVaultSaturation: {
    target: 'keyVault',
    namespace: 'Microsoft.KeyVault/vaults',
    metric: 'SaturationShoebox',
    aggregation: 'Average',
    operator: 'GreaterThan',
    threshold: 75,
    unit: 'Percent',
    severity: 2,
    window: 'PT15M',
    frequency: 'PT5M',
    description: 'Key Vault is close to its request limits: throttling is next.',
  },
  keyVaultThrottled: {
    target: 'keyVault',
    namespace: 'Microsoft.KeyVault/vaults',
    metric: 'ServiceApiResult',
    aggregation: 'Count',
    operator: 'GreaterThan',
    threshold: 10,
    unit: 'Count',
    severity: 2,
    window: 'PT5M',
    frequency: 'PT1M',
    dimensions: [{ name: 'StatusCode', operator: 'Include', values: ['429'] }],
    description: 'Key Vault is throttling requests (HTTP 429).',
  },
  // 403, not 401: Key Vault clients get a 401 on every first, unauthenticated request (challenge auth).
  keyVaultDenied: {
    target: 'keyVault',
    namespace: 'Microsoft.KeyVault/vaults',
    metric: 'ServiceApiResult',
    aggregation: 'Count',
    operator: 'GreaterThan',
    threshold: 5,
    unit: 'Count',
    severity: 2,
    window: 'PT5M',
    frequency: 'PT1M',
    dimensions: [{ name: 'StatusCode', operator: 'Include', values: ['403'] }],
    description: 'Key Vault denies requests (HTTP 403): an identity, role or network rule changed.',
  },
  globalAvailability: {
    target: 'availability',
    namespace: 'microsoft.insights/components',
    metric: 'availabilityResults/availabilityPercentage',
    aggregation: 'Average',
    operator: 'LessThan',
    threshold: 90,
    unit: 'Percent',
    severity: 1,
    window: 'PT15M',
    frequency: 'PT5M',
    description: 'The global endpoint health path fails from the availability test locations.',
  },
} as const satisfies Record<string, MetricAlertSpec>;

export type AlertId = keyof typeof ALERT_CATALOG;

export const ALERT_IDS = Object.keys(ALERT_CATALOG) as AlertId[];

export interface ResolvedAlert extends MetricAlertSpec {
  readonly id: AlertId;
  /** True when the environment overrides the table's threshold. */
  readonly overridden: boolean;
}

export function isAlertId(id: string): id is AlertId {
  return Object.prototype.hasOwnProperty.call(ALERT_CATALOG, id);
}

/** The whole table with an environment's threshold overrides applied (ids not in the table are ignored). */
export function resolveAlerts(overrides: Readonly<Record<string, number>> = {}): ResolvedAlert[] {
  return ALERT_IDS.map((id) => {
    const spec: MetricAlertSpec = ALERT_CATALOG[id];
    const override = Object.prototype.hasOwnProperty.call(overrides, id) ? overrides[id] : undefined;
    return { ...spec, id, threshold: override ?? spec.threshold, overridden: override !== undefined };
  });
}

/** Problems with one override, or undefined: unknown ids and impossible values. */
export function thresholdProblem(id: string, value: number): string | undefined {
  if (!isAlertId(id)) return `unknown alert ${quote(id)}`;
  const spec: MetricAlertSpec = ALERT_CATALOG[id];
  if (spec.unit === 'Percent' && (value < 0 || value > 100)) return `${id} is a percentage: 0 to 100`;
  if (value < 0) return `${id} is a ${spec.unit.toLowerCase()}: 0 or more`;
  return undefined;
}

/** `frontDoorOriginHealth` → `front-door-origin-health`, for resource names. */
export function kebab(id: string): string {
  return id.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}
