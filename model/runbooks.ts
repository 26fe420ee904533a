/**
 * One runbook per alert, as data: what it means, the first three queries, likely causes, the mitigation with
 * its exact command, when to escalate. `tools/runbooks.ts` renders them into docs/runbooks/<alert-id>.md; the
 * alerts' descriptions link there (monitoring.runbookUrlPattern). A metric alert gets the runbook of its target
 * kind (plus its own causes), so a new row of the table has one; the other alerts are listed by id here.
 */
import {
  ALERT_CATALOG,
  ALERT_IDS,
  isLogAlert,
  kebab,
  type AlertId,
  type AlertSpec,
  type AlertTargetKind,
} from './alert-catalog';

/** Alerts outside the metric table: activity-log health alerts and the SLO burn-rate log alerts. */
export const OTHER_ALERT_IDS = ['serviceHealth', 'resourceHealth', 'sloFastBurn', 'sloSlowBurn'] as const;
export type OtherAlertId = (typeof OTHER_ALERT_IDS)[number];
export type RunbookId = AlertId | OtherAlertId;
export const RUNBOOK_IDS: readonly RunbookId[] = [...ALERT_IDS, ...OTHER_ALERT_IDS];

/** Where the generated files live, relative to the repository root. */
export const RUNBOOK_DIR = 'docs/runbooks';
/** The default of monitoring.runbookUrlPattern: the checked-in file of the alert. */
export const DEFAULT_RUNBOOK_URL_PATTERN = `${RUNBOOK_DIR}/{alert}.md`;

export interface Query {
  readonly title: string;
  /** Which workspace to run it in. */
  readonly workspace: 'global' | 'stamp';
  readonly kql: string;
}

export interface Runbook {
  /** What the alert means, beyond its one-line description. */
  readonly meaning: string;
  /** Exactly three: the first queries to run, in order. */
  readonly queries: readonly [Query, Query, Query];
  readonly causes: readonly string[];
  /** Steps; commands in backticks are run as written with <env> and <region> filled in. */
  readonly mitigation: readonly string[];
  readonly escalate: string;
}

const DRAIN = 'npm run -s drain -- --env <env> --stamp <region>';
const drainStep = `Take the sick stamp out of rotation: \`${DRAIN}\` prints the az commands for the environment's cloud and edge (it refuses to drain the last serving stamp); run them, then open the config change it prints so the next apply does not put the stamp back.`;
const restoreStep = `When the stamp is healthy again: \`${DRAIN} --restore\`, and revert the config change.`;

const FD = 'AzureDiagnostics\n| where ResourceProvider == "MICROSOFT.CDN"';
const q = (title: string, workspace: Query['workspace'], kql: string): Query => ({ title, workspace, kql });

const frontDoorQueries: Runbook['queries'] = [
  q(
    '5xx share and requests per origin (stamp), per minute',
    'global',
    `${FD} and Category == "FrontDoorAccessLog"\n| where TimeGenerated > ago(1h)\n| summarize Requests = count(), Errors = countif(toint(httpStatusCode_s) >= 500) by bin(TimeGenerated, 1m), Origin = originName_s\n| extend Percent5xx = round(100.0 * Errors / Requests, 2)\n| order by TimeGenerated desc`,
  ),
  q(
    'Failed health probes per origin and reason',
    'global',
    `${FD} and Category == "FrontDoorHealthProbeLog"\n| where TimeGenerated > ago(1h)\n| summarize Failures = count() by originName_s, httpStatusCode_s, result_s\n| order by Failures desc`,
  ),
  q(
    'Latency percentiles per origin',
    'global',
    `${FD} and Category == "FrontDoorAccessLog"\n| where TimeGenerated > ago(1h)\n| extend LatencyMs = todouble(timeTaken_s) * 1000\n| summarize P50 = percentile(LatencyMs, 50), P95 = percentile(LatencyMs, 95), P99 = percentile(LatencyMs, 99) by bin(TimeGenerated, 5m), Origin = originName_s`,
  ),
];

const stampRequestsQueries: Runbook['queries'] = [
  q(
    '5xx share per stamp, per minute',
    'global',
    'AppRequests\n| where TimeGenerated > ago(1h)\n| summarize Requests = count(), Errors = countif(toint(ResultCode) >= 500) by bin(TimeGenerated, 1m), Stamp = _ResourceId\n| extend Percent5xx = round(100.0 * Errors / Requests, 2)\n| order by TimeGenerated desc',
  ),
  q(
    'Traffic Manager endpoint state per endpoint (1 up, 0 down)',
    'global',
    'AzureMetrics\n| where ResourceProvider == "MICROSOFT.NETWORK" and MetricName == "ProbeAgentCurrentEndpointStateByProfileResourceId"\n| where TimeGenerated > ago(1h)\n| summarize EndpointUp = min(Minimum) by bin(TimeGenerated, 5m), Resource',
  ),
  q(
    'Failing operations of the stamp, most frequent first',
    'stamp',
    'AppRequests\n| where TimeGenerated > ago(1h) and toint(ResultCode) >= 500\n| summarize Count = count() by OperationName, ResultCode\n| order by Count desc\n| take 20',
  ),
];

const cosmosQueries: Runbook['queries'] = [
  q(
    'Requests, 429s and 5xx per region, per minute',
    'global',
    'CDBDataPlaneRequests\n| where TimeGenerated > ago(1h)\n| summarize Requests = count(), Throttled = countif(StatusCode == 429), Errors = countif(StatusCode >= 500) by bin(TimeGenerated, 1m), RegionName\n| order by TimeGenerated desc',
  ),
  q(
    'Hot partitions (RU per partition key range)',
    'global',
    'CDBPartitionKeyRUConsumption\n| where TimeGenerated > ago(1h)\n| summarize RU = sum(todouble(RequestCharge)) by DatabaseName, CollectionName, PartitionKeyRangeId\n| order by RU desc\n| take 10',
  ),
  q(
    'Slowest operations per region',
    'global',
    'CDBDataPlaneRequests\n| where TimeGenerated > ago(1h)\n| summarize P99Ms = percentile(DurationMs, 99), Requests = count() by OperationName, RegionName\n| order by P99Ms desc',
  ),
];

const aksQueries: Runbook['queries'] = [
  q(
    'Node readiness (latest status of each node)',
    'stamp',
    'KubeNodeInventory\n| where TimeGenerated > ago(30m)\n| summarize arg_max(TimeGenerated, Status) by ClusterName, Computer\n| project ClusterName, Computer, Status',
  ),
  q(
    'Pods restarting or not running',
    'stamp',
    'KubePodInventory\n| where TimeGenerated > ago(30m)\n| summarize arg_max(TimeGenerated, PodStatus, ContainerRestartCount) by Namespace, Name\n| where PodStatus != "Running" or ContainerRestartCount > 0\n| order by ContainerRestartCount desc',
  ),
  q(
    'Warning events (scheduling, eviction, probes)',
    'stamp',
    'KubeEvents\n| where TimeGenerated > ago(30m) and KubeEventType == "Warning"\n| summarize Count = count() by Reason, ObjectKind, Namespace\n| order by Count desc',
  ),
];

const keyVaultQueries: Runbook['queries'] = [
  q(
    'Requests by result per minute',
    'stamp',
    'AZKVAuditLogs\n| where TimeGenerated > ago(1h)\n| summarize Requests = count() by bin(TimeGenerated, 1m), ResultSignature, HttpStatusCode\n| order by TimeGenerated desc',
  ),
  q(
    'Denied (403) and throttled (429) calls by caller',
    'stamp',
    'AZKVAuditLogs\n| where TimeGenerated > ago(1h) and HttpStatusCode in (403, 429)\n| summarize Count = count() by HttpStatusCode, OperationName, CallerIpAddress, Identity = tostring(Identity)\n| order by Count desc',
  ),
  q(
    'Slowest operations',
    'stamp',
    'AZKVAuditLogs\n| where TimeGenerated > ago(1h)\n| summarize P99Ms = percentile(DurationMs, 99), Requests = count() by OperationName\n| order by P99Ms desc',
  ),
];

const workspaceQueries: Runbook['queries'] = [
  q(
    'Last record per table (which sources stopped)',
    'stamp',
    'union withsource = Table *\n| where TimeGenerated > ago(1d)\n| summarize Last = max(TimeGenerated), Records = count() by Table\n| order by Last asc',
  ),
  q(
    'Ingested volume per hour and data type (a daily cap shows as a flat stop)',
    'stamp',
    'Usage\n| where TimeGenerated > ago(1d)\n| summarize MB = sum(Quantity) by bin(TimeGenerated, 1h), DataType\n| order by TimeGenerated desc',
  ),
  q(
    'Workspace warnings and errors (daily cap, ingestion, agents)',
    'stamp',
    '_LogOperation\n| where TimeGenerated > ago(1d) and Level in ("Warning", "Error")\n| project TimeGenerated, Category, Operation, Detail\n| order by TimeGenerated desc',
  ),
];

/** What every alert of a target kind shares; rows add their own causes. */
const BY_KIND: Record<AlertTargetKind, Omit<Runbook, 'meaning' | 'causes'> & { causes: string[] }> = {
  frontDoor: {
    queries: frontDoorQueries,
    causes: [
      'A stamp is unhealthy (its health endpoint fails), so Front Door stops or should stop sending it traffic.',
    ],
    mitigation: [drainStep, restoreStep],
    escalate:
      'Page the service owner at once if more than one origin is affected or the 5xx share keeps rising after the drain; open an Azure support case (Front Door) when every origin is healthy but the edge still fails.',
  },
  trafficManager: {
    queries: stampRequestsQueries,
    causes: ['The stamp behind the endpoint answers its health probe with an error or not at all.'],
    mitigation: [drainStep, restoreStep],
    escalate:
      'Page the service owner when more than one endpoint is down, or when the endpoint stays down 15 minutes after the stamp looks healthy.',
  },
  cosmos: {
    queries: cosmosQueries,
    causes: [
      'A traffic spike or a hot partition key.',
      'A regional Cosmos DB incident (check Service Health).',
    ],
    mitigation: [
      'Raise the container autoscale ceiling now: `az cosmosdb sql container throughput update --account-name <account> --resource-group <rg> --database-name <db> --name <container> --max-throughput <RU/s>`, then set the same `maxThroughput` in environments/<env>.yaml so the next apply keeps it.',
      `If one region is failing while the others serve: ${drainStep}`,
    ],
    escalate:
      'Page the data owner when throttling or errors last 30 minutes after raising throughput, or when a region is unavailable (open an Azure support case for Cosmos DB; a manual failover of the write region is their call).',
  },
  aks: {
    queries: aksQueries,
    causes: [
      'A bad rollout (crash-looping or failing pods).',
      'Node pool at its maximum size or out of quota.',
    ],
    mitigation: [
      'Check capacity and quota: `npm run -s preflight -- --env <env> --check`.',
      'Raise the pool ceiling now: `az aks nodepool update --resource-group <rg> --cluster-name <cluster> --name <pool> --update-cluster-autoscaler --min-count <min> --max-count <max>`, then the same maxCount in environments/<env>.yaml.',
      `If the stamp cannot serve: ${drainStep}`,
    ],
    escalate:
      'Page the service owner when the stamp is drained or pods stay unhealthy for 30 minutes; open an Azure support case (AKS) for NotReady nodes that do not recover.',
  },
  keyVault: {
    queries: keyVaultQueries,
    causes: [
      'Too many calls (secrets read per request instead of cached): throttling.',
      'An identity or network rule change: denials (403).',
    ],
    mitigation: [
      'Cache secrets in the application (the client policy keeps a fresh and a stale TTL); scale down callers that read per request.',
      `If the stamp cannot read its secrets: ${drainStep}`,
    ],
    escalate:
      'Page the service owner when new pods cannot start because secrets fail; open an Azure support case (Key Vault) when availability stays low without throttling or denials.',
  },
  workspace: {
    queries: workspaceQueries,
    causes: [
      'The daily cap (`workspaceCapping.dailyQuotaGb`) was reached: ingestion stops until the next UTC day.',
      'The data collection rule or its association, or a diagnostic setting, was removed or changed.',
      'A regional Log Analytics incident (check Service Health).',
    ],
    mitigation: [
      'Check cap and state: `az monitor log-analytics workspace show --resource-group <rg> --workspace-name <workspace> --query "{cap: workspaceCapping, state: provisioningState}"`; lift a reached cap with `az monitor log-analytics workspace update --resource-group <rg> --workspace-name <workspace> --quota -1`.',
      'Check that the cluster still sends: `az monitor data-collection rule association list --resource <aks-cluster-id>`; re-apply the stamp stack if the association is gone.',
      'While the workspace is blind the stamp may still serve: watch it from the edge (Front Door or Traffic Manager alerts) and the other stamps; do not drain it for this alert alone.',
    ],
    escalate:
      'Page the service owner when the workspace stays silent 30 minutes (its SLO and log alerts are blind); open an Azure support case (Log Analytics) when cap, rules and settings are in place.',
  },
  frontDoorOutsideIn: {
    queries: frontDoorQueries,
    causes: [
      'Most stamps fail their health endpoint at once (a shared dependency such as Cosmos DB, a bad global rollout).',
      'A network or certificate problem between the edge and the stamps (NSG, ingress certificate).',
    ],
    mitigation: [
      'Find the healthy stamps (second query) and keep them serving; drain the failing ones only while one healthy stamp stays: `npm run -s drain -- --env <env> --stamp <region>`.',
      restoreStep,
    ],
    escalate:
      'Page the service owner at once: this is what customers see in a cloud without availability tests.',
  },
  trafficManagerOutsideIn: {
    queries: stampRequestsQueries,
    causes: [
      'Every stamp fails its health endpoint (a shared dependency, a bad global rollout).',
      'The stamps are unreachable from the internet (public IP, NSG, ingress certificate).',
    ],
    mitigation: [
      'Traffic Manager answers with all endpoints when all are degraded; fix the first stamp you can. Check one from outside: `az network traffic-manager endpoint show --resource-group <rg> --profile-name <profile> --name <region> --type ExternalEndpoints --query endpointMonitorStatus`.',
      restoreStep,
    ],
    escalate: 'Page the service owner at once: the environment is down for its clients.',
  },
  availability: {
    queries: frontDoorQueries,
    causes: [
      'The global entry or every stamp fails the health path.',
      'DNS or certificate problems seen from outside.',
    ],
    mitigation: [drainStep, restoreStep],
    escalate: 'Page the service owner at once: customers see the outage from outside.',
  },
};

const EXTRA_CAUSES: Partial<Record<AlertId, readonly string[]>> = {
  frontDoorTotalLatency: ['A slow dependency in one stamp (Cosmos DB, Key Vault) or a saturated node pool.'],
  cosmosNormalizedRu: ['One partition key takes most of the traffic (see the hot partition query).'],
  cosmosAvailability: [
    'ServiceAvailability has a one-hour grain: the incident may have started up to an hour ago.',
  ],
  aksUnschedulablePods: ['vCPU quota of the region or the pool maxCount reached; a zone without capacity.'],
  aksNodeMemory: ['A memory leak after a rollout; pods without memory limits.'],
  frontDoorNoTraffic: [
    'DNS of the custom domain no longer points at the Front Door endpoint, or its certificate expired.',
    'The metric has no data point at all when nothing arrives: check the endpoint from outside too.',
  ],
  trafficManagerNoQueries: [
    'The CNAME of the service name no longer points at the Traffic Manager profile, or the parent zone lost its delegation.',
    'The metric has no data point at all when nothing arrives: resolve the name from outside too.',
  ],
  frontDoorOriginLatency: ['A slow dependency in one stamp (Cosmos DB, Key Vault) or a saturated node pool.'],
  cosmosReplicationLatency: [
    'A regional Cosmos DB incident or a write burst larger than a region can replicate.',
  ],
  cosmosOfflineRegion: ['A regional Cosmos DB outage: the SDK moves to the next preferred region.'],
  aksPodsNotReady: [
    'Crash-looping pods (see the restarts query), failing readiness probes, a missing secret.',
  ],
  aksEtcdUsage: ['Too many objects (old ReplicaSets, Secrets, ConfigMaps, Events) in the cluster.'],
  aksApiServerCpu: ['A controller or client listing/watching too much; a burst of deployments.'],
  aksNodeDisk: ['Container images and logs filling the OS disk; emptyDir volumes growing.'],
  keyVaultThrottled: ['Secrets read per request instead of cached; many pods starting at once.'],
  keyVaultDenied: ['A role assignment, identity or vault network rule changed (see the caller query).'],
  cosmosRequestAvailability: [
    'A partition or replica set of one region answers 5xx (503 service unavailable, 500); the SDK retries in the next preferred region.',
    'The log arrives minutes late: the window may show the incident after the fact.',
  ],
  aksContainerRestarts: [
    'A crash loop after a rollout (see the restarts query), an OOM kill (memory limit too low), a failing liveness probe or a dependency the container cannot reach at start.',
  ],
};

const OTHER: Record<OtherAlertId, Runbook> = {
  serviceHealth: {
    meaning:
      "Azure reports an incident in one of the environment's regions (or in a global service such as Front Door or Entra ID). The alert names the region.",
    queries: [frontDoorQueries[0], frontDoorQueries[1], stampRequestsQueries[0]],
    causes: [
      'A platform incident in the region; our stamp there may degrade even before its own alerts fire.',
    ],
    mitigation: [`If the region's stamp degrades, drain it before it fails: ${drainStep}`, restoreStep],
    escalate:
      'Page the service owner when customers are affected; follow the incident in the Service Health blade.',
  },
  resourceHealth: {
    meaning:
      'A resource of the subscription went from Available to Degraded or Unavailable (Azure Resource Health).',
    queries: [
      q(
        'Resource Health transitions in the last day',
        'global',
        'AzureActivity\n| where TimeGenerated > ago(1d) and CategoryValue == "ResourceHealth"\n| project TimeGenerated, ResourceId = _ResourceId, Status = ActivityStatusValue, Properties\n| order by TimeGenerated desc',
      ),
      frontDoorQueries[0],
      stampRequestsQueries[0],
    ],
    causes: ['A platform fault of one resource (node, vault, account) or planned maintenance.'],
    mitigation: [`If the resource belongs to one stamp and the stamp degrades: ${drainStep}`, restoreStep],
    escalate: 'Open an Azure support case for the resource when it stays Unavailable for 30 minutes.',
  },
  sloFastBurn: {
    meaning:
      "Errors burn the availability error budget more than 14.4 times faster than allowed over 1 hour and 5 minutes: at this rate the month's budget is gone in about two days.",
    queries: [frontDoorQueries[0], stampRequestsQueries[0], stampRequestsQueries[2]],
    causes: ['One stamp answers 5xx (bad rollout, sick dependency).', 'The edge itself fails.'],
    mitigation: [drainStep, restoreStep],
    escalate: 'Page the service owner at once (severity 1).',
  },
  sloSlowBurn: {
    meaning:
      "Errors burn the error budget more than 6 times faster than allowed over 6 hours and 30 minutes: a slow leak that will exhaust the month's budget in about five days.",
    queries: [frontDoorQueries[0], stampRequestsQueries[0], stampRequestsQueries[2]],
    causes: ['A low but steady error rate in one stamp or one operation.'],
    mitigation: [drainStep, restoreStep],
    escalate:
      'Hand over to the service owner within the working day; page when the fast-burn alert also fires.',
  },
};

export function runbookFor(id: RunbookId): Runbook {
  if ((OTHER_ALERT_IDS as readonly string[]).includes(id)) return OTHER[id as OtherAlertId];
  const spec = ALERT_CATALOG[id as AlertId];
  const kind = BY_KIND[spec.target];
  return {
    meaning: spec.description,
    queries: kind.queries,
    causes: [...(EXTRA_CAUSES[id as AlertId] ?? []), ...kind.causes],
    mitigation: kind.mitigation,
    escalate: kind.escalate,
  };
}

const fence = (kql: string) => ['```kusto', kql, '```'];

/** The alert's condition in words (and, for a log alert, its query). */
function condition(id: AlertId, spec: AlertSpec): string[] {
  const rule = `${spec.aggregation.toLowerCase()} ${spec.operator} ${spec.threshold} (${spec.unit}, unless the environment overrides \`monitoring.thresholds.${id}\`) over ${spec.window}, evaluated every ${spec.frequency}; severity ${spec.severity}.`;
  if (!isLogAlert(spec)) return [`Metric \`${spec.metric}\` (${spec.namespace}), ${rule}`];
  const where = spec.log.workspace === 'global' ? 'the global workspace' : "each stamp's workspace";
  return [
    `Log search alert on ${where}: column \`${spec.log.measure}\` of the query below, ${rule}`,
    '',
    ...fence(spec.log.query),
  ];
}

/** docs/runbooks/<id>.md. */
export function renderRunbook(id: RunbookId): string {
  const r = runbookFor(id);
  const isTable = !(OTHER_ALERT_IDS as readonly string[]).includes(id);
  const spec: AlertSpec | undefined = isTable ? ALERT_CATALOG[id as AlertId] : undefined;
  const lines = [
    `# Runbook: ${id}`,
    '',
    '<!-- Generated by `npm run runbooks` from model/runbooks.ts and model/alert-catalog.ts; do not edit. -->',
    '',
    `Alert resource name suffix: \`${kebab(id)}\`.`,
    '',
    '## What it means',
    '',
    r.meaning,
    ...(spec ? ['', ...condition(id as AlertId, spec)] : []),
    '',
    '## First three queries',
    '',
    ...r.queries.flatMap((x, i) => [
      `${i + 1}. ${x.title} (${x.workspace === 'global' ? 'global workspace' : "the stamp's workspace"}):`,
      '',
      ...fence(x.kql),
      '',
    ]),
    '## Likely causes',
    '',
    ...r.causes.map((c) => `- ${c}`),
    '',
    '## Mitigation',
    '',
    ...r.mitigation.map((m, i) => `${i + 1}. ${m}`),
    '',
    '## When to escalate',
    '',
    r.escalate,
    '',
  ];
  return lines.join('\n');
}

/** docs/runbooks/README.md: the index. */
export function renderRunbookIndex(): string {
  return [
    '# Runbooks',
    '',
    '<!-- Generated by `npm run runbooks`; do not edit. -->',
    '',
    "One per alert; each alert's description ends with `Runbook: <monitoring.runbookUrlPattern>`.",
    '',
    '| Alert | What fired |',
    '|---|---|',
    ...RUNBOOK_IDS.map((id) => `| [${id}](${id}.md) | ${runbookFor(id).meaning.replace(/\|/g, '\\|')} |`),
    '',
  ].join('\n');
}

/** Every generated file, path relative to the repository root → text. */
export function runbookFiles(): Record<string, string> {
  const files: Record<string, string> = { [`${RUNBOOK_DIR}/README.md`]: renderRunbookIndex() };
  for (const id of RUNBOOK_IDS) files[`${RUNBOOK_DIR}/${id}.md`] = renderRunbook(id);
  return files;
}
