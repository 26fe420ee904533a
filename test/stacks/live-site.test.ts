/**
 * The live site of every shipped prod environment, on the synthesized stacks: each workspace has an ingestion
 * heartbeat evaluated outside it, Cosmos DB a per-minute availability rule, every stamp a restarts rule and the
 * health-score function in its own workspace, and the environment exactly one outside-in signal with an alert,
 * chosen by the cloud profile and named in footprint.json.
 */
import { footprintManifest } from '../../stacks/manifest';
import { HEALTH_FUNCTION } from '../../model/health-model';
import { SHIPPED_ENVIRONMENTS, resourcesOf, synthEnv, type TfJson } from '../helpers/synth-env';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const prods = SHIPPED_ENVIRONMENTS.filter((n) => synthEnv(n).env.isProd);
const WORKSPACE_REF = /^\$\{azurerm_log_analytics_workspace\.[A-Za-z0-9_-]+\.id\}$/;

/** Alerts of a stack by the id in their runbook link. */
function byId(json: TfJson, type: string): Map<string, Body> {
  const out = new Map<string, Body>();
  for (const a of resourcesOf(json, type) as Body[]) {
    const id = /\/([A-Za-z0-9]+)\.md$/.exec(String(a.description))?.[1];
    if (id) out.set(id, a);
  }
  return out;
}

/** The one workspace a stack declares, as a reference. */
function ownWorkspace(json: TfJson): string {
  const names = Object.keys(json.resource.azurerm_log_analytics_workspace ?? {});
  expect(names).toHaveLength(1);
  return `\${azurerm_log_analytics_workspace.${names[0]}.id}`;
}

describe.each(prods)('%s', (name) => {
  const s = () => synthEnv(name);
  const global = () => s().stacks[s().env.globalStackName]!;
  const stamps = () => s().footprint.stamps.map((st) => s().stacks[st.node.id]!);

  it('every workspace has an ingestion heartbeat: a metric alert on the workspace itself', () => {
    for (const json of [global(), ...stamps()]) {
      const heartbeat = byId(json, 'azurerm_monitor_metric_alert').get('workspaceIngestion');
      expect(heartbeat).toBeDefined();
      expect(heartbeat!.scopes).toEqual([ownWorkspace(json)]);
      expect(heartbeat!.criteria[0]).toMatchObject({
        metric_namespace: 'Microsoft.OperationalInsights/workspaces',
        metric_name: 'Ingestion Volume',
        operator: 'LessThan',
        threshold: 1,
      });
      // Pages in prod: a blind workspace silences every log alert on it.
      expect(heartbeat!.severity).toBeLessThanOrEqual(1);
    }
  });

  it('Cosmos DB has a per-minute availability rule on the workspace its DataPlaneRequests land in', () => {
    const rule = byId(global(), 'azurerm_monitor_scheduled_query_rules_alert_v2').get(
      'cosmosRequestAvailability',
    )!;
    expect(rule.scopes).toEqual([ownWorkspace(global())]);
    expect(rule.criteria[0].query).toMatch(/^CDBDataPlaneRequests\n/);
    expect(rule.criteria[0].dimension).toEqual([{ name: 'RegionName', operator: 'Include', values: ['*'] }]);
    const diag = (resourcesOf(global(), 'azurerm_monitor_diagnostic_setting') as Body[]).find((d) =>
      String(d.target_resource_id).includes('azurerm_cosmosdb_account'),
    )!;
    expect(diag.log_analytics_workspace_id).toBe(ownWorkspace(global()));
    expect(diag.log_analytics_destination_type).toBe('Dedicated');
    expect(diag.enabled_log.map((l: Body) => l.category)).toContain('DataPlaneRequests');
  });

  it('every stamp has the restarts rule and the health-score function in its own workspace', () => {
    for (const json of stamps()) {
      const restarts = byId(json, 'azurerm_monitor_scheduled_query_rules_alert_v2').get(
        'aksContainerRestarts',
      );
      expect(restarts?.scopes).toEqual([ownWorkspace(json)]);
      const fn = resourcesOf(json, 'azurerm_log_analytics_saved_search') as Body[];
      expect(fn).toHaveLength(1);
      expect(fn[0]).toMatchObject({
        function_alias: HEALTH_FUNCTION.alias,
        function_parameters: [...HEALTH_FUNCTION.parameters],
        category: 'HealthModel',
      });
      expect(fn[0]!.log_analytics_workspace_id).toMatch(WORKSPACE_REF);
      expect(fn[0]!.log_analytics_workspace_id).toBe(ownWorkspace(json));
      expect(fn[0]!.query).not.toMatch(/[$%]\{/);
      // Its tags are ForceNew: untagged, so an owner or cost-center edit does not replace the function.
      expect(fn[0]!.tags).toBeUndefined();
    }
  });

  it('has one outside-in signal with its alert, as the cloud profile decides, named in footprint.json', () => {
    const env = s().env;
    const live = footprintManifest([s().footprint], [env.cloud]).environments[name]!.liveSite!;
    const tests = env.cloud.capability('availabilityTests');
    const expected =
      tests !== 'unavailable' && env.cloud.availabilityTestLocations().length > 0
        ? 'availabilityTests'
        : env.globalEntry === 'frontDoor'
          ? 'frontDoorProbes'
          : 'trafficManagerProbes';
    expect(live.outsideIn.signal).toBe(expected);
    const metric = byId(global(), 'azurerm_monitor_metric_alert');
    const outsideIn = ['globalAvailability', 'outsideInFrontDoor', 'outsideInTrafficManager'].filter((id) =>
      metric.has(id),
    );
    expect(outsideIn).toEqual([live.outsideIn.alert]);
    expect(metric.get(live.outsideIn.alert)!.name).toBe(live.outsideIn.alertName);
    expect(resourcesOf(global(), 'azurerm_application_insights_standard_web_test')).toHaveLength(
      expected === 'availabilityTests' ? 1 : 0,
    );
  });
});

it('China and USSec, the clouds without availability tests, use the edge probes', () => {
  const signal = (n: string) =>
    footprintManifest([synthEnv(n).footprint], [synthEnv(n).env.cloud]).environments[n]!.liveSite!.outsideIn
      .signal;
  expect(signal('prod-china')).toBe('frontDoorProbes');
  expect(signal('prod-ussec')).toBe('trafficManagerProbes');
  expect(signal('prod-public')).toBe('availabilityTests');
});
