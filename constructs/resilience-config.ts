/**
 * The application's resilience policy for one stamp, in two forms written next to `service-config.json`:
 * `resilience.json`, plain JSON for any stack (every number `{ value, source }` in milliseconds, the source
 * naming the infrastructure value or config field it came from), and `appsettings.resilience.json`, sections
 * .NET binds directly: `Microsoft.Extensions.Http.Resilience` standard options per HTTP dependency, Cosmos DB
 * client options and Azure SDK retry options for Key Vault. Built from plain values (model/ types only).
 */
import {
  amplification,
  attemptsOf,
  backoffBoundMs,
  edgeTimes,
  worstCaseMs,
  type EdgeFacts,
  type EdgePolicy,
} from '../model/client-policy-checks';
import type { DependencyPolicy, PolicyField } from '../model/client-policy';

export const RESILIENCE_CONFIG_VERSION = 1;
export const RESILIENCE_FILE = 'resilience.json';
export const APPSETTINGS_FILE = 'appsettings.resilience.json';

export interface Value<T> {
  readonly value: T;
  readonly source: string;
}

export interface DependencyInput {
  readonly policy: DependencyPolicy;
  /** Source of each field (config path or footprint default). */
  readonly sources: Readonly<Partial<Record<PolicyField, string>>>;
}

export interface ResilienceConfigInput {
  readonly environment: string;
  readonly stack: string;
  readonly region: string;
  readonly edge: EdgeFacts;
  readonly edgePolicy: EdgePolicy;
  /** Source of each edge number. */
  readonly edgeSources: Readonly<Record<string, string | undefined>>;
  readonly dependencies: readonly DependencyInput[];
  /** Cosmos DB regions by display name, this stamp's first (ApplicationPreferredRegions). */
  readonly cosmosPreferredRegions: readonly string[];
  /** Where the preferred regions come from. */
  readonly cosmosPreferredRegionsSource: string;
}

const DERIVED = 'derived (model/client-policy-checks.ts)';

function plainDependency(d: DependencyInput, input: ResilienceConfigInput) {
  const p = d.policy;
  const v = <T>(value: T, field: PolicyField): Value<T> => ({
    value,
    source: d.sources[field] ?? 'footprint default',
  });
  return {
    kind: p.kind,
    timeout: {
      attemptMs: v(p.attemptMs, 'timeouts.attemptSeconds'),
      totalMs: v(p.totalMs, 'timeouts.totalSeconds'),
    },
    retry: {
      maxRetries: v(p.maxRetries, 'retry.maxRetries'),
      backoff: v(p.backoff, 'retry.backoff'),
      delayMs: v(p.delayMs, 'retry.delaySeconds'),
      maxDelayMs: v(p.maxDelayMs, 'retry.maxDelaySeconds'),
      jitter: v(p.jitter, 'retry.jitter'),
      on: v([...p.retryOn], 'retry.on'),
    },
    circuitBreaker: {
      failureRatio: v(p.failureRatio, 'circuitBreaker.failureRatio'),
      samplingMs: v(p.samplingMs, 'circuitBreaker.samplingSeconds'),
      minimumThroughput: v(p.minimumThroughput, 'circuitBreaker.minimumThroughput'),
      breakMs: v(p.breakMs, 'circuitBreaker.breakSeconds'),
    },
    bulkhead: {
      maxConcurrency: v(p.maxConcurrency, 'bulkhead.maxConcurrency'),
      queue: v(p.queue, 'bulkhead.queue'),
    },
    rateLimit: {
      permitsPerSecond: v(p.permitsPerSecond, 'rateLimit.permitsPerSecond'),
      honorRetryAfter: v(p.honorRetryAfter, 'rateLimit.honorRetryAfter'),
      maxRetryAfterMs: v(p.maxRetryAfterMs, 'rateLimit.maxRetryAfterSeconds'),
    },
    cache: {
      freshTtlMs: v(p.freshTtlSeconds * 1000, 'cache.freshTtlSeconds'),
      staleTtlMs: v(p.staleTtlSeconds * 1000, 'cache.staleTtlSeconds'),
    },
    ...(p.rateLimited
      ? {
          rateLimited: {
            maxRetries: v(p.rateLimited.maxRetries, 'rateLimited.maxRetries'),
            maxWaitMs: v(p.rateLimited.maxWaitMs, 'rateLimited.maxWaitSeconds'),
          },
          preferredRegions: {
            value: [...input.cosmosPreferredRegions],
            source: input.cosmosPreferredRegionsSource,
          },
        }
      : {}),
    derived: {
      attempts: { value: attemptsOf(p), source: `${DERIVED}: maxRetries + 1` },
      backoffBoundMs: {
        value: backoffBoundMs(p),
        source: `${DERIVED}: upper bound of all backoff delays (jitter and Retry-After included)`,
      },
      worstCaseMs: {
        value: worstCaseMs(p),
        source: `${DERIVED}: min(totalMs, attempts × attemptMs + backoffBoundMs)`,
      },
      amplification: {
        value: amplification(p),
        source: `${DERIVED}: calls reaching the service per application call (attempts${p.rateLimited ? ' × (rateLimited.maxRetries + 1)' : ''})`,
      },
    },
  };
}

export type PlainDependency = ReturnType<typeof plainDependency>;

export function buildPlainPolicy(input: ResilienceConfigInput) {
  const { edge, edgePolicy: ep, edgeSources: es } = input;
  const times = edgeTimes(edge, ep.requestTimeoutMs);
  const src = (k: string) => es[k] ?? 'footprint default';
  const derived = (what: string) => `${DERIVED}: ${what}`;
  return {
    version: RESILIENCE_CONFIG_VERSION,
    environment: input.environment,
    stack: input.stack,
    region: input.region,
    edge: {
      kind: edge.kind,
      ...(edge.kind === 'frontDoor'
        ? {
            originResponseTimeoutMs: {
              value: edge.originResponseTimeoutSeconds * 1000,
              source: src('originResponseTimeoutSeconds'),
            },
          }
        : {}),
      probeIntervalMs: { value: edge.probeIntervalSeconds * 1000, source: src('probeIntervalSeconds') },
      probesToUnhealthy: {
        value: times.probesToUnhealthy,
        source: derived(
          edge.kind === 'frontDoor' ? 'sampleSize − successfulSamplesRequired + 1' : 'toleratedFailures + 1',
        ),
      },
      drainMs: {
        value: times.drainSeconds * 1000,
        source: derived(
          edge.kind === 'frontDoor'
            ? 'probesToUnhealthy × probe interval'
            : 'probesToUnhealthy × interval + probe timeout + DNS TTL',
        ),
      },
      inFlightMs: {
        value: times.inFlightSeconds * 1000,
        source: derived('drain + the longest request in flight'),
      },
      ...(times.restoreSeconds === undefined
        ? {}
        : {
            restoreMs: {
              value: times.restoreSeconds * 1000,
              source: derived('successfulSamplesRequired × probe interval'),
            },
          }),
      failover: { value: times.failover, source: derived('more than one stamp behind the edge') },
      requestTimeoutMs: { value: ep.requestTimeoutMs, source: src('requestTimeoutSeconds') },
      marginMs: { value: ep.marginMs, source: src('marginSeconds') },
      breakerSlackMs: { value: ep.breakerSlackMs, source: src('breakerSlackSeconds') },
      ...(ep.bulkhead ? { bulkhead: { value: ep.bulkhead, source: src('bulkhead.maxConcurrency') } } : {}),
    },
    dependencies: Object.fromEntries(
      input.dependencies.map((d) => [d.policy.name, plainDependency(d, input)]),
    ),
  };
}

export type PlainPolicy = ReturnType<typeof buildPlainPolicy>;

/** .NET TimeSpan text: `[d.]hh:mm:ss[.fff]`. */
export function timeSpan(msValue: number): string {
  const days = Math.floor(msValue / 86_400_000);
  const rest = msValue % 86_400_000;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const hms = `${pad(Math.floor(rest / 3_600_000))}:${pad(Math.floor(rest / 60_000) % 60)}:${pad(Math.floor(rest / 1000) % 60)}`;
  const frac = rest % 1000 ? `.${pad(rest % 1000, 3)}` : '';
  return `${days ? `${days}.` : ''}${hms}${frac}`;
}

const BACKOFF_TYPE = { exponential: 'Exponential', linear: 'Linear', constant: 'Constant' } as const;

/** `AddStandardResilienceHandler(configuration.GetSection("HttpResilience:<name>"))`. */
function standardOptions(p: DependencyPolicy) {
  return {
    RateLimiter: { DefaultRateLimiterOptions: { PermitLimit: p.maxConcurrency, QueueLimit: p.queue } },
    TotalRequestTimeout: { Timeout: timeSpan(p.totalMs) },
    Retry: {
      MaxRetryAttempts: p.maxRetries,
      BackoffType: BACKOFF_TYPE[p.backoff],
      UseJitter: p.jitter,
      Delay: timeSpan(p.delayMs),
      MaxDelay: timeSpan(p.maxDelayMs),
      ShouldRetryAfterHeader: p.honorRetryAfter,
    },
    CircuitBreaker: {
      FailureRatio: p.failureRatio,
      MinimumThroughput: p.minimumThroughput,
      SamplingDuration: timeSpan(p.samplingMs),
      BreakDuration: timeSpan(p.breakMs),
    },
    AttemptTimeout: { Timeout: timeSpan(p.attemptMs) },
  };
}

export function buildAppSettings(input: ResilienceConfigInput) {
  const cosmos = input.dependencies.find((d) => d.policy.kind === 'cosmos')?.policy;
  const keyVault = input.dependencies.find((d) => d.policy.kind === 'keyVault')?.policy;
  const http = input.dependencies.filter((d) => d.policy.kind === 'http').map((d) => d.policy);
  return {
    HttpResilience: Object.fromEntries(http.map((p) => [p.name, standardOptions(p)])),
    ...(cosmos?.rateLimited
      ? {
          // CosmosClientOptions: config.GetSection("Cosmos").Bind(options).
          Cosmos: {
            ApplicationPreferredRegions: [...input.cosmosPreferredRegions],
            MaxRetryAttemptsOnRateLimitedRequests: cosmos.rateLimited.maxRetries,
            MaxRetryWaitTimeOnRateLimitedRequests: timeSpan(cosmos.rateLimited.maxWaitMs),
          },
        }
      : {}),
    ...(keyVault
      ? {
          // Azure SDK client options (Microsoft.Extensions.Azure binds "Retry" to Azure.Core RetryOptions).
          KeyVault: {
            Retry: {
              Mode: keyVault.backoff === 'exponential' ? 'Exponential' : 'Fixed',
              MaxRetries: keyVault.maxRetries,
              Delay: timeSpan(keyVault.delayMs),
              MaxDelay: timeSpan(keyVault.maxDelayMs),
              NetworkTimeout: timeSpan(keyVault.attemptMs),
            },
          },
        }
      : {}),
  };
}
