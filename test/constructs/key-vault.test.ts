import { StampKeyVault, type StampKeyVaultProps } from '../../constructs/key-vault';
import { synth } from '../helpers/synth-construct';

const base: StampKeyVaultProps = {
  resourceGroupName: 'rg',
  location: 'chinanorth3',
  name: 'kv-x',
  tenantId: '00000000-0000-0000-0000-000000000001',
  dnsSuffix: 'vault.azure.cn',
  workspaceId: '/law',
};

describe('StampKeyVault', () => {
  it('uses RBAC, purge protection, explicit soft delete and no public access', () => {
    let uri = '';
    const s = synth((scope) => {
      uri = new StampKeyVault(scope, 'kv', base).uri;
    });
    expect(s.one('azurerm_key_vault')).toMatchObject({
      rbac_authorization_enabled: true,
      purge_protection_enabled: true,
      soft_delete_retention_days: 90,
      public_network_access_enabled: false,
      network_acls: { default_action: 'Deny' },
    });
    expect(s.one('azurerm_key_vault').access_policy).toBeUndefined();
    expect(uri).toBe('https://kv-x.vault.azure.cn/');
    const diag = s.one('azurerm_monitor_diagnostic_setting');
    expect(diag.enabled_log).toContainEqual({ category: 'AuditEvent' });
  });

  it.each([6, 91])('rejects a soft-delete retention of %i days', (days) => {
    expect(() =>
      synth((scope) => new StampKeyVault(scope, 'kv', { ...base, softDeleteRetentionDays: days })),
    ).toThrow(/7-90/);
  });
});
