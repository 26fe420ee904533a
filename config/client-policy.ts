/**
 * An environment's `clientPolicy` resolved against its edge: one policy per dependency (Cosmos DB, Key Vault,
 * each named HTTP dependency) with the source of every field, the edge facts from the infrastructure fields
 * (Front Door or Traffic Manager) and the inbound policy. The rules (cross-file-rules.ts) check it; stacks emit it.
 */
import {
  resolvePolicy,
  toPolicy,
  type DependencyKind,
  type DependencyPolicy,
  type PolicyLayer,
  type ResolvedPolicy,
} from '../model/client-policy';
import type { EdgeFacts, EdgeField, EdgePolicy } from '../model/client-policy-checks';
import type { EnvironmentFile } from './schema/environment';

export interface ResolvedDependency {
  readonly policy: DependencyPolicy;
  readonly fields: Required<ResolvedPolicy>;
  /** Where this dependency's own section is (or would be) in the file. */
  readonly path: readonly string[];
}

export interface ResolvedClientPolicy {
  readonly dependencies: readonly ResolvedDependency[];
  readonly edge: EdgeFacts;
  readonly edgePolicy: EdgePolicy;
  /** Config path of each edge field (where the file sets it or would set it). */
  readonly edgePaths: Readonly<Record<EdgeField, readonly string[]>>;
  /** Source of each edge number, for the emitted files. */
  readonly edgeSources: Readonly<Partial<Record<EdgeField, string>>>;
}

export const EDGE_DEFAULTS = {
  requestTimeoutSeconds: 30,
  marginSeconds: 5,
  breakerSlackSeconds: 30,
} as const;

type PolicyInput = Pick<EnvironmentFile, 'clientPolicy' | 'frontDoor' | 'trafficManager' | 'aks'>;

function dependencyList(
  c: PolicyInput['clientPolicy'],
): { name: string; kind: DependencyKind; path: string[] }[] {
  return [
    { name: 'cosmos', kind: 'cosmos' as const, path: ['clientPolicy', 'cosmos'] },
    { name: 'keyVault', kind: 'keyVault' as const, path: ['clientPolicy', 'keyVault'] },
    ...Object.keys(c.http ?? {})
      .sort()
      .map((name) => ({ name, kind: 'http' as const, path: ['clientPolicy', 'http', name] })),
  ];
}

function sectionOf(c: PolicyInput['clientPolicy'], path: readonly string[]): unknown {
  let v: unknown = c;
  for (const seg of path.slice(1))
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[seg] : undefined;
  return v;
}

/**
 * `frontDoor`: the edge is Front Door (decided from the features); `origins`: the number of stamps. `file`
 * names the config file in each source.
 */
export function resolveClientPolicy(
  data: PolicyInput,
  entry: 'frontDoor' | 'trafficManager',
  origins: number,
  file: string,
): ResolvedClientPolicy {
  const c = data.clientPolicy;
  const defaults: PolicyLayer = { path: ['clientPolicy', 'defaults'], values: c.defaults };
  const dependencies = dependencyList(c).map(({ name, kind, path }) => {
    const fields = resolvePolicy(kind, [defaults, { path, values: sectionOf(c, path) }], file);
    return { policy: toPolicy(name, kind, fields), fields, path };
  });
  const e = c.edge ?? {};
  const fd = data.frontDoor;
  const tm = data.trafficManager;
  const edge: EdgeFacts =
    entry === 'frontDoor'
      ? {
          kind: 'frontDoor',
          origins,
          originResponseTimeoutSeconds: fd.originResponseTimeoutSeconds,
          probeIntervalSeconds: fd.healthProbe.intervalSeconds,
          sampleSize: fd.loadBalancing.sampleSize,
          successfulSamplesRequired: fd.loadBalancing.successfulSamplesRequired,
        }
      : {
          kind: 'trafficManager',
          origins,
          probeIntervalSeconds: tm.monitor.intervalSeconds,
          probeTimeoutSeconds: tm.monitor.timeoutSeconds,
          toleratedFailures: tm.monitor.toleratedFailures,
          ttlSeconds: tm.ttlSeconds,
        };
  const ms = (x: number) => Math.round(x * 1000);
  const edgePolicy: EdgePolicy = {
    requestTimeoutMs: ms(e.requestTimeoutSeconds ?? EDGE_DEFAULTS.requestTimeoutSeconds),
    marginMs: ms(e.marginSeconds ?? EDGE_DEFAULTS.marginSeconds),
    breakerSlackMs: ms(e.breakerSlackSeconds ?? EDGE_DEFAULTS.breakerSlackSeconds),
    ...(e.bulkhead ? { bulkhead: e.bulkhead } : {}),
    ...(e.concurrentRequestsPerNode === undefined
      ? {}
      : { concurrentRequestsPerNode: e.concurrentRequestsPerNode }),
    stampNodes: data.aks.userPools.reduce((n, p) => n + p.maxCount, 0),
  };
  const inEdge = (f: string) => ['clientPolicy', 'edge', ...f.split('.')];
  const probe =
    entry === 'frontDoor'
      ? ['frontDoor', 'healthProbe', 'intervalSeconds']
      : ['trafficManager', 'monitor', 'intervalSeconds'];
  const edgePaths: Record<EdgeField, readonly string[]> = {
    requestTimeoutSeconds: inEdge('requestTimeoutSeconds'),
    marginSeconds: inEdge('marginSeconds'),
    breakerSlackSeconds: inEdge('breakerSlackSeconds'),
    'bulkhead.maxConcurrency': inEdge('bulkhead.maxConcurrency'),
    concurrentRequestsPerNode: inEdge('concurrentRequestsPerNode'),
    originResponseTimeoutSeconds: ['frontDoor', 'originResponseTimeoutSeconds'],
    probeIntervalSeconds: probe,
    sampleSize: ['frontDoor', 'loadBalancing', 'sampleSize'],
  };
  const src = (set: boolean, path: readonly string[], infra?: string) =>
    `${infra ? `${infra} from ` : ''}${set ? `${file} ` : 'default '}${path.join('.')}`;
  const edgeSources: Partial<Record<EdgeField, string>> = {
    requestTimeoutSeconds: src(e.requestTimeoutSeconds !== undefined, edgePaths.requestTimeoutSeconds),
    marginSeconds: src(e.marginSeconds !== undefined, edgePaths.marginSeconds),
    breakerSlackSeconds: src(e.breakerSlackSeconds !== undefined, edgePaths.breakerSlackSeconds),
    ...(entry === 'frontDoor'
      ? {
          originResponseTimeoutSeconds: `azurerm_cdn_frontdoor_profile.response_timeout_seconds (frontDoor.originResponseTimeoutSeconds)`,
          probeIntervalSeconds: `azurerm_cdn_frontdoor_origin_group.health_probe.interval_in_seconds (frontDoor.healthProbe.intervalSeconds)`,
          sampleSize: `azurerm_cdn_frontdoor_origin_group.load_balancing.sample_size / successful_samples_required (frontDoor.loadBalancing)`,
        }
      : {
          probeIntervalSeconds: `azurerm_traffic_manager_profile.monitor_config.interval_in_seconds / timeout_in_seconds / tolerated_number_of_failures, dns_config.ttl (trafficManager)`,
        }),
  };
  return { dependencies, edge, edgePolicy, edgePaths, edgeSources };
}
