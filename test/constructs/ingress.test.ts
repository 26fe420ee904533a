import { Ingress, type IngressProps } from '../../constructs/ingress';
import { synth } from '../helpers/synth-construct';

const base: IngressProps = {
  resourceGroupName: 'rg',
  location: 'usgovvirginia',
  name: 'pip-x',
  dnsLabel: 'ing-x',
  cloudappSuffix: 'cloudapp.usgovcloudapi.net',
  workspaceId: '/law',
};

describe('Ingress', () => {
  it('is a zone-redundant Standard static IP where the region has zones', () => {
    let hostname = '';
    const s = synth((scope) => {
      hostname = new Ingress(scope, 'i', { ...base, zones: ['1', '2', '3'] }).hostname;
    });
    expect(s.one('azurerm_public_ip')).toMatchObject({
      sku: 'Standard',
      allocation_method: 'Static',
      domain_name_label: 'ing-x',
      zones: ['1', '2', '3'],
    });
    expect(hostname).toBe('ing-x.usgovvirginia.cloudapp.usgovcloudapi.net');
    expect(s.one('azurerm_monitor_diagnostic_setting').target_resource_id).toMatch(/azurerm_public_ip/);
  });

  it('has no zones where the region has none', () => {
    const s = synth((scope) => new Ingress(scope, 'i', { ...base, zones: [] }));
    expect(s.one('azurerm_public_ip').zones).toBeUndefined();
  });
});
