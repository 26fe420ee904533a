/**
 * The policy checks as an engineer reads them: every problem's full message (the arithmetic shown) and every
 * field it blames, on a hand-built policy whose numbers are easy to check by hand.
 */
import type { DependencyPolicy } from '../../model/client-policy';
import {
  checkClientPolicy,
  edgeTimes,
  maxRetriesThatFit,
  type EdgeFacts,
  type EdgePolicy,
} from '../../model/client-policy-checks';
import { API, api, EDGE, FRONT_DOOR as FD, TRAFFIC_MANAGER as TM } from '../helpers/client-policy';

const check = (p: DependencyPolicy, edge: EdgeFacts = FD, policy: EdgePolicy = EDGE) =>
  checkClientPolicy([p], edge, policy);
const on = (...fields: string[]) => fields.map((field) => ({ dependency: 'api', field }));

describe('each problem, in full', () => {
  it('the hand-built policy fits both edges; the limits themselves are allowed', () => {
    expect(check(API)).toEqual([]);
    expect(check(API, TM)).toEqual([]);
    // An attempt as long as the total, with no retry (not HTTP, which needs one); one HTTP retry is enough.
    expect(check(api({ kind: 'keyVault', maxRetries: 0, attemptMs: 10_000, samplingMs: 20_000 }))).toEqual(
      [],
    );
    expect(check(api({ maxRetries: 1 }))).toEqual([]);
  });

  it('attempt above total (and no retry-fit message on top of it)', () => {
    expect(check(api({ attemptMs: 12_000, samplingMs: 24_000 }))).toEqual([
      {
        blame: on('timeouts.attemptSeconds', 'timeouts.totalSeconds'),
        message:
          'attempt timeout 12 s is above the total timeout 10 s; expected attemptSeconds <= totalSeconds',
      },
    ]);
  });

  it('retries that cannot fit show the sum and the retries that would', () => {
    expect(check(api({ totalMs: 7999 }))).toEqual([
      {
        blame: on(
          'retry.maxRetries',
          'timeouts.attemptSeconds',
          'timeouts.totalSeconds',
          'retry.maxDelaySeconds',
        ),
        message:
          '3 attempts × 2 s + backoff up to 2 s = 8 s cannot fit the total timeout 7.999 s; expected at most 1 retries, or totalSeconds >= 8',
      },
    ]);
  });

  it('a total longer than the request it serves', () => {
    expect(check(api({ totalMs: 31_000 }))).toEqual([
      {
        blame: [...on('timeouts.totalSeconds'), { edge: 'requestTimeoutSeconds' }],
        message:
          'total timeout 31 s outlasts the request it serves (clientPolicy.edge.requestTimeoutSeconds 30 s)',
      },
    ]);
  });

  it('the Front Door origin timeout, for the request and for the dependency; Traffic Manager has none', () => {
    const short: EdgeFacts = { ...FD, originResponseTimeoutSeconds: 14 };
    expect(check(API, short)).toEqual([
      {
        blame: [{ edge: 'requestTimeoutSeconds' }, { edge: 'originResponseTimeoutSeconds' }],
        message: 'request timeout 30 s + margin 5 s exceeds the Front Door origin response timeout 14 s',
      },
      {
        blame: [
          ...on('timeouts.totalSeconds'),
          { edge: 'originResponseTimeoutSeconds' },
          { edge: 'marginSeconds' },
        ],
        message:
          'total timeout 10 s + margin 5 s exceeds the Front Door origin response timeout 14 s: the edge gives up on the user first',
      },
    ]);
    expect(check(API, short, { ...EDGE, requestTimeoutMs: 9000 })).toHaveLength(2);
    expect(check(API, short, { ...EDGE, requestTimeoutMs: 10_000, marginMs: 4000 })).toEqual([]);
  });

  it('a sampling window below twice the attempt', () => {
    expect(check(api({ samplingMs: 3999 }))).toEqual([
      {
        blame: on('circuitBreaker.samplingSeconds', 'timeouts.attemptSeconds'),
        message:
          'sampling window 3.999 s is below 2 × the attempt timeout (4 s), which Microsoft.Extensions.Http.Resilience rejects',
      },
    ]);
  });

  it('a breaker open longer than the edge takes to drain, with the drain formula of each edge', () => {
    expect(check(api({ breakMs: 90_001 }))).toEqual([
      {
        blame: [...on('circuitBreaker.breakSeconds'), { edge: 'breakerSlackSeconds' }],
        message:
          "break duration 90.001 s outlasts the edge's drain of a stamp (2 probes × 30 s = 60 s) by more than the slack 30 s: the breaker hides a recovery the edge already saw; expected breakSeconds <= 90",
      },
    ]);
    expect(check(api({ breakMs: 190_000 }), TM)).toEqual([]);
    expect(check(api({ breakMs: 190_001 }), TM).map((p) => p.message)).toEqual([
      "break duration 190.001 s outlasts the edge's drain of a stamp (4 probes × 30 s + 10 s probe timeout + 30 s DNS TTL = 160 s) by more than the slack 30 s: the breaker hides a recovery the edge already saw; expected breakSeconds <= 190",
    ]);
  });

  it('Cosmos DB: a 429 wait as long as the attempt; no retry needed for non-HTTP kinds', () => {
    const cosmos = api({ kind: 'cosmos', maxRetries: 0, rateLimited: { maxRetries: 9, maxWaitMs: 2000 } });
    expect(check(cosmos)).toEqual([
      {
        blame: on('rateLimited.maxWaitSeconds', 'timeouts.attemptSeconds'),
        message:
          'the Cosmos DB SDK may wait 2 s on 429s inside one attempt of 2 s: the attempt timeout cancels it first; expected maxWaitSeconds < attemptSeconds',
      },
    ]);
    expect(check({ ...cosmos, rateLimited: { maxRetries: 9, maxWaitMs: 1999 } })).toEqual([]);
  });

  it('HTTP without a retry; stale without a cache', () => {
    expect(check(api({ maxRetries: 0 }))).toEqual([
      {
        blame: on('retry.maxRetries'),
        message: 'Microsoft.Extensions.Http.Resilience needs at least 1 retry (MaxRetryAttempts >= 1)',
      },
    ]);
    expect(check(api({ staleTtlSeconds: 60 }))).toEqual([
      {
        blame: on('cache.staleTtlSeconds', 'cache.freshTtlSeconds'),
        message: 'a serve-stale TTL needs a cache: set cache.freshTtlSeconds above 0',
      },
    ]);
    expect(check(api({ staleTtlSeconds: 60, freshTtlSeconds: 1 }))).toEqual([]);
  });

  it('a bulkhead above the pools’ stated capacity shows the product', () => {
    const edge: EdgePolicy = {
      ...EDGE,
      bulkhead: { maxConcurrency: 900, queue: 101 },
      concurrentRequestsPerNode: 100,
    };
    expect(checkClientPolicy([], FD, edge)).toEqual([
      {
        blame: [{ edge: 'bulkhead.maxConcurrency' }, { edge: 'concurrentRequestsPerNode' }],
        message:
          'a stamp admits 900 + 101 queued requests but its user pools serve at most 100 × 10 nodes = 1000',
      },
    ]);
  });

  it('problems of the edge come first, then each dependency in order', () => {
    const problems = checkClientPolicy(
      [api({ name: 'a', maxRetries: 0 }), api({ name: 'b', staleTtlSeconds: 1 })],
      { ...FD, originResponseTimeoutSeconds: 34 },
      EDGE,
    );
    expect(problems.map((p) => p.blame[0])).toEqual([
      { edge: 'requestTimeoutSeconds' },
      { dependency: 'a', field: 'retry.maxRetries' },
      { dependency: 'b', field: 'cache.staleTtlSeconds' },
    ]);
  });
});

describe('edge times at their corners', () => {
  it('Front Door needs at least one failed probe even when the sample is smaller than required', () => {
    expect(edgeTimes({ ...FD, sampleSize: 2, successfulSamplesRequired: 3 }, 30_000)).toMatchObject({
      probesToUnhealthy: 1,
      drainSeconds: 30,
      inFlightSeconds: 90,
    });
  });

  it('Traffic Manager: detection includes the probe timeout, in flight rounds the request up, no restore', () => {
    expect(edgeTimes(TM, 30_500)).toEqual({
      probesToUnhealthy: 4,
      detectSeconds: 40,
      drainSeconds: 160,
      inFlightSeconds: 191,
      failover: true,
    });
    expect(edgeTimes({ ...TM, origins: 1 }, 1000).failover).toBe(false);
  });

  it('the retries that fit stop at 100', () => {
    expect(maxRetriesThatFit(api({ totalMs: Number.MAX_SAFE_INTEGER }))).toBe(100);
    expect(maxRetriesThatFit(api({ totalMs: 1999 }))).toBe(0);
  });
});
