import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Footprint } from '../../stacks/footprint';
import { readableLogicalId } from '../../stacks/logical-ids';
import { shippedEnvironment } from '../helpers/load';
import { synthEnv } from '../helpers/synth-env';

describe('readable Terraform addresses', () => {
  it('joins the construct path, drops cdktf ids and repeated neighbours, keeps names Terraform accepts', () => {
    expect(readableLogicalId(['entry', 'front-door', 'origin-group'])).toBe('entry_front-door_origin-group');
    expect(readableLogicalId(['aks', 'Default', 'cluster'])).toBe('aks_cluster');
    expect(readableLogicalId(['waf', 'waf', 'policy'])).toBe('waf_policy');
    expect(readableLogicalId(['pool apps!'])).toBe('pool-apps-');
    expect(readableLogicalId(['1st'])).toBe('_1st');
    expect(() => readableLogicalId(['Default'])).toThrow(/empty path/);
  });

  it('gives every shipped resource a hash-free address', () => {
    const { stacks } = synthEnv('prod-usgov');
    for (const json of Object.values(stacks)) {
      for (const byName of Object.values(json.resource ?? {})) {
        for (const name of Object.keys(byName as object)) expect(name).not.toMatch(/_[0-9A-F]{8}$/);
      }
    }
    expect(Object.keys(stacks['prod-usgov-global']!.resource.azurerm_cosmosdb_account)).toEqual([
      'cosmos_account',
    ]);
  });

  it('fails synthesis when two constructs would share an address', () => {
    const stack = new Footprint(Testing.app({ stackTraces: false }), shippedEnvironment('dev-public')).global;
    // x/y/z and x/y_z are different constructs that join to the same address.
    const parent = new Construct(stack, 'x');
    new ResourceGroup(new Construct(parent, 'y'), 'z', { name: 'rg1', location: 'eastus2' });
    new ResourceGroup(parent, 'y_z', { name: 'rg2', location: 'eastus2' });
    expect(() => Testing.synth(stack)).toThrow(/would share the Terraform address x_y_z/);
  });
});
