/**
 * How the plan review ranks the attribute changes of an in-place update, on small hand-built plans: the apply
 * traps (fails at apply, or disrupts), the risk tables of the synth diff, the Cosmos DB write region, the last
 * enabled Front Door origin of a group, and sensitive values, which are never shown nor used for a trap.
 */
import { one, plan, rc, review, update } from '../helpers/tf-plan';

describe('an update’s changes', () => {
  it('a routine change is LOW with nothing to explain; a new attribute has no before, a removed one no after', () => {
    const r = one(
      update(
        'azurerm_monitor_metric_alert.cpu',
        { description: 'old', severity: 2 },
        { description: 'new', tags: { team: 'x' } },
      ),
    );
    expect(r).toMatchObject({ action: 'update', risk: 'LOW', why: [] });
    expect(JSON.parse(JSON.stringify(r.changes))).toEqual([
      { path: 'description', before: 'old', after: 'new', risk: 'LOW' },
      { path: 'severity', before: 2, risk: 'LOW' },
      { path: 'tags', after: { team: 'x' }, risk: 'LOW' },
    ]);
  });

  it('an update with only values known after apply is LOW and lists them', () => {
    const r = one(update('azurerm_subnet.a', { id: 'x' }, {}, { after_unknown: { id: true } }));
    expect(r).toMatchObject({ risk: 'LOW', why: [], changes: [], unknown: ['id'] });
  });

  it('a security attribute is MEDIUM with its why, the most important change first', () => {
    const r = one(
      update(
        'azurerm_storage_account.st',
        { min_tls_version: 'TLS1_2', access_tier: 'Hot' },
        { min_tls_version: 'TLS1_0', access_tier: 'Cool' },
      ),
    );
    expect(r.risk).toBe('MEDIUM');
    expect(r.changes.map((c) => [c.path, c.risk])).toEqual([
      ['min_tls_version', 'MEDIUM'],
      ['access_tier', 'LOW'],
    ]);
    expect(r.why).toEqual(['min_tls_version: security or availability']);
  });

  it('an attribute the synth diff calls a replacement is MEDIUM when the provider updates it in place', () => {
    const r = one(update('azurerm_cdn_frontdoor_custom_domain.d', { host_name: 'a' }, { host_name: 'b' }));
    expect(r.risk).toBe('MEDIUM');
    expect(r.changes[0]).toMatchObject({
      path: 'host_name',
      risk: 'MEDIUM',
      why: "in place, although the synth diff's tables (tools/diff/risk.ts) call it a replacement",
    });
    expect(r.why).toEqual([
      "host_name: in place, although the synth diff's tables (tools/diff/risk.ts) call it a replacement",
    ]);
  });
});

describe('apply traps', () => {
  const pool = 'azurerm_kubernetes_cluster_node_pool.apps';

  it('a node pool property that needs rotation fails at apply without temporary_name_for_rotation', () => {
    const r = one(update(pool, { vm_size: 'D4' }, { vm_size: 'D8' }));
    expect(r.risk).toBe('HIGH');
    expect(r.changes).toEqual([
      {
        path: 'vm_size',
        before: 'D4',
        after: 'D8',
        risk: 'HIGH',
        why: expect.stringMatching(/^apply will fail: .*temporary_name_for_rotation/),
        trap: 'aks-node-pool-rotation',
        failsAtApply: true,
      },
    ]);
    expect(r.why).toEqual([`vm_size: ${r.changes[0]!.why}`]);
  });

  it('with a temporary name the same change rotates the pool: MEDIUM, and it applies', () => {
    const r = one(update(pool, { vm_size: 'D4' }, { vm_size: 'D8', temporary_name_for_rotation: 'appstmp' }));
    expect(r.risk).toBe('MEDIUM');
    expect(r.changes.find((c) => c.path === 'vm_size')).toMatchObject({
      risk: 'MEDIUM',
      trap: 'aks-node-pool-rotation',
      why: expect.stringMatching(/^rotates the pool/),
    });
    expect(r.changes.find((c) => c.path === 'vm_size')).not.toHaveProperty('failsAtApply');
  });

  it('a subnet prefix in use fails at apply; a Front Door origin disabled disrupts but applies', () => {
    const subnet = one(
      update(
        'azurerm_subnet.a',
        { address_prefixes: ['10.0.0.0/24'] },
        { address_prefixes: ['10.0.1.0/24'] },
      ),
    );
    expect(subnet.changes[0]).toMatchObject({
      path: 'address_prefixes[0]',
      trap: 'subnet-prefix-in-use',
      risk: 'HIGH',
      failsAtApply: true,
    });
    const origins = plan([
      update(
        'azurerm_cdn_frontdoor_origin.a',
        { enabled: true, cdn_frontdoor_origin_group_id: 'g' },
        { enabled: false, cdn_frontdoor_origin_group_id: 'g' },
      ),
      rc(
        'azurerm_cdn_frontdoor_origin.b',
        ['no-op'],
        { enabled: true, cdn_frontdoor_origin_group_id: 'g' },
        { enabled: true, cdn_frontdoor_origin_group_id: 'g' },
      ),
    ]);
    const a = review(origins).resources[0]!;
    expect(a.changes[0]).toMatchObject({
      path: 'enabled',
      trap: 'front-door-origin-disabled',
      risk: 'MEDIUM',
    });
    expect(a.changes[0]).not.toHaveProperty('failsAtApply');
  });

  it('a trap path holding a sensitive value is not judged on it (nor shown)', () => {
    const r = one(
      update(
        'azurerm_subnet.a',
        { address_prefixes: ['10.0.0.0/24'] },
        { address_prefixes: ['10.0.1.0/24'] },
        { before_sensitive: { address_prefixes: true }, after_sensitive: { address_prefixes: true } },
      ),
    );
    expect(r.changes).toEqual([
      expect.objectContaining({
        path: 'address_prefixes[0]',
        before: '(sensitive)',
        after: '(sensitive)',
      }),
    ]);
    expect(r.changes[0]).not.toHaveProperty('trap');
    // The synth diff's table still ranks the path: moving a subnet is HIGH.
    expect(r.changes[0]!.risk).toBe('HIGH');
  });

  it('Key Vault: retention once set cannot change; purge protection cannot be turned off', () => {
    const kv = 'azurerm_key_vault.kv';
    const retention = one(update(kv, { soft_delete_retention_days: 7 }, { soft_delete_retention_days: 90 }));
    expect(retention.changes[0]).toMatchObject({ trap: 'key-vault-retention', failsAtApply: true });
    const purge = one(update(kv, { purge_protection_enabled: true }, { purge_protection_enabled: false }));
    expect(purge.changes[0]).toMatchObject({ trap: 'key-vault-purge-protection', risk: 'HIGH' });
  });
});

describe('the Cosmos DB write region', () => {
  const cosmos = 'azurerm_cosmosdb_account.c';
  const geo = (...locations: string[]) => ({
    geo_location: locations.map((location, failover_priority) => ({ location, failover_priority })),
  });

  it('moving priority 0 to another location is a HIGH change of its own, listed first', () => {
    const r = one(update(cosmos, geo('eastus2', 'westus3'), geo('westus3', 'eastus2')));
    expect(r.risk).toBe('HIGH');
    expect(r.changes[0]).toEqual({
      path: 'write region',
      before: 'eastus2',
      after: 'westus3',
      risk: 'HIGH',
      why: 'the write region (failover priority 0) moves from eastus2 to westus3',
    });
    expect(r.why[0]).toBe(
      'write region: the write region (failover priority 0) moves from eastus2 to westus3',
    );
    // Moving westus3 to priority 0 in place is also refused by the provider.
    expect(r.changes.find((c) => c.trap === 'cosmos-priority-zero')).toMatchObject({
      path: 'geo_location[westus3].failover_priority',
      failsAtApply: true,
    });
  });

  it('the same write region, or a write region not known on one side, is no write-region change', () => {
    const paths = (before: object, after: object) =>
      one(update(cosmos, before as never, after as never)).changes.map((c) => c.path);
    expect(paths(geo('eastus2', 'westus3'), geo('eastus2', 'northeurope'))).not.toContain('write region');
    expect(paths({ geo_location: [] }, geo('westus3'))).not.toContain('write region');
    expect(paths({ kind: 'a' }, { kind: 'b', ...geo('westus3') })).not.toContain('write region');
    const noKey = { geo_location: [{ location: null, failover_priority: 0 }] };
    expect(paths(geo('eastus2'), noKey)).not.toContain('write region');
    const noZero = { geo_location: [{ location: 'westus3', failover_priority: 1 }] };
    expect(paths(geo('eastus2'), noZero)).not.toContain('write region');
    // A malformed plan (no values, a null block, a location that is no name) is read without failing.
    const odd = { geo_location: [null, { location: 3, failover_priority: 0 }] };
    expect(paths(geo('eastus2'), odd)).not.toContain('write region');
    expect(one(rc(cosmos, ['update'], null, geo('westus3'))).changes.map((c) => c.path)).not.toContain(
      'write region',
    );
  });

  it('only Cosmos DB accounts have a write region', () => {
    const r = one(update('azurerm_storage_account.st', geo('eastus2'), geo('westus3')));
    expect(r.changes.map((c) => c.path)).not.toContain('write region');
  });
});

describe('the last enabled Front Door origin of a group', () => {
  const origin = (name: string, group: string, before: boolean, after: boolean) =>
    update(
      `azurerm_cdn_frontdoor_origin.${name}`,
      { enabled: before, cdn_frontdoor_origin_group_id: group },
      { enabled: after, cdn_frontdoor_origin_group_id: group },
    );
  const riskOf = (...changes: Parameters<typeof plan>[0]) =>
    review(plan(changes)).resources.find((r) => r.address === 'azurerm_cdn_frontdoor_origin.a')!;

  it('disabling the only enabled origin of its group is HIGH: Front Door has nowhere to send traffic', () => {
    const r = riskOf(origin('a', 'g1', true, false), origin('b', 'g1', true, false));
    expect(r.risk).toBe('HIGH');
    expect(r.changes[0]).toMatchObject({
      path: 'enabled',
      risk: 'HIGH',
      trap: 'front-door-origin-disabled',
      why: 'no enabled origin is left in its origin group: Front Door has nowhere to send traffic',
    });
    expect(r.why).toEqual([
      'enabled: no enabled origin is left in its origin group: Front Door has nowhere to send traffic',
    ]);
  });

  it('another enabled origin of the same group keeps it MEDIUM; one of another group or being deleted does not', () => {
    expect(riskOf(origin('a', 'g1', true, false), origin('b', 'g1', true, true)).risk).toBe('MEDIUM');
    // An origin whose planned state says nothing about `enabled` is enabled (the provider's default).
    const unset = update(
      'azurerm_cdn_frontdoor_origin.b',
      { weight: 1, cdn_frontdoor_origin_group_id: 'g1' },
      { weight: 2, cdn_frontdoor_origin_group_id: 'g1' },
    );
    expect(riskOf(origin('a', 'g1', true, false), unset).risk).toBe('MEDIUM');
    expect(riskOf(origin('a', 'g1', true, false), origin('b', 'g2', true, true)).risk).toBe('HIGH');
    const deleted = rc(
      'azurerm_cdn_frontdoor_origin.b',
      ['delete'],
      { enabled: true, cdn_frontdoor_origin_group_id: 'g1' },
      { enabled: true, cdn_frontdoor_origin_group_id: 'g1' },
    );
    expect(riskOf(origin('a', 'g1', true, false), deleted).risk).toBe('HIGH');
    // A route names the group too, but is no origin.
    const route = update(
      'azurerm_cdn_frontdoor_route.r',
      { cdn_frontdoor_origin_group_id: 'g1', enabled: true },
      { cdn_frontdoor_origin_group_id: 'g1', enabled: true },
    );
    expect(riskOf(origin('a', 'g1', true, false), route).risk).toBe('HIGH');
  });

  it('an origin change other than disabling it leaves the group alone', () => {
    const r = riskOf(origin('a', 'g1', false, true));
    expect(r.changes[0]).toMatchObject({ path: 'enabled', risk: 'MEDIUM' });
    expect(r.changes[0]).not.toHaveProperty('trap');
  });
});
