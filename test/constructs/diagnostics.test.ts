/** Diagnostic settings follow Microsoft's reference per type (model/data/azure-monitor.json), never a default. */
import { Diagnostics } from '../../constructs/diagnostics';
import { monitorType } from '../../model/azure-monitor';
import { synth } from '../helpers/synth-construct';

const LAW = '/law';
const one = (resourceType: string, extra: { logCategories?: string[]; metrics?: boolean } = {}) =>
  synth(
    (s) => new Diagnostics(s, 'd', { targetResourceId: '/target', resourceType, workspaceId: LAW, ...extra }),
  );
const categories = (blocks: { category: string }[] | undefined) => (blocks ?? []).map((b) => b.category);

describe('Diagnostics', () => {
  it('names every log category of an NSG and exports no metrics (NSGs publish none)', () => {
    const d = one('Microsoft.Network/networkSecurityGroups').one('azurerm_monitor_diagnostic_setting');
    expect(categories(d.enabled_log)).toEqual(
      monitorType('microsoft.network/networksecuritygroups')!.logCategories,
    );
    expect(d.enabled_metric).toBeUndefined();
  });

  it('exports Capacity and Transaction, not AllMetrics, for storage', () => {
    const d = one('Microsoft.Storage/storageAccounts').one('azurerm_monitor_diagnostic_setting');
    expect(categories(d.enabled_metric)).toEqual(['Capacity', 'Transaction']);
    expect(d.enabled_log).toBeUndefined();
  });

  it('sends Cosmos DB logs only (no metric is DS-exportable) and AllMetrics where the type exports some', () => {
    const cosmos = one('Microsoft.DocumentDB/databaseAccounts').one('azurerm_monitor_diagnostic_setting');
    expect(cosmos.enabled_metric).toBeUndefined();
    expect(categories(cosmos.enabled_log)).toContain('DataPlaneRequests');
    const kv = one('Microsoft.KeyVault/vaults').one('azurerm_monitor_diagnostic_setting');
    expect(categories(kv.enabled_metric)).toEqual(['AllMetrics']);
    expect(categories(kv.enabled_log)).toEqual(['AuditEvent', 'AzurePolicyEvaluationDetails']);
  });

  it('creates no setting where the type has nothing to send (private endpoints)', () => {
    expect(one('Microsoft.Network/privateEndpoints').of('azurerm_monitor_diagnostic_setting')).toEqual([]);
  });

  it('rejects a log category the type lacks, naming the choices, and a type the reference lacks', () => {
    expect(() =>
      one('Microsoft.ContainerService/managedClusters', { logCategories: ['kube-audit-admn'] }),
    ).toThrow(/has no log category kube-audit-admn \(choices: .*kube-audit-admin/);
    expect(() => one('Microsoft.Web/sites')).toThrow(
      /Microsoft.Web\/sites is not in model\/data\/azure-monitor.json/,
    );
  });
});
