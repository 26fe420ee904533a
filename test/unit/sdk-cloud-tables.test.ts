/**
 * Cross-check against a well-kept library's cloud table: the Azure SDK for JavaScript's environments
 * (`@azure/ms-rest-azure-env`) against the public, usgov and china profiles, field by field.
 */
import type { CloudProfile } from '../../config/cloud-profile';
import { configFixture } from '../helpers/fixture';
import { loadFrom, shippedConfig } from '../helpers/load';
import {
  NOT_COMPARED,
  OVERLAP,
  RIGHT_DIFFERENCES,
  SDK_CLOUDS,
  compareWithSdk,
  type SdkEnvironment,
} from '../helpers/sdk-cloud-table';

/** The profile the SDK environment describes, matched by the az cloud name. */
function profileFor(clouds: readonly CloudProfile[], sdk: SdkEnvironment): CloudProfile {
  const matches = clouds.filter((c) => c.azCloudName === sdk.name);
  expect(matches).toHaveLength(1);
  return matches[0]!;
}

describe('the cloud profiles against @azure/ms-rest-azure-env', () => {
  const { clouds } = shippedConfig();

  it('describes public, usgov and china (one profile per SDK cloud)', () => {
    expect(SDK_CLOUDS.map((s) => profileFor(clouds, s).id)).toEqual(['public', 'usgov', 'china']);
  });

  it.each(SDK_CLOUDS.map((s) => [s.name, s] as const))(
    '%s: every overlapping field agrees, and the listed differences are the only ones',
    (_name, sdk) => {
      const cloud = profileFor(clouds, sdk);
      expect(compareWithSdk(cloud, sdk)).toEqual([]);
      const raw = compareWithSdk(cloud, sdk, {}).map((d) => `${sdk.name}.${/sdk (\w+)/.exec(d.field)![1]}`);
      expect(raw.sort()).toEqual(Object.keys(RIGHT_DIFFERENCES).filter((k) => k.startsWith(`${sdk.name}.`)));
    },
  );

  it('compares or explains every field the SDK has (a new SDK field is noticed on upgrade)', () => {
    for (const sdk of SDK_CLOUDS) {
      for (const field of Object.keys(sdk)) {
        expect([field, field in OVERLAP || field in NOT_COMPARED]).toEqual([field, true]);
      }
    }
  });

  it('flags a planted wrong suffix and a planted wrong endpoint', () => {
    const dir = configFixture([
      {
        file: 'clouds/usgov.yaml',
        from: 'storage: core.usgovcloudapi.net',
        to: 'storage: core.usgovcloudapi.com',
      },
      {
        file: 'clouds/china.yaml',
        from: 'resourceManager: https://management.chinacloudapi.cn',
        to: 'resourceManager: https://management.chinacloudapi.com',
      },
    ]);
    const planted = loadFrom(dir).clouds;
    expect(SDK_CLOUDS.flatMap((sdk) => compareWithSdk(profileFor(planted, sdk), sdk))).toEqual([
      {
        cloud: 'usgov',
        field: 'suffixes.storage (sdk storageEndpointSuffix)',
        ours: 'core.usgovcloudapi.com',
        sdk: 'core.usgovcloudapi.net',
      },
      {
        cloud: 'china',
        field: 'endpoints.resourceManager (sdk resourceManagerEndpointUrl)',
        ours: 'https://management.chinacloudapi.com',
        sdk: 'https://management.chinacloudapi.cn',
      },
    ]);
  });
});
