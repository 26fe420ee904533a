/**
 * Rules across files: an environment against its cloud profile (data residency, capabilities), against itself
 * (unique regions, non-overlapping CIDRs, names within Azure limits) and against the other environments.
 */
import { overlaps, parseCidr } from '../model/cidr';
import { quote } from '../lib/quote';
import type { CloudProfile } from './cloud-profile';
import { errorAt, type ConfigError } from './errors';
import { choices } from './suggestions';
import type { EnvironmentFile } from './schema/environment';
import type { YamlSource } from './yaml-source';
import { MAX_STAMP_PREFIX, MIN_STAMP_PREFIX, unitAddressSpaces } from '../model/address-plan';
import {
  deriveShortName,
  NAME_RULES,
  NameError,
  resourceName,
  unitCode,
  type NameKind,
} from '../model/naming';
import { ALERT_IDS, isAlertId, thresholdProblem } from '../model/alert-catalog';
import { checkClientPolicy } from '../model/client-policy-checks';
import { resolveClientPolicy } from './client-policy';
import { maintenanceWaves, windowSpacing } from '../model/maintenance';
import { unitLossNeed } from '../model/capacity';

/** The stamps of a file as the wave planner sees them: every unit of every region (pairs from the cloud). */
export function regionsForWaves(regions: readonly { name: string; units?: number }[], cloud: CloudProfile) {
  return regions.flatMap((r, index) => {
    const pair = cloud.region(r.name).pair;
    return Array.from({ length: r.units ?? 1 }, (_, u) => ({
      region: r.name,
      unit: u + 1,
      primary: index === 0,
      index,
      ...(pair ? { pair } : {}),
    }));
  });
}

export interface ParsedEnvironment {
  readonly src: YamlSource;
  readonly data: EnvironmentFile;
}

/**
 * The fields of a file that failed the schema which are valid on their own (with their defaults), so the
 * rules still run on them and one run reports every error. `regions` is checked separately on the raw file.
 */
export type PartialEnvironment = Partial<EnvironmentFile>;

/**
 * Rules of one environment that need its cloud. Returns errors; never throws. `data` may be partial (the file
 * failed the schema): each rule runs when the fields it reads are valid.
 */
export function checkEnvironment(
  src: YamlSource,
  data: PartialEnvironment,
  cloud: CloudProfile,
  fileBase: string,
): ConfigError[] {
  const errors: ConfigError[] = [];
  if (data.name !== undefined && data.name !== fileBase) {
    errors.push(errorAt(src, ['name'], `${quote(data.name)} must equal the file name ${quote(fileBase)}`));
  }
  const raw = (src.data as { regions?: unknown }).regions;
  const rawRegions = (Array.isArray(raw) ? raw : []) as { name?: unknown }[];
  // The region names are checked even where another field of a region is invalid (data residency).
  const seen = checkRegionNames(src, data.regions ?? (rawRegions as { name: string }[]), cloud, errors);
  errors.push(...requiresProblems(src, data, cloud));
  // Without a regions list (the schema reports it) there is nothing to check a canary against.
  if (Array.isArray(raw)) errors.push(...canaryProblems(src, data, seen));
  errors.push(...thresholdProblems(src, data));
  return [...errors, ...CHECKS.flatMap((check) => check(src, data, cloud))];
}

function requiresProblems(src: YamlSource, data: PartialEnvironment, cloud: CloudProfile): ConfigError[] {
  return (data.requires ?? []).flatMap((feature, i) =>
    cloud.capability(feature) === 'unavailable'
      ? [
          errorAt(
            src,
            ['requires', i],
            `"${feature}" is required by this environment but unavailable in cloud ${cloud.id} (${cloud.file})`,
          ),
        ]
      : [],
  );
}

function canaryProblems(src: YamlSource, data: PartialEnvironment, seen: Map<string, number>): ConfigError[] {
  const errors: ConfigError[] = [];
  if (data.rollout?.canary !== undefined && !seen.has(data.rollout.canary)) {
    errors.push(
      errorAt(
        src,
        ['rollout', 'canary'],
        `${quote(data.rollout.canary)} is not one of this environment's regions${choices(data.rollout.canary, [...seen.keys()])}`,
      ),
    );
  } else if (data.rollout?.canary !== undefined && seen.size > 1 && seen.get(data.rollout.canary) === 0) {
    // The primary changes last (rollout and AKS maintenance windows); it cannot go first.
    const others = [...seen.keys()].filter((r) => r !== data.rollout!.canary);
    errors.push(
      errorAt(
        src,
        ['rollout', 'canary'],
        `"${data.rollout.canary}" is the primary region; expected another region (${others.join(', ')})`,
      ),
    );
  }
  return errors;
}

/** Threshold overrides name an alert of the one table (model/alert-catalog.ts). */
function thresholdProblems(src: YamlSource, data: PartialEnvironment): ConfigError[] {
  const errors: ConfigError[] = [];
  for (const [id, value] of Object.entries(data.monitoring?.thresholds ?? {})) {
    const problem = thresholdProblem(id, value);
    if (!problem) continue;
    errors.push(
      isAlertId(id)
        ? errorAt(src, ['monitoring', 'thresholds', id], problem)
        : errorAt(src, ['monitoring', 'thresholds', id], `${problem}${choices(id, ALERT_IDS)}`, true),
    );
  }
  return errors;
}

function inFile(src: YamlSource, path: readonly (string | number)[]): boolean {
  let v: unknown = src.data;
  for (const seg of path)
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[seg] : undefined;
  return v !== undefined;
}

/** The rules that need a fully valid file. */
/**
 * Rules that look at several fields. Each runs when the fields it reads passed the schema, so a file with a
 * schema error elsewhere still gets every other finding in the same run.
 */
type Check = (src: YamlSource, data: PartialEnvironment, cloud: CloudProfile) => ConfigError[];

/** All stamps of one environment share one provider target (a DoD region cannot mix with a usgov one). */
const oneProviderTarget: Check = (src, data, cloud) => {
  const errors: ConfigError[] = [];
  const regions = data.regions ?? [];
  const targets = new Map<string, number>();
  regions.forEach((r, i) => {
    if (!cloud.hasRegion(r.name)) return;
    const t = JSON.stringify(cloud.providerTarget(r.name));
    if (targets.size && !targets.has(t)) {
      const first = regions[[...targets.values()][0]!]!.name;
      errors.push(
        errorAt(
          src,
          ['regions', i, 'name'],
          `${quote(r.name)} needs provider ${t} but ${quote(first)} needs ${[...targets.keys()][0]}: split them into two environments`,
        ),
      );
    }
    if (!targets.has(t)) targets.set(t, i);
  });
  return errors;
};

/** Prod runs in at least two regions (a region loss must not be an outage). */
const prodRegions: Check = (src, data) =>
  data.tier === 'prod' && data.regions !== undefined && data.regions.length < 2
    ? [errorAt(src, ['regions'], 'a prod environment needs at least 2 regions')]
    : [];

/** Address plan: each stamp big enough, none overlapping each other or the AKS overlay ranges. */
const addressPlan: Check = (src, data) => {
  if (!data.regions) return [];
  const errors: ConfigError[] = [];
  const spaces: { label: string; path: (string | number)[]; text: string }[] = data.regions.map((r, i) => ({
    label: `regions[${i}] (${r.name})`,
    path: ['regions', i, 'addressSpace'],
    text: r.addressSpace,
  }));
  data.regions.forEach((r, i) => {
    const c = parseCidr(r.addressSpace);
    if (c && (r.units > 1 || r.unitPrefix !== undefined)) {
      // The region's space holds its units; each unit's prefix is bounded by the schema.
      const carved = unitAddressSpaces(r.addressSpace, r.units, r.unitPrefix);
      if ('problem' in carved) {
        const at = inFile(src, ['regions', i, 'units']) ? 'units' : 'unitPrefix';
        errors.push(errorAt(src, ['regions', i, at], carved.problem));
      }
    } else if (c && (c.prefix < MIN_STAMP_PREFIX || c.prefix > MAX_STAMP_PREFIX)) {
      errors.push(
        errorAt(
          src,
          ['regions', i, 'addressSpace'],
          `${r.addressSpace} must be a /${MIN_STAMP_PREFIX} to /${MAX_STAMP_PREFIX} (the stamp's subnet plan needs at least a /22)`,
        ),
      );
    }
  });
  if (data.aks) {
    spaces.push({ label: 'aks.podCidr', path: ['aks', 'podCidr'], text: data.aks.podCidr });
    spaces.push({ label: 'aks.serviceCidr', path: ['aks', 'serviceCidr'], text: data.aks.serviceCidr });
  }
  for (let i = 0; i < spaces.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = parseCidr(spaces[i]!.text);
      const b = parseCidr(spaces[j]!.text);
      if (a && b && overlaps(a, b)) {
        // A default (aks.podCidr not in the file) is reported at the range the file does set.
        const [here, there] = inFile(src, spaces[i]!.path) ? [i, j] : [j, i];
        const other = inFile(src, spaces[there]!.path) ? '' : ' (the default)';
        errors.push(
          errorAt(
            src,
            spaces[here]!.path,
            `${spaces[here]!.text} overlaps ${spaces[there]!.text} of ${spaces[there]!.label}${other}`,
          ),
        );
      }
    }
  }
  return errors;
};

/** azurerm rejects any node OS channel but NodeImage with the node-image cluster channel. */
const aksChannels: Check = (src, data) =>
  data.aks && data.aks.upgradeChannel === 'node-image' && data.aks.nodeOsUpgradeChannel !== 'NodeImage'
    ? [
        errorAt(
          src,
          ['aks', 'nodeOsUpgradeChannel'],
          `"${data.aks.nodeOsUpgradeChannel}" cannot go with upgradeChannel node-image; expected NodeImage (or another upgradeChannel: patch, stable, rapid)`,
        ),
      ]
    : [];

/**
 * AKS pool names are child resource names of the cluster: a user pool named like the system pool or another
 * user pool fails at apply (ImportAsExistsError), and a system pool must keep a node (the API takes 1-1000 for
 * system pools). Temporary rotation names are chosen around the pool names (model/node-pool-rotation.ts).
 */
const aksPools: Check = (src, data) => {
  if (!data.aks) return [];
  const { systemPool, userPools } = data.aks;
  const errors: ConfigError[] = [];
  const taken = new Map<string, string>([[systemPool.name, 'the system pool']]);
  userPools.forEach((p, i) => {
    const owner = taken.get(p.name);
    if (owner) {
      errors.push(
        errorAt(
          src,
          ['aks', 'userPools', i, 'name'],
          `"${p.name}" is already the name of ${owner}; pool names must be unique per cluster (taken: ${[...taken.keys()].join(', ')})`,
        ),
      );
    }
    if (!owner) taken.set(p.name, `userPools[${i}]`);
  });
  // minCount is required where the file sets systemPool; the default pool keeps 3 nodes.
  if (systemPool.minCount < 1) {
    errors.push(
      errorAt(
        src,
        ['aks', 'systemPool', 'minCount'],
        `${systemPool.minCount} would leave the system pool without nodes; expected 1-1000 (AKS rejects an empty system pool; 2 or more recommended)`,
      ),
    );
  }
  return errors;
};

/** The windows of every rollout wave fit one week without overlapping (model/maintenance.ts). */
const maintenanceWindowsFit: Check = (src, data, cloud) => {
  if (!data.aks || !data.regions) return [];
  let waves: number;
  try {
    waves = maintenanceWaves(
      data.name ?? '',
      regionsForWaves(data.regions, cloud),
      data.rollout?.canary,
    ).length;
  } catch {
    return []; // a region of another cloud or an invalid canary is reported by its own rule
  }
  const spacing = windowSpacing(data.aks.maintenance, waves);
  if (!('problem' in spacing)) return [];
  // Only the file's own windows fail: the default (4 hours, spacing as fits) holds 42 waves, and a region's
  // pair is its only conflict, which keeps plans to a few waves (7 for every public region at 16 units).
  return [
    errorAt(src, ['aks', 'maintenance'], `${spacing.problem}; shorten durationHours or set spacingHours`),
  ];
};

const strongConsistency: Check = (src, data) => {
  if (!data.cosmos || data.cosmos.consistency !== 'Strong' || !data.regions) return [];
  const multiWrite =
    data.cosmos.multiRegionWrites === true ||
    (data.cosmos.multiRegionWrites === undefined && data.tier === 'prod');
  return data.regions.length < 3 || multiWrite
    ? [
        errorAt(
          src,
          ['cosmos', 'consistency'],
          'Strong consistency needs at least 3 regions and single-region writes (set cosmos.multiRegionWrites: false); choices: Session, BoundedStaleness, ConsistentPrefix, Eventual',
        ),
      ]
    : [];
};

/** Traffic Manager rejects a probe timeout that is not below the probing interval. */
const trafficManagerProbe: Check = (src, data) => {
  const monitor = data.trafficManager?.monitor;
  return monitor && monitor.timeoutSeconds >= monitor.intervalSeconds
    ? [
        errorAt(
          src,
          ['trafficManager', 'monitor', 'timeoutSeconds'],
          `${monitor.timeoutSeconds} must be below intervalSeconds (${monitor.intervalSeconds}); expected 5-${monitor.intervalSeconds - 1}`,
        ),
      ]
    : [];
};

const prodRemoteState: Check = (src, data) =>
  data.state?.backend === 'local' && data.tier === 'prod'
    ? [
        errorAt(
          src,
          ['state', 'backend'],
          'a prod environment needs the azurerm backend (remote, locked state); choices: azurerm',
        ),
      ]
    : [];

const customDomainCertificate: Check = (src, data, cloud) => {
  const domain = data.frontDoor?.customDomain;
  return domain &&
    !domain.certificateSecretId &&
    cloud.capability('frontDoorManagedCertificates') === 'unavailable' &&
    cloud.supports('frontDoor')
    ? [
        errorAt(
          src,
          ['frontDoor', 'customDomain'],
          `cloud ${cloud.id} has no Front Door managed certificates: set certificateSecretId to a Key Vault certificate`,
        ),
      ]
    : [];
};

/** Every generated name must fit its Azure rule for every stamp. */
const nameLimits: Check = (src, data, cloud) => {
  if (data.prefix === undefined || data.subscriptionId === undefined) return [];
  const shortName = data.shortName ?? (data.name === undefined ? undefined : deriveShortName(data.name));
  if (shortName === undefined) return [];
  // The longest code of a region is its last unit's (`eus2u12`).
  const regionCodes = (data.regions ?? [])
    .filter((r) => cloud.hasRegion(r.name))
    .map((r) => unitCode(cloud.region(r.name).code, r.units));
  for (const kind of Object.keys(NAME_RULES) as NameKind[]) {
    // Action group short names exist once per environment, never per stamp.
    for (const region of [undefined, ...(kind === 'actionGroupShort' ? [] : regionCodes)]) {
      try {
        resourceName(
          kind,
          { prefix: data.prefix, env: shortName, ...(region ? { region } : {}), seed: data.subscriptionId },
          'x',
        );
      } catch (e) {
        if (!(e instanceof NameError)) throw e;
        return [errorAt(src, ['prefix'], `${e.message}; shorten prefix or shortName`)];
      }
    }
  }
  return [];
};

/**
 * The application's policy fits the infrastructure (model/client-policy-checks.ts). Each problem is reported at
 * the first field it blames that the file sets, so the line shown is the one to change.
 */
const clientPolicyFits: Check = (src, data, cloud) => {
  const { clientPolicy, frontDoor, trafficManager, aks, regions } = data;
  if (!clientPolicy || !frontDoor || !trafficManager || !aks || !regions) return [];
  const entry =
    data.globalEntry === 'frontDoor' && cloud.supports('frontDoor') ? 'frontDoor' : 'trafficManager';
  const resolved = resolveClientPolicy(
    { clientPolicy, frontDoor, trafficManager, aks },
    entry,
    regions.reduce((n, r) => n + r.units, 0),
    src.file,
  );
  const byName = new Map(resolved.dependencies.map((d) => [d.policy.name, d]));
  return checkClientPolicy(
    resolved.dependencies.map((d) => d.policy),
    resolved.edge,
    resolved.edgePolicy,
  ).map((problem) => {
    const paths = problem.blame.map((b) => {
      if ('edge' in b) return resolved.edgePaths[b.edge];
      const d = byName.get(b.dependency)!;
      return d.fields[b.field].path ?? [...d.path, ...b.field.split('.')];
    });
    const path = paths.find((p) => inFile(src, p)) ?? paths[0]!;
    const who = problem.blame.find((b) => 'dependency' in b);
    const prefix = who && 'dependency' in who ? `${who.dependency}: ` : '';
    return errorAt(src, path, `${prefix}${problem.message}`);
  });
};

/**
 * Capacity (model/capacity.ts): a stated peak names a region of the file; in prod each region with a peak keeps
 * it after losing any one unit. Reported at the peak's line, with the arithmetic.
 */
const capacityFits: Check = (src, data) => {
  const { capacity, regions } = data;
  if (!capacity || !regions) return [];
  const errors: ConfigError[] = [];
  const names = regions.map((r) => r.name);
  for (const [region, peak] of Object.entries(capacity.peakRps)) {
    const r = regions.find((x) => x.name === region);
    if (!r) {
      errors.push(
        errorAt(
          src,
          ['capacity', 'peakRps', region],
          `${quote(region)} is not a region of this environment${choices(region, names)}`,
        ),
      );
      continue;
    }
    const need = unitLossNeed(peak, capacity.unitRps);
    if (data.tier === 'prod' && r.units < need) {
      errors.push(
        errorAt(
          src,
          ['capacity', 'peakRps', region],
          `${region} cannot survive the loss of one unit at ${peak} rps: ceil(${peak} / ${capacity.unitRps}) + 1 = ${need} units needed, it has ${r.units}; expected units: ${need} or more on the region (npm run capacity shows the arithmetic)`,
        ),
      );
    }
  }
  return errors;
};

const CHECKS: readonly Check[] = [
  capacityFits,
  oneProviderTarget,
  prodRegions,
  addressPlan,
  aksChannels,
  aksPools,
  maintenanceWindowsFit,
  strongConsistency,
  trafficManagerProbe,
  prodRemoteState,
  customDomainCertificate,
  nameLimits,
  clientPolicyFits,
];

/**
 * Region membership (data residency) and uniqueness. Also run on files that failed the schema, so a region of
 * the wrong cloud is reported together with the schema errors. Returns first index per region name.
 */
export function checkRegionNames(
  src: YamlSource,
  regions: readonly { name: string }[],
  cloud: CloudProfile,
  errors: ConfigError[],
): Map<string, number> {
  const seen = new Map<string, number>();
  regions.forEach((r, i) => {
    if (typeof r?.name !== 'string') return;
    if (!cloud.hasRegion(r.name)) {
      errors.push(
        errorAt(
          src,
          ['regions', i, 'name'],
          `${quote(r.name)} is not a region of cloud ${cloud.id}${choices(r.name, cloud.regionNames())}`,
        ),
      );
    } else if (seen.has(r.name)) {
      errors.push(
        errorAt(
          src,
          ['regions', i, 'name'],
          `${quote(r.name)} is listed twice (first at regions[${seen.get(r.name)}])`,
        ),
      );
    }
    if (!seen.has(r.name)) seen.set(r.name, i);
  });
  return seen;
}

/** Rules across all environments: short names are part of globally unique names. */
export function checkAcrossEnvironments(envs: readonly ParsedEnvironment[]): ConfigError[] {
  const errors: ConfigError[] = [];
  const byKey = new Map<string, ParsedEnvironment>();
  for (const env of envs) {
    const short = deriveShortName(env.data.name, env.data.shortName);
    const key = `${env.data.cloud}/${env.data.prefix}/${short}`;
    const other = byKey.get(key);
    if (other) {
      errors.push(
        errorAt(
          env.src,
          env.data.shortName ? ['shortName'] : ['name'],
          `short name "${short}" is already used by ${other.src.file} in cloud ${env.data.cloud}: set a distinct shortName`,
        ),
      );
    } else byKey.set(key, env);
  }
  return errors;
}
