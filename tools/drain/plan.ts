/**
 * What `npm run drain` does, computed from cdktf.out only: the environment's cloud (footprint.json) and the edge
 * resources of its global stack (Front Door origins or Traffic Manager endpoints, one per stamp, with the
 * `enabled` the config gives them). A plan is the az setup (cloud, subscription), the commands that take the
 * stamp out of rotation now (or put it back), the command that shows the result, and the config change that
 * makes it permanent.
 */
import type { CloudSummary, EnvironmentSummary, RegionSummary } from '../../contract/footprint';
import { unitId } from '../../model/naming';
import type { Json, JsonObject, Resource, StackJson } from '../../contract/out';

export interface EdgeMember {
  readonly region: string;
  /** Origin or endpoint name. */
  readonly name: string;
  /** As synthesized: what the next apply sets. */
  readonly enabled: boolean;
}

export interface Edge {
  readonly kind: 'frontDoor' | 'trafficManager';
  readonly resourceGroup: string;
  readonly profile: string;
  /** Front Door only. */
  readonly originGroup?: string;
  readonly members: readonly EdgeMember[];
}

export interface DrainPlan {
  readonly environment: string;
  readonly stamp: string;
  readonly action: 'drain' | 'restore';
  readonly cloud: string;
  readonly edge: Edge['kind'];
  /** az argument lists: cloud registration (metadata host), cloud set, account set. */
  readonly setup: readonly (readonly string[])[];
  /** The commands that change rotation now. */
  readonly commands: readonly (readonly string[])[];
  /** Shows the member's state afterwards. */
  readonly verify: readonly string[];
  /** Draining: the live state of each stamp that should still serve (--execute refuses when none is Enabled). */
  readonly peerChecks: readonly { readonly stamp: string; readonly args: readonly string[] }[];
  /** Stamps serving at the edge after the action (by the config as synthesized, plus this action). */
  readonly servingAfter: readonly string[];
  /** The config edit that makes the action permanent through the normal review. */
  readonly permanent: string;
  readonly warnings: readonly string[];
}

export class DrainRefused extends Error {}

const isObject = (v: Json | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `${type.name.attr}` → the referenced resource's attribute, one level deep (a name or a further reference). */
function resolve(resources: readonly Resource[], value: Json | undefined): string {
  const s = typeof value === 'string' ? value : '';
  const m = /^\$\{([\w]+)\.([\w-]+)\.(\w+)\}$/.exec(s);
  if (!m) return s;
  const target = resources.find((r) => r.type === m[1] && r.name === m[2]);
  return target ? resolve(resources, target.attrs[m[3]!]) : s;
}

function referenced(resources: readonly Resource[], value: Json | undefined): Resource | undefined {
  const m = /^\$\{([\w]+)\.([\w-]+)\.id\}$/.exec(typeof value === 'string' ? value : '');
  return m ? resources.find((r) => r.type === m[1] && r.name === m[2]) : undefined;
}

/** The edge of an environment from its global stack's Terraform JSON. */
export function edgeOf(env: EnvironmentSummary, global: StackJson): Edge {
  const rs = global.resources;
  // Members are named by stamp id: the region for unit 1, `<region>-u<n>` for the other scale units.
  const regions = env.regions.map(stampIdOf);
  if (env.globalEntry === 'frontDoor') {
    const origins = rs.filter((r) => r.type === 'azurerm_cdn_frontdoor_origin');
    const group = referenced(rs, origins[0]?.attrs.cdn_frontdoor_origin_group_id);
    const profile = referenced(rs, group?.attrs.cdn_frontdoor_profile_id);
    if (!group || !profile) throw new Error(`${global.name} has no Front Door origin group and profile`);
    return {
      kind: 'frontDoor',
      resourceGroup: resolve(rs, profile.attrs.resource_group_name),
      profile: resolve(rs, profile.attrs.name),
      originGroup: resolve(rs, group.attrs.name),
      members: origins
        .map((o) => ({ name: resolve(rs, o.attrs.name), enabled: o.attrs.enabled !== false }))
        .map((o) => ({ ...o, region: regions.find((r) => o.name === `origin-${r}`) ?? o.name })),
    };
  }
  const endpoints = rs.filter((r) => r.type === 'azurerm_traffic_manager_external_endpoint');
  const profile = referenced(rs, endpoints[0]?.attrs.profile_id);
  if (!profile) throw new Error(`${global.name} has no Traffic Manager profile`);
  return {
    kind: 'trafficManager',
    resourceGroup: resolve(rs, profile.attrs.resource_group_name),
    profile: resolve(rs, profile.attrs.name),
    members: endpoints.map((e) => {
      const name = resolve(rs, e.attrs.name);
      return { name, region: name, enabled: e.attrs.enabled !== false };
    }),
  };
}

/** Subscription of the global stack's provider block (or of the state backend). */
function subscriptionOf(env: EnvironmentSummary, global: StackJson): string {
  const provider = global.json.provider;
  const azurerm = isObject(provider) ? provider.azurerm : undefined;
  const first = Array.isArray(azurerm) ? azurerm[0] : undefined;
  const id = isObject(first) ? first.subscription_id : undefined;
  if (typeof id === 'string') return id;
  return env.state.backend === 'azurerm' ? env.state.subscriptionId : '';
}

/** A stamp's id: its region for unit 1, `<region>-u<n>` beyond. */
export function stampIdOf(r: RegionSummary): string {
  return unitId(r.region, r.unit ?? 1);
}

/** The stamp named by id (region for unit 1, `eastus2-u2`), stack name or code (`eus2`, `eus2u2`): its id. */
export function findStamp(env: EnvironmentSummary, stamp: string): string | undefined {
  const r = env.regions.find((x) => stampIdOf(x) === stamp || x.stack === stamp || x.code === stamp);
  return r ? stampIdOf(r) : undefined;
}

export function drainPlan(
  env: EnvironmentSummary,
  cloud: CloudSummary,
  global: StackJson,
  region: string,
  action: DrainPlan['action'],
): DrainPlan {
  const found = edgeOf(env, global);
  // Region order of the environment (the failover order), not the JSON's key order.
  const rank = (r: string) => env.regions.findIndex((x) => stampIdOf(x) === r);
  const edge = { ...found, members: [...found.members].sort((x, y) => rank(x.region) - rank(y.region)) };
  const member = edge.members.find((m) => m.region === region);
  if (!member) throw new Error(`${global.name} has no edge member for ${region}`);
  const serving = edge.members.filter((m) => m.enabled).map((m) => m.region);
  const servingAfter =
    action === 'drain'
      ? serving.filter((r) => r !== region)
      : [...new Set([...serving, region])].filter((r) => edge.members.some((m) => m.region === r));
  if (action === 'drain' && servingAfter.length === 0) {
    throw new DrainRefused(
      `refusing to drain ${region}: it is the last serving stamp of ${env.name} (serving: ${serving.join(', ') || 'none'}); draining it takes the whole environment offline`,
    );
  }
  const setup: string[][] = [];
  if (env.provider.metadataHost)
    setup.push([
      'cloud',
      'register',
      '--name',
      cloud.azCloudName,
      '--endpoint-resource-manager',
      `https://${env.provider.metadataHost}`,
    ]);
  setup.push(['cloud', 'set', '--name', cloud.azCloudName]);
  const subscription = subscriptionOf(env, global);
  if (subscription) setup.push(['account', 'set', '--subscription', subscription]);
  const on = action === 'restore';
  const common = ['--resource-group', edge.resourceGroup, '--profile-name', edge.profile];
  const fd = edge.kind === 'frontDoor';
  const base = fd ? ['afd', 'origin'] : ['network', 'traffic-manager', 'endpoint'];
  const idsOf = (name: string) =>
    fd
      ? [...common, '--origin-group-name', edge.originGroup!, '--origin-name', name]
      : [...common, '--name', name, '--type', 'ExternalEndpoints'];
  const show = (name: string) => [
    ...base,
    'show',
    ...idsOf(name),
    '--query',
    fd ? 'enabledState' : 'endpointStatus',
    '--output',
    'tsv',
  ];
  const state = on ? 'Enabled' : 'Disabled';
  const command = [
    ...base,
    'update',
    ...idsOf(member.name),
    fd ? '--enabled-state' : '--endpoint-status',
    state,
  ];
  const verify = show(member.name);
  const peerChecks =
    action === 'drain'
      ? edge.members
          .filter((m) => servingAfter.includes(m.region))
          .map((m) => ({ stamp: m.region, args: show(m.name) }))
      : [];
  const what = fd ? `Front Door origin ${member.name}` : `Traffic Manager endpoint ${member.name}`;
  const warnings: string[] = [];
  if (action === 'drain' && member.enabled)
    warnings.push(
      `the next apply of ${env.globalStack} re-enables ${what} (the config has it enabled) unless the permanent change is merged first`,
    );
  if (action === 'restore' && !member.enabled)
    warnings.push(
      `the config drains ${region} (regions[].serving: false): the next apply of ${env.globalStack} disables ${what} again unless the permanent change is merged first`,
    );
  if (action === 'drain' && !member.enabled)
    warnings.push(`the config already drains ${region}; this only makes the live state match`);
  // `serving` is per region: the permanent change takes every scale unit of the region out of rotation.
  const summary = env.regions.find((r) => stampIdOf(r) === region);
  const home = summary?.region ?? region;
  const units = env.regions.filter((r) => r.region === home).length;
  if (units > 1)
    warnings.push(
      `serving is set per region: the permanent change below drains all ${units} scale units of ${home}, not only ${region}`,
    );
  return {
    environment: env.name,
    stamp: region,
    action,
    cloud: cloud.azCloudName,
    edge: edge.kind,
    setup,
    commands: [command],
    verify,
    peerChecks,
    servingAfter,
    permanent:
      action === 'drain'
        ? `${env.file}: under regions, on "- name: ${home}", set "serving: false"; then review and apply ${env.globalStack} as usual (npm run synth, plan, apply)`
        : `${env.file}: under regions, on "- name: ${home}", remove "serving: false" (or set true); then review and apply ${env.globalStack} as usual`,
    warnings,
  };
}
