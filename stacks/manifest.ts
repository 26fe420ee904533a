/**
 * `cdktf.out/footprint.json`: what the checking tools (validate, resilience, diff, report, rollout) need to know
 * about each environment besides the Terraform JSON. Tools read this file, never the config or the constructs.
 */
import type { CloudProfile, FactUse, ProviderTarget } from '../environments/cloud-profile';
import type { FeatureDecision } from '../environments/features';
import type { EnvironmentFile } from '../environments/schema/environment';
import type { Footprint } from './footprint';

export const MANIFEST_VERSION = 1;

export interface RegionSummary {
  readonly region: string;
  readonly code: string;
  readonly zones: boolean;
  readonly pair?: string;
  readonly addressSpace: string;
  readonly index: number;
  readonly primary: boolean;
  readonly stack: string;
}

/** Where the environment's Terraform state lives (the bootstrap-state command creates it). */
export type StateSummary =
  | {
      readonly backend: 'azurerm';
      readonly resourceGroup: string;
      readonly storageAccount: string;
      readonly container: string;
      readonly subscriptionId: string;
      readonly tenantId: string;
    }
  | { readonly backend: 'local' };

export interface EnvironmentSummary {
  readonly name: string;
  readonly file: string;
  readonly cloud: string;
  readonly tier: EnvironmentFile['tier'];
  readonly provider: ProviderTarget;
  readonly globalStack: string;
  /** Global stack first, then stamps in region order. */
  readonly stacks: string[];
  readonly regions: RegionSummary[];
  /**
   * Regions in Cosmos DB failover priority order (the first is the write region and the home of the global
   * resources); Front Door active-passive and Traffic Manager priorities follow it. Compared across syntheses
   * to flag a reorder, which changes priorities and can replace resources.
   */
  readonly failoverOrder: string[];
  readonly globalEntry: 'frontDoor' | 'trafficManager';
  readonly features: Record<string, FeatureDecision>;
  /** Capability fallbacks and switched-off features. */
  readonly warnings: string[];
  /** Facts of the cloud profile that are not confirmed and that this environment's stacks use. */
  readonly unconfirmedFacts: FactUse[];
  readonly waivers: EnvironmentFile['waivers'];
  readonly rollout: EnvironmentFile['rollout'];
  readonly state: StateSummary;
  readonly sloTarget: number;
  /** Minimum nodes per stamp after a zone loss (= resilience.minNodesPerStamp, kept for older readers). */
  readonly minNodesFloor: number;
  /** Resolved floors of the resilience check (`environments.<env>.resilience` with defaults applied). */
  readonly resilience: ResilienceFloor;
}

export interface ResilienceFloor {
  /** Nodes every AKS pool keeps after losing one zone. */
  readonly minNodesPerPool: number;
  /** Nodes a stamp keeps after losing one zone. */
  readonly minNodesPerStamp: number;
  /** Stamps still serving behind a health probe after any single zone or region loss. */
  readonly minServingStamps: number;
}

/** The floors with defaults applied: a stamp's default is minNodesPerPool for each of its pools. */
export function resolveResilienceFloor(c: EnvironmentFile): ResilienceFloor {
  const pools = 1 + c.aks.userPools.length;
  return {
    minNodesPerPool: c.resilience.minNodesPerPool,
    minNodesPerStamp: c.resilience.minNodesPerStamp ?? c.resilience.minNodesPerPool * pools,
    minServingStamps: c.resilience.minServingStamps,
  };
}

export interface CloudSummary {
  readonly id: string;
  readonly displayName: string;
  readonly azCloudName: string;
  readonly file: string;
  /** Every DNS suffix, private zone and endpoint host of the cloud (for the residency check). */
  readonly dnsNames: string[];
  readonly regions: string[];
}

export interface FootprintManifest {
  readonly version: number;
  readonly clouds: Record<string, CloudSummary>;
  readonly environments: Record<string, EnvironmentSummary>;
}

export function footprintManifest(
  footprints: readonly Footprint[],
  clouds: readonly CloudProfile[],
): FootprintManifest {
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
        code: s.code,
        zones: s.zones,
        ...(s.pair ? { pair: s.pair } : {}),
        addressSpace: s.addressSpace,
        index: s.index,
        primary: s.primary,
        stack: env.stampStackName(s.region),
      })),
      failoverOrder: [...fp.global.failoverOrder],
      globalEntry: env.features.frontDoor.outcome === 'on' ? 'frontDoor' : 'trafficManager',
      features: { ...env.features },
      warnings: [...env.warnings],
      unconfirmedFacts: env.cloud.unconfirmedFactsUsed(),
      waivers: c.waivers,
      rollout: c.rollout,
      state:
        c.state.backend === 'azurerm'
          ? { ...c.state, subscriptionId: c.subscriptionId, tenantId: c.tenantId }
          : { backend: 'local' },
      sloTarget: c.monitoring.sloTarget,
      minNodesFloor: resolveResilienceFloor(c).minNodesPerStamp,
      resilience: resolveResilienceFloor(c),
    };
  }
  const cloudSummaries: Record<string, CloudSummary> = {};
  for (const cloud of [...clouds].sort((a, b) => a.id.localeCompare(b.id))) {
    cloudSummaries[cloud.id] = {
      id: cloud.id,
      displayName: cloud.displayName,
      azCloudName: cloud.azCloudName,
      file: cloud.file,
      dnsNames: cloud.allDnsNames(),
      regions: cloud.regionNames(),
    };
  }
  return { version: MANIFEST_VERSION, clouds: cloudSummaries, environments };
}
