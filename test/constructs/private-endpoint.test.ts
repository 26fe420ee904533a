import { PrivateEndpoint } from '../../constructs/private-endpoint';
import { synth } from '../helpers/synth-construct';

describe('PrivateEndpoint', () => {
  const s = synth(
    (scope) =>
      new PrivateEndpoint(scope, 'pe', {
        resourceGroupName: 'rg',
        location: 'usseceast',
        name: 'pe-cosmos',
        targetResourceId:
          '/subscriptions/s/resourceGroups/g/providers/Microsoft.DocumentDB/databaseAccounts/c',
        subresource: 'Sql',
        zoneName: 'privatelink.documents.azure.microsoft.scloud',
        subnetId: '/subnet',
        virtualNetworkId: '/vnet',
        virtualNetworkName: 'vnet-x',
      }),
  );

  it("creates the zone with the given cloud's name, linked to the VNet", () => {
    expect(s.one('azurerm_private_dns_zone').name).toBe('privatelink.documents.azure.microsoft.scloud');
    expect(s.one('azurerm_private_dns_zone_virtual_network_link')).toMatchObject({
      virtual_network_id: '/vnet',
      registration_enabled: false,
    });
  });

  it('connects automatically and registers its records through a zone group', () => {
    const pe = s.one('azurerm_private_endpoint');
    expect(pe.private_service_connection).toMatchObject({
      is_manual_connection: false,
      subresource_names: ['Sql'],
      private_connection_resource_id: expect.stringContaining('databaseAccounts/c'),
    });
    expect(pe.private_dns_zone_group.private_dns_zone_ids).toEqual([
      expect.stringMatching(/azurerm_private_dns_zone\./),
    ]);
    expect(pe.subnet_id).toBe('/subnet');
  });

  it('has no diagnostic setting: private endpoints have no logs and no exportable metrics', () => {
    expect(s.of('azurerm_monitor_diagnostic_setting')).toEqual([]);
  });
});
