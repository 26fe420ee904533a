/**
 * The alert set on what ships: every prod environment's synthesized stacks carry the alerts (listed here,
 * independently of the alert table, so dropping a row from the table fails), burn-rate rules and health alerts.
 */
import { SHIPPED_ENVIRONMENTS, resourcesOf, synthEnv } from '../helpers/synth-env';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const EDGE = {
  frontDoor: ['frontDoorOriginHealth', 'frontDoor5xxPercent', 'frontDoorTotalLatency'],
  trafficManager: ['trafficManagerEndpointHealth', 'trafficManagerNoQueries'],
};
const COSMOS = ['cosmosNormalizedRu', 'cosmosThrottled429', 'cosmosAvailability', 'cosmosServerLatency'];
const STAMP = [
  'aksNodeCpu',
  'aksNodeMemory',
  'aksNotReadyNodes',
  'aksUnschedulablePods',
  'aksFailedPods',
  'keyVaultAvailability',
  'keyVaultSaturation',
];

/** Alert ids from the runbook link that ends every description. */
const alertIds = (alerts: Body[]) =>
  alerts.map((a) => /\/([A-Za-z0-9]+)\.md$/.exec(String(a.description))?.[1] ?? String(a.name)).sort();

const prods = SHIPPED_ENVIRONMENTS.filter((n) => synthEnv(n).env.isProd);

it('covers the five shipped prod environments', () => {
  expect([...prods].sort()).toEqual(['prod-china', 'prod-dod', 'prod-public', 'prod-usgov', 'prod-ussec']);
});

describe.each(prods)('%s', (name) => {
  const s = () => synthEnv(name);
  const global = () => s().stacks[s().env.globalStackName]!;

  it('the global stack has the edge and Cosmos alerts, auto-mitigated, with runbook links', () => {
    const edge = s().env.features.frontDoor.outcome === 'on' ? EDGE.frontDoor : EDGE.trafficManager;
    const alerts = resourcesOf(global(), 'azurerm_monitor_metric_alert') as Body[];
    expect(alertIds(alerts)).toEqual(expect.arrayContaining([...edge, ...COSMOS]));
    for (const a of alerts) expect(a.auto_mitigate).toBe(true);
  });

  it('the global stack has both burn-rate rules and Service/Resource Health alerts', () => {
    const burn = (resourcesOf(global(), 'azurerm_monitor_scheduled_query_rules_alert_v2') as Body[])
      .filter((r) => r.criteria[0].metric_measure_column === 'BurnRate')
      .map((r) => [r.window_duration, r.criteria[0].threshold]);
    expect(burn.sort()).toEqual([
      ['PT1H', 14.4],
      ['PT6H', 6],
    ]);
    const categories = (resourcesOf(global(), 'azurerm_monitor_activity_log_alert') as Body[]).map(
      (a) => a.criteria.category,
    );
    expect(categories).toEqual(expect.arrayContaining(['ServiceHealth', 'ResourceHealth']));
  });

  it('every stamp has the AKS and Key Vault alerts', () => {
    for (const stamp of s().footprint.stamps) {
      const alerts = resourcesOf(s().stacks[stamp.node.id]!, 'azurerm_monitor_metric_alert') as Body[];
      expect([stamp.node.id, alertIds(alerts)]).toEqual([stamp.node.id, expect.arrayContaining(STAMP)]);
    }
  });
});
