/**
 * The Azure SDK for JavaScript's cloud table (`@azure/ms-rest-azure-env`, a dev dependency only) next to our
 * cloud profiles: which fields overlap, how each is written on both sides, and the comparison the cross-check
 * test runs (and shows failing on a planted wrong value).
 */
import { Environment } from '@azure/ms-rest-azure-env';
import type { CloudProfile } from '../../config/cloud-profile';

export type SdkEnvironment = (typeof Environment)['AzureCloud'];
export type SdkField = keyof SdkEnvironment;

/** The SDK's built-in clouds (AzureGermanCloud closed in 2021 and has no profile). */
export const SDK_CLOUDS: readonly SdkEnvironment[] = [
  Environment.AzureCloud,
  Environment.USGovernment,
  Environment.ChinaCloud,
];

const noSlash = (url: string) => url.replace(/\/+$/, '');

/** SDK field → how our profile names the same value, with both sides written the same way. */
export const OVERLAP: Partial<
  Record<
    SdkField,
    { readonly ours: string; sdk: (v: string) => string; profile: (c: CloudProfile) => string }
  >
> = {
  name: { ours: 'azCloudName', sdk: (v) => v, profile: (c) => c.azCloudName },
  resourceManagerEndpointUrl: {
    ours: 'endpoints.resourceManager',
    sdk: noSlash,
    profile: (c) => c.endpoint('resourceManager'),
  },
  activeDirectoryEndpointUrl: { ours: 'endpoints.login', sdk: noSlash, profile: (c) => c.endpoint('login') },
  storageEndpointSuffix: { ours: 'suffixes.storage', sdk: (v) => v, profile: (c) => c.suffix('storage') },
  // The SDK writes the Key Vault suffix with its leading dot.
  keyVaultDnsSuffix: {
    ours: 'suffixes.keyVault',
    sdk: (v) => v.replace(/^\./, ''),
    profile: (c) => c.suffix('keyVault'),
  },
};

/** SDK fields that look like ours but are not the same value, or that the footprint does not use. */
export const NOT_COMPARED: Readonly<Partial<Record<SdkField, string>>> = {
  activeDirectoryGraphResourceId:
    'Azure AD Graph (graph.windows.net, retired), not Microsoft Graph (endpoints.graph); the SDK even gives the public host for US Government',
  activeDirectoryGraphApiVersion: 'Azure AD Graph API version, no counterpart',
  managementEndpointUrl: 'classic Service Management (management.core.*), not ARM',
  activeDirectoryResourceId: 'the classic Service Management token audience, not ARM',
  portalUrl: 'the portal is not part of the footprint',
  publishingProfileUrl: 'classic publish settings, no counterpart',
  sqlManagementEndpointUrl: 'SQL is not part of the footprint',
  sqlServerHostnameSuffix: 'SQL is not part of the footprint',
  galleryEndpointUrl: 'classic gallery, no counterpart',
  batchResourceId: 'Batch is not part of the footprint',
  azureDataLakeStoreFileSystemEndpointSuffix: 'Data Lake is not part of the footprint',
  azureDataLakeAnalyticsCatalogAndJobEndpointSuffix: 'Data Lake is not part of the footprint',
  validateAuthority: 'an SDK switch, not a cloud fact',
};

/**
 * Differences that are right, as `<azCloudName>.<sdk field>` → why ours differs. Empty today: every overlapping
 * field of public, usgov and china agrees with the SDK.
 */
export const RIGHT_DIFFERENCES: Readonly<Record<string, string>> = {};

export interface Difference {
  readonly cloud: string;
  readonly field: string;
  readonly ours: string;
  readonly sdk: string;
}

/** Every overlapping field where the profile and the SDK's environment disagree, except the `allowed` ones. */
export function compareWithSdk(
  cloud: CloudProfile,
  sdk: SdkEnvironment,
  allowed: Readonly<Record<string, string>> = RIGHT_DIFFERENCES,
): Difference[] {
  const out: Difference[] = [];
  for (const [field, o] of Object.entries(OVERLAP) as [SdkField, NonNullable<(typeof OVERLAP)[SdkField]>][]) {
    const raw = sdk[field];
    if (typeof raw !== 'string') continue;
    const theirs = o.sdk(raw);
    const ours = o.profile(cloud);
    if (ours !== theirs && !(`${sdk.name}.${field}` in allowed))
      out.push({ cloud: cloud.id, field: `${o.ours} (sdk ${field})`, ours, sdk: theirs });
  }
  return out;
}
