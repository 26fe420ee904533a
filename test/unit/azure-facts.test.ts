/** The Azure fact tables and the pure functions over them (model/): ids to ARM types, namespaces, vCPU demand. */
import { monitorMetric, monitorType, monitorTypes } from '../../model/azure-monitor';
import { vcpuDemand } from '../../model/prerequisites';
import {
  armTypeOfId,
  knownResourceTypes,
  requiredNamespaces,
  resourceTypeFacts,
} from '../../model/resource-types';

describe('ARM type of a resource id', () => {
  it.each([
    ['${azurerm_network_security_group.nsg.id}', 'microsoft.network/networksecuritygroups'],
    [
      '${azurerm_storage_account.st.id}/blobServices/default',
      'microsoft.storage/storageaccounts/blobservices',
    ],
    [
      '/subscriptions/0/resourceGroups/rg/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-x',
      'microsoft.documentdb/databaseaccounts',
    ],
    [
      '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Insights/components/appi',
      'microsoft.insights/components',
    ],
    ['${azurerm_unknown_thing.x.id}', undefined],
    ['${var.target}', undefined],
  ])('%s -> %s', (id, type) => expect(armTypeOfId(id)).toBe(type));
});

describe('resource provider namespaces', () => {
  it('keeps the spelling the API returns for Insights in every row', () => {
    const all = knownResourceTypes().flatMap((t) => resourceTypeFacts(t)!.namespaces);
    expect(all).toContain('microsoft.insights');
    expect(all.filter((n) => n.toLowerCase() === 'microsoft.insights' && n !== 'microsoft.insights')).toEqual(
      [],
    );
    for (const n of all) expect(n).toMatch(/^(Microsoft\.[A-Z][A-Za-z]+|microsoft\.insights)$/);
  });

  it('adds the namespaces AKS add-ons need only when they are on, and names unknown types', () => {
    const base = requiredNamespaces([
      { type: 'azurerm_kubernetes_cluster', attrs: { azure_policy_enabled: false } },
    ]);
    expect(base.namespaces).not.toContain('Microsoft.PolicyInsights');
    const on = requiredNamespaces([
      { type: 'azurerm_kubernetes_cluster', attrs: { azure_policy_enabled: true, monitor_metrics: {} } },
      { type: 'azurerm_bastion_host', attrs: {} },
    ]);
    expect(on.namespaces).toEqual(
      expect.arrayContaining(['Microsoft.PolicyInsights', 'Microsoft.Monitor', 'Microsoft.AlertsManagement']),
    );
    expect(on.unknownTypes).toEqual(['azurerm_bastion_host']);
  });
});

describe('Azure Monitor reference', () => {
  it('says NSGs and Cosmos DB export no metrics, storage exports Capacity and Transaction', () => {
    expect(monitorType('Microsoft.Network/networkSecurityGroups')!.metricCategories).toEqual([]);
    expect(monitorType('microsoft.documentdb/databaseaccounts')!.metricCategories).toEqual([]);
    expect(monitorType('microsoft.storage/storageaccounts')!.metricCategories).toEqual([
      'Capacity',
      'Transaction',
    ]);
    expect(monitorType('microsoft.keyvault/vaults')!.metricCategories).toEqual(['AllMetrics']);
  });

  it('carries a source for every type and matches metric names case-insensitively', () => {
    expect(monitorTypes()).toHaveLength(13);
    for (const t of monitorTypes())
      expect(monitorType(t)!.source).toMatch(/^MicrosoftDocs\/azure-monitor-docs:/);
    expect(
      monitorMetric('Microsoft.DocumentDB/databaseAccounts', 'normalizedruconsumption')?.dimensions,
    ).toContain('CollectionName');
    expect(monitorMetric('Microsoft.DocumentDB/databaseAccounts', 'NormalizedRU')).toBeUndefined();
  });
});

describe('vCPU demand', () => {
  it('sums maxNodes x vCPUs per region and family, plus the regional total; an unknown size is its own row', () => {
    const rows = vcpuDemand([
      { region: 'r1', pool: 'system', vmSize: 'Standard_D4ds_v5', maxNodes: 5 },
      { region: 'r1', pool: 'apps', vmSize: 'Standard_D8ds_v5', maxNodes: 15 },
      { region: 'r1', pool: 'gpu', vmSize: 'Standard_NC6s_v3', maxNodes: 2 },
    ]);
    expect(rows.map((r) => [r.region, r.family, r.vcpus])).toEqual([
      ['r1', 'cores', 140],
      ['r1', 'standardDDSv5Family', 140],
      ['r1', 'unknown:Standard_NC6s_v3', 0],
    ]);
  });

  it('keeps regions apart, sorted by region then family, sizes case-insensitive, pools labelled with their stack', () => {
    const rows = vcpuDemand([
      { stack: 's2', region: 'r2', pool: 'system', vmSize: 'standard_d4ds_v5', maxNodes: 3 },
      { region: 'r1', pool: 'apps', vmSize: 'Standard_D8ds_v5', maxNodes: 2 },
      { stack: 's1', region: 'r1', pool: 'system', vmSize: 'Standard_D4ds_v5', maxNodes: 1 },
    ]);
    expect(rows).toEqual([
      {
        region: 'r1',
        family: 'cores',
        vcpus: 20,
        pools: ['apps 2× Standard_D8ds_v5', 's1/system 1× Standard_D4ds_v5'],
      },
      {
        region: 'r1',
        family: 'standardDDSv5Family',
        vcpus: 20,
        pools: ['apps 2× Standard_D8ds_v5', 's1/system 1× Standard_D4ds_v5'],
      },
      { region: 'r2', family: 'cores', vcpus: 12, pools: ['s2/system 3× standard_d4ds_v5'] },
      { region: 'r2', family: 'standardDDSv5Family', vcpus: 12, pools: ['s2/system 3× standard_d4ds_v5'] },
    ]);
  });
});
