/** The risk helpers of tools/diff/risk.ts on their own: ranking and the classification of settings and attributes. */
import { classifyAttribute, classifySetting, maxRisk, riskRank } from '../../tools/diff/risk';

describe('risk ranking', () => {
  it('maxRisk keeps the highest wherever it comes, undefined when there is none', () => {
    expect(maxRisk(['LOW', 'MEDIUM', 'HIGH'])).toBe('HIGH');
    expect(maxRisk(['HIGH', 'LOW', 'MEDIUM'])).toBe('HIGH');
    expect(maxRisk([undefined, 'LOW', undefined, 'MEDIUM'])).toBe('MEDIUM');
    expect(maxRisk([])).toBeUndefined();
    expect(maxRisk([undefined])).toBeUndefined();
  });

  it('riskRank orders the risks above no risk', () => {
    expect([undefined, 'LOW', 'MEDIUM', 'HIGH'].map((r) => riskRank(r as never))).toEqual([0, 1, 2, 3]);
  });
});

describe('classifySetting', () => {
  it.each([
    ['provider', 'MEDIUM', 'provider target or authentication'],
    ['provider.azurerm.environment', 'MEDIUM', 'provider target or authentication'],
    ['terraform.backend.azurerm.key', 'MEDIUM', 'state location'],
    ['terraform.required_providers.azurerm.version', 'MEDIUM', 'provider version'],
  ])('%s is %s (%s)', (path, risk, why) => expect(classifySetting(path)).toEqual({ risk, why }));

  it.each(['providers', 'output.endpoint', 'data.azurerm_client_config'])('%s is LOW', (path) =>
    expect(classifySetting(path)).toEqual({ risk: 'LOW' }),
  );
});

describe('classifyAttribute', () => {
  it('a security attribute nested under a non-sensitive block is MEDIUM', () => {
    expect(classifyAttribute('azurerm_storage_account', 'network_rules.default_action')).toEqual({
      risk: 'MEDIUM',
      why: 'security or availability',
    });
    expect(classifyAttribute('azurerm_storage_account', 'blob_properties.versioning_enabled')).toEqual({
      risk: 'LOW',
    });
  });

  it('names, locations and resource groups force replacement, from the provider data or assumed for an unknown type', () => {
    expect(classifyAttribute('azurerm_storage_account', 'location')).toEqual({
      risk: 'HIGH',
      why: 'forces replacement (azurerm ForceNew: location)',
      replaces: true,
    });
    // A type the provider data does not know is assumed to replace on the attributes every type replaces on.
    expect(classifyAttribute('azurerm_not_in_the_data', 'location')).toEqual({
      risk: 'HIGH',
      why: 'forces replacement (assumed: type not in the provider data)',
      replaces: true,
    });
  });

  it('"*" makes any change of a sensitive type MEDIUM, with why', () => {
    expect(classifyAttribute('azurerm_network_security_rule', 'priority')).toEqual({
      risk: 'MEDIUM',
      why: 'security or availability',
    });
  });

  it('rotation covers attributes nested in a cycled block; a type without rotation ignores the opt-in', () => {
    expect(
      classifyAttribute('azurerm_kubernetes_cluster_node_pool', 'kubelet_config.cpu_manager_policy', true),
    ).toEqual({ risk: 'MEDIUM', why: 'rotates every node of the pool' });
    expect(
      classifyAttribute('azurerm_kubernetes_cluster_node_pool', 'upgrade_settings.max_surge', true),
    ).toEqual({
      risk: 'LOW',
    });
    expect(classifyAttribute('azurerm_storage_account', 'account_tier', true)).toMatchObject({
      risk: 'HIGH',
      replaces: true,
    });
  });

  it('node pool changes rotate (MEDIUM) only when the cluster opts in, otherwise they replace', () => {
    const t = 'azurerm_kubernetes_cluster';
    expect(classifyAttribute(t, 'default_node_pool.vm_size', true)).toEqual({
      risk: 'MEDIUM',
      why: 'rotates every node of the pool',
    });
    expect(classifyAttribute(t, 'default_node_pool.vm_size').risk).toBe('HIGH');
  });

  it('routine firewall thresholds stay LOW; the custom rule block is MEDIUM', () => {
    const t = 'azurerm_cdn_frontdoor_firewall_policy';
    expect(classifyAttribute(t, 'custom_rule.rate_limit_threshold')).toEqual({ risk: 'LOW' });
    expect(classifyAttribute(t, 'custom_rule.action').risk).toBe('MEDIUM');
  });
});
