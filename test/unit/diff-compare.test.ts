/** The pure diff of two synthesized trees and its risk classes. */
import { compare, compareResource, type DiffResult, type ResourceChange } from '../../tools/diff/compare';
import { riskExitCode } from '../../lib/cli';
import { classifyAttribute, STATEFUL } from '../../tools/diff/risk';
import { envTree } from '../helpers/diff-trees';
import { synthOutput, type TreeSpec } from '../helpers/out-tree';

const diff = (a: TreeSpec, b: TreeSpec) => compare(synthOutput(a), synthOutput(b));

function resource(d: DiffResult, stack: string, address: string): ResourceChange {
  const r = d.stacks.find((s) => s.stack === stack)?.resources.find((x) => x.address === address);
  if (!r)
    throw new Error(`no change for ${stack} ${address}: ${JSON.stringify(d.stacks.map((s) => s.stack))}`);
  return r;
}

describe('compare', () => {
  it('finds nothing between identical trees and ignores cdktf "//" metadata at any depth', () => {
    const a = envTree();
    const b = envTree();
    const meta = b['prod-public']!.stacks['prod-public-global']!.azurerm_cosmosdb_account!.cosmos!;
    (meta as Record<string, unknown>)['//'] = { metadata: { path: 'elsewhere' } };
    (meta.consistency_policy as Record<string, unknown>)['//'] = { note: 'nested metadata' };
    const d = diff(a, b);
    expect(d.risk).toBeNull();
    expect(d.stacks).toEqual([]);
    expect(d.counts.stacks.unchanged).toBe(3);
  });

  it('reports attribute paths old → new; a tag change is LOW', () => {
    const d = diff(envTree(), envTree({ owner: 'other@example.com' }));
    const rg = resource(d, 'prod-public-eastus2', 'azurerm_resource_group.rg');
    expect(rg.action).toBe('update');
    expect(rg.changes).toEqual([
      { path: 'tags.owner', before: 'team@example.com', after: 'other@example.com', risk: 'LOW' },
    ]);
    expect(d.risk).toBe('LOW');
  });

  it('ranks a Cosmos DB region reorder HIGH and names the failover order', () => {
    const cosmos = { location: 'eastus2' }; // the account's own location stays
    const d = diff(
      envTree({ regions: ['eastus2', 'centralus', 'westus3'], cosmos }),
      envTree({ regions: ['eastus2', 'westus3', 'centralus'], cosmos }),
    );
    const c = resource(d, 'prod-public-global', 'azurerm_cosmosdb_account.cosmos');
    expect(c.risk).toBe('HIGH');
    expect(c.changes).toEqual([
      expect.objectContaining({
        path: 'geo_location (failover order)',
        before: ['eastus2', 'centralus', 'westus3'],
        after: ['eastus2', 'westus3', 'centralus'],
        risk: 'HIGH',
      }),
    ]);
    expect(c.replaces).toBe(false);
    expect(d.risk).toBe('HIGH');
  });

  it('says when the Cosmos write region moves, and that it replaces the account', () => {
    const cosmos = { location: 'eastus2' };
    const d = diff(envTree({ cosmos }), envTree({ regions: ['centralus', 'eastus2'], cosmos }));
    const c = resource(d, 'prod-public-global', 'azurerm_cosmosdb_account.cosmos');
    expect(c.changes[0]).toMatchObject({ path: 'geo_location (failover order)', risk: 'HIGH' });
    expect(c.changes[0]!.why).toContain('write region moves eastus2 → centralus');
    expect(c.replaces).toBe(true);
    expect(c.loses).toBe(STATEFUL.azurerm_cosmosdb_account);
  });

  it('compares geo_location by failover_priority, not by list position', () => {
    const a = envTree();
    const b = envTree();
    const acct = b['prod-public']!.stacks['prod-public-global']!.azurerm_cosmosdb_account!.cosmos!;
    acct.geo_location = [...(acct.geo_location as unknown[])].reverse() as typeof acct.geo_location;
    expect(diff(a, b).risk).toBeNull();
  });

  it('a Cosmos region added at the end is MEDIUM, a region removed is HIGH', () => {
    const two = envTree({ cosmos: { location: 'eastus2' } });
    const three = envTree({ regions: ['eastus2', 'centralus', 'westus3'], cosmos: { location: 'eastus2' } });
    const added = resource(diff(two, three), 'prod-public-global', 'azurerm_cosmosdb_account.cosmos');
    expect(added.changes).toEqual([
      expect.objectContaining({ path: 'geo_location[location=westus3]', risk: 'MEDIUM' }),
    ]);
    expect(added.changes[0]).not.toHaveProperty('before');
    expect(added.changes[0]!.after).toMatchObject({ location: 'westus3', zone_redundant: true });
    expect(added.risk).toBe('MEDIUM');
    const removed = resource(diff(three, two), 'prod-public-global', 'azurerm_cosmosdb_account.cosmos');
    expect(removed.risk).toBe('HIGH');
    expect(removed.changes[0]!.path).toBe('geo_location[location=westus3]');
  });

  it('matches repeatable blocks by name: an NSG rule change is MEDIUM at its path', () => {
    const d = diff(envTree(), envTree({ httpsPriority: 110 }));
    const nsg = resource(d, 'prod-public-eastus2', 'azurerm_network_security_group.nsg');
    expect(nsg.changes).toEqual([
      expect.objectContaining({ path: 'security_rule[name=allow-https].priority', before: 100, after: 110 }),
    ]);
    expect(nsg.risk).toBe('MEDIUM');
  });

  it('a WAF rate-limit threshold is LOW, the WAF mode MEDIUM', () => {
    const t = resource(
      diff(envTree(), envTree({ rateLimit: 5000 })),
      'prod-public-global',
      'azurerm_cdn_frontdoor_firewall_policy.waf',
    );
    expect(t.changes).toEqual([
      { path: 'custom_rule.rate_limit_threshold', before: 2000, after: 5000, risk: 'LOW' },
    ]);
    const m = resource(
      diff(envTree(), envTree({ wafMode: 'Detection' })),
      'prod-public-global',
      'azurerm_cdn_frontdoor_firewall_policy.waf',
    );
    expect(m.risk).toBe('MEDIUM');
  });

  it('replacement-prone attributes are HIGH: partition key, AKS DNS prefix, names', () => {
    const pk = resource(
      diff(envTree(), envTree({ partitionKey: '/id' })),
      'prod-public-global',
      'azurerm_cosmosdb_sql_container.items',
    );
    expect(pk).toMatchObject({
      risk: 'HIGH',
      replaces: true,
      loses: STATEFUL.azurerm_cosmosdb_sql_container,
    });
    expect(pk.changes[0]).toMatchObject({
      path: 'partition_key_paths',
      before: ['/tenantId'],
      after: ['/id'],
    });
    const dns = resource(
      diff(envTree(), envTree({ dnsPrefix: 'x' })),
      'prod-public-centralus',
      'azurerm_kubernetes_cluster.aks',
    );
    expect(dns).toMatchObject({ risk: 'HIGH', replaces: true });
    expect(dns.loses).toBeUndefined();
  });

  it('an AKS system pool VM size change rotates the pool (MEDIUM) where rotation is configured, else HIGH (the apply fails)', () => {
    const withVm = (vm: string, rotation: boolean): TreeSpec => {
      const t = envTree();
      const aks = t['prod-public']!.stacks['prod-public-eastus2']!.azurerm_kubernetes_cluster!.aks!;
      aks.default_node_pool = {
        name: 'system',
        vm_size: vm,
        ...(rotation ? { temporary_name_for_rotation: 'systemtmp' } : {}),
      };
      return t;
    };
    const rotated = resource(
      diff(withVm('a', true), withVm('b', true)),
      'prod-public-eastus2',
      'azurerm_kubernetes_cluster.aks',
    );
    expect(rotated).toMatchObject({ risk: 'MEDIUM', replaces: false });
    expect(rotated.changes[0]).toMatchObject({
      path: 'default_node_pool.vm_size',
      why: 'rotates every node of the pool',
    });
    const replaced = resource(
      diff(withVm('a', false), withVm('b', false)),
      'prod-public-eastus2',
      'azurerm_kubernetes_cluster.aks',
    );
    // Not a ForceNew attribute: without rotation the provider refuses the update instead of replacing.
    expect(replaced).toMatchObject({ risk: 'HIGH', replaces: false });
    expect(replaced.changes[0]!.why).toMatch(/temporary_name_for_rotation/);
  });

  it('a removed stamp is HIGH and names every stateful resource it deletes', () => {
    const d = diff(envTree(), envTree({ regions: ['eastus2'] }));
    const gone = d.stacks.find((s) => s.stack === 'prod-public-centralus')!;
    expect(gone).toMatchObject({ status: 'removed', risk: 'HIGH', environment: 'prod-public' });
    const stateful = gone.resources
      .filter((r) => r.loses)
      .map((r) => r.address)
      .sort();
    expect(stateful).toEqual([
      'azurerm_key_vault.kv',
      'azurerm_log_analytics_workspace.law',
      'azurerm_resource_group.rg',
    ]);
    expect(gone.resources.find((r) => r.address === 'azurerm_virtual_network.vnet')!.risk).toBe('MEDIUM');
    expect(d.counts.stacks).toMatchObject({ removed: 1 });
  });

  it('a stack without stateful resources removed is MEDIUM; a stack added is LOW', () => {
    const base: TreeSpec = {
      e: { stacks: { 'e-global': {}, 'e-x': { azurerm_subnet: { s: { name: 's' } } } } },
    };
    const head: TreeSpec = { e: { stacks: { 'e-global': {} } } };
    expect(diff(base, head).stacks[0]).toMatchObject({ status: 'removed', risk: 'MEDIUM' });
    expect(diff(head, base).stacks[0]).toMatchObject({ status: 'added', risk: 'LOW', counts: { create: 1 } });
  });

  it('a list of values in another order only is LOW, even for a replacement-prone attribute', () => {
    const withZones = (zones: string[]): TreeSpec => {
      const t = envTree();
      const aks = t['prod-public']!.stacks['prod-public-eastus2']!.azurerm_kubernetes_cluster!.aks!;
      aks.default_node_pool = { name: 'system', vm_size: 'x', zones };
      return t;
    };
    const c = resource(
      diff(withZones(['1', '2', '3']), withZones(['3', '2', '1'])),
      'prod-public-eastus2',
      'azurerm_kubernetes_cluster.aks',
    );
    expect(c).toMatchObject({ risk: 'LOW', replaces: false });
    expect(c.changes[0]).toMatchObject({
      path: 'default_node_pool.zones',
      before: ['1', '2', '3'],
      after: ['3', '2', '1'],
    });
    const real = resource(
      diff(withZones(['1', '2', '3']), withZones(['1', '2'])),
      'prod-public-eastus2',
      'azurerm_kubernetes_cluster.aks',
    );
    expect(real.risk).toBe('HIGH');
  });

  it('treats a single block written as an object or as a list of one alike', () => {
    const a = envTree();
    const b = envTree();
    const aks = b['prod-public']!.stacks['prod-public-eastus2']!.azurerm_kubernetes_cluster!.aks!;
    aks.default_node_pool = [aks.default_node_pool!];
    expect(diff(a, b).risk).toBeNull();
  });

  it('provider and backend changes are MEDIUM settings of the stack', () => {
    const a: TreeSpec = { e: { stacks: { 'e-global': {} } } };
    const b: TreeSpec = {
      e: {
        stacks: { 'e-global': {} },
        settings: {
          'e-global': { provider: { azurerm: [{ environment: 'usgovernment', features: [{}] }] } },
        },
      },
    };
    const s = diff(a, b).stacks[0]!;
    expect(s.settings).toEqual([
      expect.objectContaining({
        path: 'provider.azurerm.environment',
        before: 'public',
        after: 'usgovernment',
        risk: 'MEDIUM',
      }),
    ]);
    expect(s.risk).toBe('MEDIUM');
  });

  it('reports changed feature decisions of an environment', () => {
    const a: TreeSpec = {
      e: {
        stacks: { 'e-global': {} },
        summary: { features: { frontDoor: { feature: 'frontDoor', outcome: 'on' } } },
      },
    };
    const b: TreeSpec = {
      e: {
        stacks: { 'e-global': {} },
        summary: {
          features: { frontDoor: { feature: 'frontDoor', outcome: 'fallback', fallback: 'trafficManager' } },
        },
      },
    };
    const d = diff(a, b);
    expect(d.environments).toEqual([
      {
        environment: 'e',
        status: 'changed',
        changes: [
          expect.objectContaining({
            path: 'features.frontDoor',
            before: 'on',
            after: 'fallback: trafficManager',
          }),
        ],
      },
    ]);
    expect(d.risk).toBe('MEDIUM');
  });

  it('limits the comparison to some environments', () => {
    const a = {
      ...envTree(),
      other: { stacks: { 'other-global': { azurerm_resource_group: { rg: { name: 'a' } } } } },
    };
    const b = {
      ...envTree(),
      other: { stacks: { 'other-global': { azurerm_resource_group: { rg: { name: 'b' } } } } },
    };
    expect(compare(synthOutput(a), synthOutput(b)).risk).toBe('HIGH');
    expect(compare(synthOutput(a), synthOutput(b), { environments: ['prod-public'] }).risk).toBeNull();
  });
});

describe('new origins', () => {
  const origin = (enabled: boolean) => ({
    stack: 'prod-public-global',
    type: 'azurerm_cdn_frontdoor_origin',
    name: 'o',
    address: 'azurerm_cdn_frontdoor_origin.o',
    attrs: { name: 'origin-westus2', enabled, host_name: 'x' },
  });

  it('are MEDIUM: enabled, they take traffic before their stamp exists; disabled, they wait for it', () => {
    expect(compareResource(undefined, origin(true))).toMatchObject({
      action: 'create',
      risk: 'MEDIUM',
      why: expect.stringMatching(/takes traffic as soon as the global stack is applied.*serving: false/),
    });
    expect(compareResource(undefined, origin(false))).toMatchObject({
      risk: 'MEDIUM',
      why: expect.stringMatching(/created disabled \(serving: false\)/),
    });
    const endpoint = { ...origin(true), type: 'azurerm_traffic_manager_external_endpoint' };
    expect(compareResource(undefined, endpoint)!.risk).toBe('MEDIUM');
    expect(compareResource(undefined, { ...origin(true), type: 'azurerm_resource_group' })!.risk).toBe('LOW');
  });
});

describe('risk table', () => {
  it.each([
    ['azurerm_anything', 'name', 'HIGH'],
    ['azurerm_anything', 'location', 'HIGH'],
    ['azurerm_kubernetes_cluster', 'default_node_pool.vm_size', 'HIGH'],
    ['azurerm_kubernetes_cluster', 'network_profile.network_plugin', 'HIGH'],
    ['azurerm_kubernetes_cluster', 'default_node_pool', 'HIGH'], // the whole block
    ['azurerm_kubernetes_cluster', 'default_node_pool.max_count', 'MEDIUM'],
    ['azurerm_kubernetes_cluster', 'api_server_access_profile.authorized_ip_ranges', 'MEDIUM'],
    ['azurerm_key_vault', 'public_network_access_enabled', 'MEDIUM'],
    ['azurerm_key_vault', 'tenant_id', 'MEDIUM'], // in place (not ForceNew), but access breaks
    ['azurerm_cdn_frontdoor_custom_domain', 'host_name', 'HIGH'], // ForceNew in the provider data
    ['azurerm_kubernetes_cluster', 'network_profile.outbound_type', 'LOW'], // in place inside a ForceNew block
    ['azurerm_cdn_frontdoor_origin', 'enabled', 'MEDIUM'], // starts or stops traffic
    ['azurerm_subnet', 'address_prefixes', 'HIGH'],
    ['azurerm_virtual_network', 'address_space', 'MEDIUM'],
    ['azurerm_cdn_frontdoor_firewall_policy', 'custom_rule', 'MEDIUM'],
    ['azurerm_cdn_frontdoor_firewall_policy', 'custom_rule.rate_limit_threshold', 'LOW'],
    ['azurerm_log_analytics_workspace', 'retention_in_days', 'LOW'],
    ['azurerm_anything', 'tags.name', 'LOW'],
  ])('%s %s is %s', (type, path, risk) => {
    expect(classifyAttribute(type, path).risk).toBe(risk);
  });

  it('covers every stateful type the footprint builds', () => {
    for (const t of [
      'azurerm_cosmosdb_account',
      'azurerm_cosmosdb_sql_database',
      'azurerm_cosmosdb_sql_container',
      'azurerm_key_vault',
      'azurerm_log_analytics_workspace',
      'azurerm_storage_account',
      'azurerm_resource_group',
    ]) {
      expect(STATEFUL[t]).toBeTruthy();
    }
  });
});

describe('exit codes of --exit-code', () => {
  it('0 without changes, 4 with changes, 5 with a HIGH one: never 1, 2 or 3 (input, usage, internal error)', () => {
    expect(riskExitCode(null)).toBe(0);
    expect(riskExitCode('LOW')).toBe(4);
    expect(riskExitCode('MEDIUM')).toBe(4);
    expect(riskExitCode('HIGH')).toBe(5);
  });
});
