/**
 * A simulated downstream dependency on 127.0.0.1 for the resilience-library test: a node http server whose
 * behaviour the test sets per request (answer, fail, stall, throttle with 429 + Retry-After). It serves at most
 * `maxRequests` (then answers 503 without running the behaviour), counts requests in flight and closes itself,
 * dropping stalled requests and their timers.
 */
import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Reply =
  | { readonly status: number; readonly retryAfterSeconds?: number; readonly delayMs?: number }
  /** Never answers (until the client gives up or the server closes). */
  | { readonly stall: true };

export interface SimDependency {
  readonly url: string;
  /** Requests received so far. */
  readonly count: () => number;
  /** Arrival time (performance.now()) of each request since the last reset. */
  readonly arrivals: () => readonly number[];
  /** Most requests in flight at once since the last reset. */
  readonly peakInFlight: () => number;
  readonly inFlight: () => number;
  setBehaviour(fn: (n: number) => Reply): void;
  /** Answers every stalled request with this status. */
  releaseStalled(status: number): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startSimDependency(maxRequests = 5000): Promise<SimDependency> {
  let count = 0;
  let arrivals: number[] = [];
  let inFlight = 0;
  let peak = 0;
  let behaviour: (n: number) => Reply = () => ({ status: 200 });
  const stalled = new Set<ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();
  const answer = (res: ServerResponse, status: number, retryAfter?: number) => {
    if (res.writableEnded) return;
    res.writeHead(status, retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) });
    res.end();
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const n = count++;
    arrivals.push(performance.now());
    inFlight++;
    peak = Math.max(peak, inFlight);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      inFlight--;
      stalled.delete(res);
    };
    res.on('close', finish);
    if (n >= maxRequests) return answer(res, 503);
    const reply = behaviour(n);
    if ('stall' in reply) {
      stalled.add(res);
      return;
    }
    if (!reply.delayMs) return answer(res, reply.status, reply.retryAfterSeconds);
    const t = setTimeout(() => {
      timers.delete(t);
      answer(res, reply.status, reply.retryAfterSeconds);
    }, reply.delayMs);
    timers.add(t);
    req.on('close', () => {
      clearTimeout(t);
      timers.delete(t);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    count: () => count,
    arrivals: () => arrivals,
    peakInFlight: () => peak,
    inFlight: () => inFlight,
    setBehaviour: (fn) => {
      behaviour = fn;
    },
    releaseStalled: (status) => {
      for (const res of [...stalled]) answer(res, status);
    },
    reset: () => {
      count = 0;
      arrivals = [];
      peak = inFlight;
    },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      for (const res of stalled) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** An HTTP failure the retry and breaker policies see: the status and the server's Retry-After, if any. */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterSeconds?: number,
  ) {
    super(`HTTP ${status}`);
  }
}

/** Keeps connections open between calls, so a few hundred sequential calls fit a scaled sampling window. */
const agent = new Agent({ keepAlive: true });

/** Closes the client's idle connections (the server closes its side in `close`). */
export function closeClient(): void {
  agent.destroy();
}

/** One GET, aborted with `signal`; resolves on 2xx, rejects with HttpStatusError otherwise. */
export function get(url: string, signal: AbortSignal): Promise<number> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('aborted before the call'));
    const req = request(url, { agent, signal }, (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      const ra = res.headers['retry-after'];
      if (status >= 200 && status < 300) resolve(status);
      else reject(new HttpStatusError(status, ra === undefined ? undefined : Number(ra)));
    });
    req.on('error', reject);
    req.end();
  });
}
