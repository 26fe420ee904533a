/**
 * Hand-written synthesized trees for the tools that read cdktf.out: the azurerm 4.55 shapes cdktf writes (single
 * nested blocks as objects, repeatable ones as arrays). Build one, break it in a test, then read it in memory
 * (`toSynthOutput`) or write it to disk (`writeTree`) for a command.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EnvironmentSummary, FootprintManifest, ResilienceFloor } from '../../contract/footprint';
import { resourcesOf, type JsonObject, type SynthOutput } from '../../contract/out';

export interface RegionSpec {
  readonly region: string;
  readonly code: string;
  readonly zones: boolean;
}

export interface EnvSpec {
  readonly name: string;
  readonly tier?: 'dev' | 'staging' | 'prod';
  readonly regions: readonly RegionSpec[];
  readonly entry?: 'frontDoor' | 'trafficManager';
  readonly floor?: Partial<ResilienceFloor>;
}

export interface Tree {
  readonly footprint: FootprintManifest;
  /** Terraform JSON per stack name; tests edit it in place. */
  readonly stacks: Record<string, JsonObject>;
}

export const ZONAL3: readonly RegionSpec[] = [
  { region: 'eastus2', code: 'eus2', zones: true },
  { region: 'centralus', code: 'cus', zones: true },
  { region: 'westus', code: 'wus', zones: false },
];

const host = (env: string, r: RegionSpec) => `fp-${env}-${r.code}.${r.region}.cloudapp.azure.com`;

function stampStack(env: string, r: RegionSpec): JsonObject {
  const zones: JsonObject = r.zones ? { zones: ['1', '2', '3'] } : {};
  return {
    terraform: { backend: { local: { path: 'terraform.tfstate' } } },
    resource: {
      azurerm_resource_group: { rg: { name: `rg-${env}-${r.code}`, location: r.region } },
      azurerm_public_ip: {
        ingress: {
          name: `pip-${env}-${r.code}`,
          location: r.region,
          sku: 'Standard',
          allocation_method: 'Static',
          domain_name_label: `fp-${env}-${r.code}`,
          ...zones,
        },
      },
      azurerm_kubernetes_cluster: {
        aks: {
          '//': { metadata: { path: `${env}/aks` } },
          name: `aks-${env}-${r.code}`,
          location: r.region,
          default_node_pool: {
            name: 'system',
            vm_size: 'Standard_D4ds_v5',
            auto_scaling_enabled: true,
            min_count: 3,
            max_count: 5,
            only_critical_addons_enabled: true,
            ...zones,
          },
        },
      },
      azurerm_kubernetes_cluster_node_pool: {
        apps: {
          name: 'apps',
          kubernetes_cluster_id: '${azurerm_kubernetes_cluster.aks.id}',
          vm_size: 'Standard_D8ds_v5',
          mode: 'User',
          auto_scaling_enabled: true,
          min_count: 3,
          max_count: 10,
          ...zones,
        },
      },
    },
  };
}

function globalStack(spec: EnvSpec): JsonObject {
  const { name, regions } = spec;
  const cosmos = {
    account: {
      name: `cosmos-${name}`,
      offer_type: 'Standard',
      automatic_failover_enabled: true,
      multiple_write_locations_enabled: true,
      consistency_policy: { consistency_level: 'Session' },
      geo_location: regions.map((r, i) => ({
        location: r.region,
        failover_priority: i,
        zone_redundant: r.zones,
      })),
    },
  };
  const edge: Record<string, Record<string, JsonObject>> = spec.entry === 'trafficManager'
    ? {
        azurerm_traffic_manager_profile: {
          entry: {
            name: `tm-${name}`,
            traffic_routing_method: 'Priority',
            dns_config: { relative_name: name, ttl: 30 },
            monitor_config: {
              protocol: 'HTTPS',
              port: 443,
              path: '/healthz',
              interval_in_seconds: 30,
              timeout_in_seconds: 10,
              tolerated_number_of_failures: 3,
            },
          },
        },
        azurerm_traffic_manager_external_endpoint: Object.fromEntries(
          regions.map((r, i) => [
            r.code,
            {
              name: r.region,
              profile_id: '${azurerm_traffic_manager_profile.entry.id}',
              target: host(name, r),
              endpoint_location: r.region,
              priority: i + 1,
              weight: 100,
              enabled: true,
            },
          ]),
        ),
      }
    : {
        azurerm_cdn_frontdoor_origin_group: {
          app: {
            name: 'app',
            cdn_frontdoor_profile_id: '${azurerm_cdn_frontdoor_profile.fd.id}',
            health_probe: {
              protocol: 'Https',
              path: '/healthz',
              request_type: 'GET',
              interval_in_seconds: 30,
            },
            load_balancing: { sample_size: 4, successful_samples_required: 3 },
          },
        },
        azurerm_cdn_frontdoor_origin: Object.fromEntries(
          regions.map((r) => [
            `app_${r.code}`,
            {
              name: r.region,
              cdn_frontdoor_origin_group_id: '${azurerm_cdn_frontdoor_origin_group.app.id}',
              host_name: host(name, r),
              origin_host_header: host(name, r),
              enabled: true,
              priority: 1,
              weight: 1000,
              certificate_name_check_enabled: true,
            },
          ]),
        ),
      };
  return {
    resource: {
      azurerm_resource_group: { global: { name: `rg-${name}-global`, location: regions[0]!.region } },
      ...edge,
      azurerm_cosmosdb_account: cosmos,
    },
  };
}

/** Built loosely (cast) from the spec; it must still pass the contract's schema, which every reader checks. */
function summary(spec: EnvSpec): EnvironmentSummary {
  const floor: ResilienceFloor = {
    minNodesPerPool: 2,
    minNodesPerStamp: 4,
    minServingStamps: 1,
    ...spec.floor,
  };
  const globalStack = `${spec.name}-global`;
  const s: Record<string, unknown> = {
    name: spec.name,
    file: `environments/${spec.name}.yaml`,
    cloud: 'public',
    tier: spec.tier ?? 'prod',
    provider: { environment: 'public' },
    globalStack,
    stacks: [globalStack, ...spec.regions.map((r) => `${spec.name}-${r.region}`)],
    regions: spec.regions.map((r, index) => ({
      ...r,
      addressSpace: `10.${index}.0.0/20`,
      index,
      primary: index === 0,
      stack: `${spec.name}-${r.region}`,
    })),
    failoverOrder: spec.regions.map((r) => r.region),
    globalEntry: spec.entry ?? 'frontDoor',
    features: {},
    warnings: [],
    unconfirmedFacts: [],
    waivers: [],
    rollout: { bakeMinutes: 60 },
    state: { backend: 'local' },
    sloTarget: 99.9,
    minNodesFloor: floor.minNodesPerStamp,
    resilience: floor,
  };
  return s as unknown as EnvironmentSummary;
}

/** A tree with one global and one stamp stack per region for each environment: zonal, probed, multi-region. */
export function synthTree(...specs: EnvSpec[]): Tree {
  const environments: Record<string, EnvironmentSummary> = {};
  const stacks: Record<string, JsonObject> = {};
  for (const spec of specs) {
    environments[spec.name] = summary(spec);
    stacks[`${spec.name}-global`] = globalStack(spec);
    for (const r of spec.regions) stacks[`${spec.name}-${r.region}`] = stampStack(spec.name, r);
  }
  return { footprint: { version: 1, clouds: {}, environments }, stacks };
}

/** The resources of `type.name` in `stack`, to break in a test. */
export function res(tree: Tree, stack: string, type: string, name: string): JsonObject {
  const r = (tree.stacks[stack]?.resource as Record<string, Record<string, JsonObject>> | undefined)?.[
    type
  ]?.[name];
  if (!r) throw new Error(`no ${type}.${name} in ${stack}`);
  return r;
}

export function removeResource(tree: Tree, stack: string, type: string, name: string): void {
  res(tree, stack, type, name);
  const byType = (tree.stacks[stack]!.resource as Record<string, Record<string, JsonObject>>)[type]!;
  delete byType[name];
}

/** What contract/out.ts readSynthOutput would return for this tree. */
export function toSynthOutput(tree: Tree, dir = '/fixture'): SynthOutput {
  return {
    dir,
    footprint: tree.footprint,
    stacks: Object.entries(tree.stacks).map(([name, json]) => ({
      name,
      dir: join(dir, 'stacks', name),
      json,
      resources: resourcesOf(name, json),
      dependencies: [],
    })),
  };
}

/** Writes the tree as cdktf.out (manifest.json, footprint.json, stacks/<name>/cdk.tf.json) under a temp dir. */
export function writeTree(tree: Tree, dir = mkdtempSync(join(tmpdir(), 'footprint-tree-'))): string {
  const out = join(dir, 'cdktf.out');
  const manifest: JsonObject = { version: '0.21.0', stacks: {} };
  for (const [name, json] of Object.entries(tree.stacks)) {
    mkdirSync(join(out, 'stacks', name), { recursive: true });
    writeFileSync(join(out, 'stacks', name, 'cdk.tf.json'), `${JSON.stringify(json, null, 2)}\n`);
    (manifest.stacks as JsonObject)[name] = {
      name,
      synthesizedStackPath: `stacks/${name}/cdk.tf.json`,
      workingDirectory: `stacks/${name}`,
      dependencies: [],
    };
  }
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(out, 'footprint.json'), `${JSON.stringify(tree.footprint, null, 2)}\n`);
  return dir;
}
