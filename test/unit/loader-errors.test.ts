/** Each class of bad config gives file:line:col, the field, what was expected and the valid choices. */
import { formatError } from '../../config/errors';
import { configFixture, type Edit } from '../helpers/fixture';
import { loadFrom } from '../helpers/load';

function errorsFor(edits: Edit[], keep?: string[]): string[] {
  return loadFrom(configFixture(edits, keep)).errors.map(formatError);
}

describe('loader errors', () => {
  it('accepts the shipped configuration', () => {
    const r = loadFrom(configFixture());
    expect(r.errors).toEqual([]);
    expect(r.environments.map((e) => e.name).sort()).toEqual([
      'dev-public',
      'prod-china',
      'prod-dod',
      'prod-public',
      'prod-usgov',
      'prod-ussec',
      'staging-public',
    ]);
  });

  it('names a region of another cloud with the valid choices (data residency)', () => {
    const errs = errorsFor([{ file: 'prod-usgov.yaml', from: 'name: usgovtexas', to: 'name: eastus' }]);
    expect(errs).toEqual([
      'environments/prod-usgov.yaml:15:11 regions[1].name: "eastus" is not a region of cloud usgov (usgovvirginia, usgovtexas, usgovarizona, usdodeast, usdodcentral)',
    ]);
  });

  it('suggests the closest choice for a typo', () => {
    const errs = errorsFor([{ file: 'prod-usgov.yaml', from: 'name: usgovtexas', to: 'name: usgovtexsa' }]);
    expect(errs[0]).toContain('did you mean "usgovtexas"?');
  });

  it('reports unknown fields at the key with the accepted fields', () => {
    const errs = errorsFor([
      { file: 'dev-public.yaml', from: 'costCenter: CC-0000', to: 'costCenter: CC-0000\ncostCentre: x' },
    ]);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(
      /^environments\/dev-public\.yaml:11:1 costCentre: unknown field "costCentre"; did you mean "costCenter"\? expected one of \(/,
    );
  });

  it('lists enum choices', () => {
    const errs = errorsFor([{ file: 'dev-public.yaml', from: 'tier: dev', to: 'tier: development' }]);
    expect(errs).toEqual([
      'environments/dev-public.yaml:5:7 tier: "development" is not allowed; expected one of (dev, staging, prod)',
    ]);
  });

  it('reports a missing required field at its parent', () => {
    const errs = errorsFor([{ file: 'dev-public.yaml', from: /subscriptionId: .*\n/, to: '' }]);
    expect(errs).toEqual([
      'environments/dev-public.yaml:3:1 subscriptionId: required field is missing; expected a lower-case GUID',
    ]);
  });

  it('rejects duplicate regions', () => {
    const errs = errorsFor([{ file: 'staging-public.yaml', from: 'name: centralus', to: 'name: eastus2' }]);
    expect(errs).toEqual([
      'environments/staging-public.yaml:15:11 regions[1].name: "eastus2" is listed twice (first at regions[0])',
    ]);
  });

  it('rejects invalid and overlapping CIDRs', () => {
    const errs = errorsFor([
      { file: 'staging-public.yaml', from: 'addressSpace: 10.20.16.0/20', to: 'addressSpace: 10.20.8.0/21' },
      { file: 'prod-public.yaml', from: 'addressSpace: 10.30.16.0/20', to: 'addressSpace: 10.30.16.1/20' },
    ]);
    expect(errs).toEqual([
      'environments/prod-public.yaml:16:19 regions[1].addressSpace: expected an IPv4 CIDR such as 10.10.0.0/20 (network address, prefix 8-29), found "10.30.16.1/20"',
      'environments/staging-public.yaml:16:19 regions[1].addressSpace: 10.20.8.0/21 overlaps 10.20.0.0/20 of regions[0] (eastus2)',
    ]);
  });

  it('rejects a stamp address space too small for the subnet plan', () => {
    const errs = errorsFor([
      { file: 'dev-public.yaml', from: 'addressSpace: 10.10.0.0/20', to: 'addressSpace: 10.10.0.0/24' },
    ]);
    expect(errs[0]).toMatch(
      /dev-public\.yaml:13:19 regions\[0\]\.addressSpace: 10\.10\.0\.0\/24 must be a \/16 to \/22/,
    );
  });

  it('rejects scale units that do not fit the region space, at the units line, with what would fit', () => {
    const errs = errorsFor([
      {
        file: 'dev-public.yaml',
        from: 'addressSpace: 10.10.0.0/20\n',
        to: 'addressSpace: 10.10.0.0/20\n    unitPrefix: 21\n    units: 3\n',
      },
    ]);
    expect(errs).toEqual([
      'environments/dev-public.yaml:15:12 regions[0].units: 10.10.0.0/20 holds 2 units of /21, not 3; expected an addressSpace of /19 or unitPrefix 22 (unit n is the n-th /21 of the space)',
    ]);
  });

  it('rejects a region space grown for its units that overlaps another region', () => {
    const errs = errorsFor([
      {
        file: 'staging-public.yaml',
        from: 'addressSpace: 10.20.0.0/20\n',
        to: 'addressSpace: 10.20.0.0/19\n    unitPrefix: 20\n    units: 2\n',
      },
    ]);
    expect(errs).toEqual([
      'environments/staging-public.yaml:18:19 regions[1].addressSpace: 10.20.16.0/20 overlaps 10.20.0.0/19 of regions[0] (eastus2)',
    ]);
  });

  it('fails a prod region that cannot survive the loss of one unit, at the line of its peak', () => {
    const errs = errorsFor([{ file: 'prod-public.yaml', from: 'centralus: 4500', to: 'centralus: 12000' }]);
    expect(errs).toEqual([
      'environments/prod-public.yaml:72:16 capacity.peakRps.centralus: centralus cannot survive the loss of one unit at 12000 rps: ceil(12000 / 5000) + 1 = 4 units needed, it has 2; expected units: 4 or more on the region (npm run capacity shows the arithmetic)',
    ]);
  });

  it('names a peak of a region the environment does not have, with its regions', () => {
    const errs = errorsFor([
      { file: 'prod-public.yaml', from: 'centralus: 4500', to: 'centralus: 4500\n    westus2: 10' },
    ]);
    expect(errs).toEqual([
      'environments/prod-public.yaml:73:14 capacity.peakRps.westus2: "westus2" is not a region of this environment; did you mean "westus3"? (eastus2, westus3, centralus)',
    ]);
  });

  it('does not fail a staging environment short of units (npm run capacity flags it)', () => {
    const errs = errorsFor([
      {
        file: 'staging-public.yaml',
        from: /\nrollout:/,
        to: '\ncapacity: { unitRps: 100, peakRps: { eastus2: 1000 } }\nrollout:',
      },
    ]);
    expect(errs).toEqual([]);
  });

  it('requires two regions in prod', () => {
    const errs = errorsFor([
      { file: 'prod-china.yaml', from: /  - name: chinaeast2\n    addressSpace: 10.60.16.0\/20\n/, to: '' },
    ]);
    expect(errs).toEqual([
      'environments/prod-china.yaml:13:3 regions: a prod environment needs at least 2 regions',
    ]);
  });

  it('fails when a required capability is missing in the cloud', () => {
    const errs = errorsFor([
      { file: 'prod-ussec.yaml', from: 'trafficManager:\n', to: 'requires: [frontDoor]\ntrafficManager:\n' },
    ]);
    expect(errs).toEqual([
      'environments/prod-ussec.yaml:18:12 requires[0]: "frontDoor" is required by this environment but unavailable in cloud ussec (environments/clouds/ussec.yaml)',
    ]);
  });

  it('rejects an unknown cloud with the choices', () => {
    const errs = errorsFor([{ file: 'dev-public.yaml', from: 'cloud: public', to: 'cloud: pubilc' }]);
    expect(errs).toEqual([
      'environments/dev-public.yaml:4:8 cloud: "pubilc" is not a cloud profile; did you mean "public"? (china, public, usgov, ussec)',
    ]);
  });

  it('rejects Strong consistency without 3 regions and single-region writes', () => {
    const errs = errorsFor([
      {
        file: 'prod-china.yaml',
        from: 'multiRegionWrites: true',
        to: 'consistency: Strong\n  multiRegionWrites: true',
      },
    ]);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(
      /prod-china\.yaml:\d+:\d+ cosmos\.consistency: Strong consistency needs at least 3 regions/,
    );
  });

  it('rejects names that cannot fit Azure limits', () => {
    const errs = errorsFor([
      { file: 'prod-usgov.yaml', from: 'prefix: fp', to: 'prefix: abcdef' },
      { file: 'clouds/usgov.yaml', from: 'code: ugv', to: 'code: abcdef' },
    ]);
    expect(
      errs.some((e) => /prod-usgov\.yaml:6:9 prefix: keyVault name ".*" breaks Azure's rule: 3-24/.test(e)),
    ).toBe(true);
  });

  it('rejects a file name that does not match the environment name', () => {
    const errs = errorsFor([{ file: 'dev-public.yaml', from: 'name: dev-public', to: 'name: dev-pub' }]);
    expect(errs).toEqual([
      'environments/dev-public.yaml:3:7 name: "dev-pub" must equal the file name "dev-public"',
    ]);
  });

  it('reports YAML syntax errors with their position', () => {
    const errs = errorsFor([{ file: 'dev-public.yaml', from: 'tier: dev', to: 'tier: [dev' }]);
    expect(errs[0]).toMatch(
      /^environments\/dev-public\.yaml:6:1 YAML syntax: found .*unclosed \[.*; expected .* \(parser: "Flow sequence/,
    );
  });

  it('checks cloud profiles, without blaming their environments', () => {
    expect(
      errorsFor([{ file: 'clouds/china.yaml', from: 'environment: china', to: 'environment: mooncake' }]),
    ).toEqual([
      'environments/clouds/china.yaml:8:16 provider.environment: "mooncake" is not allowed; expected one of (public, usgovernment, dod, china)',
    ]);
    expect(
      errorsFor([{ file: 'clouds/china.yaml', from: 'pair: chinaeast2 }', to: 'pair: chinaeast9 }' }]),
    ).toEqual([
      'environments/clouds/china.yaml:58:77 regions.chinanorth2.pair: "chinaeast9" is not a region of this cloud (chinanorth3, chinaeast3, chinanorth2, chinaeast2, chinanorth, chinaeast)',
    ]);
  });

  it('reports all errors of all files at once, sorted', () => {
    const errs = errorsFor([
      { file: 'dev-public.yaml', from: 'tier: dev', to: 'tier: qa' },
      { file: 'prod-usgov.yaml', from: 'name: usgovtexas', to: 'name: westeurope' },
      { file: 'prod-usgov.yaml', from: 'owner: footprint-team@example.com', to: 'owner: nobody' },
    ]);
    expect(errs.map((e) => e.split(' ')[0])).toEqual([
      'environments/dev-public.yaml:5:7',
      'environments/prod-usgov.yaml:10:8',
      'environments/prod-usgov.yaml:15:11',
    ]);
  });

  it('rejects a short name used twice in one cloud', () => {
    const errs = errorsFor([{ file: 'prod-dod.yaml', from: 'shortName: prddod', to: 'shortName: prdgov' }]);
    expect(errs).toEqual([
      'environments/prod-usgov.yaml:7:12 shortName: short name "prdgov" is already used by environments/prod-dod.yaml in cloud usgov: set a distinct shortName',
    ]);
  });

  it('rejects mixing DoD and non-DoD regions in one environment', () => {
    const errs = errorsFor([
      { file: 'prod-dod.yaml', from: 'name: usdodcentral', to: 'name: usgovvirginia' },
    ]);
    expect(errs[0]).toMatch(
      /prod-dod\.yaml:\d+:\d+ regions\[1\]\.name: "usgovvirginia" needs provider .* split them into two environments/,
    );
  });

  it('reports an alias without its anchor as a YAML error, not a crash', () => {
    const errs = errorsFor([
      { file: 'dev-public.yaml', from: /rollout:\n  bakeMinutes: 0\n  order: 10/, to: 'rollout: *nope' },
    ]);
    expect(errs).toEqual([
      'environments/dev-public.yaml:31:10 YAML syntax: found alias *"nope" whose anchor is not defined above it; expected &"nope" on an earlier value',
    ]);
  });

  it('names a duplicate field and reports one problem per line for a tab', () => {
    expect(errorsFor([{ file: 'dev-public.yaml', from: 'tier: dev', to: 'tier: dev\ntier: prod' }])).toEqual([
      'environments/dev-public.yaml:6:1 duplicate field "tier": each field may appear once',
    ]);
    expect(
      errorsFor([{ file: 'dev-public.yaml', from: '  sloTarget: 99.0', to: '\tsloTarget: 99.0' }]),
    ).toEqual([
      'environments/dev-public.yaml:27:1 YAML syntax: found a tab used for indentation; expected spaces (parser: "Tabs are not allowed as indentation")',
    ]);
  });

  it('says what is expected in words: ranges, steps, dates, lists and mappings', () => {
    const errs = errorsFor([
      { file: 'dev-public.yaml', from: '  logRetentionDays: 30', to: '  logRetentionDays: 5000' },
      { file: 'dev-public.yaml', from: 'maxThroughput: 1000', to: 'maxThroughput: 1500' },
      { file: 'dev-public.yaml', from: 'bakeMinutes: 0', to: 'bakeMinutes: 1.5' },
      { file: 'dev-public.yaml', from: 'expires: 2027-05-31', to: 'expires: 2027-13-45' },
      { file: 'dev-public.yaml', from: 'minCount: 1, maxCount: 3 }', to: 'minCount: 4, maxCount: 3 }' },
      { file: 'dev-public.yaml', from: '[footprint-dev@example.com]', to: 'footprint-dev@example.com' },
      { file: 'dev-public.yaml', from: 'state:\n  backend: local', to: 'state:' },
      { file: 'dev-public.yaml', from: 'cosmos:\n', to: 'tags:\n  "1bad": x\ncosmos:\n' },
    ]);
    expect(errs).toEqual([
      'environments/dev-public.yaml:15:80 aks.systemPool.maxCount: must be >= minCount (4), found 3',
      'environments/dev-public.yaml:21:3 tags.1bad: field name "1bad" is not valid; expected a tag name: a letter, then letters, digits, _ or - (1-128)',
      'environments/dev-public.yaml:26:66 cosmos.databases[0].containers[0].maxThroughput: expected a whole number 1000-1000000 in steps of 1000, found number 1500',
      'environments/dev-public.yaml:28:21 monitoring.logRetentionDays: expected a whole number 30-730, found number 5000',
      'environments/dev-public.yaml:30:13 monitoring.contacts: expected a list of at least 1 (each an e-mail address), found string "footprint-dev@example.com"',
      'environments/dev-public.yaml:31:7 state: expected a mapping with backend: azurerm, or a mapping with backend: local, found null',
      'environments/dev-public.yaml:33:16 rollout.bakeMinutes: expected a whole number 0-10080, found number 1.5',
      'environments/dev-public.yaml:39:14 waivers[0].expires: expected a date such as 2027-05-31 (YYYY-MM-DD), found string "2027-13-45"',
    ]);
    expect(errs.join('\n')).not.toMatch(/Too big|Invalid|expected (int|object|array)\b|\/\^/);
  });

  it('still checks canary, thresholds and residency when another field breaks the schema', () => {
    const errs = errorsFor([
      { file: 'dev-public.yaml', from: 'tier: dev', to: 'tier: qa' },
      { file: 'dev-public.yaml', from: 'name: eastus2', to: 'name: chinaeast2' },
      { file: 'dev-public.yaml', from: '  order: 10', to: '  order: 10\n  canary: westus' },
      {
        file: 'dev-public.yaml',
        from: '  contacts: [footprint-dev@example.com]',
        to: '  contacts: [footprint-dev@example.com]\n  thresholds: { noSuchAlert: 5 }',
      },
    ]);
    expect(errs.map((e) => e.split(': ')[0])).toEqual([
      'environments/dev-public.yaml:5:7 tier',
      'environments/dev-public.yaml:12:11 regions[0].name',
      'environments/dev-public.yaml:29:17 monitoring.thresholds.noSuchAlert',
      'environments/dev-public.yaml:35:11 rollout.canary',
    ]);
  });

  it('reports a default AKS range overlap at the range the file sets', () => {
    const errs = errorsFor([
      { file: 'prod-public.yaml', from: 'addressSpace: 10.30.0.0/20', to: 'addressSpace: 192.168.0.0/20' },
    ]);
    expect(errs).toEqual([
      'environments/prod-public.yaml:14:19 regions[0].addressSpace: 192.168.0.0/20 overlaps 192.168.0.0/16 of aks.podCidr (the default)',
    ]);
  });

  it('explains cloud profile unions: both provider forms, a fact with a bad confidence', () => {
    const errs = errorsFor([
      {
        file: 'clouds/usgov.yaml',
        from: '  environment: usgovernment',
        to: '  environment: usgovernment\n  metadataHost: management.usgovcloudapi.net',
      },
      { file: 'clouds/usgov.yaml', from: '    confidence: observed', to: '    confidence: maybe' },
      { file: 'clouds/china.yaml', from: /provider:\n  environment: china/, to: 'provider: {}' },
    ]);
    expect(errs).toEqual([
      'environments/clouds/china.yaml:7:11 provider: expected exactly one of environment or metadataHost, found no fields',
      'environments/clouds/usgov.yaml:9:3 provider: expected exactly one of environment or metadataHost, found environment, metadataHost',
      'environments/clouds/usgov.yaml:23:17 suffixes.frontDoor.confidence: "maybe" is not allowed; expected one of (confirmed, observed, unconfirmed)',
    ]);
  });

  it('does not blame environments of a cloud whose id does not match its file', () => {
    expect(errorsFor([{ file: 'clouds/usgov.yaml', from: 'id: usgov', to: 'id: usgovt' }])).toEqual([
      'environments/clouds/usgov.yaml:4:5 id: "usgovt" must equal the file name "usgov"',
    ]);
  });

  it('rejects an AKS node OS channel that azurerm refuses with the node-image upgrade channel', () => {
    const errs = errorsFor([
      {
        file: 'prod-public.yaml',
        from: 'aks:\n',
        to: 'aks:\n  upgradeChannel: node-image\n  nodeOsUpgradeChannel: SecurityPatch\n',
      },
    ]);
    expect(errs).toEqual([
      expect.stringMatching(
        /^environments\/prod-public\.yaml:\d+:\d+ aks\.nodeOsUpgradeChannel: "SecurityPatch" cannot go with upgradeChannel node-image; expected NodeImage/,
      ),
    ]);
  });

  it('rejects AKS pool names that collide in one cluster (temporary rotation names are chosen around them)', () => {
    const errs = errorsFor([
      {
        file: 'prod-usgov.yaml',
        from: '    - { name: apps, vmSize: Standard_D8ds_v5, minCount: 3, maxCount: 15 }',
        to: [
          '    - { name: system, vmSize: Standard_D8ds_v5, minCount: 3, maxCount: 15 }',
          '    - { name: systemtmp, vmSize: Standard_D8ds_v5, minCount: 0, maxCount: 3 }',
          '    - { name: batch, vmSize: Standard_D8ds_v5, minCount: 0, maxCount: 3 }',
          '    - { name: batch, vmSize: Standard_D8ds_v5, minCount: 0, maxCount: 3 }',
        ].join('\n'),
      },
    ]);
    expect(errs).toEqual([
      'environments/prod-usgov.yaml:31:15 aks.userPools[0].name: "system" is already the name of the system pool; pool names must be unique per cluster (taken: system)',
      'environments/prod-usgov.yaml:34:15 aks.userPools[3].name: "batch" is already the name of userPools[2]; pool names must be unique per cluster (taken: system, systemtmp, batch)',
    ]);
  });

  it('rejects a system pool that may scale to zero nodes', () => {
    const errs = errorsFor([
      {
        file: 'dev-public.yaml',
        from: 'systemPool: { name: system, vmSize: Standard_D2ds_v5, minCount: 1, maxCount: 3 }',
        to: 'systemPool: { name: system, vmSize: Standard_D2ds_v5, minCount: 0, maxCount: 3 }',
      },
    ]);
    expect(errs).toEqual([
      expect.stringMatching(
        /^environments\/dev-public\.yaml:15:\d+ aks\.systemPool\.minCount: 0 would leave the system pool without nodes; expected 1-1000/,
      ),
    ]);
  });

  it('names maintenance windows that cannot give every rollout wave its own slot in a week', () => {
    const errs = errorsFor([
      {
        file: 'prod-usgov.yaml',
        from: 'aks:\n',
        to: 'aks:\n  maintenance:\n    dayOfWeek: Saturday\n    startHourUtc: 22\n    durationHours: 8\n    spacingHours: 6\n',
      },
    ]);
    expect(errs).toEqual([
      expect.stringMatching(
        /^environments\/prod-usgov\.yaml:\d+:\d+ aks\.maintenance: 3 waves of 8-hour windows need spacingHours of at least 8 \(got 6\)/,
      ),
    ]);
  });

  it('reports rule errors together with a schema error elsewhere in the same file', () => {
    const errs = errorsFor([
      { file: 'staging-public.yaml', from: 'owner: footprint-team@example.com', to: 'owner: nobody' },
      { file: 'staging-public.yaml', from: 'addressSpace: 10.20.16.0/20', to: 'addressSpace: 10.20.8.0/21' },
      { file: 'prod-china.yaml', from: 'costCenter: CC-1000', to: 'costCenter: "CC 1000"' },
      {
        file: 'prod-china.yaml',
        from: /  - name: chinaeast2\n    addressSpace: 10.60.16.0\/20\n/,
        to: '',
      },
    ]);
    expect(errs.map((e) => e.replace(/:\d+:\d+ /, ' ').split(':')[0])).toEqual([
      'environments/prod-china.yaml costCenter',
      'environments/prod-china.yaml regions',
      'environments/staging-public.yaml owner',
      'environments/staging-public.yaml regions[1].addressSpace',
    ]);
  });
});
