/** Cosmos DB construct: replication, failover, security flags, backup, throughput ceilings, prevent_destroy. */
import { Testing } from 'cdktf';
import { Cosmos, type CosmosProps } from '../../constructs/cosmos';
import { synthJson, type Attrs } from '../helpers/synth-global';

const base: CosmosProps = {
  name: 'cosmos-x',
  resourceGroupName: 'rg-x',
  regions: [
    { location: 'eastus2', zones: true },
    { location: 'usgovtexas', zones: false },
    { location: 'centralus', zones: true },
  ],
  databases: [
    {
      name: 'app',
      containers: [
        { name: 'items', partitionKey: '/tenantId', maxThroughput: 4000 },
        { name: 'leases', partitionKey: '/id', maxThroughput: 1000, defaultTtlSeconds: 3600 },
      ],
    },
  ],
};

function synth(props: Partial<CosmosProps> = {}) {
  const json = JSON.parse(
    Testing.synthScope((scope) => {
      new Cosmos(scope, 'cosmos', { ...base, ...props });
    }),
  ) as Attrs;
  return (type: string) => synthJson(json, type);
}

describe('Cosmos', () => {
  it('replicates to every region in order, zone redundant where the region has zones', () => {
    const [account] = synth()('azurerm_cosmosdb_account');
    expect(account!.location).toBe('eastus2');
    expect(account!.geo_location).toEqual([
      { location: 'eastus2', failover_priority: 0, zone_redundant: true },
      { location: 'usgovtexas', failover_priority: 1, zone_redundant: false },
      { location: 'centralus', failover_priority: 2, zone_redundant: true },
    ]);
  });

  it('has no key auth, no public access, no key metadata writes, and fails over automatically', () => {
    const [account] = synth()('azurerm_cosmosdb_account');
    expect(account).toMatchObject({
      kind: 'GlobalDocumentDB',
      local_authentication_disabled: true,
      public_network_access_enabled: false,
      access_key_metadata_writes_enabled: false,
      automatic_failover_enabled: true,
      multiple_write_locations_enabled: false,
      consistency_policy: { consistency_level: 'Session' },
      backup: { type: 'Continuous', tier: 'Continuous30Days' },
    });
    expect(account!.lifecycle).toBeUndefined();
  });

  it('writes in every region when asked, and uses periodic geo backup when continuous is unavailable', () => {
    const [account] = synth({ multiRegionWrites: true, continuousBackup: false })('azurerm_cosmosdb_account');
    expect(account!.multiple_write_locations_enabled).toBe(true);
    expect(account!.backup).toMatchObject({ type: 'Periodic', storage_redundancy: 'Geo' });
  });

  it('creates containers with partition keys and autoscale ceilings', () => {
    const r = synth();
    expect(r('azurerm_cosmosdb_sql_database').map((d) => d.name)).toEqual(['app']);
    const containers = r('azurerm_cosmosdb_sql_container');
    expect(
      containers.map((c) => [c.name, c.partition_key_paths, c.autoscale_settings.max_throughput]),
    ).toEqual([
      ['items', ['/tenantId'], 4000],
      ['leases', ['/id'], 1000],
    ]);
    expect(containers[0]!.throughput).toBeUndefined();
    expect(containers[1]!.default_ttl).toBe(3600);
  });

  it('protects the account, databases and containers from destroy when asked', () => {
    const r = synth({ preventDestroy: true });
    for (const type of [
      'azurerm_cosmosdb_account',
      'azurerm_cosmosdb_sql_database',
      'azurerm_cosmosdb_sql_container',
    ]) {
      expect(r(type).length).toBeGreaterThan(0);
      for (const res of r(type)) expect(res.lifecycle).toEqual({ prevent_destroy: true });
    }
  });

  it('refuses Strong consistency without three single-write regions', () => {
    expect(() => synth({ consistency: 'Strong', multiRegionWrites: true })).toThrow(/Strong consistency/);
    expect(() => synth({ consistency: 'Strong', regions: base.regions.slice(0, 2) })).toThrow(/Strong/);
    expect(synth({ consistency: 'Strong' })('azurerm_cosmosdb_account')[0]!.consistency_policy).toEqual({
      consistency_level: 'Strong',
    });
  });

  it('sets multi-region staleness bounds for BoundedStaleness', () => {
    const [account] = synth({ consistency: 'BoundedStaleness' })('azurerm_cosmosdb_account');
    expect(account!.consistency_policy).toEqual({
      consistency_level: 'BoundedStaleness',
      max_interval_in_seconds: 300,
      max_staleness_prefix: 100000,
    });
  });
});
