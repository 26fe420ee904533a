/**
 * The live-site owner's numbers from footprint.json's `clientPolicy`: per environment how long the edge takes
 * to detect and drain a sick stamp, the worst-case latency of a call under retries, the retry amplification at
 * the data tier and what is served stale for how long; per dependency the policy behind them.
 */
import type { ClientPolicySummary, EnvironmentSummary } from '../../contract/footprint';
import { mdTable } from '../../lib/markdown';

const sec = (seconds: number) => `${Number(seconds.toFixed(3))} s`;
const ms = (msValue: number) => sec(msValue / 1000);

type Dependency = ClientPolicySummary['dependencies'][number];

function slowest(p: ClientPolicySummary): Dependency | undefined {
  return [...p.dependencies].sort((a, b) => b.worstCaseMs - a.worstCaseMs || a.name.localeCompare(b.name))[0];
}

/** What is served from cache when the dependency is down: `stale` more seconds once the fresh TTL ran out. */
export function staleText(p: ClientPolicySummary): string {
  const cached = p.dependencies.filter((d) => d.freshTtlSeconds > 0);
  if (!cached.length) return 'nothing';
  return cached
    .map((d) =>
      d.staleTtlSeconds > 0
        ? `${d.name}: ${sec(d.staleTtlSeconds)} past ${sec(d.freshTtlSeconds)} fresh (data ≤ ${sec(d.freshTtlSeconds + d.staleTtlSeconds)} old)`
        : `${d.name}: ${sec(d.freshTtlSeconds)} fresh, none stale`,
    )
    .join('; ');
}

export const LIVE_SITE_HEAD = [
  'environment',
  'edge',
  'detect',
  'drain (no new requests)',
  'in-flight ended',
  'request deadline',
  'worst case (slowest dependency)',
  'data-tier amplification',
  'served stale',
];

export function liveSiteRow(env: EnvironmentSummary): string[] {
  const p = env.clientPolicy;
  if (!p) return [env.name, 'not in footprint.json', '', '', '', '', '', '', ''];
  const e = p.edge;
  const slow = slowest(p);
  const cosmos = p.dependencies.find((d) => d.kind === 'cosmos');
  const drain = e.failover
    ? `${sec(e.drainSeconds)} (${e.probesToUnhealthy} × ${sec(e.probeIntervalSeconds)} probes${e.kind === 'trafficManager' ? ' + timeout + TTL' : ''})`
    : 'no failover (1 stamp)';
  return [
    env.name,
    e.kind === 'frontDoor'
      ? `Front Door (origin timeout ${sec(e.originResponseTimeoutSeconds ?? 0)})`
      : 'Traffic Manager',
    e.failover ? sec(e.detectSeconds) : '—',
    drain,
    e.failover ? sec(e.inFlightSeconds) : '—',
    sec(e.requestTimeoutSeconds),
    slow ? `${ms(slow.worstCaseMs)} (${slow.name})` : 'none',
    cosmos
      ? `×${cosmos.amplification} Cosmos DB (${cosmos.attempts} app attempts × ${cosmos.amplification / cosmos.attempts} SDK attempts on 429)`
      : 'none',
    staleText(p),
  ];
}

export function renderLiveSite(envs: readonly EnvironmentSummary[]): string[] {
  return mdTable(LIVE_SITE_HEAD, envs.map(liveSiteRow));
}

/** Per dependency, for the environment's section. */
export function renderPolicy(env: EnvironmentSummary): string[] {
  const p = env.clientPolicy;
  if (!p) return ['Not in footprint.json: synthesize again.'];
  return mdTable(
    [
      'dependency',
      'kind',
      'attempts',
      'attempt',
      'total',
      'backoff ≤',
      'worst case',
      'break',
      'amplification',
      'cache fresh / stale',
    ],
    p.dependencies.map((d) => [
      d.name,
      d.kind,
      String(d.attempts),
      ms(d.attemptMs),
      ms(d.totalMs),
      ms(d.backoffBoundMs),
      ms(d.worstCaseMs),
      ms(d.breakMs),
      `×${d.amplification}`,
      d.freshTtlSeconds ? `${sec(d.freshTtlSeconds)} / ${sec(d.staleTtlSeconds)}` : '—',
    ]),
  );
}
