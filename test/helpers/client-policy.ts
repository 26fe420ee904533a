/**
 * A hand-built dependency policy and edge for the client-policy checks, with numbers easy to check by hand:
 * 3 attempts × 2 s + 2 constant delays of 1 s = 8 s worst case, inside the 10 s total.
 */
import type { DependencyPolicy } from '../../model/client-policy';
import type { EdgeFacts, EdgePolicy } from '../../model/client-policy-checks';

export const API: DependencyPolicy = {
  name: 'api',
  kind: 'http',
  attemptMs: 2000,
  totalMs: 10_000,
  maxRetries: 2,
  backoff: 'constant',
  delayMs: 1000,
  maxDelayMs: 5000,
  jitter: false,
  retryOn: [],
  failureRatio: 0.1,
  samplingMs: 30_000,
  minimumThroughput: 100,
  breakMs: 30_000,
  maxConcurrency: 100,
  queue: 0,
  permitsPerSecond: 100,
  honorRetryAfter: false,
  maxRetryAfterMs: 0,
  freshTtlSeconds: 0,
  staleTtlSeconds: 0,
};

/** API with some fields changed. */
export const api = (over: Partial<DependencyPolicy>): DependencyPolicy => ({ ...API, ...over });

/** Two origins behind Front Door: probes every 30 s, 3 of 4 samples must succeed, 60 s origin timeout. */
export const FRONT_DOOR: Extract<EdgeFacts, { kind: 'frontDoor' }> = {
  kind: 'frontDoor',
  origins: 2,
  originResponseTimeoutSeconds: 60,
  probeIntervalSeconds: 30,
  sampleSize: 4,
  successfulSamplesRequired: 3,
};

/** Two endpoints behind Traffic Manager: probes every 30 s with a 10 s timeout, 3 failures tolerated. */
export const TRAFFIC_MANAGER: Extract<EdgeFacts, { kind: 'trafficManager' }> = {
  kind: 'trafficManager',
  origins: 2,
  probeIntervalSeconds: 30,
  probeTimeoutSeconds: 10,
  toleratedFailures: 3,
  ttlSeconds: 30,
};

/** A 30 s request, 5 s margin and 30 s breaker slack over a stamp of 10 nodes. */
export const EDGE: EdgePolicy = {
  requestTimeoutMs: 30_000,
  marginMs: 5000,
  breakerSlackMs: 30_000,
  stampNodes: 10,
};
