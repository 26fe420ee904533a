/**
 * Reading attributes of synthesized resources: nested blocks in object or list form, Terraform tokens, display of
 * values, and whether one resource points at another (by `${type.name.id}` in its own stack, or by a synth-time
 * ARM id string from another stack).
 */
import { asList, referencesIn, type Json, type JsonObject, type Resource } from '../contract/out';
import { atPositions, lastSegment, pointerIndex } from './lookup';
import type { Issue } from './types';

/** Value at a dotted path; blocks on the way are read in object or list form (first element). */
export function get(attrs: JsonObject | undefined, path: string): Json | undefined {
  let cur: Json | undefined = attrs;
  for (const key of path.split('.')) {
    if (cur === undefined || cur === null) return undefined;
    if (Array.isArray(cur)) cur = asList(cur)[0];
    if (cur === undefined || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as JsonObject)[key];
  }
  return cur;
}

/** A `${...}` expression: its value is only known at apply time. */
export function isToken(v: Json | undefined): boolean {
  return typeof v === 'string' && v.includes('${');
}

export function isTrue(v: Json | undefined): boolean {
  return v === true || v === 'true';
}

export function isFalse(v: Json | undefined): boolean {
  return v === false || v === 'false';
}

/** Set: present and not null/empty. */
export function isSet(v: Json | undefined): boolean {
  if (v === undefined || v === null || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

export function num(v: Json | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return undefined;
}

/** A list attribute of scalars (or one scalar) as strings. */
export function strings(v: Json | undefined): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).filter((x) => typeof x !== 'object').map(String);
}

/** How a found value reads in a report. */
export function show(v: Json | undefined): string {
  if (v === undefined) return '(absent)';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** ARM resource type segment of each azurerm type that other stacks address by a synth-time id. */
const ARM_SEGMENT: Record<string, string> = {
  azurerm_key_vault: 'vaults',
  azurerm_cosmosdb_account: 'databaseAccounts',
  azurerm_storage_account: 'storageAccounts',
  azurerm_kubernetes_cluster: 'managedClusters',
  azurerm_cdn_frontdoor_profile: 'profiles',
  azurerm_network_security_group: 'networkSecurityGroups',
  azurerm_virtual_network: 'virtualNetworks',
  azurerm_log_analytics_workspace: 'workspaces',
  azurerm_application_insights: 'components',
  azurerm_traffic_manager_profile: 'trafficManagerProfiles',
  azurerm_public_ip: 'publicIPAddresses',
};

/**
 * Whether `value` (an attribute of a resource in stack `fromStack`) points at `target`: a Terraform reference
 * to it in the same stack, or an ARM id string ending in `/<segment>/<name>` (cross-stack, synth-time ids).
 */
export function pointsAt(value: Json | undefined, fromStack: string, target: Resource): boolean {
  if (value === undefined) return false;
  if (fromStack === target.stack && referencesIn(value).includes(target.address)) return true;
  const segment = ARM_SEGMENT[target.type];
  const name = target.attrs.name;
  if (!segment || typeof name !== 'string' || isToken(name)) return false;
  const wanted = `/${segment}/${name}`.toLowerCase();
  return strings(value).some((s) => !isToken(s) && s.toLowerCase().endsWith(wanted));
}

/** Below this many candidates a scan is cheaper than building an index. */
const INDEX_FROM = 16;

/** Resources among `candidates` whose attribute at `path` points at `target`, in their order. */
export function referrers(candidates: readonly Resource[], path: string, target: Resource): Resource[] {
  const test = (r: Resource) => pointsAt(get(r.attrs, path), r.stack, target);
  if (candidates.length < INDEX_FROM) return candidates.filter(test);
  // Only the candidates the index names can pass pointsAt: one referencing the target's address from its stack,
  // or one holding a string whose last segment is the target's name (an ARM id ending /<segment>/<name>).
  const index = pointerIndex(candidates, path, (r) => get(r.attrs, path), strings);
  const segment = ARM_SEGMENT[target.type];
  const name = target.attrs.name;
  const byName =
    segment && typeof name === 'string' && !isToken(name)
      ? index.byLastSegment.get(lastSegment(`/${segment}/${name}`.toLowerCase()))
      : undefined;
  return atPositions(
    candidates,
    index.byReference.get(`${target.stack}\u0000${target.address}`),
    byName,
  ).filter(test);
}

/** Shorthand for an issue on a resource. */
export function issue(
  r: Pick<Resource, 'stack' | 'address'>,
  attribute: string,
  expected: string,
  found: string,
  fix?: string,
): Issue {
  return { stack: r.stack, resource: r.address, attribute, expected, found, ...(fix ? { fix } : {}) };
}

export { asList };

/**
 * Keys off for Cosmos DB and App Insights: `local_authentication_disabled = true` in azurerm 4.55, or its 4.78+
 * replacement `local_authentication_enabled = false`. Undefined when off, else the finding's fields.
 */
export function localAuthStillOn(
  attrs: JsonObject,
): { attribute: string; expected: string; found: string } | undefined {
  if (isTrue(attrs.local_authentication_disabled) || isFalse(attrs.local_authentication_enabled))
    return undefined;
  return {
    attribute: 'local_authentication_disabled',
    expected: 'true',
    found: show(attrs.local_authentication_disabled),
  };
}
