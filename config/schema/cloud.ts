/**
 * Schema of a cloud profile (`environments/clouds/<id>.yaml`): every endpoint, suffix, zone name, region and
 * capability that differs between Azure clouds. Constructs read these only through `CloudProfile`.
 */
import { z } from 'zod';
import {
  CAPABILITIES,
  CAPABILITY_STATUS,
  CONFIDENCE,
  TIERS,
  type Capability,
} from '../../model/capabilities';
import { quote } from '../../lib/quote';

export {
  CAPABILITIES,
  CAPABILITY_STATUS,
  CONFIDENCE,
  type Capability,
  type CapabilityStatus,
  type Confidence,
} from '../../model/capabilities';

const hostname = z
  .string()
  .regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'a lower-case DNS name without scheme, e.g. "vault.azure.net"');
const httpsUrl = z.string().regex(/^https:\/\/[a-z0-9.-]+$/, 'an https URL without a trailing slash');

/**
 * A fact is either a bare value (confirmed by the file's `source`) or `{ value, confidence, source }`.
 * Unconfirmed or observed facts make synthesis warn for every environment that uses them.
 */
export function fact<T extends z.ZodType>(value: T) {
  return z.union([
    value,
    z.strictObject({
      value,
      confidence: z.enum(CONFIDENCE),
      source: z.string().min(3),
      note: z.string().optional(),
    }),
  ]);
}

export const PROVIDER_ENVIRONMENTS = ['public', 'usgovernment', 'dod', 'china'] as const;

const regionSchema = z.strictObject({
  /** Short code used in resource names, e.g. `eus2`. */
  code: z.string().regex(/^[a-z0-9]{2,6}$/, '2-6 lower-case letters or digits'),
  displayName: z.string().min(2),
  /** Whether the region has availability zones 1-3. */
  zones: fact(z.boolean()),
  /** Paired region; absent for regions without a pair. */
  pair: fact(z.string()).optional(),
  /** azurerm `environment` for this region when it differs from the cloud's (DoD regions: `dod`). */
  providerEnvironment: z.enum(PROVIDER_ENVIRONMENTS).optional(),
  /** Restricted-access region (needs an enablement request). */
  restricted: z.boolean().optional(),
});

export const cloudSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z][a-z0-9]{1,15}$/, 'lower-case letters and digits, 2-16 characters'),
    displayName: z.string().min(3),
    /** The name `az cloud set --name` takes. */
    azCloudName: z.string().min(3),
    /** Where the bare facts of this file come from. */
    source: z.string().min(3),
    /** azurerm provider and backend: exactly one of `environment` or `metadataHost`. */
    provider: z.union([
      z.strictObject({ environment: z.enum(PROVIDER_ENVIRONMENTS) }),
      z.strictObject({ metadataHost: fact(hostname) }),
    ]),
    endpoints: z.strictObject({
      resourceManager: fact(httpsUrl),
      login: fact(httpsUrl),
      graph: fact(httpsUrl),
    }),
    suffixes: z.strictObject({
      storage: fact(hostname),
      keyVault: fact(hostname),
      cosmos: fact(hostname),
      acr: fact(hostname),
      aksApi: fact(hostname),
      frontDoor: fact(hostname),
      trafficManager: fact(hostname),
      /** Public IP DNS labels: `<label>.<region>.<cloudapp>`. */
      cloudapp: fact(hostname),
      logAnalytics: fact(hostname),
      monitor: fact(hostname),
      appInsights: fact(hostname),
    }),
    privateDnsZones: z.strictObject({
      cosmosSql: fact(hostname),
      keyVault: fact(hostname),
      acr: fact(hostname),
      /** AKS API server zone; `{region}` is replaced by the region's ARM name. */
      aks: fact(z.string().regex(/^privatelink\.\{region\}\.[a-z0-9.-]+$/, 'privatelink.{region}.<suffix>')),
      blob: fact(hostname),
      monitor: fact(z.array(hostname).min(1)),
    }),
    regions: z.record(
      z.string().regex(/^[a-z0-9]+$/, 'an ARM region name (lower-case, no spaces)'),
      regionSchema,
    ),
    capabilities: z.strictObject(
      Object.fromEntries(CAPABILITIES.map((c) => [c, fact(z.enum(CAPABILITY_STATUS))])) as Record<
        Capability,
        ReturnType<typeof fact<z.ZodEnum<{ ga: 'ga'; preview: 'preview'; unavailable: 'unavailable' }>>>
      >,
    ),
    /** Service tags used in NSG rules (names can differ per cloud, or the tag can be missing). */
    serviceTags: z.strictObject({
      /** Source of Front Door's requests to origins. */
      frontDoorBackend: fact(
        z.string().regex(/^[A-Za-z][A-Za-z0-9.]+$/, 'a service tag such as AzureFrontDoor.Backend'),
      ),
    }),
    /** App Insights standard web test location ids valid in this cloud (empty: none known). */
    availabilityTestLocations: fact(z.array(z.string().min(3))),
    /** Data-at-rest defaults of environments in this cloud (an environment's `encryption` overrides them). */
    encryption: z.strictObject({
      /** Tiers whose environments use customer-managed keys unless they say otherwise (accreditors ask for them). */
      customerManagedKeysByDefault: fact(z.array(z.enum(TIERS))),
    }),
    identity: z.strictObject({
      /** Audience of federated credentials (AKS workload identity) in this cloud's Entra ID. */
      workloadIdentityAudience: fact(
        z.string().regex(/^api:\/\/[A-Za-z0-9]+$/, 'an audience such as api://AzureADTokenExchange'),
      ),
    }),
  })
  .superRefine((cloud, ctx) => {
    for (const [name, region] of Object.entries(cloud.regions)) {
      const pair =
        region.pair === undefined
          ? undefined
          : typeof region.pair === 'string'
            ? region.pair
            : region.pair.value;
      if (pair !== undefined && !(pair in cloud.regions)) {
        ctx.addIssue({
          code: 'custom',
          path: ['regions', name, 'pair'],
          message: `${quote(pair)} is not a region of this cloud (${Object.keys(cloud.regions).join(', ')})`,
        });
      }
    }
  });

export type CloudFile = z.infer<typeof cloudSchema>;
