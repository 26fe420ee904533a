import {
  buildServiceConfig,
  preferredRegions,
  type ServiceConfigInput,
} from '../../constructs/service-config';

const regions = [
  { name: 'a', displayName: 'A' },
  { name: 'b', displayName: 'B' },
  { name: 'c', displayName: 'C' },
];

describe('preferredRegions', () => {
  it.each([
    ['a', ['a', 'b', 'c']],
    ['b', ['b', 'a', 'c']],
    ['c', ['c', 'a', 'b']],
  ])('puts %s first, then the others in order', (own, want) => {
    expect(preferredRegions(own, regions).map((r) => r.name)).toEqual(want);
  });

  it('rejects a region outside the environment', () => {
    expect(() => preferredRegions('z', regions)).toThrow(/not one of/);
  });
});

describe('buildServiceConfig', () => {
  const input: ServiceConfigInput = {
    environment: 'e',
    stack: 'e-b',
    cloud: {
      id: 'c',
      azCloudName: 'C',
      endpoints: { resourceManager: 'https://arm', login: 'https://login', graph: 'https://graph' },
      suffixes: { keyVault: 'kv', cosmos: 'cos', storage: 'st' },
    },
    tenantId: 't',
    region: { name: 'b', code: 'bb', displayName: 'B' },
    regions,
    cosmosEndpoint: 'https://x.cos:443/',
    cosmosDatabases: ['app'],
    keyVaultUri: 'https://v.kv/',
    ingressHostname: 'h',
    outputs: { workloadIdentityClientId: 'wi', appInsightsConnectionString: 'ai' },
  };

  it('refers to apply-time values by output name, marking secrets sensitive', () => {
    const c = buildServiceConfig(input);
    expect(c.workloadIdentity.clientId).toEqual({ fromTerraformOutput: 'wi' });
    expect(c.appInsights.connectionString).toEqual({ fromTerraformOutput: 'ai', sensitive: true });
    expect(c.cosmos).toEqual({
      endpoint: 'https://x.cos:443/',
      databases: ['app'],
      preferredRegions: ['b', 'a', 'c'],
      preferredLocations: ['B', 'A', 'C'],
    });
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
  });
});
