/** The engine around the rules: waivers (glob, alias, expiry, scope), gating by capability and tier, helpers. */
import { pointsAt } from '../../policy/attrs';
import { runPolicy } from '../../policy/engine';
import { dnsPattern, addressOf } from '../../policy/rules/residency';
import { isInternet, portCovers } from '../../policy/rules/network';
import { globToRegExp } from '../../policy/waivers';
import type { JsonObject } from '../../contract/out';
import { EAST, GLOBAL, golden, res, toOutput, type Golden } from './golden';

const run = (g: Golden, today = '2026-06-01', minSeverity: 'low' | 'medium' | 'high' = 'medium') =>
  runPolicy(toOutput(g), { today, minSeverity });

function breakVaults(g: Golden): void {
  for (const s of [EAST, `${g.env.name}-centralus`])
    res(g, s, 'azurerm_key_vault', 'kv').purge_protection_enabled = false;
}

describe('waivers', () => {
  it('an active waiver hides matching findings (glob over stacks) and is listed with its count', () => {
    const g = golden();
    breakVaults(g);
    expect(run(g).failing).toBe(2);
    g.env.waivers = [
      {
        rule: 'CKV_AZURE_110',
        resource: 'prod-x-*/azurerm_key_vault.*',
        reason: 'vault migration, ticket 42',
        expires: '2026-06-01',
      },
    ];
    const r = run(g);
    expect(r.failing).toBe(0);
    expect(r.findings).toEqual([]);
    expect(r.waived.map((f) => `${f.stack}/${f.resource}`)).toEqual([
      `${EAST}/azurerm_key_vault.kv`,
      'prod-x-centralus/azurerm_key_vault.kv',
    ]);
    expect(r.waivers).toMatchObject([{ expired: false, daysLeft: 0, matched: 2 }]);
  });

  it('a waiver may name an alias of the rule; a non-matching pattern hides nothing', () => {
    const g = golden();
    breakVaults(g);
    g.env.waivers = [
      {
        rule: 'CKV_AZURE_42',
        resource: `${EAST}/azurerm_key_vault.kv`,
        reason: 'alias of CKV_AZURE_110',
        expires: '2027-01-01',
      },
      {
        rule: 'CKV_AZURE_110',
        resource: `${EAST}/azurerm_key_vault.other`,
        reason: 'wrong resource name',
        expires: '2027-01-01',
      },
    ];
    const r = run(g);
    expect(r.waived.map((f) => f.resource)).toEqual(['azurerm_key_vault.kv']);
    expect(r.findings.map((f) => `${f.rule} ${f.stack}`).sort()).toEqual([
      'CKV_AZURE_110 prod-x-centralus',
      'FP_WAIVER_UNUSED environments/prod-x.yaml',
    ]);
  });

  it('an expired waiver hides nothing and is itself a finding that fails the run', () => {
    const g = golden();
    breakVaults(g);
    g.env.waivers = [
      { rule: 'CKV_AZURE_110', resource: '*', reason: 'temporary, until the rollout', expires: '2026-05-31' },
    ];
    const r = run(g);
    expect(r.waived).toEqual([]);
    const expired = r.findings.find((f) => f.rule === 'FP_WAIVER_EXPIRED')!;
    expect(expired).toMatchObject({
      severity: 'high',
      stack: 'environments/prod-x.yaml',
      resource: '*',
      attribute: 'waivers[0].expires',
    });
    expect(expired.found).toContain('2026-05-31');
    expect(r.failing).toBe(3);
  });

  it('glob: * matches any characters, everything else literally', () => {
    expect(globToRegExp('a-*/azurerm_key_vault.kv').test('a-b/c/azurerm_key_vault.kv')).toBe(true);
    expect(globToRegExp('a/azurerm_key_vault.kv').test('a/azurerm_key_vaultXkv')).toBe(false);
    expect(globToRegExp('a/x.(y)+').test('a/x.(y)+')).toBe(true);
  });
});

describe('gating and severity', () => {
  it('rules of a capability the environment does not use are skipped and listed', () => {
    const g = golden();
    g.env.features = {
      ...g.env.features,
      managedPrometheus: { feature: 'managedPrometheus', outcome: 'off', reason: 'unavailable' },
    };
    delete res(g, EAST, 'azurerm_kubernetes_cluster', 'aks').monitor_metrics;
    const r = run(g, '2026-06-01', 'low');
    expect(r.findings).toEqual([]);
    expect(r.skipped).toEqual([
      {
        environment: 'prod-x',
        rule: 'APRL-dcaf8128',
        reason: 'capability managedPrometheus is off: unavailable',
      },
    ]);
  });

  it('multi-region reliability rules are not checked for a dev environment', () => {
    const g = golden();
    g.env = { ...g.env, tier: 'dev' };
    const cosmos = res(g, GLOBAL, 'azurerm_cosmosdb_account', 'cosmos');
    cosmos.geo_location = [{ location: 'eastus2', failover_priority: 0, zone_redundant: true }];
    const r = run(g, '2026-06-01', 'low');
    expect(r.findings).toEqual([]);
    expect(r.skipped.map((s) => s.rule)).toContain('APRL-43663217');
  });

  it('findings below the minimum severity are reported but do not fail', () => {
    const g = golden();
    delete res(g, EAST, 'azurerm_key_vault', 'kv').soft_delete_retention_days; // low
    expect(run(g, '2026-06-01', 'medium')).toMatchObject({
      failing: 0,
      findings: [{ rule: 'AVD-AZU-0016' }],
    });
    expect(run(g, '2026-06-01', 'low').failing).toBe(1);
  });
});

describe('helpers', () => {
  it('DNS names match only on a boundary', () => {
    const re = (n: string, s: string) => dnsPattern(n).test(s);
    expect(re('trafficmanager.net', 'x.usgovtrafficmanager.net')).toBe(false);
    expect(re('trafficmanager.net', 'x.trafficmanager.net')).toBe(true);
    expect(re('vault.azure.net', 'https://kv.vault.azure.net/secrets/a')).toBe(true);
    expect(re('vault.azure.net', 'vault.azure.net')).toBe(true);
    expect(re('vault.azure.net', 'vault.azure.network')).toBe(false);
    expect(re('documents.azure.com', 'a.documents.azure.com.cn')).toBe(false);
    expect(re('login.microsoftonline.com', 'user@login.microsoftonline.com')).toBe(true);
  });

  it('internet sources and port ranges', () => {
    for (const s of ['*', 'Internet', 'ANY', '0.0.0.0/0', '::/0', '0.0.0.0', '10.0.0.0/0'])
      expect(isInternet(s)).toBe(true);
    for (const s of ['10.0.0.0/8', 'AzureFrontDoor.Backend', 'VirtualNetwork'])
      expect(isInternet(s)).toBe(false);
    expect(portCovers('*', 22)).toBe(true);
    expect(portCovers('20-25', 22)).toBe(true);
    expect(portCovers('2222', 22)).toBe(false);
  });

  it('a reference counts only in the same stack; an ARM id counts from any stack', () => {
    const target = {
      stack: 'a',
      type: 'azurerm_key_vault',
      name: 'kv',
      address: 'azurerm_key_vault.kv',
      attrs: { name: 'kv-x' } as JsonObject,
    };
    expect(pointsAt('${azurerm_key_vault.kv.id}', 'a', target)).toBe(true);
    expect(pointsAt('${azurerm_key_vault.kv.id}', 'b', target)).toBe(false);
    expect(
      pointsAt('/subscriptions/s/resourceGroups/r/providers/Microsoft.KeyVault/vaults/KV-X', 'b', target),
    ).toBe(true);
    expect(
      pointsAt('/subscriptions/s/resourceGroups/r/providers/Microsoft.KeyVault/vaults/kv-xy', 'b', target),
    ).toBe(false);
  });

  it('paths in a stack map to addresses', () => {
    expect(addressOf('resource.azurerm_key_vault.kv.network_acls.default_action')).toEqual({
      resource: 'azurerm_key_vault.kv',
      attribute: 'network_acls.default_action',
    });
    expect(addressOf('provider.azurerm[0].environment')).toEqual({
      resource: 'provider.azurerm',
      attribute: 'environment',
    });
    expect(addressOf('terraform.backend.azurerm.environment')).toEqual({
      resource: 'terraform.backend',
      attribute: 'azurerm.environment',
    });
  });
});
