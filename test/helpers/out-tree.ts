/**
 * Small hand-written synthesized trees (what `npm run synth` writes: manifest.json, footprint.json,
 * stacks/<stack>/cdk.tf.json) for tool tests that need resource types the shipped stacks may not contain yet.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resourcesOf, type JsonObject, type SynthOutput } from '../../contract/out';
import type { EnvironmentSummary, FootprintManifest } from '../../contract/footprint';

/** `resource` of a stack: type → name → attributes. */
export type Resources = Record<string, Record<string, JsonObject>>;

export interface EnvSpec {
  readonly cloud?: string;
  /** Stack name → its resources; the first is the global stack, the others stamps named `<env>-<region>`. */
  readonly stacks: Record<string, Resources>;
  readonly summary?: Partial<EnvironmentSummary>;
  /** Extra top-level Terraform JSON per stack (provider, terraform). */
  readonly settings?: Record<string, JsonObject>;
}

export type TreeSpec = Record<string, EnvSpec>;

const CLOUDS = {
  public: {
    id: 'public',
    displayName: 'Azure public',
    azCloudName: 'AzureCloud',
    file: '',
    dnsNames: [],
    regions: [],
  },
  usgov: {
    id: 'usgov',
    displayName: 'Azure US Government',
    azCloudName: 'AzureUSGovernment',
    file: '',
    dnsNames: [],
    regions: [],
  },
};

/** A complete summary (the contract's schema checks every field), with the spec's fields laid over it. */
function summary(name: string, spec: EnvSpec): EnvironmentSummary {
  const stacks = Object.keys(spec.stacks);
  const global = stacks[0]!;
  const regions = stacks.slice(1).map((s) => s.slice(name.length + 1));
  return {
    name,
    file: `environments/${name}.yaml`,
    cloud: spec.cloud ?? 'public',
    tier: 'prod',
    provider: { environment: 'public' },
    globalStack: global,
    stacks,
    regions: stacks.slice(1).map((s, i) => ({
      region: s.slice(name.length + 1),
      code: `r${i}`,
      zones: true,
      addressSpace: `10.${i}.0.0/20`,
      index: i,
      primary: i === 0,
      stack: s,
    })),
    failoverOrder: regions,
    globalEntry: 'frontDoor',
    features: {},
    warnings: [],
    unconfirmedFacts: [],
    waivers: [],
    rollout: { bakeMinutes: 60 },
    state: { backend: 'local' },
    sloTarget: 99.9,
    minNodesFloor: 2,
    resilience: { minNodesPerPool: 2, minNodesPerStamp: 2, minServingStamps: 1 },
    ...spec.summary,
  };
}

function stackJson(stack: string, resources: Resources, extra: JsonObject = {}): JsonObject {
  const withMeta: Resources = {};
  for (const [type, byName] of Object.entries(resources)) {
    withMeta[type] = {};
    for (const [n, attrs] of Object.entries(byName)) {
      withMeta[type]![n] = { '//': { metadata: { path: `${stack}/${n}`, uniqueId: n } }, ...attrs };
    }
  }
  return {
    '//': { metadata: { stackName: stack, version: '0.21.0' }, outputs: {} },
    provider: { azurerm: [{ environment: 'public', features: [{}] }] },
    resource: withMeta,
    terraform: { backend: { local: { path: `terraform.${stack}.tfstate` } } },
    ...extra,
  } as JsonObject;
}

function footprint(spec: TreeSpec): FootprintManifest {
  return {
    version: 1,
    clouds: CLOUDS as unknown as FootprintManifest['clouds'],
    environments: Object.fromEntries(Object.entries(spec).map(([n, e]) => [n, summary(n, e)])),
  };
}

/** The tree in memory, as contract/out.ts would read it. */
export function synthOutput(spec: TreeSpec, dir = '/nowhere'): SynthOutput {
  const stacks = Object.values(spec).flatMap((env) =>
    Object.entries(env.stacks).map(([name, resources]) => {
      const json = stackJson(name, resources, env.settings?.[name]);
      const globalName = Object.keys(env.stacks)[0]!;
      return {
        name,
        dir: join(dir, 'stacks', name),
        json,
        resources: resourcesOf(name, json),
        dependencies: name === globalName ? [] : [globalName],
      };
    }),
  );
  return { dir, footprint: footprint(spec), stacks };
}

/** Writes the tree into a new temp directory (or `dir`) and returns its path. */
export function writeTree(spec: TreeSpec, dir = mkdtempSync(join(tmpdir(), 'footprint-tree-'))): string {
  const out = synthOutput(spec, dir);
  const manifest: JsonObject = { stacks: {} };
  for (const s of out.stacks) {
    mkdirSync(join(dir, 'stacks', s.name), { recursive: true });
    writeFileSync(join(dir, 'stacks', s.name, 'cdk.tf.json'), JSON.stringify(s.json, null, 2));
    (manifest.stacks as JsonObject)[s.name] = {
      name: s.name,
      dependencies: s.dependencies,
      synthesizedStackPath: `stacks/${s.name}/cdk.tf.json`,
      workingDirectory: `stacks/${s.name}`,
    };
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, 'footprint.json'), JSON.stringify(out.footprint, null, 2));
  return dir;
}

/** A Cosmos DB account in the given failover order. */
export function cosmosAccount(regions: readonly string[], extra: JsonObject = {}): JsonObject {
  return {
    name: 'cosmos-fp-prd',
    location: regions[0]!,
    resource_group_name: 'rg-fp-prd-global',
    kind: 'GlobalDocumentDB',
    offer_type: 'Standard',
    geo_location: regions.map((location, i) => ({ location, failover_priority: i, zone_redundant: true })),
    consistency_policy: { consistency_level: 'Session' },
    ...extra,
  };
}
