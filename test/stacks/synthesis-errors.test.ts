/**
 * Every footprint stack enforces diagnostics: a diagnosable resource without a setting, in any stack of any
 * environment, is reported with its address before anything is synthesized.
 */
import { Testing } from 'cdktf';
import { BastionHost as Bastion } from '@cdktf/provider-azurerm/lib/bastion-host';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { Footprint } from '../../stacks/footprint';
import { assertValid, SynthesisError, validationProblems } from '../../stacks/synth-checks';
import { shippedConfig } from '../helpers/load';

function footprints() {
  const app = Testing.app();
  const envs = shippedConfig().environments.filter(
    (e) => e.name === 'dev-public' || e.name === 'prod-public',
  );
  return { app, fps: envs.map((env) => new Footprint(app, env)) };
}

describe('stack validation of whole environments', () => {
  it('passes for the shipped stacks', () => {
    const { app } = footprints();
    expect(validationProblems(app)).toEqual([]);
  });

  it('names every planted Key Vault without diagnostics across stacks and environments', () => {
    const { app, fps } = footprints();
    const planted = [fps[0]!.global, fps[1]!.stamps[1]!];
    for (const stack of planted) {
      new KeyVault(stack, 'planted-kv', {
        name: 'kv-planted',
        location: 'eastus2',
        resourceGroupName: stack.resourceGroup.name,
        tenantId: stack.env.config.tenantId,
        skuName: 'premium',
      });
    }
    let error: unknown;
    try {
      assertValid(app);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SynthesisError);
    expect((error as SynthesisError).problems.map((p) => p.split(' ')[0])).toEqual([
      'dev-public-global/azurerm_key_vault.planted-kv',
      'prod-public-westus3/azurerm_key_vault.planted-kv',
    ]);
  });
});

describe('resource provider namespace table', () => {
  it('fails synthesis naming a resource type the table lacks', () => {
    const { app, fps } = footprints();
    new Bastion(fps[0]!.stamps[0]!, 'planted-bastion', {
      name: 'bas-planted',
      location: 'eastus2',
      resourceGroupName: 'rg',
    });
    expect(validationProblems(app)).toEqual([
      expect.stringMatching(
        /^dev-public-eastus2: resource type azurerm_bastion_host has no resource provider namespace: add it to model\/data\/azure-resource-types.json/,
      ),
    ]);
  });
});
