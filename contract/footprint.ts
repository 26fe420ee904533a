/**
 * `cdktf.out/footprint.json`: what the checking tools (validate, resilience, diff, report, rollout) need to know
 * about each environment besides the Terraform JSON. Synth writes it (stacks/manifest.ts builds it); tools read
 * it through `parseFootprint`, which checks it against this schema, so a hand-edited, truncated or foreign file
 * fails with the field named instead of deep inside a tool.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CAPABILITIES, CONFIDENCE, TIERS } from '../model/capabilities';
import { SURVIVE } from '../model/capacity';

/** Bumped on any change a reader of the previous version would misread. */
export const FOOTPRINT_VERSION = 1;
export const FOOTPRINT_FILE = 'footprint.json';

const str = z.string();
const int = z.number().int();

const providerTarget = z.object({
  /** azurerm `environment` (public, usgovernment, dod, china) */
  environment: str.optional(),
  /** azurerm `metadata_host` for clouds azurerm does not know by name */
  metadataHost: str.optional(),
});

/** One stamp (scale unit): a region has one entry per unit, in unit order. */
const regionSummary = z.object({
  region: str,
  /** Scale unit in the region, from 1 (stack `<env>-<region>` for 1, `<env>-<region>-u<n>` beyond); absent: 1. */
  unit: int.optional(),
  code: str,
  zones: z.boolean(),
  pair: str.optional(),
  addressSpace: str,
  index: int,
  primary: z.boolean(),
  stack: str,
  /** Takes traffic (its origin or endpoint is enabled); absent in older files, which meant true. */
  serving: z.boolean().optional(),
});

/** Where the environment's Terraform state lives (the bootstrap-state command creates it). */
const stateSummary = z.discriminatedUnion('backend', [
  z.object({
    backend: z.literal('azurerm'),
    resourceGroup: str,
    storageAccount: str,
    container: str,
    subscriptionId: str,
    tenantId: str,
  }),
  z.object({ backend: z.literal('local') }),
]);

const featureDecision = z.object({
  feature: z.enum(CAPABILITIES),
  outcome: z.enum(['on', 'off', 'fallback']),
  /** What is used instead, for `fallback`. */
  fallback: str.optional(),
  /** Why it is off or a fallback, or a caveat (preview) when on. */
  reason: str.optional(),
  /** Not relevant to this environment: listed, not warned. */
  quiet: z.boolean().optional(),
});

const factUse = z.object({
  fact: str,
  value: str,
  confidence: z.enum(CONFIDENCE),
  source: str,
  note: str.optional(),
});

const waiver = z.object({ rule: str, resource: str, reason: str, expires: str });

const rollout = z.object({ bakeMinutes: int, canary: str.optional(), order: int.optional() });

const resilienceFloor = z.object({
  /** Nodes every AKS pool keeps after losing one zone. */
  minNodesPerPool: int,
  /** Nodes a stamp keeps after losing one zone. */
  minNodesPerStamp: int,
  /** Stamps still serving behind a health probe after any single zone or region loss. */
  minServingStamps: int,
});

/** The application's resilience policy as the live-site owner reads it (stacks/client-policy.ts builds it). */
const clientPolicySummary = z.object({
  edge: z.object({
    kind: z.enum(['frontDoor', 'trafficManager']),
    /** False with one stamp: the edge has nowhere to drain to. */
    failover: z.boolean(),
    probeIntervalSeconds: z.number(),
    probesToUnhealthy: int,
    /** Worst case from "a stamp is sick" to the first failed probe. */
    detectSeconds: z.number(),
    /** Worst case until no new request reaches the sick stamp. */
    drainSeconds: z.number(),
    /** Worst case until the last request already at the stamp has ended. */
    inFlightSeconds: z.number(),
    /** Front Door: until a healed stamp is back in rotation. */
    restoreSeconds: z.number().optional(),
    originResponseTimeoutSeconds: z.number().optional(),
    requestTimeoutSeconds: z.number(),
    marginSeconds: z.number(),
    breakerSlackSeconds: z.number(),
  }),
  dependencies: z.array(
    z.object({
      name: str,
      kind: z.enum(['cosmos', 'keyVault', 'http']),
      attempts: int,
      attemptMs: int,
      totalMs: int,
      backoffBoundMs: int,
      /** The longest one call can take (attempts, backoffs and Retry-After, cut by the total). */
      worstCaseMs: int,
      breakMs: int,
      /** Calls reaching the service per application call (Cosmos DB: × the SDK's 429 attempts). */
      amplification: int,
      freshTtlSeconds: int,
      staleTtlSeconds: int,
    }),
  ),
});

/** What a stack needs of its subscription before the first apply (model/prerequisites.ts; preflight reads it). */
const stackPrerequisites = z.object({
  /** Exactly what the stack's provider block registers (resource_providers_to_register). */
  resourceProviders: z.array(str),
  /** Subscription features (`az feature`), e.g. Microsoft.Compute/EncryptionAtHost for host encryption. */
  features: z.array(z.object({ namespace: str, name: str, reason: str })),
  /** Network Watchers the stack reads as a prerequisite (its flow logs need them). */
  networkWatchers: z.array(z.object({ name: str, resourceGroup: str, region: str })),
  /** AKS pools at their maximum size, for the vCPU quota per family and region. */
  pools: z.array(z.object({ region: str, pool: str, vmSize: str, maxNodes: int })),
  publicIps: z.array(z.object({ region: str, count: int })),
  cosmosAccounts: int,
  frontDoorProfiles: int,
  trafficManagerProfiles: int,
});

/** Capacity from load as the environment states it (model/capacity.ts computes the units needed). */
const capacitySummary = z.object({
  /** Requests per second one scale unit serves with its pools at their maximum size. */
  unitRps: z.number(),
  /** Expected peak requests per second per region (regions left out are not sized). */
  peakRps: z.record(str, z.number()),
  /** The loss each region must survive at its peak (the tier's default when the file sets none). */
  survive: z.enum(SURVIVE),
});

/** A stamp removed from the environment file, kept for its destruction (contract/retired.ts). */
const retiredStack = z.object({
  region: str,
  stack: str,
  /** Its last configuration, relative to the output: `retired/<stack>`. */
  dir: str,
  /** Whether it still took traffic in the synthesis that removed it (it must be drained first). */
  servingBefore: z.boolean(),
});

/** How the live site is watched (absent in trees synthesized before it existed). */
const liveSite = z.object({
  /**
   * The signal a person outside the stamps would see, decided by the cloud profile's `availabilityTests`:
   * App Insights availability tests, or the edge's own health probes where the cloud has no tests.
   */
  outsideIn: z.object({
    signal: z.enum(['availabilityTests', 'frontDoorProbes', 'trafficManagerProbes']),
    /** The alert id (model/alert-catalog.ts) and the alert's resource name in the global stack. */
    alert: str,
    alertName: str,
  }),
  /** The KQL function saved in every stamp's workspace that scores the stamp green / yellow / red. */
  healthFunction: str,
});

const environmentSummary = z.object({
  name: str,
  file: str,
  cloud: str,
  tier: z.enum(TIERS),
  provider: providerTarget,
  globalStack: str,
  /** Global stack first, then stamps in region order. */
  stacks: z.array(str),
  regions: z.array(regionSummary),
  /**
   * Regions in Cosmos DB failover priority order (the first is the write region and the home of the global
   * resources); Front Door active-passive and Traffic Manager priorities follow it. Compared across syntheses
   * to flag a reorder, which changes priorities and can replace resources.
   */
  failoverOrder: z.array(str),
  globalEntry: z.enum(['frontDoor', 'trafficManager']),
  features: z.record(str, featureDecision),
  /** Capability fallbacks and switched-off features. */
  warnings: z.array(str),
  /** Facts of the cloud profile that are not confirmed and that this environment's stacks use. */
  unconfirmedFacts: z.array(factUse),
  waivers: z.array(waiver),
  /**
   * Customer-managed keys (the environment's `encryption` or its cloud's default for the tier) and whether keys
   * are HSM-backed. Absent in trees synthesized before it existed: Microsoft-managed keys.
   */
  encryption: z
    .object({
      customerManagedKeys: z.boolean(),
      source: z.enum(['environment', 'cloud default']),
      hsmKeys: z.boolean(),
    })
    .optional(),
  rollout,
  state: stateSummary,
  sloTarget: z.number(),
  /** Minimum nodes per stamp after a zone loss (= resilience.minNodesPerStamp, kept for older readers). */
  minNodesFloor: int,
  /** Resolved floors of the resilience check (`environments.<env>.resilience` with defaults applied). */
  resilience: resilienceFloor,
  /** The application's resilience policy (absent in trees synthesized before it existed). */
  clientPolicy: clientPolicySummary.optional(),
  /** Per stack: what the subscription must have first. Absent in trees synthesized before it existed. */
  prerequisites: z.record(str, stackPrerequisites).optional(),
  /** Stated load and unit capacity (`npm run capacity`); absent when the file states none. */
  capacity: capacitySummary.optional(),
  /** Stamps removed from the file and not destroyed yet; absent: none. */
  retired: z.array(retiredStack).optional(),
  liveSite: liveSite.optional(),
});

const cloudSummary = z.object({
  id: str,
  displayName: str,
  azCloudName: str,
  file: str,
  /** Every DNS suffix, private zone and endpoint host of the cloud (for the residency check). */
  dnsNames: z.array(str),
  regions: z.array(str),
});

export const footprintSchema = z.object({
  version: z.literal(FOOTPRINT_VERSION),
  clouds: z.record(str, cloudSummary),
  environments: z.record(str, environmentSummary),
});

export type RegionSummary = z.infer<typeof regionSummary>;
export type CapacitySummary = z.infer<typeof capacitySummary>;
export type RetiredStack = z.infer<typeof retiredStack>;
export type StateSummary = z.infer<typeof stateSummary>;
export type FeatureSummary = z.infer<typeof featureDecision>;
export type FactSummary = z.infer<typeof factUse>;
export type ResilienceFloor = z.infer<typeof resilienceFloor>;
export type StackPrerequisites = z.infer<typeof stackPrerequisites>;
export type EnvironmentSummary = z.infer<typeof environmentSummary>;
export type LiveSiteSummary = z.infer<typeof liveSite>;
export type ClientPolicySummary = z.infer<typeof clientPolicySummary>;
export type CloudSummary = z.infer<typeof cloudSummary>;
export type FootprintManifest = z.infer<typeof footprintSchema>;

export type FootprintParse = { ok: true; footprint: FootprintManifest } | { ok: false; problem: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks parsed JSON against the contract; the problem names the first field that does not fit. */
export function parseFootprint(json: unknown): FootprintParse {
  // The two shapes every reader needs first get their own words (a hand-written tree often lacks them).
  if (!isObject(json)) return { ok: false, problem: 'is not a JSON object' };
  if (!isObject(json.environments)) return { ok: false, problem: 'has no "environments" object' };
  for (const [name, env] of Object.entries(json.environments)) {
    if (!isObject(env) || !Array.isArray(env.stacks) || !env.stacks.every((s) => typeof s === 'string'))
      return { ok: false, problem: `environment "${name}" has no "stacks" list` };
  }
  if (json.version !== FOOTPRINT_VERSION) {
    return {
      ok: false,
      problem: `has version ${JSON.stringify(json.version)}, this footprint reads version ${FOOTPRINT_VERSION}`,
    };
  }
  const r = footprintSchema.safeParse(json);
  if (r.success) return { ok: true, footprint: r.data };
  const issue = r.error.issues[0]!;
  return { ok: false, problem: `field ${issue.path.join('.') || '(root)'}: ${issue.message}` };
}

/** Writes footprint.json into a synthesized tree (pretty, with a final newline, as every reader expects). */
export function writeFootprint(outdir: string, footprint: FootprintManifest): void {
  writeFileSync(join(outdir, FOOTPRINT_FILE), `${JSON.stringify(footprint, null, 2)}\n`);
}
