/**
 * The rules of config/cross-file-rules.ts about an environment's regions, on small environment texts: the file
 * name, membership of the cloud (data residency), duplicates, required capabilities, the canary, one provider
 * target, prod's two regions and the address plan. Each error is asserted as the user reads it.
 */
import { regionsForWaves } from '../../config/cross-file-rules';
import { check, cloud, envText, REMOTE_STATE } from '../helpers/env-rules';

/** `regions:` with one line per region, from line 12 of the file. */
const regions = (...lines: string[]) => `regions:\n${lines.map((l) => `  - ${l}`).join('\n')}`;
const EAST = '{ name: eastus2, addressSpace: 10.10.0.0/20 }';
const CENTRAL = '{ name: centralus, addressSpace: 10.20.0.0/20 }';
const WEST = '{ name: westus3, addressSpace: 10.30.0.0/20 }';

describe('the file name', () => {
  it('accepts a name equal to the file name', () => expect(check(envText(regions(EAST)))).toEqual([]));

  it('rejects another name at name', () =>
    expect(check(envText(regions(EAST), { name: 'other' }))).toEqual([
      'environments/e.yaml:1:7 name: "other" must equal the file name "e"',
    ]));
});

describe('region names', () => {
  it('rejects a region of another cloud, with the closest one and the choices', () =>
    expect(check(envText(regions('{ name: eastus22, addressSpace: 10.10.0.0/20 }')))).toEqual([
      'environments/e.yaml:12:13 regions[0].name: "eastus22" is not a region of cloud public; did you mean "eastus2"? (eastus, westus, eastus2, centralus, southcentralus, northcentralus, westus2, westcentralus, westus3, canadacentral, canadaeast, northeurope, …)',
    ]));

  it('rejects a region listed twice, naming its first place each time', () =>
    expect(
      check(
        envText(
          regions(
            EAST,
            CENTRAL,
            '{ name: eastus2, addressSpace: 10.30.0.0/20 }',
            '{ name: eastus2, addressSpace: 10.40.0.0/20 }',
          ),
        ),
      ),
    ).toEqual([
      'environments/e.yaml:14:13 regions[2].name: "eastus2" is listed twice (first at regions[0])',
      'environments/e.yaml:15:13 regions[3].name: "eastus2" is listed twice (first at regions[0])',
    ]));
});

describe('required capabilities', () => {
  it('rejects each capability the cloud lacks, at its place in the list', () =>
    expect(
      check(
        envText(
          `${regions('{ name: usseceast, addressSpace: 10.10.0.0/20 }')}\nrequires: [trafficManager, frontDoor]`,
          { cloud: 'ussec' },
        ),
        cloud('ussec'),
      ),
    ).toEqual([
      'environments/e.yaml:13:28 requires[1]: "frontDoor" is required by this environment but unavailable in cloud ussec (environments/clouds/ussec.yaml)',
    ]));

  it('accepts capabilities the cloud has', () =>
    expect(check(envText(`${regions(EAST)}\nrequires: [frontDoor, trafficManager]`))).toEqual([]));
});

describe('the canary region', () => {
  it('rejects a canary that is not a region of the file, with the choices', () =>
    expect(check(envText(`${regions(EAST, CENTRAL)}\nrollout: { canary: centralus2 }`))).toEqual([
      'environments/e.yaml:14:20 rollout.canary: "centralus2" is not one of this environment\'s regions; did you mean "centralus"? (eastus2, centralus)',
    ]));

  it('rejects the primary region as canary, naming the others', () =>
    expect(check(envText(`${regions(EAST, CENTRAL, WEST)}\nrollout: { canary: eastus2 }`))).toEqual([
      'environments/e.yaml:15:20 rollout.canary: "eastus2" is the primary region; expected another region (centralus, westus3)',
    ]));

  it('accepts another region, and the only region of a one-region file', () => {
    expect(check(envText(`${regions(EAST, CENTRAL, WEST)}\nrollout: { canary: centralus }`))).toEqual([]);
    expect(check(envText(`${regions(EAST)}\nrollout: { canary: eastus2 }`))).toEqual([]);
  });
});

describe('one provider target per environment', () => {
  const gov = (...lines: string[]) => envText(regions(...lines), { cloud: 'usgov' });
  const VIRGINIA = '{ name: usgovvirginia, addressSpace: 10.10.0.0/20 }';
  const TEXAS = '{ name: usgovtexas, addressSpace: 10.20.0.0/20 }';
  const DOD_EAST = '{ name: usdodeast, addressSpace: 10.30.0.0/20 }';
  const DOD_CENTRAL = '{ name: usdodcentral, addressSpace: 10.40.0.0/20 }';

  it('rejects the first DoD region of a US Gov environment, naming the first region', () =>
    expect(check(gov(VIRGINIA, TEXAS, DOD_EAST, DOD_CENTRAL), cloud('usgov'))).toEqual([
      'environments/e.yaml:14:13 regions[2].name: "usdodeast" needs provider {"environment":"dod"} but "usgovvirginia" needs {"environment":"usgovernment"}: split them into two environments',
    ]));

  it('compares with the first region of the cloud, past a region the cloud does not have', () =>
    expect(
      check(gov('{ name: eastus2, addressSpace: 10.50.0.0/20 }', DOD_EAST, VIRGINIA), cloud('usgov')),
    ).toEqual([
      expect.stringMatching(
        /^environments\/e\.yaml:12:13 regions\[0\]\.name: "eastus2" is not a region of cloud usgov/,
      ),
      'environments/e.yaml:14:13 regions[2].name: "usgovvirginia" needs provider {"environment":"usgovernment"} but "usdodeast" needs {"environment":"dod"}: split them into two environments',
    ]));

  it('accepts regions of one target', () => {
    expect(check(gov(DOD_EAST, DOD_CENTRAL), cloud('usgov'))).toEqual([]);
    expect(check(gov(VIRGINIA, TEXAS), cloud('usgov'))).toEqual([]);
  });
});

describe('prod regions', () => {
  const prod = (...lines: string[]) =>
    envText(`${regions(...lines)}\ncosmos: { multiRegionWrites: false }`, {
      tier: 'prod',
      state: REMOTE_STATE,
    });

  it('rejects a prod environment with one region, at regions', () =>
    expect(check(prod(EAST))).toEqual([
      'environments/e.yaml:12:3 regions: a prod environment needs at least 2 regions',
    ]));

  it('accepts two regions', () => expect(check(prod(EAST, CENTRAL))).toEqual([]));

  it('allows one region outside prod', () =>
    expect(check(envText(regions(EAST), { tier: 'staging' }))).toEqual([]));
});

describe('the stamps the wave planner sees', () => {
  it('lists every unit of every region, the first region primary, with its pair', () =>
    expect(regionsForWaves([{ name: 'eastus2', units: 2 }, { name: 'centralus' }], cloud('public'))).toEqual([
      { region: 'eastus2', unit: 1, primary: true, index: 0, pair: 'centralus' },
      { region: 'eastus2', unit: 2, primary: true, index: 0, pair: 'centralus' },
      { region: 'centralus', unit: 1, primary: false, index: 1, pair: 'eastus2' },
    ]));

  it('leaves out the pair of a region without one', () =>
    expect(
      regionsForWaves(
        [{ name: 'eastus2' }],
        cloud('public', (d) => ({ ...d, regions: { eastus2: { ...d.regions.eastus2!, pair: undefined } } })),
      ),
    ).toEqual([{ region: 'eastus2', unit: 1, primary: true, index: 0 }]));
});

describe('the address plan', () => {
  it('rejects more units than the region space holds, at units', () => {
    expect(check(envText(regions('{ name: eastus2, addressSpace: 10.10.0.0/20, units: 2 }')))).toEqual([
      'environments/e.yaml:12:57 regions[0].units: 10.10.0.0/20 holds 1 unit of /20, not 2; expected unitPrefix 21 (unit n is the n-th /20 of the space)',
    ]);
    expect(
      check(envText(regions('{ name: eastus2, addressSpace: 10.10.0.0/20, units: 3, unitPrefix: 21 }'))),
    ).toEqual([
      'environments/e.yaml:12:57 regions[0].units: 10.10.0.0/20 holds 2 units of /21, not 3; expected an addressSpace of /19 or unitPrefix 22 (unit n is the n-th /21 of the space)',
    ]);
  });

  it('rejects a unit prefix larger than the region space, at unitPrefix', () =>
    expect(check(envText(regions('{ name: eastus2, addressSpace: 10.10.0.0/20, unitPrefix: 19 }')))).toEqual([
      "environments/e.yaml:12:62 regions[0].unitPrefix: unitPrefix /19 is larger than the region's space 10.10.0.0/20",
    ]));

  it('accepts a region space outside /16-/22 that is carved into units of a valid size', () => {
    expect(
      check(envText(regions('{ name: eastus2, addressSpace: 10.16.0.0/12, units: 4, unitPrefix: 20 }'))),
    ).toEqual([]);
    expect(check(envText(regions('{ name: eastus2, addressSpace: 10.10.0.0/20, unitPrefix: 22 }')))).toEqual(
      [],
    );
  });

  it('rejects a region space that overlaps an earlier region, at the later one', () =>
    expect(check(envText(regions(EAST, CENTRAL, '{ name: westus3, addressSpace: 10.10.8.0/21 }')))).toEqual([
      'environments/e.yaml:14:36 regions[2].addressSpace: 10.10.8.0/21 overlaps 10.10.0.0/20 of regions[0] (eastus2)',
    ]));

  it('accepts adjacent region spaces', () =>
    expect(check(envText(regions(EAST, '{ name: centralus, addressSpace: 10.10.16.0/20 }')))).toEqual([]));

  it('rejects AKS ranges that overlap each other, at the later one', () =>
    expect(
      check(envText(`${regions(EAST)}\naks:\n  podCidr: 10.100.0.0/16\n  serviceCidr: 10.100.16.0/20`)),
    ).toEqual([
      'environments/e.yaml:15:16 aks.serviceCidr: 10.100.16.0/20 overlaps 10.100.0.0/16 of aks.podCidr',
    ]));

  it('reports a range that overlaps a default at the range the file sets', () =>
    expect(check(envText(`${regions(EAST)}\naks:\n  podCidr: 172.16.0.0/12`))).toEqual([
      'environments/e.yaml:14:12 aks.podCidr: 172.16.0.0/12 overlaps 172.16.0.0/16 of aks.serviceCidr (the default)',
    ]));
});
