/**
 * The backoff bounds the checks rely on, at the corners the shipped defaults do not reach: each jittered
 * exponential delay, linear jitter (whose delays do not telescope), an attempt as long as the total, and a
 * stated node capacity without a bulkhead.
 */
import type { DependencyPolicy } from '../../model/client-policy';
import { backoffBoundMs, checkClientPolicy, retryDelayBoundsMs } from '../../model/client-policy-checks';
import { api as base, EDGE, FRONT_DOOR as FD } from '../helpers/client-policy';

/** Decorrelated-jitter exponential backoff from 1.4 s, with a cap too high to reach. */
const JITTERED = base({ backoff: 'exponential', delayMs: 1400, maxDelayMs: 1_000_000, jitter: true });
const api = (over: Partial<DependencyPolicy>): DependencyPolicy => ({ ...JITTERED, ...over });
// f(t) = 2^t · tanh(√(4t)); with Delay = 1.4 s the scaling Delay/1.4 is 1 s.
const f = (t: number) => 2 ** t * Math.tanh(Math.sqrt(4 * t));

describe('backoff bounds', () => {
  it('decorrelated jitter: retry k waits less than f(k + 1) · Delay/1.4', () => {
    const bounds = retryDelayBoundsMs(api({ maxRetries: 3 }));
    expect(bounds).toHaveLength(3);
    [f(1), f(2), f(3)].forEach((b, k) => expect(bounds[k]).toBeCloseTo(b * 1000, 6));
    // Retry-After honoured: no telescoping, the per-retry bounds add up (f(1) + f(2) ≈ 1.928 + 3.973 s).
    expect(backoffBoundMs(api({ honorRetryAfter: true }))).toBe(Math.ceil((f(1) + f(2)) * 1000));
  });

  it('linear jitter: the +25 % delays add up; they do not telescope like decorrelated jitter', () => {
    const linear = api({ backoff: 'linear', delayMs: 1000 });
    expect(retryDelayBoundsMs(linear)).toEqual([1250, 2500]);
    // f(2) · 1000 / 1.4 ≈ 2847 ms would be below the real worst case of 3750 ms.
    expect(backoffBoundMs(linear)).toBe(3750);
  });

  it('exponential without jitter is the plain sum as well', () => {
    const plain = api({ jitter: false, delayMs: 1000 });
    expect(backoffBoundMs(plain)).toBe(3000);
  });
});

describe('checks at their corners', () => {
  it('an attempt as long as the total leaves no room for the retries: the retry-fit problem, at maxRetries', () => {
    const p = api({
      jitter: false,
      backoff: 'constant',
      delayMs: 1000,
      attemptMs: 10_000,
      samplingMs: 20_000,
    });
    expect(checkClientPolicy([p], FD, EDGE)).toEqual([
      {
        blame: [
          { dependency: 'api', field: 'retry.maxRetries' },
          { dependency: 'api', field: 'timeouts.attemptSeconds' },
          { dependency: 'api', field: 'timeouts.totalSeconds' },
          { dependency: 'api', field: 'retry.maxDelaySeconds' },
        ],
        message:
          '3 attempts × 10 s + backoff up to 2 s = 32 s cannot fit the total timeout 10 s; expected at most 0 retries, or totalSeconds >= 32',
      },
    ]);
  });

  it('a stated node capacity without a bulkhead: nothing to compare', () => {
    expect(checkClientPolicy([], FD, { ...EDGE, concurrentRequestsPerNode: 1 })).toEqual([]);
  });
});
