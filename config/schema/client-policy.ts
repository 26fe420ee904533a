/**
 * `clientPolicy` of an environment: the application's resilience policy. Every field is optional and has no
 * schema default, so what a file sets stays distinguishable from a default: model/client-policy.ts resolves
 * footprint default < kind default < `defaults` < the dependency's own section, and records the source of each.
 */
import { z } from 'zod';
import { BACKOFFS, RETRY_ON } from '../../model/client-policy';

const DAY = 86_400;
const seconds = (min: number) => z.number().min(min).max(DAY);

const dependencyShape = {
  timeouts: z
    .strictObject({
      /** One attempt (Polly AttemptTimeout). */
      attemptSeconds: seconds(0.01).optional(),
      /** All attempts and backoffs together (Polly TotalRequestTimeout). */
      totalSeconds: seconds(0.01).optional(),
    })
    .optional(),
  retry: z
    .strictObject({
      maxRetries: z.int().min(0).max(20).optional(),
      backoff: z.enum(BACKOFFS).optional(),
      /** Median first delay (exponential with jitter) or base delay. */
      delaySeconds: seconds(0).optional(),
      maxDelaySeconds: seconds(0).optional(),
      jitter: z.boolean().optional(),
      on: z.array(z.enum(RETRY_ON)).optional(),
    })
    .optional(),
  circuitBreaker: z
    .strictObject({
      /** Opens when failures / calls in the window reach this (0-1, exclusive). */
      failureRatio: z.number().gt(0).lt(1).optional(),
      samplingSeconds: seconds(0.5).optional(),
      minimumThroughput: z.int().min(2).max(1_000_000).optional(),
      breakSeconds: seconds(0.5).optional(),
    })
    .optional(),
  bulkhead: z
    .strictObject({
      maxConcurrency: z.int().min(1).max(100_000).optional(),
      queue: z.int().min(0).max(100_000).optional(),
    })
    .optional(),
  rateLimit: z
    .strictObject({
      /** Client-side permits per second; 0: none. */
      permitsPerSecond: z.number().min(0).max(1_000_000).optional(),
      honorRetryAfter: z.boolean().optional(),
      maxRetryAfterSeconds: seconds(0).optional(),
    })
    .optional(),
  cache: z
    .strictObject({
      freshTtlSeconds: z.int().min(0).max(DAY).optional(),
      /** Served past the fresh TTL while the dependency fails. */
      staleTtlSeconds: z
        .int()
        .min(0)
        .max(7 * DAY)
        .optional(),
    })
    .optional(),
};

export const dependencyPolicySchema = z.strictObject(dependencyShape);

const cosmosPolicySchema = z.strictObject({
  ...dependencyShape,
  /** The Cosmos DB SDK's own 429 retries inside one call (MaxRetryAttemptsOnRateLimitedRequests / ...WaitTime). */
  rateLimited: z
    .strictObject({
      maxRetries: z.int().min(0).max(100).optional(),
      /** Whole seconds: the SDK ignores sub-second values. */
      maxWaitSeconds: z.int().min(1).max(3600).optional(),
    })
    .optional(),
});

export const clientPolicySchema = z
  .strictObject({
    /** The inbound request and how it relates to the edge. */
    edge: z
      .strictObject({
        /** Deadline of one inbound request; every dependency's total fits in it. @default 30 */
        requestTimeoutSeconds: seconds(1).optional(),
        /** Headroom between the application's deadlines and the edge's origin timeout. @default 5 */
        marginSeconds: seconds(0).optional(),
        /** How much longer than the edge's drain of a stamp a breaker may stay open. @default 30 */
        breakerSlackSeconds: seconds(0).optional(),
        /** Admission limit per stamp (concurrent requests and queue). */
        bulkhead: z
          .strictObject({
            maxConcurrency: z.int().min(1).max(10_000_000),
            queue: z.int().min(0).max(10_000_000).default(0),
          })
          .optional(),
        /** Stated capacity of one user-pool node; enables the bulkhead-vs-capacity check. */
        concurrentRequestsPerNode: z.int().min(1).max(1_000_000).optional(),
      })
      .optional(),
    /** Applied to every dependency below the footprint defaults' place. */
    defaults: dependencyPolicySchema.optional(),
    cosmos: cosmosPolicySchema.optional(),
    keyVault: dependencyPolicySchema.optional(),
    /** Named downstream HTTP dependencies. */
    http: z
      .record(
        z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/, 'a name: a lower-case letter, then letters or digits'),
        dependencyPolicySchema,
      )
      .optional(),
  })
  .prefault({});
