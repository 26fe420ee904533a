/** classifyAttribute(): what the provider's ForceNew list does not say (BEYOND_PROVIDER), and types no table names. */
import { classifyAttribute } from '../../tools/diff/risk';

describe('classifyAttribute beyond the provider data', () => {
  it('a CustomizeDiff replacement is HIGH and replaces the resource', () => {
    expect(classifyAttribute('azurerm_cosmosdb_sql_container', 'partition_key_version')).toEqual({
      risk: 'HIGH',
      why: 'forces replacement (CustomizeDiff)',
      replaces: true,
    });
    expect(classifyAttribute('azurerm_storage_account', 'account_kind')).toEqual({
      risk: 'HIGH',
      why: 'forces replacement except StorageV1 → StorageV2 (CustomizeDiff)',
      replaces: true,
    });
  });

  it('an effect applied in place is ranked without replacing the resource', () => {
    const moved = classifyAttribute('azurerm_subnet', 'address_prefixes');
    expect(moved).toEqual({
      risk: 'HIGH',
      why: 'moves the subnet: fails or cuts off what uses it (AKS nodes, private endpoints)',
    });
    expect('replaces' in moved).toBe(false);
  });

  it('an attribute of a type no rule table names is LOW, with or without the rotation opt-in', () => {
    expect(classifyAttribute('azurerm_log_analytics_workspace', 'retention_in_days')).toEqual({
      risk: 'LOW',
    });
    expect(classifyAttribute('azurerm_log_analytics_workspace', 'retention_in_days', true)).toEqual({
      risk: 'LOW',
    });
  });
});
