/**
 * Cloud facts reach the stacks only through the profile and the feature decisions: change one fact in a copy of
 * the shipped cloud files and the synthesized stack follows it. And data residency checked on what synth
 * actually writes: every file of every stack directory (cdk.tf.json with the workbook JSON inside it,
 * service-config.json, any future artifact), against every other cloud's DNS names.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import type { Environment } from '../../config/environment';
import { StampStack } from '../../stacks/stamp-stack';
import { synthesize } from '../../stacks/synthesize';
import { configFixture, type Edit } from '../helpers/fixture';
import { loadFrom, shippedConfig } from '../helpers/load';
import { synthGlobal } from '../helpers/synth-global';

function envFrom(edits: readonly Edit[], name: string): Environment {
  const result = loadFrom(configFixture(edits));
  expect(result.errors).toEqual([]);
  const env = result.environments.find((e) => e.name === name);
  if (!env) throw new Error(`no environment ${name}`);
  return env;
}

type Body = Record<string, unknown>;
const resources = (json: Body, type: string) =>
  Object.values(
    ((json.resource as Record<string, Record<string, Body>>)[type] ?? {}) as Record<string, Body>,
  );

describe('Cosmos zone redundancy follows the cosmosZoneRedundancy capability, not only the region', () => {
  const zoneFlags = (env: Environment) =>
    (synthGlobal(env.name, env).resources('azurerm_cosmosdb_account')[0]!.geo_location as Body[]).map((g) => [
      g.location,
      g.zone_redundant,
    ]);

  it('is zone-redundant in the zonal region while the cloud has it (control)', () => {
    const env = envFrom([], 'prod-usgov');
    expect(env.features.cosmosZoneRedundancy.outcome).toBe('on');
    expect(zoneFlags(env)).toContainEqual(['usgovvirginia', true]);
  });

  it('drops zone redundancy and warns where the cloud lacks it', () => {
    const env = envFrom(
      [
        {
          file: 'clouds/usgov.yaml',
          from: /cosmosZoneRedundancy:\n {4}value: ga/,
          to: 'cosmosZoneRedundancy:\n    value: unavailable',
        },
      ],
      'prod-usgov',
    );
    expect(env.features.cosmosZoneRedundancy.outcome).toBe('off');
    expect(zoneFlags(env).every(([, z]) => z === false)).toBe(true);
    expect(env.warnings.join('\n')).toMatch(/cosmosZoneRedundancy: off/);
  });
});

describe('the ingress NSG source is the service tag the cloud profile names', () => {
  const ingressSources = (env: Environment) => {
    const stack = new StampStack(Testing.app(), env, env.stamps[0]!);
    const json = JSON.parse(Testing.synth(stack)) as Body;
    return resources(json, 'azurerm_network_security_group').flatMap((n) =>
      (n.security_rule as Body[])
        .filter((r) => r.name === 'AllowIngressHttps')
        .map((r) => r.source_address_prefix),
    );
  };

  it('uses the profile value, whatever it is', () => {
    const env = envFrom(
      [
        {
          file: 'clouds/public.yaml',
          from: 'value: AzureFrontDoor.Backend',
          to: 'value: AzureFrontDoor.Sovereign',
        },
      ],
      'dev-public',
    );
    expect(ingressSources(env)).toEqual(['AzureFrontDoor.Sovereign', 'AzureFrontDoor.Sovereign']);
  });

  it('records an unconfirmed tag as used only where Front Door is the entry', () => {
    const usgov = envFrom([], 'prod-usgov');
    ingressSources(usgov);
    expect(usgov.cloud.unconfirmedFactsUsed().map((f) => f.fact)).toContain('serviceTags.frontDoorBackend');
    const dod = envFrom([], 'prod-dod');
    expect(ingressSources(dod)).toEqual(['Internet', 'Internet']);
    expect(dod.cloud.unconfirmedFactsUsed().map((f) => f.fact)).not.toContain('serviceTags.frontDoorBackend');
  });
});

describe('the live-site workbook shows Container Insights tiles only where Container Insights is on', () => {
  const tileNames = (env: Environment) => {
    const wb = synthGlobal(env.name, env).resources('azurerm_application_insights_workbook')[0]!;
    const data = JSON.parse(wb.data_json as string) as { items: { name: string }[] };
    return data.items.map((i) => i.name);
  };

  it('has the node health tile where the cloud has Container Insights (control)', () => {
    expect(tileNames(envFrom([], 'dev-public'))).toContain('aks-node-health');
  });

  it('leaves it out where the cloud lacks Container Insights', () => {
    const env = envFrom(
      [{ file: 'clouds/public.yaml', from: 'containerInsights: ga', to: 'containerInsights: unavailable' }],
      'dev-public',
    );
    expect(env.features.containerInsights.outcome).toBe('off');
    const names = tileNames(env);
    expect(names).not.toContain('aks-node-health');
    expect(names).toContain('aks-node-usage');
  });
});

describe('data residency of every file synth writes', () => {
  const { environments, clouds } = shippedConfig();
  const out = mkdtempSync(join(tmpdir(), 'footprint-residency-'));
  synthesize(environments, clouds, out);

  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  /** Whole DNS names only: `usgovtrafficmanager.net` does not contain `trafficmanager.net`. */
  const matcher = (names: readonly string[]) =>
    new RegExp(`(?:^|[./"\\s\\\\])(${names.map(escape).join('|')})(?![a-z0-9-]|\\.[a-z0-9])`, 'i');
  const filesOf = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? filesOf(join(dir, e.name)) : [join(dir, e.name)],
    );
  const stacks = environments.flatMap((env) =>
    readdirSync(join(out, 'stacks'))
      .filter(
        (s) => s === env.globalStackName || env.stamps.some((st) => s === env.stampStackName(st.region)),
      )
      .map((stack) => ({ env, stack, files: filesOf(join(out, 'stacks', stack)) })),
  );
  /** DNS names of the other clouds that the stack's own cloud does not also use. */
  const foreign = (own: string) => {
    const mine = new Set(clouds.find((c) => c.id === own)!.allDnsNames());
    return clouds
      .filter((c) => c.id !== own)
      .flatMap((c) => c.allDnsNames())
      .filter((n) => !mine.has(n));
  };

  it('reads every stack directory, the stamps with their service config and the global stacks with the workbook', () => {
    expect(stacks).toHaveLength(22);
    for (const s of stacks) {
      const names = s.files.map((f) => f.slice(join(out, 'stacks', s.stack).length + 1)).sort();
      const isGlobal = s.stack === s.env.globalStackName;
      expect(names).toEqual(
        isGlobal
          ? ['cdk.tf.json']
          : ['appsettings.resilience.json', 'cdk.tf.json', 'resilience.json', 'service-config.json'],
      );
      if (isGlobal) expect(readFileSync(s.files[0]!, 'utf8')).toContain('Notebook/1.0');
    }
  });

  it('the check can fail: each cloud finds its own names in its own stacks', () => {
    for (const s of stacks) {
      const own = clouds.find((c) => c.id === s.env.cloud.id)!.allDnsNames();
      const text = s.files.map((f) => readFileSync(f, 'utf8')).join('\n');
      expect(text).toMatch(matcher(own));
    }
  });

  it.each(stacks.map((s) => [s.stack, s] as const))('%s names no other cloud’s DNS name', (_n, s) => {
    const m = matcher(foreign(s.env.cloud.id));
    for (const file of s.files)
      expect({ file, match: readFileSync(file, 'utf8').match(m)?.[1] }).toEqual({ file });
  });
});
