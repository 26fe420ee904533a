/**
 * Loads one dependency of an emitted `resilience.json` into cockatiel, the way an application on Node would:
 * bulkhead → total timeout → retry (backoff with jitter, Retry-After via DelegateBackoff) → circuit breaker →
 * attempt timeout, the order of Microsoft.Extensions.Http.Resilience's standard pipeline. Every duration is
 * multiplied by `scale` (Retry-After seconds too), so a 20 s policy runs in 1 s with the same proportions.
 */
import {
  BrokenCircuitError,
  BulkheadRejectedError,
  DelegateBackoff,
  SamplingBreaker,
  TaskCancelledError,
  TimeoutStrategy,
  bulkhead,
  circuitBreaker,
  decorrelatedJitterGenerator,
  handleWhen,
  retry,
  timeout,
  wrap,
  type CircuitBreakerPolicy,
  type IRetryBackoffContext,
} from 'cockatiel';
import type { DependencyPolicy, RetryOn } from '../../model/client-policy';
import type { PlainDependency } from '../../constructs/resilience-config';
import { HttpStatusError } from './sim-dependency';

/** The model's view of a plain-JSON dependency (to run the same checks on an edited copy). */
export function fromPlain(name: string, d: PlainDependency): DependencyPolicy {
  return {
    name,
    kind: d.kind,
    attemptMs: d.timeout.attemptMs.value,
    totalMs: d.timeout.totalMs.value,
    maxRetries: d.retry.maxRetries.value,
    backoff: d.retry.backoff.value,
    delayMs: d.retry.delayMs.value,
    maxDelayMs: d.retry.maxDelayMs.value,
    jitter: d.retry.jitter.value,
    retryOn: d.retry.on.value,
    failureRatio: d.circuitBreaker.failureRatio.value,
    samplingMs: d.circuitBreaker.samplingMs.value,
    minimumThroughput: d.circuitBreaker.minimumThroughput.value,
    breakMs: d.circuitBreaker.breakMs.value,
    maxConcurrency: d.bulkhead.maxConcurrency.value,
    queue: d.bulkhead.queue.value,
    permitsPerSecond: d.rateLimit.permitsPerSecond.value,
    honorRetryAfter: d.rateLimit.honorRetryAfter.value,
    maxRetryAfterMs: d.rateLimit.maxRetryAfterMs.value,
    freshTtlSeconds: d.cache.freshTtlMs.value / 1000,
    staleTtlSeconds: d.cache.staleTtlMs.value / 1000,
    ...('rateLimited' in d && d.rateLimited
      ? {
          rateLimited: {
            maxRetries: d.rateLimited.maxRetries.value,
            maxWaitMs: d.rateLimited.maxWaitMs.value,
          },
        }
      : {}),
  };
}

const isPolicyRejection = (e: unknown) =>
  e instanceof BrokenCircuitError || e instanceof BulkheadRejectedError;

/** Polly's HTTP transient set: >= 500, 408, 429, an attempt timeout, a connection failure. */
function failureKind(e: unknown): RetryOn | undefined {
  if (isPolicyRejection(e)) return undefined;
  if (e instanceof TaskCancelledError) return 'timeout';
  if (e instanceof HttpStatusError)
    return e.status >= 500 ? '5xx' : e.status === 408 ? '408' : e.status === 429 ? '429' : undefined;
  return 'network';
}

export interface LibraryPolicy {
  readonly execute: <T>(fn: (signal: AbortSignal) => Promise<T>) => Promise<T>;
  readonly breaker: CircuitBreakerPolicy;
  /** Only the breaker and the attempt timeout (to count what opens it). */
  readonly breakerOnly: <T>(fn: (signal: AbortSignal) => Promise<T>) => Promise<T>;
  readonly bulkheadOnly: <T>(fn: () => Promise<T>) => Promise<T>;
  /** Delays the retry policy chose, in order. */
  readonly delays: number[];
}

export function libraryPolicy(p: DependencyPolicy, scale: number): LibraryPolicy {
  const t = (ms: number) => Math.max(1, Math.round(ms * scale));
  const retryAfterMs = (e: unknown) =>
    p.honorRetryAfter && e instanceof HttpStatusError && e.status === 429 && e.retryAfterSeconds !== undefined
      ? e.retryAfterSeconds * 1000
      : undefined;
  const shouldRetry = (e: Error) => {
    const kind = failureKind(e);
    if (!kind || !p.retryOn.includes(kind)) return false;
    const ra = retryAfterMs(e);
    // A Retry-After longer than the policy allows is not waited for: fail at once.
    return ra === undefined || ra <= p.maxRetryAfterMs;
  };
  const options = {
    generator: decorrelatedJitterGenerator,
    initialDelay: t(p.delayMs),
    maxDelay: t(p.maxDelayMs),
    exponent: 2,
  };
  type State = [number, number] | undefined;
  const backoff = new DelegateBackoff<IRetryBackoffContext<unknown>, State>((ctx, state) => {
    const error = 'error' in ctx.result ? ctx.result.error : undefined;
    const k = ctx.attempt - 1;
    const [jittered, next] = decorrelatedJitterGenerator(state, options);
    let delay = jittered;
    if (!p.jitter || p.backoff !== 'exponential') {
      const base =
        p.backoff === 'exponential'
          ? p.delayMs * 2 ** k
          : p.backoff === 'linear'
            ? p.delayMs * (k + 1)
            : p.delayMs;
      delay = Math.min(t(p.maxDelayMs), t(base) * (p.jitter ? 0.75 + Math.random() / 2 : 1));
    }
    const ra = retryAfterMs(error);
    if (ra !== undefined) delay = t(ra);
    return { delay, state: next };
  });
  const retries = retry(handleWhen(shouldRetry), { maxAttempts: p.maxRetries, backoff });
  const delays: number[] = [];
  retries.onRetry((e) => delays.push(e.delay));
  const breakerFor = () =>
    circuitBreaker(
      handleWhen((e) => failureKind(e) !== undefined),
      {
        halfOpenAfter: t(p.breakMs),
        breaker: new SamplingBreaker({
          threshold: p.failureRatio,
          duration: t(p.samplingMs),
          minimumRps: p.minimumThroughput / (t(p.samplingMs) / 1000),
        }),
      },
    );
  const breaker = breakerFor();
  const attempt = timeout(t(p.attemptMs), TimeoutStrategy.Aggressive);
  const policy = wrap(
    bulkhead(p.maxConcurrency, p.queue),
    timeout(t(p.totalMs), TimeoutStrategy.Aggressive),
    retries,
    breaker,
    attempt,
  );
  const lone = breakerFor();
  const loneAttempt = timeout(t(p.attemptMs), TimeoutStrategy.Aggressive);
  const loneBulkhead = bulkhead(p.maxConcurrency, p.queue);
  // A request aborted by a timeout rejects with the runtime's AbortError: report it as the timeout it is.
  const timed =
    <T>(fn: (signal: AbortSignal) => Promise<T>) =>
    ({ signal }: { signal: AbortSignal }) =>
      fn(signal).catch((e: unknown) => {
        throw signal.aborted ? new TaskCancelledError('aborted by a timeout') : e;
      });
  return {
    execute: (fn) => policy.execute(timed(fn)),
    breaker: lone,
    breakerOnly: (fn) => wrap(lone, loneAttempt).execute(timed(fn)),
    bulkheadOnly: (fn) => loneBulkhead.execute(() => fn()),
    delays,
  };
}
