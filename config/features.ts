/**
 * Each capability has three outcomes: use it; fall back (or switch it off) with a warning, both decided here and
 * nowhere else; or fail validation because the environment requires it, which the cross-file rules report
 * (config/cross-file-rules.ts, with the line of the `requires` entry). The parity report lists every decision.
 */
import type { Capability } from './schema/cloud';
import type { CloudProfile } from './cloud-profile';
import type { EnvironmentFile } from './schema/environment';

export type Outcome = 'on' | 'off' | 'fallback';

export interface FeatureDecision {
  readonly feature: Capability;
  readonly outcome: Outcome;
  /** What is used instead, for `fallback`. */
  readonly fallback?: string;
  /** Why it is off or a fallback, or a caveat (preview) when on. */
  readonly reason?: string;
  /** Not relevant to this environment (e.g. certificates without a custom domain): listed, not warned. */
  readonly quiet?: boolean;
}

export type FeatureDecisions = Readonly<Record<Capability, FeatureDecision>>;

/** What the footprint does without each capability. */
const WITHOUT: Record<Capability, { fallback?: string; impact: string }> = {
  frontDoor: {
    fallback: 'trafficManager',
    impact: 'global entry is Traffic Manager: DNS failover, no edge WAF or rate limiting',
  },
  frontDoorManagedCertificates: {
    fallback: 'customerCertificate',
    impact: 'custom domain uses a customer certificate from Key Vault',
  },
  wafManagedRuleSets: { impact: 'WAF runs custom rules (rate limits) only, no managed DRS/bot rule sets' },
  trafficManager: { impact: 'no DNS-level fallback entry' },
  aksStandardTier: { fallback: 'Free', impact: 'AKS control plane on the Free tier (no uptime SLA)' },
  defenderForContainers: { impact: 'no Defender for Containers on AKS' },
  containerInsights: { impact: 'no Container Insights (oms_agent) on AKS' },
  managedPrometheus: { impact: 'no managed Prometheus metrics from AKS' },
  vnetFlowLogs: { impact: 'no VNet flow logs' },
  cosmosMultiRegionWrites: { impact: 'Cosmos DB writes in one region, automatic failover only' },
  cosmosContinuousBackup: { fallback: 'Periodic', impact: 'Cosmos DB uses periodic backup' },
  cosmosZoneRedundancy: { impact: 'Cosmos DB replicas are not zone-redundant: region failover only' },
  availabilityTests: { impact: 'no App Insights availability tests' },
  keyVaultHsmKeys: {
    fallback: 'RSA',
    impact: 'customer-managed keys are software-protected RSA keys in a Standard vault',
  },
};

/** Customer-managed keys: the environment's own choice, else the cloud's default for its tier. */
export interface EncryptionDecision {
  readonly customerManagedKeys: boolean;
  readonly source: 'environment' | 'cloud default';
  /** Keys are RSA-HSM in a Premium vault (the `keyVaultHsmKeys` capability); software RSA otherwise. */
  readonly hsmKeys: boolean;
}

export function decideEncryption(
  env: EnvironmentFile,
  cloud: CloudProfile,
  decisions: FeatureDecisions,
): EncryptionDecision {
  const own = env.encryption.customerManagedKeys;
  return {
    customerManagedKeys: own ?? cloud.customerManagedKeysByDefault(env.tier),
    source: own === undefined ? 'cloud default' : 'environment',
    hsmKeys: decisions.keyVaultHsmKeys.outcome === 'on',
  };
}

export function decideFeatures(env: EnvironmentFile, cloud: CloudProfile): FeatureDecisions {
  const decisions = {} as Record<Capability, FeatureDecision>;
  // Key protection only matters where the environment holds keys; elsewhere the fact is not read (nor warned).
  const cmk = env.encryption.customerManagedKeys ?? cloud.customerManagedKeysByDefault(env.tier);
  for (const feature of Object.keys(WITHOUT) as Capability[]) {
    if (feature === 'keyVaultHsmKeys' && !cmk) {
      decisions[feature] = {
        feature,
        outcome: 'off',
        reason: 'no customer-managed keys in this environment',
        quiet: true,
      };
      continue;
    }
    const status = cloud.capability(feature);
    const without = WITHOUT[feature];
    if (status === 'unavailable') {
      decisions[feature] = {
        feature,
        outcome: without.fallback ? 'fallback' : 'off',
        ...(without.fallback ? { fallback: without.fallback } : {}),
        reason: `unavailable in ${cloud.displayName}: ${without.impact}`,
      };
    } else {
      decisions[feature] = {
        feature,
        outcome: 'on',
        ...(status === 'preview' ? { reason: `preview in ${cloud.displayName}` } : {}),
      };
    }
  }
  // Choices of the environment itself, layered on what the cloud allows.
  if (env.globalEntry === 'trafficManager' && decisions.frontDoor.outcome === 'on') {
    decisions.frontDoor = {
      feature: 'frontDoor',
      outcome: 'fallback',
      fallback: 'trafficManager',
      reason: `environment sets globalEntry: trafficManager: ${WITHOUT.frontDoor.impact}`,
    };
  }
  if (env.frontDoor.sku === 'Standard' && decisions.wafManagedRuleSets.outcome === 'on') {
    decisions.wafManagedRuleSets = {
      feature: 'wafManagedRuleSets',
      outcome: 'off',
      reason: `Front Door Standard has no managed rule sets: ${WITHOUT.wafManagedRuleSets.impact}`,
    };
  }
  if (env.cosmos.multiRegionWrites === false && decisions.cosmosMultiRegionWrites.outcome === 'on') {
    decisions.cosmosMultiRegionWrites = {
      feature: 'cosmosMultiRegionWrites',
      outcome: 'off',
      reason: 'environment sets cosmos.multiRegionWrites: false',
      quiet: true,
    };
  }
  if (
    env.cosmos.multiRegionWrites === undefined &&
    env.tier !== 'prod' &&
    decisions.cosmosMultiRegionWrites.outcome === 'on'
  ) {
    decisions.cosmosMultiRegionWrites = {
      feature: 'cosmosMultiRegionWrites',
      outcome: 'off',
      reason: 'single write region by default outside prod',
      quiet: true,
    };
  }
  // Edge features only matter where Front Door is the entry and (for certificates) a custom domain exists.
  if (decisions.frontDoor.outcome !== 'on') {
    for (const f of ['frontDoorManagedCertificates', 'wafManagedRuleSets'] as const) {
      decisions[f] = { feature: f, outcome: 'off', reason: 'no Front Door in this environment', quiet: true };
    }
  } else if (!env.frontDoor.customDomain && decisions.frontDoorManagedCertificates.outcome !== 'on') {
    decisions.frontDoorManagedCertificates = { ...decisions.frontDoorManagedCertificates, quiet: true };
  }
  return decisions;
}

/** Warnings to print at synth: every decision that is not a plain `on`. */
export function decisionWarnings(decisions: FeatureDecisions): string[] {
  return Object.values(decisions)
    .filter((d) => (d.outcome !== 'on' || d.reason) && !d.quiet)
    .map(
      (d) =>
        `${d.feature}: ${d.outcome === 'on' ? 'on' : d.outcome === 'fallback' ? `fallback to ${d.fallback}` : 'off'} (${d.reason})`,
    );
}
