/**
 * Maps an environment onto the resilience config of one stamp: the resolved `clientPolicy`, the edge the
 * environment actually uses (env.globalEntry) and Cosmos DB's preferred regions in the stamp's order.
 */
import { resolveClientPolicy, type ResolvedClientPolicy } from '../config/client-policy';
import type { Environment, Stamp } from '../config/environment';
import { preferredRegions } from '../constructs/service-config';
import type { ResilienceConfigInput } from '../constructs/resilience-config';

export function environmentClientPolicy(env: Environment): ResolvedClientPolicy {
  return resolveClientPolicy(env.config, env.globalEntry, env.stamps.length, env.file);
}

export function stampResilienceInput(env: Environment, stamp: Stamp): ResilienceConfigInput {
  const r = environmentClientPolicy(env);
  return {
    environment: env.name,
    stack: env.stampStackName(stamp.region),
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
      env.stamps.map((s) => ({ name: s.region, displayName: s.displayName })),
    ).map((s) => s.displayName),
    cosmosPreferredRegionsSource: `${env.file} regions: this stamp's region first, then the others in order`,
  };
}
