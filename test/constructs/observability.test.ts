/**
 * The observability composition on real environments, with placeholder resource ids standing in for what the
 * global and stamp stacks will pass (those resources live on other branches until the lead wires the calls).
 */
import { TerraformStack, Testing } from 'cdktf';
import { missingDiagnostics } from '../../constructs/diagnostics-aspect';
import {
  ALERT_CATALOG,
  ALERT_IDS,
  isLogAlert,
  type AlertId,
  type AlertSpec,
  type AlertTargetKind,
} from '../../model/alert-catalog';
import type { Environment } from '../../config/environment';
import { addGlobalObservability, addStampObservability } from '../../stacks/observability';
import { shippedConfig, shippedEnvironment } from '../helpers/load';

type Json = Record<string, Record<string, Record<string, Record<string, unknown>>>>;

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-x/providers';
const fake = {
  frontDoorProfileId: `${SUB}/Microsoft.Cdn/profiles/afd-x`,
  trafficManagerProfileId: `${SUB}/Microsoft.Network/trafficManagerProfiles/traf-x`,
  cosmosAccountId: `${SUB}/Microsoft.DocumentDB/databaseAccounts/cosmos-x`,
  globalWorkspaceId: `${SUB}/Microsoft.OperationalInsights/workspaces/log-x-global`,
  globalHostName: 'fde-x.z01.example.test',
  resourceGroupName: 'rg-x-global',
};

function synthGlobal(env: Environment): Json {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'global');
  addGlobalObservability(stack, env, fake);
  return JSON.parse(Testing.synth(stack)) as Json;
}

function synthStamp(env: Environment, region = env.stamps[0]!.region): Json {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'stamp');
  const stamp = env.stamps.find((s) => s.region === region)!;
  addStampObservability(stack, env, stamp, {
    resourceGroupName: 'rg-x-stamp',
    aksClusterId: `${SUB}/Microsoft.ContainerService/managedClusters/aks-x`,
    keyVaultId: `${SUB}/Microsoft.KeyVault/vaults/kv-x`,
    workspaceId: `${SUB}/Microsoft.OperationalInsights/workspaces/log-x-stamp`,
  });
  return JSON.parse(Testing.synth(stack)) as Json;
}

const resources = (json: Json, type: string) => Object.values(json.resource?.[type] ?? {});
/** The SLO burn-rate rules among the scheduled query rules (the table's log alerts are the others). */
const burnRules = (json: Json) =>
  resources(json, 'azurerm_monitor_scheduled_query_rules_alert_v2').filter(
    (r) => (r.criteria as { metric_measure_column: string }[])[0]!.metric_measure_column === 'BurnRate',
  );
const logIds = (json: Json) =>
  resources(json, 'azurerm_monitor_scheduled_query_rules_alert_v2')
    .map((r) => /\/([A-Za-z0-9]+)\.md$/.exec(String(r.description))![1]!)
    .filter((id) => !id.startsWith('slo'))
    .sort();
const metricIds = (json: Json) =>
  resources(json, 'azurerm_monitor_metric_alert').map(
    (a) => ALERT_IDS.find((id) => (a.description as string).endsWith(`/${id}.md`)) ?? String(a.name),
  );
const spec = (id: AlertId): AlertSpec => ALERT_CATALOG[id];

/** The metric rows of these target kinds. */
function expectedIds(kinds: readonly AlertTargetKind[]): AlertId[] {
  return ALERT_IDS.filter((id) => !isLogAlert(spec(id)) && kinds.includes(spec(id).target));
}

describe('global observability of a Front Door prod environment (prod-public)', () => {
  const env = shippedEnvironment('prod-public');
  const json = synthGlobal(env);

  it('creates a page group (e-mail + incident webhook, common schema) and an e-mail-only notify group', () => {
    const groups = resources(json, 'azurerm_monitor_action_group');
    expect(groups).toHaveLength(2);
    const page = groups.find((g) => String(g.name).endsWith('-page'))!;
    const notify = groups.find((g) => String(g.name).endsWith('-notify'))!;
    expect(page.webhook_receiver).toEqual([
      {
        name: 'incident-system',
        service_uri: env.config.monitoring.webhookUrl,
        use_common_alert_schema: true,
      },
    ]);
    expect(notify.webhook_receiver).toBeUndefined();
    expect(notify.email_receiver).toEqual([
      { name: 'email-1', email_address: 'footprint-oncall@example.com', use_common_alert_schema: true },
    ]);
    expect(String(page.short_name).length).toBeLessThanOrEqual(12);
  });

  it('has every edge, Cosmos and availability alert of the table, with runbook links and auto-mitigation', () => {
    expect(metricIds(json).sort()).toEqual(
      expectedIds(['frontDoor', 'cosmos', 'availability', 'workspace']).sort(),
    );
    expect(logIds(json)).toEqual(['cosmosRequestAvailability']);
    for (const a of resources(json, 'azurerm_monitor_metric_alert')) {
      expect(a.auto_mitigate).toBe(true);
      expect(a.description).toMatch(/Runbook: docs\/runbooks\/[A-Za-z0-9]+\.md$/);
    }
    const origin = resources(json, 'azurerm_monitor_metric_alert').find((a) =>
      String(a.description).endsWith('/frontDoorOriginHealth.md'),
    )!;
    expect(origin.scopes).toEqual([fake.frontDoorProfileId]);
    expect(origin.criteria).toEqual([
      expect.objectContaining({
        metric_namespace: 'Microsoft.Cdn/profiles',
        metric_name: 'OriginHealthPercentage',
        operator: 'LessThan',
        threshold: 80,
        dimension: [{ name: 'Origin', operator: 'Include', values: ['*'] }],
      }),
    ]);
  });

  it('pages Sev0-1 alerts and only notifies Sev2+ in prod', () => {
    for (const a of resources(json, 'azurerm_monitor_metric_alert')) {
      const group = (a.action as { action_group_id: string }[])[0]!.action_group_id;
      expect(group).toMatch(
        (a.severity as number) <= 1 ? /action-groups_page_.*\.id/ : /action-groups_notify_.*\.id/,
      );
    }
  });

  it('has Service Health per region plus global, and Resource Health for the subscription', () => {
    const alerts = resources(json, 'azurerm_monitor_activity_log_alert');
    const service = alerts.filter((a) => (a.criteria as { category: string }).category === 'ServiceHealth');
    expect(
      service
        .map((a) => (a.criteria as { service_health: { locations: string[] } }).service_health.locations)
        .sort(),
    ).toEqual([['Central US'], ['East US 2'], ['Global'], ['West US 3']]);
    const health = alerts.filter((a) => (a.criteria as { category: string }).category === 'ResourceHealth');
    expect(health).toHaveLength(1);
    for (const a of alerts) expect(a.scopes).toEqual([`/subscriptions/${env.config.subscriptionId}`]);
  });

  it('has fast (14.4x over 1h and 5m) and slow (6x over 6h and 30m) burn-rate rules on Front Door 5xx', () => {
    const rules = burnRules(json);
    expect(rules).toHaveLength(2);
    const byWindow = Object.fromEntries(rules.map((r) => [r.window_duration, r]));
    const fast = byWindow.PT1H!;
    const slow = byWindow.PT6H!;
    const criteria = (r: Record<string, unknown>) =>
      (
        r.criteria as { query: string; threshold: number; operator: string; metric_measure_column: string }[]
      )[0]!;
    expect(criteria(fast)).toMatchObject({
      threshold: 14.4,
      operator: 'GreaterThan',
      metric_measure_column: 'BurnRate',
    });
    expect(criteria(slow)).toMatchObject({ threshold: 6, operator: 'GreaterThan' });
    expect(criteria(fast).query).toContain('burn(60m)');
    expect(criteria(fast).query).toContain('burn(5m)');
    expect(criteria(slow).query).toContain('burn(360m)');
    expect(criteria(slow).query).toContain('burn(30m)');
    for (const r of [fast, slow]) {
      expect(r.scopes).toEqual([fake.globalWorkspaceId]);
      expect(criteria(r).query).toContain('let budget = 0.0005;');
      expect(criteria(r).query).toContain('Category == "FrontDoorAccessLog"');
      expect(criteria(r).query).toContain('IsError = toint(httpStatusCode_s) >= 500');
      expect(r.auto_mitigation_enabled).toBe(true);
    }
  });

  it('tests the global health path from the cloud profile locations', () => {
    const tests = resources(json, 'azurerm_application_insights_standard_web_test');
    expect(tests).toHaveLength(1);
    expect(tests[0]!.geo_locations).toEqual([...env.cloud.availabilityTestLocations()]);
    expect((tests[0]!.request as { url: string }).url).toBe('https://fde-x.z01.example.test/healthz');
    // The App Insights component of the tests has its diagnostic setting.
    const appi = Object.keys(json.resource!.azurerm_application_insights!);
    expect(appi).toHaveLength(1);
    const diag = resources(json, 'azurerm_monitor_diagnostic_setting');
    expect(diag.map((d) => d.target_resource_id)).toContain(`\${azurerm_application_insights.${appi[0]}.id}`);
  });
});

describe('environments without Front Door or without test locations', () => {
  it('watches Traffic Manager and reads the stamps request telemetry for the SLO (prod-ussec)', () => {
    const env = shippedEnvironment('prod-ussec');
    expect(env.globalEntry).toBe('trafficManager');
    const json = synthGlobal(env);
    // No availability tests in USSec: the Traffic Manager probes are the outside-in signal, with their alert.
    expect(metricIds(json).sort()).toEqual(
      expectedIds(['trafficManager', 'cosmos', 'workspace', 'trafficManagerOutsideIn']).sort(),
    );
    const query = (burnRules(json)[0]!.criteria as { query: string }[])[0]!.query;
    expect(query).toContain('union workspace("/subscriptions/');
    expect(query.match(/workspace\("/g)).toHaveLength(env.stamps.length);
    expect(query).toContain('IsError = toint(ResultCode) >= 500');
    // No test locations in this cloud: no web test and no App Insights for it.
    expect(resources(json, 'azurerm_application_insights_standard_web_test')).toHaveLength(0);
    expect(resources(json, 'azurerm_application_insights')).toHaveLength(0);
  });

  it('never pages outside prod (staging-public has no page group)', () => {
    const json = synthGlobal(shippedEnvironment('staging-public'));
    const groups = resources(json, 'azurerm_monitor_action_group');
    expect(groups.map((g) => String(g.name).split('-').pop())).toEqual(['notify']);
    for (const a of resources(json, 'azurerm_monitor_metric_alert'))
      expect((a.action as { action_group_id: string }[])[0]!.action_group_id).toMatch(/notify/);
  });
});

describe('stamp observability', () => {
  it('has every AKS and Key Vault alert, routed to the global action groups by id', () => {
    const env = shippedEnvironment('prod-public');
    const json = synthStamp(env, 'westus3');
    expect(metricIds(json).sort()).toEqual(expectedIds(['aks', 'keyVault', 'workspace']).sort());
    // The heartbeat watches the stamp's own workspace; the restarts rule runs on it.
    const heartbeat = resources(json, 'azurerm_monitor_metric_alert').find((a) =>
      String(a.description).endsWith('/workspaceIngestion.md'),
    )!;
    expect(heartbeat.scopes).toEqual([`${SUB}/Microsoft.OperationalInsights/workspaces/log-x-stamp`]);
    expect(logIds(json)).toEqual(['aksContainerRestarts']);
    const restarts = resources(json, 'azurerm_monitor_scheduled_query_rules_alert_v2')[0]!;
    expect(restarts.scopes).toEqual([`${SUB}/Microsoft.OperationalInsights/workspaces/log-x-stamp`]);
    expect(String(restarts.name)).toContain('-wus3');
    const names = resources(json, 'azurerm_monitor_metric_alert').map((a) => String(a.name));
    expect(names.every((n) => n.includes('-wus3'))).toBe(true);
    for (const a of resources(json, 'azurerm_monitor_metric_alert')) {
      const group = (a.action as { action_group_id: string }[])[0]!.action_group_id;
      expect(group).toMatch(
        new RegExp(
          `^/subscriptions/${env.config.subscriptionId}/resourceGroups/[^/]+-global/providers/Microsoft\\.Insights/actionGroups/ag-fp-prdpub-${(a.severity as number) <= 1 ? 'page' : 'notify'}$`,
        ),
      );
    }
  });
});

describe('every prod environment', () => {
  const prods = shippedConfig().environments.filter((e) => e.isProd);

  it.each(prods.map((e) => [e.name]))('%s has the full alert set and both burn-rate alerts', (name) => {
    const env = shippedConfig().environments.find((e) => e.name === name)!;
    const global = synthGlobal(env);
    const edge = env.globalEntry;
    const withTests =
      env.features.availabilityTests.outcome === 'on' && env.cloud.availabilityTestLocations().length > 0;
    const outsideIn = withTests
      ? 'availability'
      : edge === 'frontDoor'
        ? 'frontDoorOutsideIn'
        : 'trafficManagerOutsideIn';
    expect(metricIds(global).sort()).toEqual(expectedIds([edge, 'cosmos', 'workspace', outsideIn]).sort());
    expect(logIds(global)).toEqual(['cosmosRequestAvailability']);
    const burn = burnRules(global).map((r) => (r.criteria as { threshold: number }[])[0]!.threshold);
    expect(burn.sort()).toEqual([14.4, 6].sort());
    for (const stamp of env.stamps) {
      const json = synthStamp(env, stamp.region);
      expect(metricIds(json).sort()).toEqual(expectedIds(['aks', 'keyVault', 'workspace']).sort());
      // Container Insights is on in every shipped cloud: the restarts rule exists in every stamp.
      expect(logIds(json)).toEqual(['aksContainerRestarts']);
    }
    expect(resources(global, 'azurerm_monitor_activity_log_alert')).toHaveLength(env.regionStamps.length + 2);
  });
});

describe('the one table', () => {
  it('a changed row reaches every shipped environment without an override', () => {
    const row = ALERT_CATALOG.cosmosNormalizedRu as { threshold: number };
    const before = row.threshold;
    const threshold = (env: Environment) =>
      (
        resources(synthGlobal(env), 'azurerm_monitor_metric_alert').find((a) =>
          String(a.description).endsWith('/cosmosNormalizedRu.md'),
        )!.criteria as { threshold: number }[]
      )[0]!.threshold;
    const envs = shippedConfig().environments.filter(
      (e) => e.config.monitoring.thresholds?.cosmosNormalizedRu === undefined,
    );
    expect(envs).toHaveLength(shippedConfig().environments.length);
    try {
      row.threshold = before - 7;
      expect(envs.map((e) => [e.name, threshold(e)])).toEqual(envs.map((e) => [e.name, before - 7]));
    } finally {
      row.threshold = before;
    }
  });

  it('changes every environment that does not override, and not the one that does', () => {
    const row = ALERT_CATALOG.frontDoorOriginHealth as { threshold: number };
    const before = row.threshold;
    const threshold = (env: Environment) =>
      (
        resources(synthGlobal(env), 'azurerm_monitor_metric_alert').find((a) =>
          String(a.description).endsWith('/frontDoorOriginHealth.md'),
        )!.criteria as { threshold: number }[]
      )[0]!.threshold;
    const plain = shippedEnvironment('prod-public');
    const overriding: Environment = {
      ...shippedEnvironment('staging-public'),
      config: {
        ...shippedEnvironment('staging-public').config,
        monitoring: {
          ...shippedEnvironment('staging-public').config.monitoring,
          thresholds: { frontDoorOriginHealth: 60 },
        },
      },
    };
    try {
      row.threshold = 85;
      expect(threshold(plain)).toBe(85);
      expect(threshold(overriding)).toBe(60);
    } finally {
      row.threshold = before;
    }
    expect(threshold(plain)).toBe(before);
  });
});

it('leaves no diagnosable resource it creates without a diagnostic setting', () => {
  const stack = new TerraformStack(Testing.app(), 'global');
  addGlobalObservability(stack, shippedEnvironment('prod-public'), fake);
  const json = JSON.parse(Testing.synth(stack)) as Json;
  expect(Object.keys(json.resource!.azurerm_application_insights!)).toHaveLength(1);
  expect(missingDiagnostics(stack)).toEqual([]);
});
