/**
 * THE table of alerts: one row per alert id, pure data. An environment overrides a threshold by id in
 * `monitoring.thresholds`; everything else (metric, window, severity) is the same everywhere, so changing a row
 * here changes every environment that does not override it. Metric names are Azure Monitor's REST names
 * (Microsoft Learn, "Supported metrics" per resource type). Most rows are metric alerts; a row with `log` is a
 * log search alert (what no platform metric shows: container restarts, a per-minute Cosmos DB availability
 * ratio), with the tables it reads and where they come from, so both kinds are checked against the reference.
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
  | 'availability'
  /** A Log Analytics workspace (its own ingestion metrics: the heartbeat, evaluated outside the workspace). */
  | 'workspace'
  /**
   * The edge profile again, as the outside-in signal of a cloud without availability tests: handed over only
   * where there are no tests, so every environment has exactly one outside-in alert.
   */
  | 'frontDoorOutsideIn'
  | 'trafficManagerOutsideIn';

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
  readonly log?: never;
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

/** A table a log alert reads and what fills it. */
export interface LogSource {
  readonly table: string;
  /**
   * A resource-log category of an ARM type (its table is checked against model/data/azure-monitor.json), or
   * Container Insights (its data collection rule, `constructs/aks-monitoring.ts`).
   */
  readonly from: { readonly type: string; readonly category: string } | 'containerInsights';
}

export interface LogAlertSpec {
  /** What the alert watches (its runbook follows this kind); the rule itself runs on a workspace. */
  readonly target: AlertTargetKind;
  readonly log: {
    /** The workspace the rule runs on: the global one (edge, Cosmos DB logs) or each stamp's. */
    readonly workspace: 'global' | 'stamp';
    readonly reads: readonly LogSource[];
    /** KQL yielding the `measure` column and the `dimensions` columns (the rule adds the time window). */
    readonly query: string;
    readonly measure: string;
    /** Columns that split the alert (one alert instance per value). */
    readonly dimensions?: readonly string[];
    /** Only where this capability is on (the table stays empty otherwise). */
    readonly needs?: 'containerInsights';
  };
  readonly aggregation: Aggregation;
  readonly operator: Operator;
  readonly threshold: number;
  readonly unit: MetricAlertSpec['unit'];
  readonly severity: Severity;
  readonly window: string;
  readonly frequency: string;
  readonly description: string;
}

export type AlertSpec = MetricAlertSpec | LogAlertSpec;

export function isLogAlert(spec: AlertSpec): spec is LogAlertSpec {
  return spec.log !== undefined;
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
  // The Traffic Manager twin of frontDoorNoTraffic: the edge is DNS, so the only traffic it sees is the queries it
  // answers (QpsByEndpoint, Total, summed over endpoints). None in 15 minutes: no client resolves the name.
  trafficManagerNoQueries: {
    target: 'trafficManager',
    namespace: 'Microsoft.Network/trafficManagerProfiles',
    metric: 'QpsByEndpoint',
    aggregation: 'Total',
    operator: 'LessThan',
    threshold: 1,
    unit: 'Count',
    severity: 1,
    window: 'PT15M',
    frequency: 'PT5M',
    description:
      'Traffic Manager answered no DNS query in the window: clients no longer resolve the name (DNS delegation, CNAME, resolver).',
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
  // ServiceAvailability has a one-hour grain and no Cosmos DB metric is exportable, so the per-minute ratio comes
  // from the DataPlaneRequests log (resource-specific table: diagnostic settings use Dedicated mode). 429s are the
  // throttling alert's, not unavailability; minutes with fewer than 10 requests are left out (one error is noise).
  cosmosRequestAvailability: {
    target: 'cosmos',
    log: {
      workspace: 'global',
      reads: [
        {
          table: 'CDBDataPlaneRequests',
          from: { type: 'Microsoft.DocumentDB/databaseAccounts', category: 'DataPlaneRequests' },
        },
      ],
      query: [
        'CDBDataPlaneRequests',
        '| summarize Requests = count(), Failed = countif(StatusCode >= 500) by bin(TimeGenerated, 1m), RegionName',
        '| where Requests >= 10',
        '| extend AvailabilityPercent = round(100.0 * (Requests - Failed) / Requests, 3)',
      ].join('\n'),
      measure: 'AvailabilityPercent',
      dimensions: ['RegionName'],
    },
    aggregation: 'Minimum',
    operator: 'LessThan',
    threshold: 99,
    unit: 'Percent',
    severity: 1,
    window: 'PT15M',
    frequency: 'PT5M',
    description:
      'Cosmos DB answers 5xx in a region: the worst minute of the window fell below the availability floor.',
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
  // No platform metric counts restarts; Container Insights' inventory carries the cumulative count per container,
  // so restarts in the window are max - min per container, summed per workload.
  aksContainerRestarts: {
    target: 'aks',
    log: {
      workspace: 'stamp',
      reads: [{ table: 'KubePodInventory', from: 'containerInsights' }],
      query: [
        'KubePodInventory',
        '| where Namespace !in ("kube-system", "gatekeeper-system")',
        '| summarize Restarts = max(ContainerRestartCount) - min(ContainerRestartCount) by ClusterName, Namespace, ControllerName, Name, ContainerName',
        '| summarize Restarts = sum(Restarts) by ClusterName, Namespace, ControllerName',
      ].join('\n'),
      measure: 'Restarts',
      dimensions: ['Namespace', 'ControllerName'],
      needs: 'containerInsights',
    },
    aggregation: 'Maximum',
    operator: 'GreaterThan',
    threshold: 3,
    unit: 'Count',
    severity: 2,
    window: 'PT15M',
    frequency: 'PT5M',
    description: 'Containers of a workload keep restarting (crash loop, OOM kill, failing liveness probe).',
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
  // Outside-in where the cloud has no availability tests (the cloud profile's `availabilityTests`): the edge's own
  // health probes, sent from Microsoft's edge outside every stamp, over all origins or endpoints at once.
  outsideInFrontDoor: {
    target: 'frontDoorOutsideIn',
    namespace: 'Microsoft.Cdn/profiles',
    metric: 'OriginHealthPercentage',
    aggregation: 'Average',
    operator: 'LessThan',
    threshold: 50,
    unit: 'Percent',
    severity: 1,
    window: 'PT5M',
    frequency: 'PT1M',
    description:
      "Outside-in (no availability tests in this cloud): Front Door's probes find most of the environment's origins unhealthy: clients see errors.",
  },
  outsideInTrafficManager: {
    target: 'trafficManagerOutsideIn',
    namespace: 'Microsoft.Network/trafficManagerProfiles',
    metric: 'ProbeAgentCurrentEndpointStateByProfileResourceId',
    aggregation: 'Maximum',
    operator: 'LessThan',
    threshold: 1,
    unit: 'Count',
    severity: 0,
    window: 'PT5M',
    frequency: 'PT1M',
    description:
      "Outside-in (no availability tests in this cloud): Traffic Manager's probes find no endpoint up: the environment is unreachable.",
  },
  // Who watches the watcher: Azure Monitor evaluates the workspace's own ingestion metric outside the workspace,
  // so a workspace that stops ingesting (cap reached, agent or DCR broken, region down) pages although every log
  // alert on it is silent. No `Table Name` split: quiet tables (Key Vault audit at night) are not a dead workspace.
  workspaceIngestion: {
    target: 'workspace',
    namespace: 'Microsoft.OperationalInsights/workspaces',
    metric: 'Ingestion Volume',
    aggregation: 'Count',
    operator: 'LessThan',
    threshold: 1,
    unit: 'Count',
    severity: 1,
    window: 'PT15M',
    frequency: 'PT5M',
    description:
      'The Log Analytics workspace ingested nothing in the window: every log alert and the SLO alerts on it are blind.',
  },
} as const satisfies Record<string, AlertSpec>;

export type AlertId = keyof typeof ALERT_CATALOG;

export const ALERT_IDS = Object.keys(ALERT_CATALOG) as AlertId[];

interface Resolution {
  readonly id: AlertId;
  /** True when the environment overrides the table's threshold. */
  readonly overridden: boolean;
}
export type ResolvedMetricAlert = MetricAlertSpec & Resolution;
export type ResolvedLogAlert = LogAlertSpec & Resolution;
export type ResolvedAlert = ResolvedMetricAlert | ResolvedLogAlert;

/** The rows of one kind (metric or log alerts). */
export function metricAlerts(alerts: readonly ResolvedAlert[]): ResolvedMetricAlert[] {
  return alerts.filter((a): a is ResolvedMetricAlert => !isLogAlert(a));
}
export function logAlerts(alerts: readonly ResolvedAlert[]): ResolvedLogAlert[] {
  return alerts.filter(isLogAlert) as ResolvedLogAlert[];
}

export function isAlertId(id: string): id is AlertId {
  return Object.prototype.hasOwnProperty.call(ALERT_CATALOG, id);
}

/** The whole table with an environment's threshold overrides applied (ids not in the table are ignored). */
export function resolveAlerts(overrides: Readonly<Record<string, number>> = {}): ResolvedAlert[] {
  return ALERT_IDS.map((id) => {
    const spec: AlertSpec = ALERT_CATALOG[id];
    const override = Object.prototype.hasOwnProperty.call(overrides, id) ? overrides[id] : undefined;
    return { ...spec, id, threshold: override ?? spec.threshold, overridden: override !== undefined };
  });
}

/** Problems with one override, or undefined: unknown ids and impossible values. */
export function thresholdProblem(id: string, value: number): string | undefined {
  if (!isAlertId(id)) return `unknown alert ${quote(id)}`;
  const spec: AlertSpec = ALERT_CATALOG[id];
  if (spec.unit === 'Percent' && (value < 0 || value > 100)) return `${id} is a percentage: 0 to 100`;
  if (value < 0) return `${id} is a ${spec.unit.toLowerCase()}: 0 or more`;
  return undefined;
}

/** `frontDoorOriginHealth` → `front-door-origin-health`, for resource names. */
export function kebab(id: string): string {
  return id.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}
