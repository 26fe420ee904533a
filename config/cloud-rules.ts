/**
 * Rules across cloud profiles (data residency of the profiles themselves): a value that one cloud names and
 * another cloud names too was copied from it. That covers every value with a counterpart in another cloud,
 * not only DNS names: the az cloud name, the azurerm environment or metadata host, endpoints, suffixes, private
 * DNS zones, regions, the workload identity audience and availability test locations. A host name is also
 * caught when it ends in another cloud's name (`privatelink.vault.azure.net` in a sovereign profile).
 */
import type { CloudFile } from './schema/cloud';
import { fieldPath, type ConfigError } from './errors';
import type { PathSegment, YamlSource } from './yaml-source';

export interface ParsedCloud {
  readonly src: YamlSource;
  readonly data: CloudFile;
}

/**
 * Fields whose values are the same in every cloud by design; they are neither checked nor compared.
 * Each entry says why.
 */
export const SAME_IN_EVERY_CLOUD: Readonly<Record<string, string>> = {
  'serviceTags.frontDoorBackend':
    'service tag names are one catalog across clouds: a tag names a service, and the prefixes behind it are those ' +
    "of the cloud the rule is deployed in (Microsoft Learn, virtual network service tags: tags 'reflect the ranges " +
    "for the entire cloud'; the public, US Government and China downloads use the same names). shared/reference " +
    'has no service-tag facts.',
};

export interface ProfileValue {
  /** Field as the profile names it, without `.value` and list indexes: `suffixes.storage`. */
  readonly field: string;
  /** YAML path of the value (for file:line:col). */
  readonly path: readonly PathSegment[];
  /** Whether `path` points at a key (region names). */
  readonly atKey?: boolean;
  /** As written. */
  readonly value: string;
  /** Compared form: lower case, no scheme, the AKS zone without `privatelink.{region}.`. */
  readonly key: string;
  /** A DNS name: also compared by suffix. */
  readonly host: boolean;
}

type Fact = unknown;
const isFactObject = (f: Fact): f is { value: unknown } =>
  typeof f === 'object' && f !== null && !Array.isArray(f) && 'value' in f;

/** Every value of a profile that another cloud has its own version of. */
export function profileValues(cloud: CloudFile): ProfileValue[] {
  const out: ProfileValue[] = [];
  const add = (field: string, path: PathSegment[], f: Fact, host: boolean) => {
    const valuePath = isFactObject(f) ? [...path, 'value'] : path;
    const v = isFactObject(f) ? f.value : f;
    const list = Array.isArray(v)
      ? v.map((x, i) => [x, [...valuePath, i]] as const)
      : [[v, valuePath] as const];
    for (const [x, p] of list) {
      if (typeof x !== 'string' || field in SAME_IN_EVERY_CLOUD) continue;
      const key = x
        .toLowerCase()
        .replace(/^https:\/\//, '')
        .replace(/^privatelink\.\{region\}\./, '');
      out.push({ field, path: p, value: x, key, host });
    }
  };
  add('azCloudName', ['azCloudName'], cloud.azCloudName, false);
  if ('metadataHost' in cloud.provider)
    add('provider.metadataHost', ['provider', 'metadataHost'], cloud.provider.metadataHost, true);
  else add('provider.environment', ['provider', 'environment'], cloud.provider.environment, false);
  for (const group of ['endpoints', 'suffixes', 'privateDnsZones'] as const) {
    for (const [name, f] of Object.entries(cloud[group])) add(`${group}.${name}`, [group, name], f, true);
  }
  for (const [name, f] of Object.entries(cloud.serviceTags))
    add(`serviceTags.${name}`, ['serviceTags', name], f, false);
  add(
    'identity.workloadIdentityAudience',
    ['identity', 'workloadIdentityAudience'],
    cloud.identity.workloadIdentityAudience,
    false,
  );
  add('availabilityTestLocations', ['availabilityTestLocations'], cloud.availabilityTestLocations, false);
  for (const [name, region] of Object.entries(cloud.regions)) {
    out.push({ field: 'regions', path: ['regions', name], atKey: true, value: name, key: name, host: false });
    if (region.providerEnvironment)
      add(
        'regions.providerEnvironment',
        ['regions', name, 'providerEnvironment'],
        region.providerEnvironment,
        false,
      );
  }
  return out;
}

const endsIn = (v: string, name: string) => v === name || v.endsWith(`.${name}`);

/** How `mine` takes `theirs`: equal, or (host names) ending in it; undefined when it does not. */
export function copied(mine: ProfileValue, theirs: ProfileValue): 'equal' | 'suffix' | undefined {
  if (mine.key === theirs.key) return 'equal';
  if (mine.host && theirs.host && endsIn(mine.key, theirs.key)) return 'suffix';
  return undefined;
}

/**
 * Every value of a cloud that another cloud names too, reported at the copy. A value shared with the cloud
 * azurerm calls `public` is reported only in the other profile (public is where such copies come from);
 * between two other clouds both sides are reported, since either may be the wrong one.
 */
export function checkAcrossClouds(clouds: readonly ParsedCloud[]): ConfigError[] {
  const values = clouds.map((c) => ({ cloud: c, values: profileValues(c.data) }));
  const isPublic = (c: ParsedCloud) =>
    'environment' in c.data.provider && c.data.provider.environment === 'public';
  const errors: ConfigError[] = [];
  for (const { cloud, values: mine } of values) {
    for (const v of mine) {
      // A suffix match that one of the cloud's own names explains is reported at that name, not here.
      const own = mine.filter((o) => o !== v && o.host && v.host && endsIn(v.key, o.key));
      let found: { other: ParsedCloud; theirs: ProfileValue; how: 'equal' | 'suffix' } | undefined;
      for (const { cloud: other, values: theirs } of values) {
        if (other === cloud || (isPublic(cloud) && !isPublic(other))) continue;
        for (const t of theirs) {
          const how = copied(v, t);
          if (!how || (how === 'suffix' && own.some((o) => endsIn(o.key, t.key)))) continue;
          if (!found || (how === 'equal' && found.how === 'suffix')) found = { other, theirs: t, how };
        }
      }
      if (!found) continue;
      const { other, theirs, how } = found;
      const pos = cloud.src.position(v.path, v.atKey);
      const where = `${other.src.file}:${other.src.position(theirs.path, theirs.atKey).line} ${fieldPath(theirs.path.filter((s) => s !== 'value'))}`;
      errors.push({
        file: cloud.src.file,
        line: pos.line,
        col: pos.col,
        field: fieldPath(v.path.filter((s) => s !== 'value')),
        message:
          how === 'equal'
            ? `"${v.value}" is cloud ${other.data.id}'s value (${where}); expected ${v.field === 'regions' ? 'a region' : `the ${v.field}`} of cloud ${cloud.data.id}`
            : `"${v.value}" ends in ${theirs.value}, a name of cloud ${other.data.id} (${where}); expected a name of cloud ${cloud.data.id}`,
      });
    }
  }
  return errors;
}
