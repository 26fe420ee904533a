/**
 * The rules of config/cross-file-rules.ts about an environment's services, on small environment texts: AKS
 * channels, pool names and maintenance windows, Cosmos DB Strong consistency, the Traffic Manager probe, prod
 * state, Front Door certificates, name limits, alert thresholds and capacity. Each error as the user reads it.
 */
import { ALERT_IDS } from '../../model/alert-catalog';
import { check, cloud, envText, REMOTE_STATE } from '../helpers/env-rules';

const EAST = '  - { name: eastus2, addressSpace: 10.10.0.0/20 }';
const CENTRAL = '  - { name: centralus, addressSpace: 10.20.0.0/20 }';
const WEST = '  - { name: westus3, addressSpace: 10.30.0.0/20 }';
/** Lines 11-12: one region; the test's fields follow from line 13. */
const one = (rest: string) => `regions:\n${EAST}\n${rest}`;
/** Lines 11-14: three regions; the test's fields follow from line 15. */
const three = (rest: string) => `regions:\n${EAST}\n${CENTRAL}\n${WEST}\n${rest}`;
const prod = { tier: 'prod', state: REMOTE_STATE };

describe('AKS upgrade channels', () => {
  it('rejects a node OS channel other than NodeImage with the node-image channel', () =>
    expect(
      check(envText(one('aks:\n  upgradeChannel: node-image\n  nodeOsUpgradeChannel: SecurityPatch'))),
    ).toEqual([
      'environments/e.yaml:15:25 aks.nodeOsUpgradeChannel: "SecurityPatch" cannot go with upgradeChannel node-image; expected NodeImage (or another upgradeChannel: patch, stable, rapid)',
    ]));

  it('accepts NodeImage with node-image, and SecurityPatch with another channel', () => {
    expect(
      check(envText(one('aks:\n  upgradeChannel: node-image\n  nodeOsUpgradeChannel: NodeImage'))),
    ).toEqual([]);
    expect(
      check(envText(one('aks:\n  upgradeChannel: patch\n  nodeOsUpgradeChannel: SecurityPatch'))),
    ).toEqual([]);
  });
});

describe('AKS pool names and the system pool', () => {
  const pool = (name: string) => `    - { name: ${name}, minCount: 1, maxCount: 3 }`;
  const pools = (...names: string[]) => one(`aks:\n  userPools:\n${names.map(pool).join('\n')}`);

  it('rejects a user pool named like the system pool or an earlier user pool, listing the names taken', () =>
    expect(check(envText(pools('apps', 'system', 'jobs', 'apps', 'jobs')))).toEqual([
      'environments/e.yaml:16:15 aks.userPools[1].name: "system" is already the name of the system pool; pool names must be unique per cluster (taken: system, apps)',
      'environments/e.yaml:18:15 aks.userPools[3].name: "apps" is already the name of userPools[0]; pool names must be unique per cluster (taken: system, apps, jobs)',
      'environments/e.yaml:19:15 aks.userPools[4].name: "jobs" is already the name of userPools[2]; pool names must be unique per cluster (taken: system, apps, jobs)',
    ]));

  it('accepts distinct names', () => expect(check(envText(pools('apps', 'jobs')))).toEqual([]));

  it('rejects a system pool that may scale to no nodes, and accepts one node', () => {
    const system = (min: number) =>
      one(`aks:\n  systemPool: { name: system, minCount: ${min}, maxCount: 3 }`);
    expect(check(envText(system(0)))).toEqual([
      'environments/e.yaml:14:41 aks.systemPool.minCount: 0 would leave the system pool without nodes; expected 1-1000 (AKS rejects an empty system pool; 2 or more recommended)',
    ]);
    expect(check(envText(system(1)))).toEqual([]);
  });
});

describe('AKS maintenance windows', () => {
  /** Three regions of 12 units each: 5 maintenance waves. */
  const many = `regions:\n${['eastus2', 'centralus', 'westus3']
    .map((n, i) => `  - { name: ${n}, addressSpace: 10.${i * 16}.0.0/12, units: 12, unitPrefix: 20 }`)
    .join('\n')}`;
  const windows = (plan: string, regions = many) =>
    check(envText(`${regions}\naks:\n  maintenance: { dayOfWeek: Sunday, startHourUtc: 2, ${plan} }`));

  it('rejects waves further apart than one week holds, at aks.maintenance', () =>
    expect(windows('durationHours: 24, spacingHours: 37')).toEqual([
      'environments/e.yaml:16:16 aks.maintenance: 5 waves 37 hours apart with 24-hour windows do not fit one week (at most 36 hours apart); shorten durationHours or set spacingHours',
    ]));

  it('rejects a spacing shorter than a window', () =>
    expect(windows('durationHours: 8, spacingHours: 7')).toEqual([
      'environments/e.yaml:16:16 aks.maintenance: 5 waves of 8-hour windows need spacingHours of at least 8 (got 7); shorten durationHours or set spacingHours',
    ]));

  it('accepts the most that fits, and one region whatever its spacing', () => {
    expect(windows('durationHours: 24, spacingHours: 36')).toEqual([]);
    expect(windows('durationHours: 24, spacingHours: 84', one(''))).toEqual([]);
  });

  it('leaves a canary that is not a region to its own rule', () =>
    expect(
      check(
        envText(
          `${many}\nrollout: { canary: southcentralus }\naks:\n  maintenance: { dayOfWeek: Sunday, startHourUtc: 2, durationHours: 24, spacingHours: 84 }`,
        ),
      ),
    ).toEqual([
      'environments/e.yaml:15:20 rollout.canary: "southcentralus" is not one of this environment\'s regions (eastus2, centralus, westus3)',
    ]));

  it('leaves a region of another cloud to its own rule', () =>
    expect(
      windows(
        'durationHours: 24, spacingHours: 84',
        'regions:\n  - { name: chinanorth, addressSpace: 10.10.0.0/20 }\n' + CENTRAL,
      ),
    ).toEqual([
      expect.stringMatching(
        /^environments\/e\.yaml:12:13 regions\[0\]\.name: "chinanorth" is not a region of cloud public/,
      ),
    ]));
});

describe('Cosmos DB Strong consistency', () => {
  const STRONG =
    'environments/e.yaml:15:24 cosmos.consistency: Strong consistency needs at least 3 regions and single-region writes (set cosmos.multiRegionWrites: false); choices: Session, BoundedStaleness, ConsistentPrefix, Eventual';
  const strong = (writes: string) => `cosmos: { consistency: Strong${writes} }`;

  it('accepts 3 regions with single-region writes, in prod and outside', () => {
    expect(check(envText(three(strong(', multiRegionWrites: false'))))).toEqual([]);
    expect(check(envText(three(strong(', multiRegionWrites: false')), prod))).toEqual([]);
    expect(check(envText(three(strong(''))))).toEqual([]);
  });

  it('rejects 2 regions', () =>
    expect(
      check(
        envText(`regions:\n${EAST}\n${CENTRAL}\ncosmos: { consistency: Strong, multiRegionWrites: false }`),
      ),
    ).toEqual([STRONG.replace(':15:', ':14:')]));

  it('rejects multi-region writes, stated or by prod default', () => {
    expect(check(envText(three(strong(', multiRegionWrites: true'))))).toEqual([STRONG]);
    expect(check(envText(three(strong('')), prod))).toEqual([STRONG]);
  });

  it('leaves multi-region writes to other consistency levels', () =>
    expect(
      check(envText(three('cosmos: { consistency: BoundedStaleness, multiRegionWrites: true }'))),
    ).toEqual([]));
});

describe('the Traffic Manager probe', () => {
  const probe = (interval: number, timeout: number) =>
    check(
      envText(
        one(`trafficManager:\n  monitor: { intervalSeconds: ${interval}, timeoutSeconds: ${timeout} }`),
      ),
    );

  it('rejects a timeout that is not below the interval, with the range', () =>
    expect(probe(10, 10)).toEqual([
      'environments/e.yaml:14:51 trafficManager.monitor.timeoutSeconds: 10 must be below intervalSeconds (10); expected 5-9',
    ]));

  it('accepts a timeout below the interval', () => {
    expect(probe(10, 9)).toEqual([]);
    expect(probe(30, 10)).toEqual([]);
  });
});

describe('prod state', () => {
  it('rejects local state in prod, at state.backend', () =>
    expect(check(envText(`regions:\n${EAST}\n${CENTRAL}`, { tier: 'prod' }))).toEqual([
      'environments/e.yaml:10:19 state.backend: a prod environment needs the azurerm backend (remote, locked state); choices: azurerm',
    ]));

  it('accepts local state outside prod and remote state in prod', () => {
    expect(check(envText(`regions:\n${EAST}\n${CENTRAL}`, { tier: 'staging' }))).toEqual([]);
    expect(
      check(envText(`regions:\n${EAST}\n${CENTRAL}\ncosmos: { multiRegionWrites: false }`, prod)),
    ).toEqual([]);
  });
});

describe('Front Door custom domain certificates', () => {
  const GOV = '  - { name: usgovvirginia, addressSpace: 10.10.0.0/20 }';
  const domain = (cert: string) =>
    `regions:\n${GOV}\nfrontDoor:\n  customDomain: { hostName: app.example.com${cert} }`;

  it('rejects a domain without a Key Vault certificate where Front Door has no managed certificates', () =>
    expect(check(envText(domain(''), { cloud: 'usgov' }), cloud('usgov'))).toEqual([
      'environments/e.yaml:14:17 frontDoor.customDomain: cloud usgov has no Front Door managed certificates: set certificateSecretId to a Key Vault certificate',
    ]));

  it('accepts a Key Vault certificate there, and managed certificates elsewhere', () => {
    const secret = ', certificateSecretId: https://kv.vault.usgovcloudapi.net/secrets/app';
    expect(check(envText(domain(secret), { cloud: 'usgov' }), cloud('usgov'))).toEqual([]);
    expect(check(envText(one('frontDoor:\n  customDomain: { hostName: app.example.com }')))).toEqual([]);
  });

  it('leaves a cloud without Front Door alone (its entry is Traffic Manager)', () =>
    expect(
      check(
        envText(
          'regions:\n  - { name: usseceast, addressSpace: 10.10.0.0/20 }\nfrontDoor:\n  customDomain: { hostName: app.example.com }',
          { cloud: 'ussec' },
        ),
        cloud('ussec'),
      ),
    ).toEqual([]));
});

describe('name limits', () => {
  const named = (units: number, header = {}) =>
    check(
      envText(`regions:\n  - { name: eastus2, addressSpace: 10.0.0.0/12, units: ${units}, unitPrefix: 20 }`, {
        prefix: 'abcdef',
        ...header,
      }),
    );

  it("rejects a prefix that leaves no room in a name of the region's last unit, at prefix", () =>
    expect(named(12)).toEqual([
      'environments/e.yaml:4:9 prefix: keyVault name "kv-abcdef-e-x-eus2u12-7ac1" breaks Azure\'s rule: 3-24 letters, digits and "-", starting with a letter; shorten prefix or shortName',
    ]));

  it('accepts the longest prefix with fewer units, and action group short names once per environment', () =>
    expect(named(1)).toEqual([]));

  it('checks the short name the file sets', () =>
    expect(named(12, { name: 'e', shortName: 'verylongname' } as object)).toHaveLength(1));

  it('leaves a region of another cloud to its own rule', () =>
    expect(
      check(
        envText('regions:\n  - { name: chinaeast, addressSpace: 10.10.0.0/20 }', {
          prefix: 'abcdef',
        }),
      ),
    ).toEqual([expect.stringMatching(/regions\[0\]\.name: "chinaeast" is not a region of cloud public/)]));
});

describe('alert threshold overrides', () => {
  const thresholds = (map: string) =>
    check(envText(one(''), { monitoring: `{ contacts: [team@example.com], thresholds: { ${map} } }` }));

  it('rejects an unknown alert at its key, with the closest id and the choices', () =>
    expect(thresholds('frontDoorOriginHealt: 90')).toEqual([
      // The first 12 alerts of the table are listed.
      `environments/e.yaml:9:59 monitoring.thresholds.frontDoorOriginHealt: unknown alert "frontDoorOriginHealt"; did you mean "frontDoorOriginHealth"? (${ALERT_IDS.slice(0, 12).join(', ')}, …)`,
    ]));

  it('rejects an impossible value at the value', () =>
    expect(thresholds('frontDoorOriginHealth: 101, frontDoorTotalLatency: -1')).toEqual([
      'environments/e.yaml:9:82 monitoring.thresholds.frontDoorOriginHealth: frontDoorOriginHealth is a percentage: 0 to 100',
      'environments/e.yaml:9:110 monitoring.thresholds.frontDoorTotalLatency: frontDoorTotalLatency is a milliseconds: 0 or more',
    ]));

  it('accepts possible values', () =>
    expect(thresholds('frontDoorOriginHealth: 100, frontDoorTotalLatency: 0')).toEqual([]));
});

describe('capacity', () => {
  const capacity = (units: number, peaks: string, header = {}) =>
    check(
      envText(
        `regions:\n  - { name: eastus2, addressSpace: 10.0.0.0/16, units: ${units}, unitPrefix: 20 }\n${CENTRAL}\ncosmos: { multiRegionWrites: false }\ncapacity: { unitRps: 1000, peakRps: { ${peaks} } }`,
        { ...prod, ...header },
      ),
    );

  it('rejects a peak of a region the file does not have, with the choices', () =>
    expect(capacity(3, 'eastus: 10')).toEqual([
      'environments/e.yaml:15:47 capacity.peakRps.eastus: "eastus" is not a region of this environment; did you mean "eastus2"? (eastus2, centralus)',
    ]));

  it('rejects a prod region that cannot lose a unit at its peak, with the arithmetic', () =>
    expect(capacity(2, 'eastus2: 2000')).toEqual([
      'environments/e.yaml:15:48 capacity.peakRps.eastus2: eastus2 cannot survive the loss of one unit at 2000 rps: ceil(2000 / 1000) + 1 = 3 units needed, it has 2; expected units: 3 or more on the region (npm run capacity shows the arithmetic)',
    ]));

  it('accepts exactly enough units, and fewer outside prod', () => {
    expect(capacity(3, 'eastus2: 2000')).toEqual([]);
    expect(capacity(2, 'eastus2: 2000', { tier: 'staging' })).toEqual([]);
  });
});

describe('the client policy against the edge', () => {
  const two = (rest: string) => `regions:\n${EAST}\n${CENTRAL}\n${rest}`;

  it('reports an edge problem at the field the file sets, without a dependency', () =>
    expect(check(envText(two('clientPolicy:\n  edge: { requestTimeoutSeconds: 60 }')))).toEqual([
      'environments/e.yaml:15:34 clientPolicy.edge.requestTimeoutSeconds: request timeout 60 s + margin 5 s exceeds the Front Door origin response timeout 60 s',
    ]));

  it('checks against Traffic Manager where the entry is Traffic Manager, or the cloud has no Front Door', () => {
    expect(
      check(
        envText(two('globalEntry: trafficManager\nclientPolicy:\n  edge: { requestTimeoutSeconds: 60 }')),
      ),
    ).toEqual([]);
    const ussec =
      'regions:\n  - { name: usseceast, addressSpace: 10.10.0.0/20 }\n  - { name: ussecwestcentral, addressSpace: 10.20.0.0/20 }\nclientPolicy:\n  edge: { requestTimeoutSeconds: 60 }';
    expect(check(envText(ussec, { cloud: 'ussec' }), cloud('ussec'))).toEqual([]);
  });

  it('reports at the first blamed field the file sets, each dependency named', () =>
    expect(check(envText(two('frontDoor: { originResponseTimeoutSeconds: 20 }')))).toEqual([
      'environments/e.yaml:14:44 frontDoor.originResponseTimeoutSeconds: request timeout 30 s + margin 5 s exceeds the Front Door origin response timeout 20 s',
      'environments/e.yaml:14:44 frontDoor.originResponseTimeoutSeconds: cosmos: total timeout 18 s + margin 5 s exceeds the Front Door origin response timeout 20 s: the edge gives up on the user first',
      'environments/e.yaml:14:44 frontDoor.originResponseTimeoutSeconds: keyVault: total timeout 20 s + margin 5 s exceeds the Front Door origin response timeout 20 s: the edge gives up on the user first',
    ]));

  it('reports a field set under defaults where it is written', () =>
    expect(check(envText(two('clientPolicy:\n  defaults: { timeouts: { totalSeconds: 40 } }')))).toEqual([
      'environments/e.yaml:15:41 clientPolicy.defaults.timeouts.totalSeconds: cosmos: total timeout 40 s outlasts the request it serves (clientPolicy.edge.requestTimeoutSeconds 30 s)',
      'environments/e.yaml:15:41 clientPolicy.defaults.timeouts.totalSeconds: keyVault: total timeout 40 s outlasts the request it serves (clientPolicy.edge.requestTimeoutSeconds 30 s)',
    ]));

  it('skips a default of a dependency for the edge field the file sets', () =>
    expect(check(envText(two('clientPolicy:\n  edge: { requestTimeoutSeconds: 10 }')))).toEqual([
      'environments/e.yaml:15:34 clientPolicy.edge.requestTimeoutSeconds: cosmos: total timeout 18 s outlasts the request it serves (clientPolicy.edge.requestTimeoutSeconds 10 s)',
      'environments/e.yaml:15:34 clientPolicy.edge.requestTimeoutSeconds: keyVault: total timeout 20 s outlasts the request it serves (clientPolicy.edge.requestTimeoutSeconds 10 s)',
    ]));

  it('names the first blamed field when the file sets none of them (at its section)', () =>
    expect(check(envText(two('clientPolicy:\n  edge: { marginSeconds: 40 }')))).toEqual([
      'environments/e.yaml:15:9 clientPolicy.edge.requestTimeoutSeconds: request timeout 30 s + margin 40 s exceeds the Front Door origin response timeout 60 s',
    ]));

  it('counts every unit as an origin: a breaker matters once there are two', () => {
    const breaker = (units: number, more = '') =>
      check(
        envText(
          `regions:\n  - { name: eastus2, addressSpace: 10.0.0.0/16, units: ${units}, unitPrefix: 20 }${more}\nclientPolicy:\n  keyVault: { circuitBreaker: { breakSeconds: 91 } }`,
        ),
      );
    expect(breaker(1)).toEqual([]);
    const problem = (line: number) =>
      `environments/e.yaml:${line}:47 clientPolicy.keyVault.circuitBreaker.breakSeconds: keyVault: break duration 91 s outlasts the edge's drain of a stamp (2 probes × 30 s = 60 s) by more than the slack 30 s: the breaker hides a recovery the edge already saw; expected breakSeconds <= 90`;
    expect(breaker(2)).toEqual([problem(14)]);
    expect(breaker(1, `\n${CENTRAL}`)).toEqual([problem(15)]);
  });
});
