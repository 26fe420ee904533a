/**
 * The cross-file rules on a file that failed the schema (config/load.ts passes the fields valid on their own):
 * every rule whose fields are valid still reports, so one run shows every error, and a rule whose field is
 * broken stays silent instead of reporting a follow-on error or crashing the loader.
 */
import { checkEnvironment } from '../../config/cross-file-rules';
import { formatError } from '../../config/errors';
import { cloud, source, validFields } from '../helpers/env-rules';

/** A prod file that passes every rule, one field a line (nested values in flow style). */
const BASE: Record<string, string> = {
  name: 'e',
  cloud: 'public',
  tier: 'prod',
  prefix: 'fp',
  shortName: 'env1',
  subscriptionId: '00000000-0000-0000-0000-000000000001',
  tenantId: '00000000-0000-0000-0000-00000000000a',
  owner: 'team@example.com',
  costCenter: 'CC-1',
  regions:
    '[{ name: eastus2, addressSpace: 10.10.0.0/20, units: 2, unitPrefix: 21 }, { name: centralus, addressSpace: 10.20.0.0/20 }, { name: westus3, addressSpace: 10.30.0.0/20 }]',
  requires: '[frontDoor]',
  frontDoor: '{ customDomain: { hostName: app.example.com } }',
  trafficManager: '{ monitor: { intervalSeconds: 10, timeoutSeconds: 9 } }',
  aks: '{ upgradeChannel: node-image, maintenance: { dayOfWeek: Sunday, startHourUtc: 2 } }',
  cosmos: '{ consistency: Strong, multiRegionWrites: false }',
  monitoring: '{ contacts: [team@example.com], thresholds: { frontDoorOriginHealth: 90 } }',
  state: '{ backend: azurerm, resourceGroup: rg-state, storageAccount: fpstate }',
  capacity: '{ unitRps: 1000, peakRps: { eastus2: 100 } }',
  clientPolicy: '{ edge: { requestTimeoutSeconds: 30 } }',
  rollout: '{ canary: centralus }',
};

function errorsOf(fields: Record<string, string>): string[] {
  const text = Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
  const src = source(text);
  return checkEnvironment(src, validFields(src), cloud('public'), 'e').map(formatError);
}

describe('a file with one field the schema rejects', () => {
  it('the base file passes every rule', () => expect(errorsOf(BASE)).toEqual([]));

  // Each value fails the schema on its own.
  it.each([
    ['name', 'E_1'],
    ['tier', 'production'],
    ['prefix', 'TOO-LONG'],
    ['shortName', 'E'],
    ['subscriptionId', 'not-a-guid'],
    ['regions', '[{ name: eastus2, addressSpace: 10.10.0.0/20 }, { name: centralus, addressSpace: nope }]'],
    ['requires', '[warpDrive]'],
    ['frontDoor', '{ bogus: 1 }'],
    ['trafficManager', '{ bogus: 1 }'],
    ['aks', '{ bogus: 1 }'],
    ['cosmos', '{ bogus: 1 }'],
    ['monitoring', '{ bogus: 1 }'],
    ['state', '{ backend: nowhere }'],
    ['capacity', '{ bogus: 1 }'],
    ['clientPolicy', '{ bogus: 1 }'],
    ['rollout', '{ bogus: 1 }'],
  ])('gets no follow-on error from a broken %s', (field, value) => {
    const src = source(`${field}: ${value}`);
    expect(validFields(src)).not.toHaveProperty(field);
    expect(errorsOf({ ...BASE, [field]: value })).toEqual([]);
  });

  it('checks the region names of a regions list the schema rejects, skipping a name that is not text', () =>
    expect(
      errorsOf({
        ...BASE,
        regions:
          '[{ name: eastus22, addressSpace: nope }, { name: 7 }, ~, { name: eastus2, addressSpace: 10.10.0.0/20 }, { name: eastus2 }]',
        rollout: '{}',
      }),
    ).toEqual([
      'environments/e.yaml:10:19 regions[0].name: "eastus22" is not a region of cloud public; did you mean "eastus2"? (eastus, westus, eastus2, centralus, southcentralus, northcentralus, westus2, westcentralus, westus3, canadacentral, canadaeast, northeurope, …)',
      'environments/e.yaml:10:122 regions[4].name: "eastus2" is listed twice (first at regions[3])',
    ]));

  it('checks no names when both name and shortName are broken', () =>
    expect(
      errorsOf({
        ...BASE,
        name: 'E_1',
        shortName: 'E',
        prefix: 'abcdef',
        regions:
          '[{ name: eastus2, addressSpace: 10.0.0.0/12, units: 12, unitPrefix: 20 }, { name: centralus, addressSpace: 10.20.0.0/20 }]',
        cosmos: '{}',
        capacity: '{ unitRps: 1000, peakRps: {} }',
      }),
    ).toEqual([]));

  it('checks no region names, and no canary against them, when regions is not a list', () => {
    expect(errorsOf({ ...BASE, regions: 'eastus2', rollout: '{}' })).toEqual([]);
    expect(errorsOf({ ...BASE, regions: 'eastus2' })).toEqual([]);
  });

  it('still checks the names of a file whose name is broken, from its shortName', () =>
    expect(
      errorsOf({
        ...BASE,
        name: 'E_1',
        prefix: 'abcdef',
        regions:
          '[{ name: eastus2, addressSpace: 10.0.0.0/12, units: 12, unitPrefix: 20 }, { name: centralus, addressSpace: 10.20.0.0/20 }]',
        cosmos: '{}',
        capacity: '{ unitRps: 1000, peakRps: {} }',
      }),
    ).toEqual([
      'environments/e.yaml:4:9 prefix: keyVault name "kv-abcdef-e-x-eus2u12-7ac1" breaks Azure\'s rule: 3-24 letters, digits and "-", starting with a letter; shorten prefix or shortName',
    ]));
});
