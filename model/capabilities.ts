/** The vocabulary clouds are described in: capabilities, their status, and how sure a fact is. */

export const CAPABILITY_STATUS = ['ga', 'preview', 'unavailable'] as const;
export type CapabilityStatus = (typeof CAPABILITY_STATUS)[number];

/** Capabilities the footprint depends on; each one is asked for by name (`cloud.supports('frontDoor')`). */
export const CAPABILITIES = [
  'frontDoor',
  'frontDoorManagedCertificates',
  'wafManagedRuleSets',
  'trafficManager',
  'aksStandardTier',
  'defenderForContainers',
  'containerInsights',
  'managedPrometheus',
  'vnetFlowLogs',
  'cosmosMultiRegionWrites',
  'cosmosContinuousBackup',
  /** Zone-redundant Cosmos DB replicas in the cloud's zonal regions (AZ support differs per service). */
  'cosmosZoneRedundancy',
  'availabilityTests',
  /** HSM-protected keys (RSA-HSM) in Key Vault: the Premium vault SKU. Without them, software RSA keys. */
  'keyVaultHsmKeys',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const CONFIDENCE = ['confirmed', 'observed', 'unconfirmed'] as const;
export type Confidence = (typeof CONFIDENCE)[number];

export const TIERS = ['dev', 'staging', 'prod'] as const;
export type Tier = (typeof TIERS)[number];
