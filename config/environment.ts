/** The typed, frozen Environment that stacks and constructs receive. Built once by the loader. */
import type { CloudProfile, ProviderTarget } from './cloud-profile';
import type { EncryptionDecision, FeatureDecisions } from './features';
import type { EnvironmentFile } from './schema/environment';
import { deriveShortName, resourceName, type NameKind, type NameScope } from '../model/naming';

export interface Stamp {
  /** ARM region name. */
  readonly region: string;
  readonly code: string;
  readonly displayName: string;
  readonly zones: boolean;
  readonly pair?: string;
  readonly addressSpace: string;
  /** Position in the environment's region list: Cosmos failover priority and Front Door priority. */
  readonly index: number;
  readonly primary: boolean;
  /** Takes traffic: its origin or endpoint is enabled (`regions[].serving`). */
  readonly serving: boolean;
}

export interface Environment {
  readonly name: string;
  readonly file: string;
  readonly cloud: CloudProfile;
  readonly config: EnvironmentFile;
  readonly stamps: readonly Stamp[];
  readonly features: FeatureDecisions;
  /** Customer-managed keys on or off, and how keys are protected. */
  readonly encryption: EncryptionDecision;
  /** The public entry, decided once from the Front Door decision: Front Door, or Traffic Manager instead. */
  readonly globalEntry: 'frontDoor' | 'trafficManager';
  readonly provider: ProviderTarget;
  /** Load-time warnings (capability fallbacks); unconfirmed facts are added at synth. */
  readonly warnings: readonly string[];
  readonly shortName: string;
  readonly isProd: boolean;
  /** Name of a resource of this environment; `region` is an ARM region name of one of its stamps. */
  resourceName(kind: NameKind, region?: string, purpose?: string): string;
  globalStackName: string;
  stampStackName(region: string): string;
}

export function buildEnvironment(
  file: string,
  config: EnvironmentFile,
  cloud: CloudProfile,
  features: FeatureDecisions,
  warnings: string[],
  encryption: EncryptionDecision,
): Environment {
  const stamps: Stamp[] = config.regions.map((r, index) => {
    const info = cloud.region(r.name);
    return {
      region: r.name,
      code: info.code,
      displayName: info.displayName,
      zones: info.zones,
      ...(info.pair ? { pair: info.pair } : {}),
      addressSpace: r.addressSpace,
      index,
      primary: index === 0,
      serving: r.serving,
    };
  });
  const shortName = deriveShortName(config.name, config.shortName);
  const codes = new Map(stamps.map((s) => [s.region, s.code]));
  const scope = (region?: string): NameScope => ({
    prefix: config.prefix,
    env: shortName,
    ...(region ? { region: codes.get(region) ?? cloud.region(region).code } : {}),
    seed: `${config.subscriptionId}/${config.name}`,
  });
  const env: Environment = {
    name: config.name,
    file,
    cloud,
    config,
    stamps,
    features,
    encryption,
    globalEntry: features.frontDoor.outcome === 'on' ? 'frontDoor' : 'trafficManager',
    provider: cloud.providerTarget(config.regions[0]?.name),
    warnings,
    shortName,
    isProd: config.tier === 'prod',
    resourceName: (kind, region, purpose) => resourceName(kind, scope(region), purpose),
    globalStackName: `${config.name}-global`,
    stampStackName: (region) => `${config.name}-${region}`,
  };
  return Object.freeze(env);
}
