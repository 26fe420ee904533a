/**
 * The application's resilience policy per dependency (timeouts, retries, circuit breaker, bulkhead, client rate
 * limit and Retry-After, cache staleness): the fields, their production defaults and how an environment's layers
 * resolve to one value per field together with where that value came from. Pure: config passes the parsed
 * `clientPolicy` section in, stacks emit the result, model/client-policy-checks.ts checks it.
 */

export type DependencyKind = 'cosmos' | 'keyVault' | 'http';

/** Failures a retry may handle: 5xx, 408, 429, an attempt timeout, a connection failure. */
export const RETRY_ON = ['5xx', '408', '429', 'timeout', 'network'] as const;
export type RetryOn = (typeof RETRY_ON)[number];
export const BACKOFFS = ['exponential', 'linear', 'constant'] as const;
export type Backoff = (typeof BACKOFFS)[number];

/** Every field a dependency's policy has, as written in `clientPolicy.<dependency>` (seconds, counts). */
export interface PolicyFields {
  'timeouts.attemptSeconds': number;
  'timeouts.totalSeconds': number;
  'retry.maxRetries': number;
  'retry.backoff': Backoff;
  'retry.delaySeconds': number;
  'retry.maxDelaySeconds': number;
  'retry.jitter': boolean;
  'retry.on': readonly RetryOn[];
  'circuitBreaker.failureRatio': number;
  'circuitBreaker.samplingSeconds': number;
  'circuitBreaker.minimumThroughput': number;
  'circuitBreaker.breakSeconds': number;
  'bulkhead.maxConcurrency': number;
  'bulkhead.queue': number;
  /** 0: no client-side rate limit. */
  'rateLimit.permitsPerSecond': number;
  'rateLimit.honorRetryAfter': boolean;
  /** A Retry-After above this is not waited for: the call fails at once. */
  'rateLimit.maxRetryAfterSeconds': number;
  /** 0: nothing cached. */
  'cache.freshTtlSeconds': number;
  /** How long past its fresh TTL an entry is still served when the dependency fails. */
  'cache.staleTtlSeconds': number;
  /** Cosmos DB SDK only: retries of a 429 inside one call, and their cumulative wait. */
  'rateLimited.maxRetries': number;
  'rateLimited.maxWaitSeconds': number;
}
export type PolicyField = keyof PolicyFields;

const COSMOS_ONLY: readonly PolicyField[] = ['rateLimited.maxRetries', 'rateLimited.maxWaitSeconds'];

/**
 * Production defaults, chosen so every default policy passes its own checks behind a 60 s Front Door origin
 * timeout: attempts × attempt timeout + the backoff bound stays inside the total; Polly's validator needs
 * samplingSeconds >= 2 × attemptSeconds. Breaker numbers are Polly's standard ones (0.1, 30 s, 100, 5 s).
 */
export const GENERAL_DEFAULTS: Omit<PolicyFields, 'rateLimited.maxRetries' | 'rateLimited.maxWaitSeconds'> = {
  'timeouts.attemptSeconds': 2,
  'timeouts.totalSeconds': 20,
  'retry.maxRetries': 3,
  'retry.backoff': 'exponential',
  'retry.delaySeconds': 0.2,
  'retry.maxDelaySeconds': 2,
  'retry.jitter': true,
  'retry.on': RETRY_ON,
  'circuitBreaker.failureRatio': 0.1,
  'circuitBreaker.samplingSeconds': 30,
  'circuitBreaker.minimumThroughput': 100,
  'circuitBreaker.breakSeconds': 5,
  'bulkhead.maxConcurrency': 100,
  'bulkhead.queue': 10,
  'rateLimit.permitsPerSecond': 0,
  'rateLimit.honorRetryAfter': true,
  'rateLimit.maxRetryAfterSeconds': 3,
  'cache.freshTtlSeconds': 0,
  'cache.staleTtlSeconds': 0,
};

/**
 * What differs per kind. Cosmos: the SDK already retries 429s (waiting the server's RetryAfter) inside one call,
 * so the app retries once and an attempt must outlast the SDK's cumulative 429 wait (5 s instead of the SDK's
 * 30 s, which alone would exceed the request deadline). Key Vault: secrets are cached and served stale.
 */
export const KIND_DEFAULTS: Record<DependencyKind, Partial<PolicyFields>> = {
  cosmos: {
    'timeouts.attemptSeconds': 8,
    'timeouts.totalSeconds': 18,
    'retry.maxRetries': 1,
    'retry.on': ['5xx', '408', 'timeout', 'network'],
    'rateLimit.honorRetryAfter': false,
    'rateLimited.maxRetries': 9,
    'rateLimited.maxWaitSeconds': 5,
  },
  keyVault: {
    'timeouts.attemptSeconds': 5,
    'retry.maxRetries': 2,
    'retry.delaySeconds': 0.5,
    'rateLimit.maxRetryAfterSeconds': 2,
    'cache.freshTtlSeconds': 300,
    'cache.staleTtlSeconds': 3600,
  },
  http: {},
};

/** A resolved field: its value and where it came from (a config path, or the footprint default). */
export interface Sourced<T> {
  readonly value: T;
  /** The config path that set it (`clientPolicy.cosmos.retry.maxRetries`), absent for a default. */
  readonly path?: readonly string[];
  readonly source: string;
}

export type ResolvedPolicy = { readonly [K in PolicyField]?: Sourced<PolicyFields[K]> };

/** One layer of config: its path in the file (`['clientPolicy', 'defaults']`) and its nested values. */
export interface PolicyLayer {
  readonly path: readonly string[];
  readonly values: unknown;
}

function lookup(values: unknown, field: PolicyField): unknown {
  let v: unknown = values;
  for (const seg of field.split('.'))
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[seg] : undefined;
  return v;
}

export function fieldsOf(kind: DependencyKind): PolicyField[] {
  return [...Object.keys(GENERAL_DEFAULTS), ...(kind === 'cosmos' ? COSMOS_ONLY : [])] as PolicyField[];
}

/**
 * Resolves a dependency's policy: footprint default < kind default < each layer in order (the environment's
 * `defaults`, then the dependency's own section). `file` names the config file in each source.
 */
export function resolvePolicy(
  kind: DependencyKind,
  layers: readonly PolicyLayer[],
  file: string,
): Required<ResolvedPolicy> {
  const out: Record<string, Sourced<unknown>> = {};
  for (const field of fieldsOf(kind)) {
    const kindValue = (KIND_DEFAULTS[kind] as Record<string, unknown>)[field];
    const general = (GENERAL_DEFAULTS as Record<string, unknown>)[field];
    let best: Sourced<unknown> = {
      value: kindValue ?? general,
      source:
        kindValue === undefined
          ? 'footprint default (model/client-policy.ts)'
          : `footprint default for ${kind} (model/client-policy.ts)`,
    };
    for (const layer of layers) {
      const v = lookup(layer.values, field);
      if (v === undefined) continue;
      const path = [...layer.path, ...field.split('.')];
      best = { value: v, path, source: `${file} ${path.join('.')}` };
    }
    out[field] = best;
  }
  return out as Required<ResolvedPolicy>;
}

/** The policy in milliseconds, as the checks and the emitted forms use it. */
export interface DependencyPolicy {
  readonly name: string;
  readonly kind: DependencyKind;
  readonly attemptMs: number;
  readonly totalMs: number;
  readonly maxRetries: number;
  readonly backoff: Backoff;
  readonly delayMs: number;
  readonly maxDelayMs: number;
  readonly jitter: boolean;
  readonly retryOn: readonly RetryOn[];
  readonly failureRatio: number;
  readonly samplingMs: number;
  readonly minimumThroughput: number;
  readonly breakMs: number;
  readonly maxConcurrency: number;
  readonly queue: number;
  readonly permitsPerSecond: number;
  readonly honorRetryAfter: boolean;
  readonly maxRetryAfterMs: number;
  readonly freshTtlSeconds: number;
  readonly staleTtlSeconds: number;
  /** Cosmos only. */
  readonly rateLimited?: { readonly maxRetries: number; readonly maxWaitMs: number };
}

const ms = (seconds: number) => Math.round(seconds * 1000);

export function toPolicy(
  name: string,
  kind: DependencyKind,
  r: Required<ResolvedPolicy> | ResolvedPolicy,
): DependencyPolicy {
  const v = <K extends PolicyField>(f: K): PolicyFields[K] => {
    const s = r[f];
    if (!s) throw new Error(`${name}: ${f} is not resolved`);
    return s.value as PolicyFields[K];
  };
  return {
    name,
    kind,
    attemptMs: ms(v('timeouts.attemptSeconds')),
    totalMs: ms(v('timeouts.totalSeconds')),
    maxRetries: v('retry.maxRetries'),
    backoff: v('retry.backoff'),
    delayMs: ms(v('retry.delaySeconds')),
    maxDelayMs: ms(v('retry.maxDelaySeconds')),
    jitter: v('retry.jitter'),
    retryOn: v('retry.on'),
    failureRatio: v('circuitBreaker.failureRatio'),
    samplingMs: ms(v('circuitBreaker.samplingSeconds')),
    minimumThroughput: v('circuitBreaker.minimumThroughput'),
    breakMs: ms(v('circuitBreaker.breakSeconds')),
    maxConcurrency: v('bulkhead.maxConcurrency'),
    queue: v('bulkhead.queue'),
    permitsPerSecond: v('rateLimit.permitsPerSecond'),
    honorRetryAfter: v('rateLimit.honorRetryAfter'),
    maxRetryAfterMs: ms(v('rateLimit.maxRetryAfterSeconds')),
    freshTtlSeconds: v('cache.freshTtlSeconds'),
    staleTtlSeconds: v('cache.staleTtlSeconds'),
    ...(kind === 'cosmos'
      ? {
          rateLimited: {
            maxRetries: v('rateLimited.maxRetries'),
            maxWaitMs: ms(v('rateLimited.maxWaitSeconds')),
          },
        }
      : {}),
  };
}
