/**
 * Every shipped environment emits its resilience policy per stamp in both forms, with a source for every
 * number, Cosmos DB preferred regions in the stamp's order, and the edge numbers the infrastructure sets.
 */
import { Testing } from 'cdktf';
import {
  APPSETTINGS_FILE,
  RESILIENCE_FILE,
  timeSpan,
  type PlainPolicy,
} from '../../constructs/resilience-config';
import { preferredRegions } from '../../constructs/service-config';
import { Footprint } from '../../stacks/footprint';
import { shippedEnvironment } from '../helpers/load';
import { resourcesOf, SHIPPED_ENVIRONMENTS, synthEnv } from '../helpers/synth-env';

/** Every `{ value, source }` leaf of the plain form, by path; fails on a value without a source. */
function leaves(v: unknown, path = ''): [string, { value: unknown; source: string }][] {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error(`${path} has no source`);
  const o = v as Record<string, unknown>;
  if ('value' in o && 'source' in o) return [[path, o as { value: unknown; source: string }]];
  // `kind` labels the section (frontDoor, cosmos, http), it is not a number.
  return Object.entries(o)
    .filter(([k, x]) => !(k === 'kind' && typeof x === 'string'))
    .flatMap(([k, x]) => leaves(x, path ? `${path}.${k}` : k));
}

describe.each(SHIPPED_ENVIRONMENTS)('%s', (name) => {
  const env = shippedEnvironment(name);
  const fp = new Footprint(Testing.app({ stackTraces: false }), env);

  it('every stamp has resilience.json and appsettings.resilience.json; every number has a source', () => {
    for (const stamp of fp.stamps) {
      const files = stamp.artifacts();
      const plain = files[RESILIENCE_FILE] as PlainPolicy;
      expect(plain).toMatchObject({
        version: 1,
        environment: name,
        stack: stamp.node.id,
        region: stamp.stamp.region,
      });
      expect(plain.edge.kind).toBe(env.globalEntry);
      const all = [
        ...leaves(plain.edge, 'edge').filter(([k]) => k !== 'edge.kind'),
        ...leaves(plain.dependencies),
      ];
      expect(all.length).toBeGreaterThan(50);
      for (const [path, leaf] of all)
        expect({ path, source: leaf.source }).toEqual({ path, source: expect.stringMatching(/\S/) });
      expect(Object.keys(plain.dependencies).slice(0, 2)).toEqual(['cosmos', 'keyVault']);
      const order = preferredRegions(
        stamp.stamp.region,
        env.regionStamps.map((s) => ({ name: s.region, displayName: s.displayName })),
      ).map((s) => s.displayName);
      const cosmos = plain.dependencies.cosmos!;
      expect('preferredRegions' in cosmos && cosmos.preferredRegions?.value).toEqual(order);
      const settings = files[APPSETTINGS_FILE] as {
        HttpResilience: Record<
          string,
          { TotalRequestTimeout: { Timeout: string }; Retry: { MaxRetryAttempts: number } }
        >;
        Cosmos: Record<string, unknown>;
      };
      expect(settings.Cosmos).toEqual({
        ApplicationPreferredRegions: order,
        MaxRetryAttemptsOnRateLimitedRequests:
          'rateLimited' in cosmos ? cosmos.rateLimited!.maxRetries.value : -1,
        MaxRetryWaitTimeOnRateLimitedRequests: timeSpan(
          'rateLimited' in cosmos ? cosmos.rateLimited!.maxWaitMs.value : -1,
        ),
      });
      const http = Object.entries(plain.dependencies).filter(([, d]) => d.kind === 'http');
      expect(Object.keys(settings.HttpResilience)).toEqual(http.map(([n]) => n));
      for (const [n, d] of http) {
        expect(settings.HttpResilience[n]!.TotalRequestTimeout.Timeout).toBe(
          timeSpan(d.timeout.totalMs.value),
        );
        expect(settings.HttpResilience[n]!.Retry.MaxRetryAttempts).toBe(d.retry.maxRetries.value);
      }
    }
  });
});

describe('sources and the edge as synthesized', () => {
  it('prod-public: a field the file sets names the file and field; Front Door numbers name the Terraform attribute', () => {
    const { footprint, stacks, env } = synthEnv('prod-public');
    const plain = footprint.stamps[0]!.artifacts()[RESILIENCE_FILE] as PlainPolicy;
    expect(plain.dependencies.catalog!.circuitBreaker.breakMs).toEqual({
      value: 10_000,
      source: 'environments/prod-public.yaml clientPolicy.http.catalog.circuitBreaker.breakSeconds',
    });
    expect(plain.dependencies.keyVault!.cache.staleTtlMs.source).toBe(
      'footprint default for keyVault (model/client-policy.ts)',
    );
    const [profile] = resourcesOf(stacks[env.globalStackName]!, 'azurerm_cdn_frontdoor_profile');
    const e = plain.edge as PlainPolicy['edge'] & {
      originResponseTimeoutMs: { value: number; source: string };
    };
    expect(profile!.response_timeout_seconds).toBe(e.originResponseTimeoutMs.value / 1000);
    expect(e.originResponseTimeoutMs.source).toMatch(
      /^azurerm_cdn_frontdoor_profile\.response_timeout_seconds/,
    );
    const [group] = resourcesOf(stacks[env.globalStackName]!, 'azurerm_cdn_frontdoor_origin_group');
    const probe = group!.health_probe as { interval_in_seconds: number };
    expect(e.probeIntervalMs.value).toBe(probe.interval_in_seconds * 1000);
  });
});
