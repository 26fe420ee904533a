/**
 * The arithmetic that makes the application's policy and the infrastructure agree, and the checks built on it:
 * retries fit their total timeout, the total fits the request deadline and the edge's origin timeout with a
 * margin, Cosmos DB's 429 waiting fits an attempt, a breaker does not stay open much longer than the edge takes
 * to drain a stamp, a stamp's bulkhead fits its stated capacity. Pure; config/client-policy-rules.ts reports
 * the problems at the config line, stacks emit the numbers, the report prints them.
 */
import type { DependencyPolicy, PolicyField } from './client-policy';

/** The edge as the infrastructure sets it (Front Door or Traffic Manager). */
export type EdgeFacts =
  | {
      readonly kind: 'frontDoor';
      /** Number of origins (stamps): with one there is nothing to drain to. */
      readonly origins: number;
      readonly originResponseTimeoutSeconds: number;
      readonly probeIntervalSeconds: number;
      readonly sampleSize: number;
      readonly successfulSamplesRequired: number;
    }
  | {
      readonly kind: 'trafficManager';
      readonly origins: number;
      readonly probeIntervalSeconds: number;
      readonly probeTimeoutSeconds: number;
      readonly toleratedFailures: number;
      readonly ttlSeconds: number;
    };

/** The inbound side of the application (`clientPolicy.edge`), resolved. */
export interface EdgePolicy {
  readonly requestTimeoutMs: number;
  readonly marginMs: number;
  readonly breakerSlackMs: number;
  /** Per-stamp admission limit; absent: none stated. */
  readonly bulkhead?: { readonly maxConcurrency: number; readonly queue: number };
  /** Stated capacity of one user-pool node; absent: none stated (the capacity check is skipped). */
  readonly concurrentRequestsPerNode?: number;
  /** Nodes a stamp's user pools can scale to (Σ maxCount). */
  readonly stampNodes: number;
}

export type EdgeField =
  | 'requestTimeoutSeconds'
  | 'marginSeconds'
  | 'breakerSlackSeconds'
  | 'bulkhead.maxConcurrency'
  | 'concurrentRequestsPerNode'
  | 'originResponseTimeoutSeconds'
  | 'probeIntervalSeconds'
  | 'sampleSize';

/** What to blame, most specific first: config reports at the first one the file sets. */
export type Blame =
  { readonly dependency: string; readonly field: PolicyField } | { readonly edge: EdgeField };

export interface PolicyProblem {
  readonly blame: readonly Blame[];
  readonly message: string;
}

/** Decorrelated jitter (Polly's DecorrelatedJitterBackoffV2 = cockatiel's default): f(t) = 2^t · tanh(√(4t)). */
const jitterCurve = (t: number) => 2 ** t * Math.tanh(Math.sqrt(4 * t));
const RP_SCALING = 1 / 1.4;
/** Polly's jitter on constant and linear backoff is ±25 %. */
const FLAT_JITTER = 1.25;

/**
 * Upper bound of each retry's delay (retry k, 0-based). Decorrelated jitter: delay_k = (f(t_k) − f(t_k−1)) ·
 * Delay/1.4 with t_k in [k, k+1), so delay_k < f(k+1) · Delay/1.4; every delay is capped at maxDelay. With
 * Retry-After honoured a retry may wait up to maxRetryAfter instead (not capped by maxDelay, as in Polly).
 */
export function retryDelayBoundsMs(p: DependencyPolicy): number[] {
  return Array.from({ length: p.maxRetries }, (_, k) => {
    const base =
      p.backoff === 'exponential'
        ? p.jitter
          ? jitterCurve(k + 1) * RP_SCALING * p.delayMs
          : p.delayMs * 2 ** k
        : (p.backoff === 'linear' ? p.delayMs * (k + 1) : p.delayMs) * (p.jitter ? FLAT_JITTER : 1);
    const capped = Math.min(p.maxDelayMs, base);
    return p.honorRetryAfter ? Math.max(capped, p.maxRetryAfterMs) : capped;
  });
}

/** Upper bound of the sum of all backoff delays, in whole ms (rounded up). */
export function backoffBoundMs(p: DependencyPolicy): number {
  const perRetry = retryDelayBoundsMs(p).reduce((a, b) => a + b, 0);
  // Without Retry-After the jittered delays telescope: Σ < f(R) · Delay/1.4, tighter than the per-retry sum
  // (f(0) = 0: no retries, no backoff).
  const telescoped =
    p.backoff === 'exponential' && p.jitter && !p.honorRetryAfter
      ? jitterCurve(p.maxRetries) * RP_SCALING * p.delayMs
      : Infinity;
  return Math.ceil(Math.min(perRetry, telescoped));
}

export const attemptsOf = (p: DependencyPolicy) => p.maxRetries + 1;

/** Worst case of one call if every attempt times out and every retry waits its longest: not cut by the total. */
export function uncutWorstCaseMs(p: DependencyPolicy): number {
  return attemptsOf(p) * p.attemptMs + backoffBoundMs(p);
}

/** The longest one call to the dependency can take: the total timeout cuts it. */
export function worstCaseMs(p: DependencyPolicy): number {
  return Math.min(p.totalMs, uncutWorstCaseMs(p));
}

/** Calls reaching the dependency's service per call the application makes (SDK 429 retries included). */
export function amplification(p: DependencyPolicy): number {
  return attemptsOf(p) * (p.rateLimited ? p.rateLimited.maxRetries + 1 : 1);
}

/** The most retries that fit the total timeout with the other fields unchanged. */
export function maxRetriesThatFit(p: DependencyPolicy): number {
  let r = 0;
  while (r < 100 && uncutWorstCaseMs({ ...p, maxRetries: r + 1 }) <= p.totalMs) r++;
  return r;
}

/**
 * How the edge handles a sick stamp (seconds). Front Door marks an origin unhealthy once fewer than
 * `successfulSamplesRequired` of the last `sampleSize` probes succeeded, i.e. after n − x + 1 failed probes
 * (health-probes.md): `drain` = that many intervals, worst case; requests in flight then end within the origin
 * response timeout. Traffic Manager: tolerated + 1 failed probes (each up to its timeout), then clients keep
 * the cached DNS answer for the TTL.
 */
export interface EdgeTimes {
  readonly probesToUnhealthy: number;
  /** Worst case from "sick" to the first failed probe. */
  readonly detectSeconds: number;
  /** Worst case from "sick" to no new request reaching the stamp. */
  readonly drainSeconds: number;
  /** Worst case until the last request already at the stamp has ended. */
  readonly inFlightSeconds: number;
  /** Front Door: probes until a healed stamp is back in rotation (x successes). */
  readonly restoreSeconds?: number;
  /** False with a single origin: the edge has nowhere to drain to. */
  readonly failover: boolean;
}

export function edgeTimes(edge: EdgeFacts, requestTimeoutMs: number): EdgeTimes {
  if (edge.kind === 'frontDoor') {
    const probes = Math.max(1, edge.sampleSize - edge.successfulSamplesRequired + 1);
    const drain = probes * edge.probeIntervalSeconds;
    return {
      probesToUnhealthy: probes,
      detectSeconds: edge.probeIntervalSeconds,
      drainSeconds: drain,
      inFlightSeconds: drain + edge.originResponseTimeoutSeconds,
      restoreSeconds: edge.successfulSamplesRequired * edge.probeIntervalSeconds,
      failover: edge.origins > 1,
    };
  }
  const probes = edge.toleratedFailures + 1;
  const degraded = probes * edge.probeIntervalSeconds + edge.probeTimeoutSeconds;
  const drain = degraded + edge.ttlSeconds;
  return {
    probesToUnhealthy: probes,
    detectSeconds: edge.probeIntervalSeconds + edge.probeTimeoutSeconds,
    drainSeconds: drain,
    inFlightSeconds: drain + Math.ceil(requestTimeoutMs / 1000),
    failover: edge.origins > 1,
  };
}

function drainFormula(edge: EdgeFacts, times: EdgeTimes): string {
  const probes = `${times.probesToUnhealthy} probes × ${edge.probeIntervalSeconds} s`;
  return edge.kind === 'frontDoor'
    ? `${probes} = ${times.drainSeconds} s`
    : `${probes} + ${edge.probeTimeoutSeconds} s probe timeout + ${edge.ttlSeconds} s DNS TTL = ${times.drainSeconds} s`;
}

/** How long Front Door waits for the origin before it gives up on the user; Traffic Manager (DNS) does not. */
const originTimeoutMs = (edge: EdgeFacts) =>
  edge.kind === 'frontDoor' ? edge.originResponseTimeoutSeconds * 1000 : Infinity;

const s = (msValue: number) => `${Number((msValue / 1000).toFixed(3))} s`;

function dependencyProblems(p: DependencyPolicy, edge: EdgeFacts, policy: EdgePolicy): PolicyProblem[] {
  const at = (...fields: PolicyField[]): Blame[] => fields.map((field) => ({ dependency: p.name, field }));
  const problems: PolicyProblem[] = [];
  const add = (blame: Blame[], message: string) => problems.push({ blame, message });
  if (p.attemptMs > p.totalMs)
    add(
      at('timeouts.attemptSeconds', 'timeouts.totalSeconds'),
      `attempt timeout ${s(p.attemptMs)} is above the total timeout ${s(p.totalMs)}; expected attemptSeconds <= totalSeconds`,
    );
  const uncut = uncutWorstCaseMs(p);
  if (p.attemptMs <= p.totalMs && uncut > p.totalMs)
    add(
      at('retry.maxRetries', 'timeouts.attemptSeconds', 'timeouts.totalSeconds', 'retry.maxDelaySeconds'),
      `${attemptsOf(p)} attempts × ${s(p.attemptMs)} + backoff up to ${s(backoffBoundMs(p))} = ${s(uncut)} cannot fit the total timeout ${s(p.totalMs)}; expected at most ${maxRetriesThatFit(p)} retries, or totalSeconds >= ${uncut / 1000}`,
    );
  if (p.totalMs > policy.requestTimeoutMs)
    add(
      [...at('timeouts.totalSeconds'), { edge: 'requestTimeoutSeconds' }],
      `total timeout ${s(p.totalMs)} outlasts the request it serves (clientPolicy.edge.requestTimeoutSeconds ${s(policy.requestTimeoutMs)})`,
    );
  if (p.totalMs + policy.marginMs > originTimeoutMs(edge))
    add(
      [...at('timeouts.totalSeconds'), { edge: 'originResponseTimeoutSeconds' }, { edge: 'marginSeconds' }],
      `total timeout ${s(p.totalMs)} + margin ${s(policy.marginMs)} exceeds the Front Door origin response timeout ${s(originTimeoutMs(edge))}: the edge gives up on the user first`,
    );
  if (p.samplingMs < 2 * p.attemptMs)
    add(
      at('circuitBreaker.samplingSeconds', 'timeouts.attemptSeconds'),
      `sampling window ${s(p.samplingMs)} is below 2 × the attempt timeout (${s(2 * p.attemptMs)}), which Microsoft.Extensions.Http.Resilience rejects`,
    );
  const times = edgeTimes(edge, policy.requestTimeoutMs);
  if (times.failover && p.breakMs > times.drainSeconds * 1000 + policy.breakerSlackMs)
    add(
      [...at('circuitBreaker.breakSeconds'), { edge: 'breakerSlackSeconds' }],
      `break duration ${s(p.breakMs)} outlasts the edge's drain of a stamp (${drainFormula(edge, times)}) by more than the slack ${s(policy.breakerSlackMs)}: the breaker hides a recovery the edge already saw; expected breakSeconds <= ${times.drainSeconds + policy.breakerSlackMs / 1000}`,
    );
  if (p.rateLimited && p.rateLimited.maxWaitMs >= p.attemptMs)
    add(
      at('rateLimited.maxWaitSeconds', 'timeouts.attemptSeconds'),
      `the Cosmos DB SDK may wait ${s(p.rateLimited.maxWaitMs)} on 429s inside one attempt of ${s(p.attemptMs)}: the attempt timeout cancels it first; expected maxWaitSeconds < attemptSeconds`,
    );
  if (p.kind === 'http' && p.maxRetries < 1)
    add(
      at('retry.maxRetries'),
      'Microsoft.Extensions.Http.Resilience needs at least 1 retry (MaxRetryAttempts >= 1)',
    );
  if (p.staleTtlSeconds > 0 && p.freshTtlSeconds === 0)
    add(
      at('cache.staleTtlSeconds', 'cache.freshTtlSeconds'),
      'a serve-stale TTL needs a cache: set cache.freshTtlSeconds above 0',
    );
  return problems;
}

function edgeProblems(edge: EdgeFacts, policy: EdgePolicy): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  if (policy.requestTimeoutMs + policy.marginMs > originTimeoutMs(edge))
    problems.push({
      blame: [{ edge: 'requestTimeoutSeconds' }, { edge: 'originResponseTimeoutSeconds' }],
      message: `request timeout ${s(policy.requestTimeoutMs)} + margin ${s(policy.marginMs)} exceeds the Front Door origin response timeout ${s(originTimeoutMs(edge))}`,
    });
  const b = policy.bulkhead;
  const perNode = policy.concurrentRequestsPerNode;
  // No stated capacity: nothing to exceed.
  const capacity = (perNode ?? Infinity) * policy.stampNodes;
  if (b && b.maxConcurrency + b.queue > capacity)
    problems.push({
      blame: [{ edge: 'bulkhead.maxConcurrency' }, { edge: 'concurrentRequestsPerNode' }],
      message: `a stamp admits ${b.maxConcurrency} + ${b.queue} queued requests but its user pools serve at most ${perNode} × ${policy.stampNodes} nodes = ${capacity}`,
    });
  return problems;
}

/** Every problem of an environment's policy; empty when it fits the infrastructure. */
export function checkClientPolicy(
  dependencies: readonly DependencyPolicy[],
  edge: EdgeFacts,
  policy: EdgePolicy,
): PolicyProblem[] {
  return [...edgeProblems(edge, policy), ...dependencies.flatMap((d) => dependencyProblems(d, edge, policy))];
}
