/** The diagnostics Aspect fails synthesis naming a diagnosable resource without a setting, and passes with one. */
import { TerraformIterator, TerraformStack, Testing } from 'cdktf';
import { resolve } from 'cdktf/lib/_tokens';
import { Construct } from 'constructs';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { enforceDiagnostics, idReference, missingDiagnostics } from '../../constructs/diagnostics-aspect';
import { Diagnostics } from '../../constructs/diagnostics';
import { validationProblems } from '../../stacks/synth-checks';

const KV = 'Microsoft.KeyVault/vaults';
const WORKSPACE =
  '/subscriptions/0/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log-x';

function vault(stack: Construct, id = 'kv', name = 'kv-fp-x-1234'): KeyVault {
  return new KeyVault(stack, id, {
    name,
    location: 'eastus2',
    resourceGroupName: 'rg',
    tenantId: '00000000-0000-0000-0000-00000000000a',
    skuName: 'premium',
  });
}

function stackWith(build: (s: TerraformStack) => void, name = 'prod-public-eastus2'): TerraformStack {
  const stack = new TerraformStack(Testing.app(), name);
  enforceDiagnostics(stack);
  build(stack);
  return stack;
}

describe('diagnostics aspect', () => {
  it('fails synthesis naming <stack>/<type>.<name> of a Key Vault without a setting', () => {
    const stack = stackWith((s) => vault(s));
    expect(() => Testing.synth(stack, true)).toThrow(
      /prod-public-eastus2\/azurerm_key_vault\.kv has no diagnostic setting/,
    );
  });

  it('passes when a setting targets the resource id', () => {
    const stack = stackWith((s) => {
      const kv = vault(s);
      new Diagnostics(s, 'kv-diag', { targetResourceId: kv.id, resourceType: KV, workspaceId: WORKSPACE });
    });
    expect(missingDiagnostics(stack)).toEqual([]);
  });

  it('matches a setting on a sub-resource and one by synth-time ARM id', () => {
    const stack = stackWith((s) => {
      const st = new StorageAccount(s, 'st', {
        name: 'stfpx1234',
        location: 'eastus2',
        resourceGroupName: 'rg',
        accountTier: 'Standard',
        accountReplicationType: 'ZRS',
      });
      new Diagnostics(s, 'st-blob', {
        targetResourceId: `${st.id}/blobServices/default`,
        resourceType: 'Microsoft.Storage/storageAccounts/blobServices',
        workspaceId: WORKSPACE,
      });
      vault(s, 'kv', 'kv-fp-x-1234');
      new Diagnostics(s, 'kv-diag', {
        targetResourceId:
          '/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-fp-x-1234',
        resourceType: KV,
        workspaceId: WORKSPACE,
      });
    });
    expect(missingDiagnostics(stack)).toEqual([]);
  });

  it('does not accept a setting for another resource of the same type', () => {
    const stack = stackWith((s) => {
      const a = vault(s, 'kv-a', 'kv-a');
      vault(s, 'kv-b', 'kv-b');
      new Diagnostics(s, 'diag-a', { targetResourceId: a.id, resourceType: KV, workspaceId: WORKSPACE });
    });
    expect(missingDiagnostics(stack)).toEqual(['prod-public-eastus2/azurerm_key_vault.kv-b']);
  });

  it('ignores types without diagnostic settings', () => {
    const stack = stackWith((s) => new ResourceGroup(s, 'rg', { name: 'rg', location: 'eastus2' }));
    expect(missingDiagnostics(stack)).toEqual([]);
  });

  it('reports every stack of an app at once before anything is written', () => {
    const app = Testing.app();
    for (const name of ['env-a-global', 'env-a-eastus2']) {
      const stack = new TerraformStack(app, name);
      enforceDiagnostics(stack);
      vault(stack);
    }
    const problems = validationProblems(app).filter((p) => p.includes('diagnostic'));
    expect(problems.map((p) => p.split(' ')[0])).toEqual([
      'env-a-global/azurerm_key_vault.kv',
      'env-a-eastus2/azurerm_key_vault.kv',
    ]);
  });

  it('writes out exactly what a resource id resolves to in its stack (nested, and with for_each)', () => {
    const stack = new TerraformStack(Testing.app(), 'env-a-eastus2');
    const nested = vault(
      new Construct(new Construct(stack, 'observability'), 'vaults') as TerraformStack,
      'kv',
    );
    const each = new KeyVault(stack, 'each', {
      forEach: TerraformIterator.fromList(['a', 'b']),
      name: 'kv-each',
      location: 'eastus2',
      resourceGroupName: 'rg',
      tenantId: '00000000-0000-0000-0000-00000000000a',
      skuName: 'premium',
    });
    for (const r of [vault(stack), nested, each]) expect(idReference(r)).toBe(resolve(stack, r.id));
    expect(idReference(each)).toContain('.*.id}');
  });
});
