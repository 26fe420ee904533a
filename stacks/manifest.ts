/**
 * Builds `footprint.json` (the contract in contract/footprint.ts) from the environments as synthesized. Tools
 * read that file, never the config or the constructs.
 */
import type { CloudProfile } from '../config/cloud-profile';
import type { EnvironmentFile } from '../config/schema/environment';
import {
  FOOTPRINT_VERSION,
  type CloudSummary,
  type EnvironmentSummary,
  type FootprintManifest,
  type ResilienceFloor,
  type RetiredStack,
} from '../contract/footprint';
import type { Footprint } from './footprint';
import { clientPolicySummary } from './client-policy';
import { liveSiteSummary } from './observability';
import { DEFAULT_SURVIVE } from '../model/capacity';

/** The floors with defaults applied: a stamp's default is minNodesPerPool for each of its pools. */
export function resolveResilienceFloor(c: EnvironmentFile): ResilienceFloor {
  const pools = 1 + c.aks.userPools.length;
  return {
    minNodesPerPool: c.resilience.minNodesPerPool,
    minNodesPerStamp: c.resilience.minNodesPerStamp ?? c.resilience.minNodesPerPool * pools,
    minServingStamps: c.resilience.minServingStamps,
  };
}

export function footprintManifest(
  footprints: readonly Footprint[],
  clouds: readonly CloudProfile[],
  retired?: ReadonlyMap<string, readonly RetiredStack[]>,
): FootprintManifest {
  return {
    version: FOOTPRINT_VERSION,
    clouds: cloudSummaries(clouds),
    environments: environmentSummaries(footprints, retired),
  };
}

/** footprint.json's `environments`, in the order of `footprints`. */
export function environmentSummaries(
  footprints: readonly Footprint[],
  retired?: ReadonlyMap<string, readonly RetiredStack[]>,
): Record<string, EnvironmentSummary> {
  const environments: Record<string, EnvironmentSummary> = {};
  for (const fp of footprints) {
    const env = fp.env;
    const c = env.config;
    environments[env.name] = {
      name: env.name,
      file: env.file,
      cloud: env.cloud.id,
      tier: c.tier,
      provider: env.provider,
      globalStack: env.globalStackName,
      stacks: [fp.global.node.id, ...fp.stamps.map((s) => s.node.id)],
      regions: env.stamps.map((s) => ({
        region: s.region,
        unit: s.unit,
        code: s.code,
        zones: s.zones,
        ...(s.pair ? { pair: s.pair } : {}),
        addressSpace: s.addressSpace,
        index: s.index,
        primary: s.primary,
        stack: env.stampStackName(s.id),
        serving: s.serving,
      })),
      failoverOrder: [...fp.global.failoverOrder],
      globalEntry: env.globalEntry,
      features: { ...env.features },
      warnings: [...env.warnings],
      unconfirmedFacts: env.cloud.unconfirmedFactsUsed(),
      waivers: c.waivers,
      encryption: { ...env.encryption },
      rollout: c.rollout,
      state:
        c.state.backend === 'azurerm'
          ? { ...c.state, subscriptionId: c.subscriptionId, tenantId: c.tenantId }
          : { backend: 'local' },
      sloTarget: c.monitoring.sloTarget,
      minNodesFloor: resolveResilienceFloor(c).minNodesPerStamp,
      resilience: resolveResilienceFloor(c),
      clientPolicy: clientPolicySummary(env),
      liveSite: liveSiteSummary(env),
      prerequisites: Object.fromEntries(
        [fp.global, ...fp.stamps].map((s) => [s.node.id, { ...s.prerequisites }]),
      ),
      ...(c.capacity
        ? {
            capacity: {
              unitRps: c.capacity.unitRps,
              peakRps: c.capacity.peakRps,
              survive: c.capacity.survive ?? DEFAULT_SURVIVE[c.tier],
            },
          }
        : {}),
      ...(retired?.get(env.name)?.length
        ? {
            retired: retired.get(env.name)!.map((r) => ({
              region: r.region,
              stack: r.stack,
              dir: r.dir,
              servingBefore: r.servingBefore,
            })),
          }
        : {}),
    };
  }
  return environments;
}

/** footprint.json's `clouds`, by id. */
export function cloudSummaries(clouds: readonly CloudProfile[]): Record<string, CloudSummary> {
  const summaries: Record<string, CloudSummary> = {};
  for (const cloud of [...clouds].sort((a, b) => a.id.localeCompare(b.id))) {
    summaries[cloud.id] = {
      id: cloud.id,
      displayName: cloud.displayName,
      azCloudName: cloud.azCloudName,
      file: cloud.file,
      dnsNames: cloud.allDnsNames(),
      regions: cloud.regionNames(),
    };
  }
  return summaries;
}
