/** The policy arithmetic at its edges: backoff bounds, worst cases, edge drain times and each check. */
import { decorrelatedJitterGenerator } from 'cockatiel';
import {
  GENERAL_DEFAULTS,
  KIND_DEFAULTS,
  resolvePolicy,
  toPolicy,
  type DependencyPolicy,
} from '../../model/client-policy';
import {
  amplification,
  backoffBoundMs,
  checkClientPolicy,
  edgeTimes,
  maxRetriesThatFit,
  retryDelayBoundsMs,
  uncutWorstCaseMs,
  worstCaseMs,
  type EdgeFacts,
} from '../../model/client-policy-checks';
import { EDGE, FRONT_DOOR, TRAFFIC_MANAGER } from '../helpers/client-policy';

const base = (over: Partial<DependencyPolicy> = {}): DependencyPolicy => ({
  ...toPolicy('dep', 'http', resolvePolicy('http', [], 'env.yaml')),
  ...over,
});
/** Front Door over three stamps. */
const FD: EdgeFacts = { ...FRONT_DOOR, origins: 3 };
const fields = (deps: DependencyPolicy[], edge = FD, policy = EDGE) =>
  checkClientPolicy(deps, edge, policy).map((p) => p.blame[0]);

describe('backoff bounds', () => {
  it('exponential without jitter: Delay · 2^k, each capped at maxDelay', () => {
    const p = base({ jitter: false, honorRetryAfter: false, delayMs: 200, maxDelayMs: 1000, maxRetries: 4 });
    expect(retryDelayBoundsMs(p)).toEqual([200, 400, 800, 1000]);
    expect(backoffBoundMs(p)).toBe(2400);
  });

  it('constant and linear with jitter allow +25 %', () => {
    const c = base({
      backoff: 'constant',
      delayMs: 400,
      maxDelayMs: 10_000,
      maxRetries: 2,
      honorRetryAfter: false,
    });
    expect(retryDelayBoundsMs(c)).toEqual([500, 500]);
    const l = base({
      backoff: 'linear',
      jitter: false,
      delayMs: 100,
      maxDelayMs: 250,
      maxRetries: 3,
      honorRetryAfter: false,
    });
    expect(retryDelayBoundsMs(l)).toEqual([100, 200, 250]);
  });

  it('decorrelated jitter: the telescoped bound f(R)·Delay/1.4 holds for cockatiel’s own generator', () => {
    const p = base({ honorRetryAfter: false, delayMs: 200, maxDelayMs: 1_000_000, maxRetries: 5 });
    const bound = backoffBoundMs(p);
    // f(5) = 32 · tanh(√20) ≈ 31.99 → 31.99 · 200 / 1.4 ≈ 4570 ms
    expect(bound).toBe(Math.ceil(32 * Math.tanh(Math.sqrt(20)) * (200 / 1.4)));
    const perRetry = retryDelayBoundsMs(p);
    let worstSum = 0;
    let worstRatio = 0;
    for (let run = 0; run < 2000; run++) {
      let state: [number, number] | undefined;
      let sum = 0;
      for (let k = 0; k < 5; k++) {
        const options = { initialDelay: 200, maxDelay: 1_000_000, exponent: 2 } as never;
        const [d, next] = decorrelatedJitterGenerator(state, options);
        worstRatio = Math.max(worstRatio, d / perRetry[k]!);
        sum += d;
        state = next;
      }
      worstSum = Math.max(worstSum, sum);
    }
    expect(worstRatio).toBeLessThanOrEqual(1);
    expect(worstSum).toBeLessThanOrEqual(bound);
    // The bound is tight: random draws come within 10 % of it.
    expect(worstSum).toBeGreaterThan(bound * 0.9);
  });

  it('Retry-After honoured: each retry may wait maxRetryAfter instead', () => {
    const p = base({ jitter: false, delayMs: 100, maxDelayMs: 2000, maxRetries: 3, maxRetryAfterMs: 3000 });
    expect(retryDelayBoundsMs(p)).toEqual([3000, 3000, 3000]);
    expect(uncutWorstCaseMs(p)).toBe(4 * p.attemptMs + 9000);
  });

  it('no retries: no backoff, one attempt', () => {
    const p = base({ maxRetries: 0 });
    expect(backoffBoundMs(p)).toBe(0);
    expect(uncutWorstCaseMs(p)).toBe(p.attemptMs);
  });
});

describe('worst case and amplification', () => {
  it('the total timeout cuts the worst case', () => {
    const p = base({ attemptMs: 10_000, totalMs: 30_000, maxRetries: 3 });
    expect(uncutWorstCaseMs(p)).toBeGreaterThan(30_000);
    expect(worstCaseMs(p)).toBe(30_000);
  });

  it('retries that fit exactly are allowed; one ms less total is an error at retry.maxRetries', () => {
    const p = base();
    const exact = base({ totalMs: uncutWorstCaseMs(p) });
    expect(fields([exact], FD, { ...EDGE, requestTimeoutMs: 60_000, marginMs: 0 })).toEqual([]);
    expect(maxRetriesThatFit(exact)).toBe(p.maxRetries);
    const short = base({ totalMs: uncutWorstCaseMs(p) - 1 });
    expect(fields([short])).toEqual([{ dependency: 'dep', field: 'retry.maxRetries' }]);
    expect(maxRetriesThatFit(short)).toBe(p.maxRetries - 1);
  });

  it('Cosmos DB: app attempts × SDK 429 attempts reach the service', () => {
    const cosmos = toPolicy('cosmos', 'cosmos', resolvePolicy('cosmos', [], 'env.yaml'));
    expect(amplification(cosmos)).toBe(2 * 10);
    expect(amplification(base())).toBe(4);
  });
});

describe('edge times', () => {
  it('Front Door 30 s × (4 − 3 + 1) probes: drain 60 s, in flight ended 120 s, restored 90 s', () => {
    expect(edgeTimes(FD, 30_000)).toEqual({
      probesToUnhealthy: 2,
      detectSeconds: 30,
      drainSeconds: 60,
      inFlightSeconds: 120,
      restoreSeconds: 90,
      failover: true,
    });
  });

  it('Traffic Manager 30 s, 3 tolerated, 10 s timeout, TTL 30 s: degraded after 4 probes, drained at 160 s', () => {
    expect(edgeTimes(TRAFFIC_MANAGER, 30_000)).toMatchObject({
      probesToUnhealthy: 4,
      drainSeconds: 160,
      inFlightSeconds: 190,
    });
  });

  it('one origin: nothing to drain to, so no breaker-vs-drain finding', () => {
    const single = { ...FD, origins: 1 };
    expect(edgeTimes(single, 30_000).failover).toBe(false);
    expect(fields([base({ breakMs: 10_000_000 })], single)).toEqual([]);
  });
});

describe('checks at their edges', () => {
  it('the shipped defaults pass for every kind', () => {
    const deps = (['cosmos', 'keyVault', 'http'] as const).map((k) =>
      toPolicy(k, k, resolvePolicy(k, [], 'env.yaml')),
    );
    expect(checkClientPolicy(deps, FD, EDGE)).toEqual([]);
  });

  it('breaker: drain + slack is allowed, 1 ms more is not', () => {
    expect(fields([base({ breakMs: 90_000 })])).toEqual([]);
    expect(fields([base({ breakMs: 90_001 })])).toEqual([
      { dependency: 'dep', field: 'circuitBreaker.breakSeconds' },
    ]);
  });

  it('total + margin up to the Front Door origin timeout; above it blames the total', () => {
    const edge = { ...EDGE, requestTimeoutMs: 55_000, marginMs: 5_000 };
    const fits = base({ totalMs: 55_000 });
    expect(fields([fits], FD, edge)).toEqual([]);
    const over = checkClientPolicy([base({ totalMs: 55_001 })], FD, edge);
    expect(over.find((p) => p.message.includes('Front Door origin response timeout'))?.blame[0]).toEqual({
      dependency: 'dep',
      field: 'timeouts.totalSeconds',
    });
    // The request deadline itself must fit the edge too.
    expect(fields([], FD, { ...EDGE, requestTimeoutMs: 55_001 })).toEqual([
      { edge: 'requestTimeoutSeconds' },
    ]);
  });

  it('a dependency cannot outlast the request it serves', () => {
    expect(fields([base({ totalMs: 30_001 })], { ...FD, originResponseTimeoutSeconds: 240 })).toEqual([
      { dependency: 'dep', field: 'timeouts.totalSeconds' },
    ]);
  });

  it('attempt above total; sampling below 2 × attempt (Polly validator); equal values pass', () => {
    expect(fields([base({ attemptMs: 20_001, totalMs: 20_000, maxRetries: 1 })])).toContainEqual({
      dependency: 'dep',
      field: 'timeouts.attemptSeconds',
    });
    expect(fields([base({ attemptMs: 2000, samplingMs: 4000 })])).toEqual([]);
    expect(fields([base({ attemptMs: 2000, samplingMs: 3999 })])).toEqual([
      { dependency: 'dep', field: 'circuitBreaker.samplingSeconds' },
    ]);
  });

  it('Cosmos DB: the SDK 429 wait must end inside one attempt', () => {
    const cosmos = toPolicy('cosmos', 'cosmos', resolvePolicy('cosmos', [], 'env.yaml'));
    const at = (maxWaitMs: number) => fields([{ ...cosmos, rateLimited: { maxRetries: 9, maxWaitMs } }]);
    expect(at(cosmos.attemptMs - 1000)).toEqual([]);
    expect(at(cosmos.attemptMs)).toEqual([{ dependency: 'cosmos', field: 'rateLimited.maxWaitSeconds' }]);
  });

  it('HTTP dependencies need a retry for the .NET standard options; stale needs a cache', () => {
    expect(fields([base({ maxRetries: 0 })])).toEqual([{ dependency: 'dep', field: 'retry.maxRetries' }]);
    expect(fields([base({ staleTtlSeconds: 60 })])).toEqual([
      { dependency: 'dep', field: 'cache.staleTtlSeconds' },
    ]);
  });

  it('bulkhead vs stated capacity: checked only where capacity is stated', () => {
    const edge = { ...EDGE, bulkhead: { maxConcurrency: 900, queue: 100 }, stampNodes: 10 };
    expect(fields([], FD, edge)).toEqual([]);
    expect(fields([], FD, { ...edge, concurrentRequestsPerNode: 100 })).toEqual([]);
    expect(fields([], FD, { ...edge, concurrentRequestsPerNode: 99 })).toEqual([
      { edge: 'bulkhead.maxConcurrency' },
    ]);
  });
});

describe('resolution', () => {
  it('footprint default < kind default < defaults < the dependency, each with its source', () => {
    const r = resolvePolicy(
      'keyVault',
      [
        { path: ['clientPolicy', 'defaults'], values: { retry: { maxRetries: 5, delaySeconds: 1 } } },
        { path: ['clientPolicy', 'keyVault'], values: { retry: { maxRetries: 1 } } },
      ],
      'environments/x.yaml',
    );
    expect(r['retry.maxRetries']).toEqual({
      value: 1,
      path: ['clientPolicy', 'keyVault', 'retry', 'maxRetries'],
      source: 'environments/x.yaml clientPolicy.keyVault.retry.maxRetries',
    });
    expect(r['retry.delaySeconds'].source).toBe(
      'environments/x.yaml clientPolicy.defaults.retry.delaySeconds',
    );
    expect(r['cache.freshTtlSeconds']).toEqual({
      value: KIND_DEFAULTS.keyVault['cache.freshTtlSeconds'],
      source: 'footprint default for keyVault (model/client-policy.ts)',
    });
    expect(r['circuitBreaker.breakSeconds'].value).toBe(GENERAL_DEFAULTS['circuitBreaker.breakSeconds']);
    expect(r).not.toHaveProperty('rateLimited.maxRetries');
  });
});
