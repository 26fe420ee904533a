/**
 * Observability composition: what the global and stamp stacks call with the resource ids they have.
 *
 * - global: action groups, metric alerts on the edge (Front Door or Traffic Manager) and Cosmos DB, Service
 *   and Resource Health alerts for the subscription and its regions, SLO burn-rate alerts on the edge, the
 *   availability tests (with their App Insights component) and the live-site workbook;
 * - stamp: metric alerts on AKS and Key Vault, routed to the global stack's action groups by synth-time id.
 *
 * Thresholds come from the one table (model/alert-catalog.ts) with `monitoring.thresholds` overrides.
 */
import type { TerraformStack } from 'cdktf';
import { ApplicationInsights } from '@cdktf/provider-azurerm/lib/application-insights';
import type { Environment, Stamp } from '../config/environment';
import type { LiveSiteSummary } from '../contract/footprint';
import {
  ActionGroups,
  type AlertRouting,
  PAGE_AT_OR_BELOW,
  actionGroupFor,
} from '../constructs/action-group';
import { kebab, logAlerts, resolveAlerts, type ResolvedAlert } from '../model/alert-catalog';
import { AvailabilityTests } from '../constructs/availability-tests';
import { Dashboard, type DashboardStamp, type DashboardTile } from '../constructs/dashboard';
import { Diagnostics } from '../constructs/diagnostics';
import { HealthAlerts } from '../constructs/health-alerts';
import { HealthFunction } from '../constructs/health-function';
import { HEALTH_FUNCTION, healthScoreQuery, signalsFor } from '../model/health-model';
import { LogAlerts } from '../constructs/log-alerts';
import { MetricAlerts, runbookUrl, type AlertTarget } from '../constructs/metric-alerts';
import { SloAlerts } from '../constructs/slo-alerts';
import { globalResourceGroupName, resourceGroupId, stampResourceGroupName } from './shared-values';
import { readQuery } from './queries';

export interface GlobalObservabilityTargets {
  /** The global stack's resource group name (pass the resource's `name` so Terraform orders the creates). */
  readonly resourceGroupName: string;
  /** Front Door profile id where `env.globalEntry === 'frontDoor'`. */
  readonly frontDoorProfileId?: string;
  /** Traffic Manager profile id otherwise. */
  readonly trafficManagerProfileId?: string;
  readonly cosmosAccountId: string;
  readonly globalWorkspaceId: string;
  /** Host name clients use (Front Door endpoint host or custom domain, Traffic Manager FQDN). */
  readonly globalHostName: string;
  /**
   * The stamps' workspaces, for the workbook and (Traffic Manager) the SLO query.
   * @default stampWorkspaceRefs(env): the stamp stacks' workspaces by naming convention
   */
  readonly stamps?: readonly DashboardStamp[];
}

export interface StampObservabilityTargets {
  readonly resourceGroupName: string;
  readonly aksClusterId: string;
  readonly keyVaultId: string;
  /** The stamp's Log Analytics workspace (its ingestion heartbeat, its log alerts). */
  readonly workspaceId: string;
}

/** Which outside-in signal an environment gets, decided by the cloud profile's availability tests only. */
export type OutsideInSignal = 'availabilityTests' | 'frontDoorProbes' | 'trafficManagerProbes';

export function outsideInSignal(env: Environment): OutsideInSignal {
  if (env.features.availabilityTests.outcome === 'on' && env.cloud.availabilityTestLocations().length > 0)
    return 'availabilityTests';
  return env.globalEntry === 'frontDoor' ? 'frontDoorProbes' : 'trafficManagerProbes';
}

/** The alert row of each outside-in signal. */
export const OUTSIDE_IN_ALERT = {
  availabilityTests: 'globalAvailability',
  frontDoorProbes: 'outsideInFrontDoor',
  trafficManagerProbes: 'outsideInTrafficManager',
} as const satisfies Record<OutsideInSignal, string>;

/** What footprint.json says about how the environment is watched. */
export function liveSiteSummary(env: Environment): LiveSiteSummary {
  const signal = outsideInSignal(env);
  const alert = OUTSIDE_IN_ALERT[signal];
  return {
    outsideIn: { signal, alert, alertName: env.resourceName('monitorAlert', undefined, kebab(alert)) },
    healthFunction: HEALTH_FUNCTION.alias,
  };
}

/** The log rows of one workspace that the environment's capabilities can feed. */
function logRowsFor(env: Environment, alerts: readonly ResolvedAlert[], workspace: 'global' | 'stamp') {
  return logAlerts(alerts).filter(
    (a) => a.log.workspace === workspace && (!a.log.needs || env.features[a.log.needs].outcome === 'on'),
  );
}

export type GlobalEntry = Environment['globalEntry'];

export function actionGroupNames(env: Environment) {
  const n = (purpose: string) => ({
    name: env.resourceName('actionGroup', undefined, purpose),
    shortName: env.resourceName('actionGroupShort', undefined, purpose),
  });
  return { page: n('page'), notify: n('notify') };
}

/** Action group ids known at synth time, for stamp stacks (the groups live in the global stack). */
export function actionGroupRouting(env: Environment): AlertRouting {
  const names = actionGroupNames(env);
  const id = (name: string) =>
    `${resourceGroupId(env, globalResourceGroupName(env))}/providers/Microsoft.Insights/actionGroups/${name}`;
  return {
    tier: env.config.tier,
    notify: id(names.notify.name),
    ...(PAGE_AT_OR_BELOW[env.config.tier] >= 0 ? { page: id(names.page.name) } : {}),
  };
}

/** A stamp's Log Analytics workspace id by the naming convention of the stamp stack. */
export function stampWorkspaceId(env: Environment, stamp: Stamp): string {
  return `${resourceGroupId(env, stampResourceGroupName(env, stamp))}/providers/Microsoft.OperationalInsights/workspaces/${env.resourceName('logAnalyticsWorkspace', stamp.id)}`;
}

/** The workbook's label of a stamp: the region's display name, with its unit beyond the first. */
export function stampLabel(stamp: Stamp): string {
  return stamp.unit === 1 ? stamp.displayName : `${stamp.displayName} u${stamp.unit}`;
}

export function stampWorkspaceRefs(env: Environment): DashboardStamp[] {
  return env.stamps.map((s) => ({ label: stampLabel(s), workspaceId: stampWorkspaceId(env, s) }));
}

interface TileSource {
  readonly id: string;
  readonly title: string;
  readonly file: string;
  readonly scope: DashboardTile['scope'];
  readonly visualization: DashboardTile['visualization'];
  /** Shown only where this capability is on (the tile's table would stay empty otherwise). */
  readonly needs?: 'containerInsights';
}

/** The workbook's tiles: edge tiles depend on the global entry, the rest are shared. */
const TILES: Readonly<Record<GlobalEntry, readonly TileSource[]>> = {
  frontDoor: [
    {
      id: 'edge-origin-health',
      title: 'Origin health % per stamp',
      file: 'edge-origin-health.frontdoor.kql',
      scope: 'global',
      visualization: 'timechart',
    },
    {
      id: 'edge-5xx',
      title: '5xx % at the edge per stamp',
      file: 'edge-5xx.frontdoor.kql',
      scope: 'global',
      visualization: 'timechart',
    },
    {
      id: 'edge-latency',
      title: 'Edge latency (ms) per stamp',
      file: 'edge-latency.frontdoor.kql',
      scope: 'global',
      visualization: 'timechart',
    },
  ],
  trafficManager: [
    {
      id: 'edge-endpoint-health',
      title: 'Traffic Manager endpoint state per stamp',
      file: 'edge-endpoint-health.trafficmanager.kql',
      scope: 'global',
      visualization: 'timechart',
    },
    {
      id: 'edge-5xx',
      title: '5xx % per stamp',
      file: 'edge-5xx.trafficmanager.kql',
      scope: 'stamps',
      visualization: 'timechart',
    },
    {
      id: 'edge-latency',
      title: 'Request latency (ms) per stamp',
      file: 'edge-latency.trafficmanager.kql',
      scope: 'stamps',
      visualization: 'timechart',
    },
  ],
};

const SHARED_TILES: readonly TileSource[] = [
  {
    id: 'cosmos-ru',
    title: 'Cosmos DB normalized RU %',
    file: 'cosmos-ru.kql',
    scope: 'global',
    visualization: 'timechart',
  },
  {
    id: 'cosmos-429',
    title: 'Cosmos DB throttled requests (429)',
    file: 'cosmos-429.kql',
    scope: 'global',
    visualization: 'barchart',
  },
  {
    id: 'aks-node-health',
    title: 'AKS nodes ready per stamp',
    file: 'aks-node-health.kql',
    scope: 'stamps',
    visualization: 'table',
    // KubeNodeInventory is written by Container Insights.
    needs: 'containerInsights',
  },
  {
    id: 'aks-node-usage',
    title: 'AKS node CPU and memory % per stamp',
    file: 'aks-node-usage.kql',
    scope: 'stamps',
    visualization: 'timechart',
  },
];

export function dashboardTiles(
  entry: GlobalEntry,
  features?: Pick<Environment['features'], 'containerInsights'>,
): DashboardTile[] {
  const shown = (t: TileSource) => !t.needs || !features || features[t.needs].outcome === 'on';
  return [...TILES[entry], ...SHARED_TILES].filter(shown).map((t) => ({
    id: t.id,
    title: t.title,
    query: readQuery(`dashboard/${t.file}`),
    scope: t.scope,
    visualization: t.visualization,
  }));
}

/** Edge requests (`TimeGenerated, IsError`) for the SLO query of an environment. */
export function sloRequestsQuery(entry: GlobalEntry, stamps: readonly DashboardStamp[]): string {
  const text = readQuery(`slo/requests.${entry.toLowerCase()}.kql`);
  const union = `union ${stamps.map((s) => `workspace("${s.workspaceId}").AppRequests`).join(', ')}`;
  return text.split('{StampAppRequests}').join(union);
}

export interface GlobalObservability {
  readonly actionGroups: ActionGroups;
  readonly metricAlerts: MetricAlerts;
  readonly healthAlerts: HealthAlerts;
  readonly sloAlerts: SloAlerts;
  readonly logAlerts: LogAlerts;
  readonly dashboard: Dashboard;
  /** Absent where the cloud has no availability test locations. */
  readonly availability?: { readonly appInsights: ApplicationInsights; readonly tests: AvailabilityTests };
}

export function addGlobalObservability(
  stack: TerraformStack,
  env: Environment,
  targets: GlobalObservabilityTargets,
): GlobalObservability {
  const c = env.config;
  const rg = targets.resourceGroupName;
  const location = env.stamps[0]!.region;
  const entry = env.globalEntry;
  const stamps = targets.stamps ?? stampWorkspaceRefs(env);
  const alerts = resolveAlerts(c.monitoring.thresholds);

  const actionGroups = new ActionGroups(stack, 'action-groups', {
    resourceGroupName: rg,
    tier: c.tier,
    contacts: c.monitoring.contacts,
    ...(c.monitoring.webhookUrl ? { webhookUrl: c.monitoring.webhookUrl } : {}),
    names: actionGroupNames(env),
  });
  const routing = actionGroups.routing;

  let availability: GlobalObservability['availability'];
  const locations = env.cloud.availabilityTestLocations();
  const outsideIn = outsideInSignal(env);
  if (outsideIn === 'availabilityTests') {
    const appInsights = new ApplicationInsights(stack, 'availability-app-insights', {
      name: env.resourceName('applicationInsights', undefined, 'global'),
      resourceGroupName: rg,
      location,
      applicationType: 'web',
      workspaceId: targets.globalWorkspaceId,
      retentionInDays: Math.max(30, c.monitoring.logRetentionDays),
    });
    // Workspace-based: its logs already land in the workspace, so the setting exports metrics only (sending
    // allLogs to the same workspace would store every record twice).
    new Diagnostics(stack, 'availability-app-insights-diagnostics', {
      targetResourceId: appInsights.id,
      resourceType: 'microsoft.insights/components',
      workspaceId: targets.globalWorkspaceId,
      logCategories: [],
    });
    const path = entry === 'frontDoor' ? c.frontDoor.healthProbe.path : c.trafficManager.monitor.path;
    const tests = new AvailabilityTests(stack, 'availability-tests', {
      name: env.resourceName('webTest', undefined, 'global-health'),
      resourceGroupName: rg,
      location,
      applicationInsightsId: appInsights.id,
      hostName: targets.globalHostName,
      path,
      locations,
      // A first deployment creates every origin disabled: nothing answers until a stamp serves.
      enabled: env.stamps.some((s) => s.serving),
    });
    availability = { appInsights, tests };
  }

  const alertTargets: AlertTarget[] = [
    { kind: 'cosmos', resourceId: targets.cosmosAccountId },
    { kind: 'workspace', resourceId: targets.globalWorkspaceId },
  ];
  if (entry === 'frontDoor' && targets.frontDoorProfileId) {
    alertTargets.unshift({ kind: 'frontDoor', resourceId: targets.frontDoorProfileId });
    if (outsideIn === 'frontDoorProbes')
      alertTargets.push({ kind: 'frontDoorOutsideIn', resourceId: targets.frontDoorProfileId });
  }
  if (entry === 'trafficManager' && targets.trafficManagerProfileId) {
    alertTargets.unshift({ kind: 'trafficManager', resourceId: targets.trafficManagerProfileId });
    if (outsideIn === 'trafficManagerProbes')
      alertTargets.push({ kind: 'trafficManagerOutsideIn', resourceId: targets.trafficManagerProfileId });
  }
  if (availability) alertTargets.push({ kind: 'availability', resourceId: availability.appInsights.id });
  const metricAlerts = new MetricAlerts(stack, 'metric-alerts', {
    resourceGroupName: rg,
    targets: alertTargets,
    alerts,
    routing,
    runbookUrlPattern: c.monitoring.runbookUrlPattern,
    nameFor: (id) => env.resourceName('monitorAlert', undefined, kebab(id)),
  });

  const globalLogAlerts = new LogAlerts(stack, 'log-alerts', {
    resourceGroupName: rg,
    location,
    workspaceId: targets.globalWorkspaceId,
    alerts: logRowsFor(env, alerts, 'global'),
    routing,
    runbookUrlPattern: c.monitoring.runbookUrlPattern,
    nameFor: (id) => env.resourceName('monitorAlert', undefined, kebab(id)),
  });

  const healthAlerts = new HealthAlerts(stack, 'health-alerts', {
    resourceGroupName: rg,
    subscriptionId: c.subscriptionId,
    regions: env.regionStamps.map((s) => ({ code: s.code, displayName: s.displayName })),
    // Azure-reported outages are as urgent as our worst metric alert.
    actionGroupId: actionGroupFor(routing, 0),
    runbookUrlPattern: c.monitoring.runbookUrlPattern,
    nameFor: (purpose) => env.resourceName('monitorAlert', undefined, purpose),
  });

  const sloAlerts = new SloAlerts(stack, 'slo-alerts', {
    resourceGroupName: rg,
    location,
    scopeResourceId: targets.globalWorkspaceId,
    sloTarget: c.monitoring.sloTarget,
    requestsQuery: sloRequestsQuery(entry, stamps),
    errorDefinition: entry === 'frontDoor' ? 'a 5xx answered at Front Door' : 'a 5xx answered by a stamp',
    routing,
    runbookUrlPattern: c.monitoring.runbookUrlPattern,
    nameFor: (id) => env.resourceName('monitorAlert', undefined, kebab(id)),
  });

  const dashboard = new Dashboard(stack, 'dashboard', {
    title: `Live site: ${env.name}`,
    resourceGroupName: rg,
    location,
    seed: `${c.subscriptionId}/${env.name}`,
    globalWorkspaceId: targets.globalWorkspaceId,
    stamps,
    tiles: dashboardTiles(entry, env.features),
    health: { call: `${HEALTH_FUNCTION.alias}()` },
  });

  return {
    actionGroups,
    metricAlerts,
    healthAlerts,
    sloAlerts,
    logAlerts: globalLogAlerts,
    dashboard,
    ...(availability ? { availability } : {}),
  };
}

export function addStampObservability(
  stack: TerraformStack,
  env: Environment,
  stamp: Stamp,
  targets: StampObservabilityTargets,
): {
  readonly metricAlerts: MetricAlerts;
  readonly logAlerts: LogAlerts;
  readonly healthFunction: HealthFunction;
} {
  const c = env.config;
  const alerts = resolveAlerts(c.monitoring.thresholds);
  const routing = actionGroupRouting(env);
  const nameFor = (id: string) => env.resourceName('monitorAlert', stamp.id, kebab(id));
  const metricAlerts = new MetricAlerts(stack, 'metric-alerts', {
    resourceGroupName: targets.resourceGroupName,
    targets: [
      { kind: 'aks', resourceId: targets.aksClusterId },
      { kind: 'keyVault', resourceId: targets.keyVaultId },
      { kind: 'workspace', resourceId: targets.workspaceId },
    ],
    alerts,
    routing,
    runbookUrlPattern: c.monitoring.runbookUrlPattern,
    nameFor,
  });
  const logAlerts = new LogAlerts(stack, 'log-alerts', {
    resourceGroupName: targets.resourceGroupName,
    location: stamp.region,
    workspaceId: targets.workspaceId,
    alerts: logRowsFor(env, alerts, 'stamp'),
    routing,
    runbookUrlPattern: c.monitoring.runbookUrlPattern,
    nameFor,
  });
  const healthFunction = new HealthFunction(stack, 'health-function', {
    workspaceId: targets.workspaceId,
    query: stampHealthQuery(env),
    alias: HEALTH_FUNCTION.alias,
    parameters: HEALTH_FUNCTION.parameters,
    category: HEALTH_FUNCTION.category,
  });
  return { metricAlerts, logAlerts, healthFunction };
}

/** The health-score function body of the environment's stamps (the same in every stamp). */
export function stampHealthQuery(env: Environment): string {
  const signals = signalsFor({ containerInsights: env.features.containerInsights.outcome === 'on' });
  return healthScoreQuery(signals, (id) => runbookUrl(env.config.monitoring.runbookUrlPattern, id));
}
