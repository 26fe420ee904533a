/**
 * One pure function names every resource. Each Azure type has its own length, character and case rules and
 * some names are global in the cloud's DNS (Key Vault, storage, Cosmos, DNS labels), so those carry a short
 * deterministic hash of the subscription and environment. When a name is too long the environment part is
 * shortened first: the prefix, region code and hash always survive, so two stamps never share a name.
 */
import { createHash } from 'node:crypto';

export interface NameRule {
  readonly abbreviation: string;
  readonly min: number;
  readonly max: number;
  /** Separator between parts ('' for types that forbid '-'). */
  readonly separator: '-' | '';
  /** Allowed characters of the whole name. */
  readonly pattern: RegExp;
  /** Globally unique in the cloud's DNS: append a deterministic hash. */
  readonly global: boolean;
  /** Human-readable constraint for error messages. */
  readonly describe: string;
}

const alnumDash = /^[a-z][a-z0-9-]*[a-z0-9]$/;

/** Azure naming rules per resource kind (Microsoft Learn: "Naming rules and restrictions for Azure resources"). */
export const NAME_RULES = {
  resourceGroup: {
    abbreviation: 'rg',
    min: 1,
    max: 90,
    separator: '-',
    pattern: alnumDash,
    global: false,
    describe: '1-90 characters',
  },
  virtualNetwork: {
    abbreviation: 'vnet',
    min: 2,
    max: 64,
    separator: '-',
    pattern: alnumDash,
    global: false,
    describe: '2-64 characters',
  },
  subnet: {
    abbreviation: 'snet',
    min: 1,
    max: 80,
    separator: '-',
    pattern: alnumDash,
    global: false,
    describe: '1-80 characters',
  },
  networkSecurityGroup: {
    abbreviation: 'nsg',
    min: 1,
    max: 80,
    separator: '-',
    pattern: alnumDash,
    global: false,
    describe: '1-80 characters',
  },
  publicIp: {
    abbreviation: 'pip',
    min: 1,
    max: 80,
    separator: '-',
    pattern: alnumDash,
    global: false,
    describe: '1-80 characters',
  },
  /** Public IP DNS label: `<label>.<region>.<cloudapp suffix>`, unique per region. */
  dnsLabel: {
    abbreviation: 'ing',
    min: 3,
    max: 63,
    separator: '-',
    pattern: /^[a-z][a-z0-9-]{1,61}[a-z0-9]$/,
    global: true,
    describe: '3-63 lower-case letters, digits and "-", starting with a letter',
  },
  kubernetesCluster: {
    abbreviation: 'aks',
    min: 1,
    max: 63,
    separator: '-',
    pattern: alnumDash,
    global: false,
    describe: '1-63 characters',
  },
  aksDnsPrefix: {
    abbreviation: 'aks',
    min: 1,
    max: 54,
    separator: '-',
    pattern: /^[a-z][a-z0-9-]{0,52}[a-z0-9]$/,
    global: true,
    describe: '1-54 letters, digits and "-"',
  },
  nodeResourceGroup: {
    abbreviation: 'rg',
    min: 1,
    max: 80,
    separator: '-',
    pattern: alnumDash,
    global: false,
    describe: '1-80 characters',
  },
  keyVault: {
    abbreviation: 'kv',
    min: 3,
    max: 24,
    separator: '-',
    pattern: /^[a-z][a-z0-9-]{1,22}[a-z0-9]$/,
    global: true,
    describe: '3-24 letters, digits and "-", starting with a letter',
  },
  storageAccount: {
    abbreviation: 'st',
    min: 3,
    max: 24,
    separator: '',
    pattern: /^[a-z0-9]{3,24}$/,
    global: true,
    describe: '3-24 lower-case letters and digits',
  },
  cosmosAccount: {
    abbreviation: 'cosmos',
    min: 3,
    max: 44,
    separator: '-',
    pattern: /^[a-z0-9][a-z0-9-]{1,42}[a-z0-9]$/,
    global: true,
    describe: '3-44 lower-case letters, digits and "-"',
  },
  logAnalyticsWorkspace: {
    abbreviation: 'log',
    min: 4,
    max: 63,
    separator: '-',
    pattern: alnumDash,
    global: false,
    describe: '4-63 characters',
  },
  applicationInsights: {
    abbreviation: 'appi',
    min: 1,
    max: 260,
    separator: '-',
    pattern: alnumDash,
    global: false,
    describe: '1-260 characters',
  },
  frontDoorProfile: {
    abbreviation: 'afd',
    min: 1,
    max: 260,
    separator: '-',
    pattern: alnumDash,
    global: false,
    describe: '1-260 characters',
  },
  /** Front Door endpoint host label: `<name>-<hash>.z01.<front door suffix>`. */
  frontDoorEndpoint: {
    abbreviation: 'fde',
    min: 1,
    max: 46,
    separator: '-',
    pattern: alnumDash,
    global: true,
    describe: '1-46 letters, digits and "-"',
  },
  wafPolicy: {
    abbreviation: 'waf',
    min: 1,
    max: 128,
    separator: '',
    pattern: /^[a-z][a-z0-9]*$/,
    global: false,
    describe: '1-128 letters and digits, starting with a letter',
  },
  trafficManagerProfile: {
    abbreviation: 'traf',
    min: 1,
    max: 63,
    separator: '-',
    pattern: alnumDash,
    global: true,
    describe: '1-63 letters, digits and "-"',
  },
  actionGroup: {
    abbreviation: 'ag',
    min: 1,
    max: 260,
    separator: '-',
    pattern: alnumDash,
    global: false,
    describe: '1-260 characters',
  },
  /** Action group short name shown in SMS and e-mail. */
  actionGroupShort: {
    abbreviation: 'ag',
    min: 1,
    max: 12,
    separator: '',
    pattern: /^[a-z][a-z0-9]*$/,
    global: false,
    describe: '1-12 letters and digits',
  },
  privateEndpoint: {
    abbreviation: 'pe',
    min: 2,
    max: 64,
    separator: '-',
    pattern: alnumDash,
    global: false,
    describe: '2-64 characters',
  },
  diskEncryptionSet: {
    abbreviation: 'des',
    min: 1,
    max: 80,
    separator: '-',
    pattern: alnumDash,
    global: false,
    describe: '1-80 characters',
  },
  userAssignedIdentity: {
    abbreviation: 'id',
    min: 3,
    max: 128,
    separator: '-',
    pattern: alnumDash,
    global: false,
    describe: '3-128 characters',
  },
  /** Azure Monitor workspace (managed Prometheus). */
  monitorWorkspace: {
    abbreviation: 'amw',
    min: 4,
    max: 44,
    separator: '-',
    pattern: alnumDash,
    global: false,
    describe: '4-44 letters, digits and "-"',
  },
  dataCollectionRule: {
    abbreviation: 'dcr',
    min: 1,
    max: 64,
    separator: '-',
    pattern: alnumDash,
    global: false,
    describe: '1-64 characters',
  },
  dataCollectionEndpoint: {
    abbreviation: 'dce',
    min: 3,
    max: 44,
    separator: '-',
    pattern: alnumDash,
    global: false,
    describe: '3-44 letters, digits and "-"',
  },
  monitorAlert: {
    abbreviation: 'alrt',
    min: 1,
    max: 260,
    separator: '-',
    pattern: alnumDash,
    global: false,
    describe: '1-260 characters',
  },
  workbook: {
    abbreviation: 'wb',
    min: 1,
    max: 260,
    separator: '-',
    pattern: alnumDash,
    global: false,
    describe: '1-260 characters',
  },
  webTest: {
    abbreviation: 'web',
    min: 1,
    max: 260,
    separator: '-',
    pattern: alnumDash,
    global: false,
    describe: '1-260 characters',
  },
} as const satisfies Record<string, NameRule>;

export type NameKind = keyof typeof NAME_RULES;

export interface NameScope {
  /** Service prefix from the environment, e.g. `fp`. */
  readonly prefix: string;
  /** Environment short name, e.g. `produsgov`. */
  readonly env: string;
  /** Region short code from the cloud profile; absent for global resources. */
  readonly region?: string;
  /** Seed of the uniqueness hash of global names (subscription id + environment). */
  readonly seed: string;
}

export class NameError extends Error {}

/** The environment part of names: `shortName` when set, else the name without hyphens, cut to 12 characters. */
export function deriveShortName(name: string, shortName?: string): string {
  return shortName ?? name.replace(/-/g, '').slice(0, 12);
}

/** Four hex characters from the seed: stable across runs, different per subscription and environment. */
export function uniqueHash(seed: string): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, 4);
}

/**
 * The name of a resource of `kind` in `scope`, optionally qualified (`purpose`, e.g. `nodes` for a subnet).
 * Throws `NameError` when no shortening can satisfy the rule (e.g. a prefix that is too long).
 */
export function resourceName(kind: NameKind, scope: NameScope, purpose?: string): string {
  const rule: NameRule = NAME_RULES[kind];
  const sep = rule.separator;
  const clean = (s: string) => (sep === '' ? s.replace(/[^a-z0-9]/g, '') : s.replace(/[^a-z0-9-]/g, ''));
  const head = [rule.abbreviation, scope.prefix].map((s) => clean(s.toLowerCase()));
  const tail = [purpose, scope.region, rule.global ? uniqueHash(scope.seed) : undefined]
    .filter((s): s is string => s !== undefined)
    .map((s) => clean(s.toLowerCase()));
  let env = clean(scope.env.toLowerCase());
  const join = (e: string) => [...head, e, ...tail].filter((s) => s !== '').join(sep);
  // Only the environment part gives way; a part that cleans to nothing leaves no empty slot between separators.
  const over = Math.max(0, join(env).length - rule.max);
  env = env.slice(0, Math.max(1, env.length - over)).replace(/-+$/, '');
  const name = join(env);
  if (name.length < rule.min || name.length > rule.max || !rule.pattern.test(name)) {
    throw new NameError(`${kind} name "${name}" breaks Azure's rule: ${rule.describe}`);
  }
  return name;
}

/**
 * Scale unit n of a region: unit 1 keeps the region's own id and code (`eastus2`, `eus2`), so a region's first
 * stamp is named as before units existed; unit n > 1 appends `-u<n>` to the id (`eastus2-u2`, the stack suffix)
 * and `u<n>` to the code (`eus2u2`, inside resource names). Ids depend on n alone: adding a unit renames none.
 */
export function unitId(region: string, unit: number): string {
  return unit === 1 ? region : `${region}-u${unit}`;
}

export function unitCode(code: string, unit: number): string {
  return unit === 1 ? code : `${code}u${unit}`;
}
