/**
 * The emitted `resilience.json` of prod-public and prod-usgov, loaded into cockatiel (3.2.1) and driven against
 * a simulated dependency on 127.0.0.1 that fails, stalls and throttles. Every duration of the policy (and each
 * Retry-After) is scaled by SCALE = 1/10, so a 20 s total timeout runs in 2 s with the same proportions.
 * Timing assertions allow TOLERANCE_MS of scheduling delay; on a machine so loaded that timers run later than
 * the policy's slack a test is retried (twice), a policy that does not fit fails every time.
 */
import { Testing } from 'cdktf';
import { BrokenCircuitError, BulkheadRejectedError, CircuitState, TaskCancelledError } from 'cockatiel';
import { RESILIENCE_FILE, type PlainDependency, type PlainPolicy } from '../../constructs/resilience-config';
import {
  checkClientPolicy,
  maxRetriesThatFit,
  uncutWorstCaseMs,
  type EdgeFacts,
  type EdgePolicy,
} from '../../model/client-policy-checks';
import { Footprint } from '../../stacks/footprint';
import { fromPlain, libraryPolicy } from '../helpers/cockatiel-policy';
import { shippedEnvironment } from '../helpers/load';
import {
  closeClient,
  get,
  HttpStatusError,
  startSimDependency,
  type SimDependency,
} from '../helpers/sim-dependency';

const SCALE = 1 / 10;
const TOLERANCE_MS = 250;
jest.retryTimes(2, { logErrorsBeforeRetry: true });
const scaled = (ms: number) => ms * SCALE;

const ENVS = ['prod-public', 'prod-usgov'];
const plains: Record<string, PlainPolicy> = {};
let sim: SimDependency;
beforeAll(async () => {
  // Synthesize first, then let the process settle: no timing runs while the construct trees are built.
  for (const env of ENVS) plains[env] = emitted(env);
  sim = await startSimDependency();
  await new Promise((r) => setTimeout(r, 200));
});
afterAll(async () => {
  closeClient();
  await sim.close();
});
beforeEach(() => {
  sim.reset();
  sim.setBehaviour(() => ({ status: 200 }));
});

/** What synth writes to `<env>-<first region>/resilience.json`, through JSON as a reader gets it. */
function emitted(env: string): PlainPolicy {
  const fp = new Footprint(Testing.app({ stackTraces: false }), shippedEnvironment(env));
  return JSON.parse(JSON.stringify(fp.stamps[0]!.artifacts()[RESILIENCE_FILE])) as PlainPolicy;
}

/** The edge as the plain form states it, for re-running the checks on an edited copy. */
function edgeOf(plain: PlainPolicy): { edge: EdgeFacts; policy: EdgePolicy } {
  const e = plain.edge;
  if (e.kind !== 'frontDoor' || !('originResponseTimeoutMs' in e)) throw new Error('expected Front Door');
  const probes = e.probesToUnhealthy.value;
  return {
    edge: {
      kind: 'frontDoor',
      origins: e.failover.value ? 2 : 1,
      originResponseTimeoutSeconds: e.originResponseTimeoutMs!.value / 1000,
      probeIntervalSeconds: e.probeIntervalMs.value / 1000,
      sampleSize: probes,
      successfulSamplesRequired: 1,
    },
    policy: {
      requestTimeoutMs: e.requestTimeoutMs.value,
      marginMs: e.marginMs.value,
      breakerSlackMs: e.breakerSlackMs.value,
      stampNodes: 1,
    },
  };
}

function httpDependency(plain: PlainPolicy): [string, PlainDependency] {
  const found = Object.entries(plain.dependencies).find(([, d]) => d.kind === 'http');
  if (!found) throw new Error(`${plain.environment} names no HTTP dependency`);
  return found;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value?: T; error?: unknown }> {
  const start = performance.now();
  try {
    const value = await fn();
    return { ms: performance.now() - start, value };
  } catch (error) {
    return { ms: performance.now() - start, error };
  }
}

/**
 * Close to the worst case the policy allows: every attempt answers 429 with the longest Retry-After the policy
 * waits for, half-way through its attempt timeout (late enough to cost time, early enough that a loaded
 * machine's late timers do not turn it into a timeout), and the last attempt never answers. Returns the
 * elapsed time, the requests, the delays the library chose and the time the half-early answers save.
 */
async function driveWorstCase(d: PlainDependency) {
  const p = fromPlain('x', d);
  const lib = libraryPolicy(p, SCALE);
  const attempts = p.maxRetries + 1;
  const retryAfterSeconds = Math.floor(p.maxRetryAfterMs / 1000);
  const early = scaled(p.attemptMs) / 2;
  sim.setBehaviour((n) =>
    n < attempts - 1 && p.honorRetryAfter
      ? { status: 429, retryAfterSeconds, delayMs: scaled(p.attemptMs) - early }
      : { stall: true },
  );
  const r = await timed(() => lib.execute((signal) => get(sim.url, signal)));
  return {
    ...r,
    requests: sim.count(),
    attempts,
    delays: lib.delays,
    retryAfterMs: scaled(retryAfterSeconds * 1000),
    saved: early * (attempts - 1),
  };
}

describe.each(ENVS)('%s: the emitted policy in cockatiel', (envName) => {
  let plain: PlainPolicy;
  beforeAll(() => {
    plain = plains[envName]!;
  });

  it('every dependency: a stalled dependency gets every attempt, then the call ends within the computed worst case', async () => {
    for (const [name, d] of Object.entries(plain.dependencies)) {
      sim.reset();
      sim.setBehaviour(() => ({ stall: true }));
      const p = fromPlain(name, d);
      const r = await timed(() => libraryPolicy(p, SCALE).execute((signal) => get(sim.url, signal)));
      expect(r.error).toBeInstanceOf(TaskCancelledError);
      expect({ name, requests: sim.count() }).toEqual({ name, requests: d.derived.attempts.value });
      expect(r.ms).toBeGreaterThanOrEqual(d.derived.attempts.value * scaled(d.timeout.attemptMs.value) - 5);
      expect(r.ms).toBeLessThanOrEqual(scaled(d.derived.worstCaseMs.value) + TOLERANCE_MS);
      expect(r.ms).toBeLessThanOrEqual(scaled(d.timeout.totalMs.value) + TOLERANCE_MS);
    }
  });

  it('the worst case (429 + longest Retry-After at every attempt, the last one stalled) matches derived.worstCaseMs', async () => {
    const [, d] = httpDependency(plain);
    const r = await driveWorstCase(d);
    expect(r.requests).toBe(r.attempts);
    // Every retry waited the longest Retry-After (the answers came in time), and the call took the worst case
    // less only what the half-early answers saved.
    expect(r.delays).toEqual(Array(r.attempts - 1).fill(r.retryAfterMs));
    const worst = scaled(d.derived.worstCaseMs.value);
    expect(r.ms).toBeGreaterThanOrEqual(worst - r.saved - 5);
    expect(r.ms).toBeLessThanOrEqual(worst + TOLERANCE_MS);
  });

  it('429 with Retry-After is waited for; one above maxRetryAfter fails at once', async () => {
    const [name, d] = httpDependency(plain);
    const p = fromPlain(name, d);
    const ra = Math.floor(p.maxRetryAfterMs / 1000);
    sim.setBehaviour((n) => (n < 2 ? { status: 429, retryAfterSeconds: ra } : { status: 200 }));
    const lib = libraryPolicy(p, SCALE);
    const ok = await timed(() => lib.execute((signal) => get(sim.url, signal)));
    expect(ok.value).toBe(200);
    expect(lib.delays).toEqual([scaled(ra * 1000), scaled(ra * 1000)]);
    const [a, b, c] = sim.arrivals();
    expect(b! - a!).toBeGreaterThanOrEqual(scaled(ra * 1000) - 2);
    expect(c! - b!).toBeGreaterThanOrEqual(scaled(ra * 1000) - 2);

    sim.reset();
    sim.setBehaviour(() => ({ status: 429, retryAfterSeconds: ra + 1 }));
    const refused = await timed(() => libraryPolicy(p, SCALE).execute((signal) => get(sim.url, signal)));
    expect(refused.error).toBeInstanceOf(HttpStatusError);
    expect((refused.error as HttpStatusError).status).toBe(429);
    expect(sim.count()).toBe(1);
    expect(refused.ms).toBeLessThan(scaled((ra + 1) * 1000));
  });

  it('the breaker stays closed below the failure ratio, opens at minimumThroughput and half-opens after breakMs', async () => {
    const [name, d] = httpDependency(plain);
    const p = fromPlain(name, d);
    const call = (lib: ReturnType<typeof libraryPolicy>) =>
      lib.breakerOnly((signal) => get(sim.url, signal)).catch((e: unknown) => e);

    // Half the failure ratio over the minimum throughput: stays closed.
    const every = Math.ceil(1 / (p.failureRatio / 2));
    sim.setBehaviour((n) => ({ status: n % every === every - 1 ? 500 : 200 }));
    const calm = libraryPolicy(p, SCALE);
    for (let i = 0; i < p.minimumThroughput + 10; i++) await call(calm);
    expect(calm.breaker.state).toBe(CircuitState.Closed);

    sim.reset();
    sim.setBehaviour(() => ({ status: 500 }));
    const lib = libraryPolicy(p, SCALE);
    let openedAt = 0;
    let halfOpenAt = 0;
    lib.breaker.onBreak(() => (openedAt = performance.now()));
    lib.breaker.onHalfOpen(() => (halfOpenAt = performance.now()));
    while (lib.breaker.state === CircuitState.Closed && sim.count() < p.minimumThroughput * 2)
      await call(lib);
    expect(lib.breaker.state).toBe(CircuitState.Open);
    // Not before the minimum throughput; exactly at it unless calls were so slow that early ones left the window.
    expect(sim.count()).toBeGreaterThanOrEqual(p.minimumThroughput);
    const opened = sim.count();
    // Open: rejected without reaching the dependency, until breakMs has passed.
    expect(await call(lib)).toBeInstanceOf(BrokenCircuitError);
    await new Promise((r) => setTimeout(r, scaled(p.breakMs) / 2));
    expect(await call(lib)).toBeInstanceOf(BrokenCircuitError);
    expect(sim.count()).toBe(opened);
    await new Promise((r) => setTimeout(r, scaled(p.breakMs) / 2 + 20));
    sim.setBehaviour(() => ({ status: 200 }));
    expect(await call(lib)).toBe(200);
    expect(halfOpenAt - openedAt).toBeGreaterThanOrEqual(scaled(p.breakMs));
    expect(lib.breaker.state).toBe(CircuitState.Closed);
  });

  it('the bulkhead admits maxConcurrency, queues `queue`, rejects the rest', async () => {
    const [name, d] = httpDependency(plain);
    const p = fromPlain(name, d);
    sim.setBehaviour(() => ({ stall: true }));
    const lib = libraryPolicy(p, SCALE);
    const calls = Array.from({ length: p.maxConcurrency + p.queue + 3 }, () =>
      lib.bulkheadOnly(() => get(sim.url, new AbortController().signal)).catch((e: unknown) => e),
    );
    while (sim.inFlight() < p.maxConcurrency) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 20));
    expect(sim.peakInFlight()).toBe(p.maxConcurrency);
    // The queued ones go through as the first are answered.
    while (sim.count() < p.maxConcurrency + p.queue) {
      sim.releaseStalled(200);
      await new Promise((r) => setTimeout(r, 5));
    }
    sim.releaseStalled(200);
    const results = await Promise.all(calls);
    expect(results.filter((x) => x === 200)).toHaveLength(p.maxConcurrency + p.queue);
    expect(results.filter((x) => x instanceof BulkheadRejectedError)).toHaveLength(3);
    expect(sim.peakInFlight()).toBe(p.maxConcurrency);
  });

  it('retries that cannot fit: the check names them and the library shows the total timeout cutting them', async () => {
    const [name, d] = httpDependency(plain);
    const { edge, policy } = edgeOf(plain);
    expect(checkClientPolicy([fromPlain(name, d)], edge, policy)).toEqual([]);
    const fits = maxRetriesThatFit(fromPlain(name, d));
    expect(fits).toBeGreaterThanOrEqual(d.retry.maxRetries.value);
    const withRetries = (n: number): PlainDependency => ({
      ...d,
      retry: { ...d.retry, maxRetries: { ...d.retry.maxRetries, value: n } },
    });
    // One retry more than fits is already an error at retry.maxRetries.
    for (const n of [fits + 1, fits + 2]) {
      const problems = checkClientPolicy([fromPlain(name, withRetries(n))], edge, policy);
      expect(problems.map((x) => x.blame[0])).toContainEqual({ dependency: name, field: 'retry.maxRetries' });
    }
    // In the library (two more, so the cut is well above timer noise): the total timeout ends the call
    // before the retries are done, where the emitted policy ends by its own last attempt.
    const bad = withRetries(fits + 2);
    const r = await driveWorstCase(bad);
    expect(r.error).toBeInstanceOf(TaskCancelledError);
    expect(r.requests).toBeLessThan(r.attempts);
    expect(Math.abs(r.ms - scaled(d.timeout.totalMs.value))).toBeLessThanOrEqual(TOLERANCE_MS);
    expect(scaled(uncutWorstCaseMs(fromPlain(name, bad)))).toBeGreaterThan(r.ms + 100);
    sim.reset();
    const ok = await driveWorstCase(d);
    expect(ok.requests).toBe(ok.attempts);
    expect(ok.ms).toBeLessThan(scaled(d.timeout.totalMs.value));
  });
});
