/**
 * synthesize() checks the stacks itself (cdktf's App runs with skipValidation, so its own pass does not repeat
 * the work): a problem planted in a stack still fails synthesis with every problem named, and nothing of the
 * stacks is written.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { SynthesisError } from '../../stacks/synth-checks';
import { synthesizePart } from '../../stacks/synthesize';
import { shippedConfig } from '../helpers/load';

// Every Footprint gets a Key Vault without diagnostic settings in its global stack, which the diagnostics
// validation rejects.
jest.mock('../../stacks/footprint', () => {
  const actual = jest.requireActual<typeof import('../../stacks/footprint')>('../../stacks/footprint');
  class Planted extends actual.Footprint {
    constructor(...args: ConstructorParameters<typeof actual.Footprint>) {
      super(...args);
      new KeyVault(this.global, 'planted-kv', {
        name: 'kv-planted',
        location: 'eastus2',
        resourceGroupName: this.global.resourceGroup.name,
        tenantId: this.global.env.config.tenantId,
        skuName: 'premium',
      });
    }
  }
  return { ...actual, Footprint: Planted };
});

describe('synthesize validates the stacks before writing them', () => {
  it('throws every planted problem and writes no stack', () => {
    const envs = shippedConfig().environments.filter(
      (e) => e.name === 'dev-public' || e.name === 'prod-public',
    );
    const out = mkdtempSync(join(tmpdir(), 'fp-synth-validation-'));
    try {
      let error: unknown;
      try {
        synthesizePart(envs, out);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SynthesisError);
      expect((error as SynthesisError).problems.map((p) => p.split(' ')[0])).toEqual([
        'dev-public-global/azurerm_key_vault.planted-kv',
        'prod-public-global/azurerm_key_vault.planted-kv',
      ]);
      const stacks = join(out, 'stacks');
      expect(existsSync(stacks) ? readdirSync(stacks) : []).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
