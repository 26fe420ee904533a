/**
 * Schema of a deployable environment (`environments/<name>.yaml`). Defaults are production choices; an
 * environment file states what differs. Rules that need the cloud profile live in `../rules.ts`.
 */
import { z } from 'zod';
import { CAPABILITIES, TIERS } from '../../model/capabilities';
import { DEFAULT_HEALTH_PATH } from '../../model/health';
import { isValidCidr } from '../../model/cidr';
import { MAX_STAMP_PREFIX, MAX_UNITS, MIN_STAMP_PREFIX } from '../../model/address-plan';
import { DEFAULT_RUNBOOK_URL_PATTERN } from '../../model/runbooks';
import { clientPolicySchema } from './client-policy';
import { DAYS } from '../../model/maintenance';
import { SURVIVE } from '../../model/capacity';

const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'a lower-case GUID');
const cidr = z
  .string()
  .refine(isValidCidr, 'expected an IPv4 CIDR such as 10.10.0.0/20 (network address, prefix 8-29)');
const vmSize = z.string().regex(/^Standard_[A-Za-z0-9_]+$/, 'an Azure VM size such as Standard_D4ds_v5');
const urlPath = z.string().regex(/^\/[A-Za-z0-9/_.*-]*$/, 'a URL path starting with "/"');
const email = z.string().regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'an e-mail address');

const poolSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[a-z][a-z0-9]{0,11}$/, 'lower-case letters and digits, 1-12, starting with a letter'),
    vmSize: vmSize.default('Standard_D4ds_v5'),
    minCount: z.int().min(0).max(1000),
    maxCount: z.int().min(1).max(1000),
  })
  .superRefine((p, ctx) => {
    if (p.maxCount < p.minCount)
      ctx.addIssue({ code: 'custom', path: ['maxCount'], message: `must be >= minCount (${p.minCount})` });
  });

const rateLimitSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,127}$/, 'letters and digits, starting with a letter'),
  /** Requests per client IP per window before the WAF blocks. */
  threshold: z.int().min(10).max(1_000_000),
  windowMinutes: z.union([z.literal(1), z.literal(5)]).default(1),
  /** Only requests whose path starts with one of these; all paths when absent. */
  pathPrefixes: z.array(urlPath).optional(),
});

const containerSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9-]{1,255}$/, 'letters, digits and "-"'),
  partitionKey: z.string().regex(/^\/[A-Za-z0-9_]+(\/[A-Za-z0-9_]+)*$/, 'a JSON path such as /tenantId'),
  /** Autoscale maximum RU/s: the throttling ceiling for this container. */
  maxThroughput: z.int().min(1000).max(1_000_000).multipleOf(1000),
  defaultTtlSeconds: z.int().min(-1).optional(),
});

const waiverSchema = z.strictObject({
  rule: z.string().min(3),
  /** Stack-qualified address `<stack>/<type>.<name>`; `*` matches any characters. */
  resource: z.string().min(3),
  reason: z.string().min(10),
  expires: z.iso.date(),
});

export const environmentSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Must equal the file name; becomes the stack name prefix. */
  name: z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'lower-case words joined by "-"'),
  cloud: z.string(),
  tier: z.enum(TIERS),
  /** Short service prefix used in every resource name. */
  prefix: z.string().regex(/^[a-z][a-z0-9]{1,5}$/, '2-6 lower-case letters or digits'),
  /** Environment part of resource names; defaults to the name without "-". Unique within a cloud. */
  shortName: z
    .string()
    .regex(/^[a-z][a-z0-9]{1,11}$/, '2-12 lower-case letters or digits')
    .optional(),
  subscriptionId: uuid,
  tenantId: uuid,
  owner: email,
  costCenter: z.string().regex(/^[A-Za-z0-9-]{2,20}$/, 'letters, digits and "-"'),
  /** In order: the first is primary (Cosmos failover priority 0, rollout canary candidate). */
  regions: z
    .array(
      z.strictObject({
        name: z.string(),
        addressSpace: cidr,
        /**
         * false: the stamp is deployed, but its Front Door origin or Traffic Manager endpoint is created (or set)
         * disabled, so it gets no traffic: a region being added (until its stamp is deployed and healthy) or
         * drained before it is retired. See "Adding a region" and "Retiring a region" in the README.
         */
        serving: z.boolean().default(true),
        /**
         * Scale units (stamps) in this region, each its own stack, state, cluster, network and vault behind the
         * same edge and Cosmos DB replica. Unit n keeps its id when units are added (only append; a unit is
         * never renumbered). Unit 1 is `<env>-<region>`, unit n `<env>-<region>-u<n>`.
         */
        units: z.int().min(1).max(MAX_UNITS).default(1),
        /** Size of each unit's range: unit n gets the n-th `/unitPrefix` of addressSpace. @default the whole space */
        unitPrefix: z.int().min(MIN_STAMP_PREFIX).max(MAX_STAMP_PREFIX).optional(),
      }),
    )
    .min(1, 'at least one region'),
  /** Capabilities this environment cannot run without: validation fails where the cloud lacks one. */
  requires: z.array(z.enum(CAPABILITIES)).default([]),
  /** The global entry; `frontDoor` falls back to Traffic Manager (with a warning) where the cloud lacks it. */
  globalEntry: z.enum(['frontDoor', 'trafficManager']).default('frontDoor'),
  frontDoor: z
    .strictObject({
      sku: z.enum(['Premium', 'Standard']).default('Premium'),
      routing: z.enum(['activeActive', 'activePassive']).default('activeActive'),
      /** How long Front Door waits for a stamp's response (profile response_timeout_seconds, 16-240). */
      originResponseTimeoutSeconds: z.int().min(16).max(240).default(60),
      healthProbe: z
        .strictObject({
          path: urlPath.default(DEFAULT_HEALTH_PATH),
          intervalSeconds: z.int().min(5).max(255).default(30),
        })
        .default({ path: DEFAULT_HEALTH_PATH, intervalSeconds: 30 }),
      loadBalancing: z
        .strictObject({
          sampleSize: z.int().min(1).max(255).default(4),
          successfulSamplesRequired: z.int().min(1).max(255).default(3),
          additionalLatencyMs: z.int().min(0).max(1000).default(50),
        })
        .default({ sampleSize: 4, successfulSamplesRequired: 3, additionalLatencyMs: 50 }),
      rateLimits: z
        .array(rateLimitSchema)
        .default([{ name: 'PerClientIp', threshold: 1000, windowMinutes: 1 }]),
      cachedPaths: z.array(urlPath).default(['/static/*']),
      customDomain: z
        .strictObject({
          hostName: z.string().regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'a DNS host name'),
          /** Key Vault certificate (versionless secret id) for clouds without managed certificates. */
          certificateSecretId: z.string().optional(),
        })
        .optional(),
    })
    .prefault({}),
  trafficManager: z
    .strictObject({
      routing: z.enum(['Performance', 'Priority']).default('Performance'),
      monitor: z
        .strictObject({
          path: urlPath.default(DEFAULT_HEALTH_PATH),
          intervalSeconds: z.union([z.literal(10), z.literal(30)]).default(30),
          timeoutSeconds: z.int().min(5).max(10).default(10),
          toleratedFailures: z.int().min(0).max(9).default(3),
        })
        .default({
          path: DEFAULT_HEALTH_PATH,
          intervalSeconds: 30,
          timeoutSeconds: 10,
          toleratedFailures: 3,
        }),
      ttlSeconds: z.int().min(0).max(2147483647).default(30),
    })
    .prefault({}),
  aks: z
    .strictObject({
      kubernetesVersion: z
        .string()
        .regex(/^\d+\.\d+(\.\d+)?$/, 'a version such as 1.33')
        .optional(),
      systemPool: poolSchema.default({
        name: 'system',
        vmSize: 'Standard_D4ds_v5',
        minCount: 3,
        maxCount: 5,
      }),
      userPools: z
        .array(poolSchema)
        .min(1, 'at least one user pool')
        .default([{ name: 'apps', vmSize: 'Standard_D4ds_v5', minCount: 3, maxCount: 10 }]),
      /** `private` API server, or public limited to `authorizedIpRanges`. */
      apiServer: z
        .union([
          z.strictObject({ private: z.literal(true) }),
          z.strictObject({ authorizedIpRanges: z.array(cidr).min(1) }),
        ])
        .default({ private: true }),
      podCidr: cidr.default('192.168.0.0/16'),
      serviceCidr: cidr.default('172.16.0.0/16'),
      upgradeChannel: z.enum(['patch', 'stable', 'rapid', 'node-image']).default('stable'),
      nodeOsUpgradeChannel: z.enum(['NodeImage', 'SecurityPatch']).default('NodeImage'),
      /**
       * Where the upgrade windows start: the canary region's window (auto-upgrade and node OS). Each later
       * rollout wave's window opens `spacingHours` after the previous one, the primary's last, so no region
       * upgrades with its pair and no two waves overlap (model/maintenance.ts).
       */
      maintenance: z
        .strictObject({
          dayOfWeek: z.enum(DAYS),
          startHourUtc: z.int().min(0).max(23),
          durationHours: z.int().min(4).max(24).default(4),
          /** Hours between the starts of consecutive waves' windows; default: up to 24, as fits one week. */
          spacingHours: z.int().min(4).max(84).optional(),
        })
        .default({ dayOfWeek: 'Sunday', startHourUtc: 2, durationHours: 4 }),
    })
    .prefault({}),
  cosmos: z
    .strictObject({
      consistency: z
        .enum(['Session', 'BoundedStaleness', 'Strong', 'ConsistentPrefix', 'Eventual'])
        .default('Session'),
      multiRegionWrites: z.boolean().optional(),
      backupTier: z.enum(['Continuous7Days', 'Continuous30Days']).default('Continuous30Days'),
      databases: z
        .array(
          z.strictObject({
            name: z.string().regex(/^[A-Za-z0-9-]{1,255}$/, 'letters, digits and "-" (1-255)'),
            containers: z.array(containerSchema).min(1),
          }),
        )
        .default([
          { name: 'app', containers: [{ name: 'items', partitionKey: '/tenantId', maxThroughput: 4000 }] },
        ]),
    })
    .prefault({}),
  monitoring: z.strictObject({
    logRetentionDays: z.int().min(30).max(730).default(30),
    /** Availability SLO in percent, e.g. 99.95. */
    sloTarget: z.number().min(90).max(99.999).default(99.9),
    contacts: z.array(email).min(1),
    webhookUrl: z
      .string()
      .regex(/^https:\/\//, 'an https URL')
      .optional(),
    runbookUrlPattern: z
      .string()
      .regex(/\{alert\}/, 'a URL or repository path containing {alert}')
      // The checked-in runbook (npm run runbooks); an organisation points it at its Git host's URL.
      .default(DEFAULT_RUNBOOK_URL_PATTERN),
    /** Per-alert threshold overrides of the table in model/alert-catalog.ts. */
    thresholds: z.record(z.string(), z.number()).default({}),
  }),
  state: z.discriminatedUnion('backend', [
    z.strictObject({
      backend: z.literal('azurerm'),
      resourceGroup: z
        .string()
        .regex(/^[A-Za-z0-9._()-]{1,90}$/, 'a resource group name: 1-90 letters, digits and ._()-'),
      storageAccount: z.string().regex(/^[a-z0-9]{3,24}$/, '3-24 lower-case letters and digits'),
      container: z
        .string()
        .regex(
          /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/,
          'a blob container name: 3-63 lower-case letters, digits and single "-"',
        )
        .default('tfstate'),
    }),
    z.strictObject({ backend: z.literal('local') }),
  ]),
  /** Data at rest. */
  encryption: z
    .strictObject({
      /**
       * Customer-managed keys (Key Vault) for Cosmos DB, AKS disks and storage. Default: the cloud profile's
       * `encryption.customerManagedKeysByDefault` for this tier. Turning it on or off for a deployed environment
       * replaces the Cosmos account and the AKS clusters (README "Customer-managed keys").
       */
      customerManagedKeys: z.boolean().optional(),
    })
    .prefault({}),
  /**
   * Capacity from load (`npm run capacity`, model/capacity.ts): the expected peak per region and what one unit
   * serves; each region must hold enough units to keep its peak after the loss `survive` names (in prod, at
   * least a unit loss: validation fails otherwise, at the region's peak).
   */
  capacity: z
    .strictObject({
      /** Requests per second one scale unit serves with its pools at their maximum size. */
      unitRps: z.number().positive(),
      /** Expected peak requests per second, per region of this environment (a region left out is not sized). */
      peakRps: z.record(z.string(), z.number().min(0)),
      /** The loss to survive at the peak; default by tier: dev none, staging unit, prod region. */
      survive: z.enum(SURVIVE).optional(),
    })
    .optional(),
  /** What must survive the loss of any single zone or region (`npm run resilience`). */
  resilience: z
    .strictObject({
      /** Nodes every AKS pool keeps after losing one zone (and with no loss), so one more node can fail. */
      minNodesPerPool: z.int().min(0).max(1000).default(2),
      /** Nodes a stamp keeps after losing one zone; default: minNodesPerPool × its number of pools. */
      minNodesPerStamp: z.int().min(0).max(100000).optional(),
      /** Stamps that must still serve behind a health probe after any single zone or region loss. */
      minServingStamps: z.int().min(1).max(100).default(1),
    })
    .prefault({}),
  /** The application's resilience policy per dependency, checked against the edge (model/client-policy.ts). */
  clientPolicy: clientPolicySchema,
  rollout: z
    .strictObject({
      bakeMinutes: z.int().min(0).max(10080).default(60),
      /** Canary region; the last region when absent (the primary changes last). */
      canary: z.string().optional(),
      /** Position of this environment in `rollout --all` (lower first); ties by tier, then name. */
      order: z.int().min(0).max(999).optional(),
    })
    .default({ bakeMinutes: 60 }),
  tags: z
    .record(
      z
        .string()
        .regex(
          /^[A-Za-z][A-Za-z0-9_-]{0,127}$/,
          'a tag name: a letter, then letters, digits, _ or - (1-128)',
        ),
      z.string().max(256, 'at most 256 characters'),
    )
    .default({}),
  waivers: z.array(waiverSchema).default([]),
});

export type EnvironmentInput = z.input<typeof environmentSchema>;
export type EnvironmentFile = z.output<typeof environmentSchema>;
