/** The typed, frozen Environment that stacks and constructs receive. Built once by the loader. */
import type { CloudProfile, ProviderTarget } from './cloud-profile';
import type { EncryptionDecision, FeatureDecisions } from './features';
import type { EnvironmentFile } from './schema/environment';
import { unitAddressSpaces } from '../model/address-plan';
import {
  deriveShortName,
  resourceName,
  unitCode,
  unitId,
  type NameKind,
  type NameScope,
} from '../model/naming';

/** One scale unit of a region: its own stack, state, cluster, network and vault (a failure domain). */
export interface Stamp {
  /** `<region>` for unit 1, `<region>-u<n>` beyond (model/naming.ts unitId): the stack suffix and name key. */
  readonly id: string;
  /** ARM region name. */
  readonly region: string;
  /** Unit number in its region, from 1; stable when units are added. */
  readonly unit: number;
  /** Units of its region. */
  readonly units: number;
  readonly code: string;
  readonly displayName: string;
  readonly zones: boolean;
  readonly pair?: string;
  /** This unit's range, carved from the region's space (model/address-plan.ts unitAddressSpaces). */
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
  /** Every scale unit: regions in order, units of a region in unit order. */
  readonly stamps: readonly Stamp[];
  /** The first unit of each region, in region order (Cosmos DB locations, failover order, Service Health). */
  readonly regionStamps: readonly Stamp[];
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
  /** Name of a resource of this environment; `stamp` is a stamp id (`eastus2`, `eastus2-u2`). */
  resourceName(kind: NameKind, stamp?: string, purpose?: string): string;
  globalStackName: string;
  /** `<env>-<stamp id>`: its state key is `<env>/<stack>.tfstate`. */
  stampStackName(stampId: string): string;
}

export function buildEnvironment(
  file: string,
  config: EnvironmentFile,
  cloud: CloudProfile,
  features: FeatureDecisions,
  warnings: string[],
  encryption: EncryptionDecision,
): Environment {
  const stamps: Stamp[] = config.regions.flatMap((r, index) => {
    const info = cloud.region(r.name);
    const carved = unitAddressSpaces(r.addressSpace, r.units, r.unitPrefix);
    // Validation rejects a space that does not hold its units before anything is built.
    if ('problem' in carved) throw new Error(`${config.name}: ${r.name}: ${carved.problem}`);
    return carved.spaces.map((addressSpace, u) => ({
      id: unitId(r.name, u + 1),
      region: r.name,
      unit: u + 1,
      units: r.units,
      code: unitCode(info.code, u + 1),
      displayName: info.displayName,
      zones: info.zones,
      ...(info.pair ? { pair: info.pair } : {}),
      addressSpace,
      index,
      primary: index === 0,
      serving: r.serving,
    }));
  });
  const shortName = deriveShortName(config.name, config.shortName);
  const codes = new Map(stamps.map((s) => [s.id, s.code]));
  const scope = (stamp?: string): NameScope => ({
    prefix: config.prefix,
    env: shortName,
    ...(stamp ? { region: codes.get(stamp) ?? cloud.region(stamp).code } : {}),
    seed: `${config.subscriptionId}/${config.name}`,
  });
  const names = new Map<string, string>();
  const env: Environment = {
    name: config.name,
    file,
    cloud,
    config,
    stamps,
    regionStamps: stamps.filter((s) => s.unit === 1),
    features,
    encryption,
    globalEntry: features.frontDoor.outcome === 'on' ? 'frontDoor' : 'trafficManager',
    provider: cloud.providerTarget(config.regions[0]?.name),
    warnings,
    shortName,
    isProd: config.tier === 'prod',
    resourceName: (kind, stamp, purpose) => {
      // The same names are asked for again and again (a stamp's vault by its own stack, the global stack, the
      // service config); a global one hashes the seed each time.
      const key = `${kind}\0${stamp ?? ''}\0${purpose ?? ''}`;
      let name = names.get(key);
      if (name === undefined) names.set(key, (name = resourceName(kind, scope(stamp), purpose)));
      return name;
    },
    globalStackName: `${config.name}-global`,
    stampStackName: (stampId) => `${config.name}-${stampId}`,
  };
  return Object.freeze(env);
}
