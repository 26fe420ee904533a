/**
 * Maps an environment onto the resilience config of one stamp: the resolved `clientPolicy`, the edge the
 * environment actually uses (env.globalEntry) and Cosmos DB's preferred regions in the stamp's order.
 */
import { resolveClientPolicy, type ResolvedClientPolicy } from '../config/client-policy';
import type { Environment, Stamp } from '../config/environment';
import { preferredRegions } from '../constructs/service-config';
import type { ResilienceConfigInput } from '../constructs/resilience-config';
import type { ClientPolicySummary } from '../contract/footprint';
import {
  amplification,
  attemptsOf,
  backoffBoundMs,
  edgeTimes,
  worstCaseMs,
} from '../model/client-policy-checks';

export function environmentClientPolicy(env: Environment): ResolvedClientPolicy {
  return resolveClientPolicy(env.config, env.globalEntry, env.stamps.length, env.file);
}

export function stampResilienceInput(env: Environment, stamp: Stamp): ResilienceConfigInput {
  const r = environmentClientPolicy(env);
  return {
    environment: env.name,
    stack: env.stampStackName(stamp.id),
    region: stamp.region,
    edge: r.edge,
    edgePolicy: r.edgePolicy,
    edgeSources: r.edgeSources,
    dependencies: r.dependencies.map((d) => ({
      policy: d.policy,
      sources: Object.fromEntries(Object.entries(d.fields).map(([k, f]) => [k, f.source])),
    })),
    cosmosPreferredRegions: preferredRegions(
      stamp.region,
      env.regionStamps.map((s) => ({ name: s.region, displayName: s.displayName })),
    ).map((s) => s.displayName),
    cosmosPreferredRegionsSource: `${env.file} regions: this stamp's region first, then the others in order`,
  };
}

/** What footprint.json carries for the report: the edge's drain times and each dependency's numbers. */
export function clientPolicySummary(env: Environment): ClientPolicySummary {
  const { edge, edgePolicy: ep, dependencies } = environmentClientPolicy(env);
  const t = edgeTimes(edge, ep.requestTimeoutMs);
  return {
    edge: {
      kind: edge.kind,
      failover: t.failover,
      probeIntervalSeconds: edge.probeIntervalSeconds,
      probesToUnhealthy: t.probesToUnhealthy,
      detectSeconds: t.detectSeconds,
      drainSeconds: t.drainSeconds,
      inFlightSeconds: t.inFlightSeconds,
      ...(t.restoreSeconds === undefined ? {} : { restoreSeconds: t.restoreSeconds }),
      ...(edge.kind === 'frontDoor'
        ? { originResponseTimeoutSeconds: edge.originResponseTimeoutSeconds }
        : {}),
      requestTimeoutSeconds: ep.requestTimeoutMs / 1000,
      marginSeconds: ep.marginMs / 1000,
      breakerSlackSeconds: ep.breakerSlackMs / 1000,
    },
    dependencies: dependencies.map(({ policy: p }) => ({
      name: p.name,
      kind: p.kind,
      attempts: attemptsOf(p),
      attemptMs: p.attemptMs,
      totalMs: p.totalMs,
      backoffBoundMs: backoffBoundMs(p),
      worstCaseMs: worstCaseMs(p),
      breakMs: p.breakMs,
      amplification: amplification(p),
      freshTtlSeconds: p.freshTtlSeconds,
      staleTtlSeconds: p.staleTtlSeconds,
    })),
  };
}
