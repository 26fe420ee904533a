import { AksMonitoring } from '../../constructs/aks-monitoring';
import { COSMOS_DATA_CONTRIBUTOR, WorkloadIdentity } from '../../constructs/workload-identity';
import { synth } from '../helpers/synth-construct';

describe('WorkloadIdentity', () => {
  const s = synth(
    (scope) =>
      new WorkloadIdentity(scope, 'wi', {
        resourceGroupName: 'rg',
        location: 'eastus2',
        name: 'id-app',
        oidcIssuerUrl: 'https://issuer',
        keyVaultId: '/kv',
        cosmos: { accountId: '/cosmos', accountName: 'cosmos', resourceGroupName: 'rg-global' },
      }),
  );

  it('trusts the cluster issuer for the app service account', () => {
    expect(s.one('azurerm_federated_identity_credential')).toMatchObject({
      issuer: 'https://issuer',
      subject: 'system:serviceaccount:app:app',
      audience: ['api://AzureADTokenExchange'],
    });
  });

  it('reads Key Vault secrets and Cosmos DB data, nothing more', () => {
    expect(s.one('azurerm_role_assignment')).toMatchObject({
      scope: '/kv',
      role_definition_name: 'Key Vault Secrets User',
    });
    expect(s.one('azurerm_cosmosdb_sql_role_assignment')).toMatchObject({
      scope: '/cosmos',
      role_definition_id: `/cosmos/sqlRoleDefinitions/${COSMOS_DATA_CONTRIBUTOR}`,
    });
  });
});

describe('AksMonitoring', () => {
  const build = (ci: boolean, prom: boolean) =>
    synth(
      (scope) =>
        new AksMonitoring(scope, 'm', {
          resourceGroupName: 'rg',
          location: 'eastus2',
          clusterId: '/aks',
          workspaceId: '/law',
          ...(ci ? { containerInsights: { ruleName: 'dcr-ci' } } : {}),
          ...(prom
            ? { prometheus: { monitorWorkspaceName: 'amw', endpointName: 'dce', ruleName: 'dcr-prom' } }
            : {}),
        }),
    );

  it('sends Container Insights to the workspace and Prometheus to a monitor workspace', () => {
    const s = build(true, true);
    const rules = s.of('azurerm_monitor_data_collection_rule');
    expect(rules.map((r) => r.data_flow[0].streams[0]).sort()).toEqual([
      'Microsoft-ContainerInsights-Group-Default',
      'Microsoft-PrometheusMetrics',
    ]);
    expect(
      s.of('azurerm_monitor_data_collection_rule_association').every((a) => a.target_resource_id === '/aks'),
    ).toBe(true);
    expect(s.of('azurerm_monitor_data_collection_rule_association')).toHaveLength(3);
    expect(s.of('azurerm_monitor_workspace')).toHaveLength(1);
  });

  it('creates nothing for a capability the cloud lacks', () => {
    expect(build(false, false).json.resource ?? {}).toEqual({});
    expect(build(true, false).of('azurerm_monitor_workspace')).toHaveLength(0);
  });
});
