/**
 * Data residency, read from the synthesized JSON and footprint.json only: every location is a region of the
 * environment (and of its cloud), no stack carries another cloud's DNS name or endpoint, provider and backend
 * point at the environment's own cloud, and cloud profiles do not claim each other's names.
 */
import type { Json, JsonObject, StackJson } from '../../contract/out';
import { isToken, show } from '../attrs';
import type { Issue, Rule, RuleContext } from '../types';

/** Types that Azure places in `global` (no region of their own). */
const GLOBAL_TYPES =
  /^azurerm_(monitor_action_group|monitor_activity_log_alert|traffic_manager_|cdn_frontdoor_|frontdoor|dns_|private_dns_)/;

/** ARM host of each azurerm `environment` name (azurerm's built-in clouds). */
export const AZURERM_ENVIRONMENT_ARM: Readonly<Record<string, string>> = {
  public: 'management.azure.com',
  usgovernment: 'management.usgovcloudapi.net',
  dod: 'management.usgovcloudapi.net',
  china: 'management.chinacloudapi.cn',
};

const norm = (region: string) => region.toLowerCase().replace(/\s+/g, '');

/**
 * Calls `visit` with every string in a JSON value, skipping cdktf's `//` metadata. The string's path
 * (`a.b[0].c`, under `root`) is built only when asked for (`path()`), and `key` is the object key the string
 * sits under (undefined for a list element): most strings are never reported, so most paths are never needed.
 */
export function forEachString(
  v: Json | undefined,
  root: string,
  visit: (value: string, path: () => string, key: string | undefined) => void,
): void {
  // The keys and list positions down to the current string.
  const segs: (string | number)[] = [];
  const path = () => {
    let out = root;
    for (const s of segs) out = typeof s === 'number' ? `${out}[${s}]` : out ? `${out}.${s}` : s;
    return out;
  };
  const walk = (x: Json | undefined, key: string | undefined): void => {
    if (typeof x === 'string') visit(x, path, key);
    else if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) {
        segs.push(i);
        walk(x[i], undefined);
        segs.pop();
      }
    } else if (x && typeof x === 'object') {
      for (const k in x) {
        if (k === '//' || !Object.prototype.hasOwnProperty.call(x, k)) continue;
        segs.push(k);
        walk(x[k], k);
        segs.pop();
      }
    }
  };
  walk(v, undefined);
}

/** Every string in a JSON value with its path (`a.b[0].c`), skipping cdktf's `//` metadata. */
export function stringLeaves(v: Json | undefined, path = ''): [string, string][] {
  const out: [string, string][] = [];
  forEachString(v, path, (value, at) => out.push([at(), value]));
  return out;
}

/** Splits a path inside a stack's JSON into a Terraform address and the attribute below it. */
export function addressOf(path: string): { resource: string; attribute: string } {
  const parts = path.split('.');
  if (parts[0] === 'resource' || parts[0] === 'data') {
    const base = parts[0] === 'data' ? 'data.' : '';
    return {
      resource: `${base}${parts[1]}.${parts[2]}`.replace(/\[\d+\]$/, ''),
      attribute: parts.slice(3).join('.'),
    };
  }
  if (parts[0] === 'provider')
    return {
      resource: `provider.${(parts[1] ?? '').replace(/\[\d+\]$/, '')}`,
      attribute: parts.slice(2).join('.'),
    };
  if (parts[0] === 'terraform')
    return { resource: `terraform.${parts[1] ?? ''}`, attribute: parts.slice(2).join('.') };
  return { resource: `${parts[0]}.${parts[1] ?? ''}`, attribute: parts.slice(2).join('.') };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A DNS name as a whole label sequence: preceded by start, '.', '/', '"', '@' or space; not followed by more name. */
export function dnsPattern(name: string): RegExp {
  return new RegExp(`(?:^|(?<=[./"@\\s]))${escape(name)}(?![A-Za-z0-9-]|\\.[A-Za-z0-9])`, 'gi');
}

interface DnsName {
  readonly name: string;
  readonly re: RegExp;
  /** Lower-cased, for a printable-ASCII name: a string that does not contain it cannot match `re` (a case-
   * insensitive match of ASCII letters is only ever ASCII), so the regex can be skipped. */
  readonly lower: string | undefined;
}

const dnsName = (name: string): DnsName => ({
  name,
  re: dnsPattern(name),
  lower: /^[!-~]*$/.test(name) ? name.toLowerCase() : undefined,
});

/** Whether `re` of `n` can match in a string whose lower-cased form is `lower`. */
const mayMatch = (n: DnsName, lower: string) => n.lower === undefined || lower.includes(n.lower);

interface DnsNames {
  readonly own: DnsName[];
  readonly foreign: (DnsName & { readonly cloud: string })[];
  /** foreignIn by string: the same strings recur in every stamp (a tree has far fewer distinct ones). */
  readonly seen: Map<string, DnsNames['foreign'][number] | null>;
}

/** The environment's own and foreign names, compiled once per environment (not once per stack). */
const dnsNamesOf = new WeakMap<RuleContext, DnsNames>();

function dnsNames(ctx: RuleContext): DnsNames {
  let names = dnsNamesOf.get(ctx);
  if (names) return names;
  const own = new Set(ctx.cloud?.dnsNames ?? []);
  const foreign = Object.values(ctx.footprint.clouds)
    .filter((c) => c.id !== ctx.env.cloud)
    .flatMap((c) => c.dnsNames.filter((n) => !own.has(n)).map((name) => ({ ...dnsName(name), cloud: c.id })))
    .sort((a, b) => b.name.length - a.name.length);
  names = { own: (ctx.cloud?.dnsNames ?? []).map(dnsName), foreign, seen: new Map() };
  dnsNamesOf.set(ctx, names);
  return names;
}

/**
 * The first foreign name (longest first) in `value` once the stack's own cloud names are hidden, so a foreign
 * name inside one of them (a suffix of it) is not reported. Masking only hides characters, so a name can only
 * match where the unmasked string contains it: names it does not contain are skipped without their regex.
 */
function foreignIn(value: string, names: DnsNames): DnsNames['foreign'][number] | undefined {
  const seen = names.seen.get(value);
  if (seen !== undefined) return seen ?? undefined;
  const found = firstForeign(value, names);
  names.seen.set(value, found ?? null);
  return found;
}

function firstForeign(value: string, names: DnsNames): DnsNames['foreign'][number] | undefined {
  const lower = value.toLowerCase();
  let text = value;
  for (const o of names.own) {
    if (mayMatch(o, lower)) text = text.replace(o.re, (m) => '\u0000'.repeat(m.length));
  }
  for (const f of names.foreign) {
    if (!mayMatch(f, lower)) continue;
    f.re.lastIndex = 0;
    if (f.re.test(text)) return f;
  }
  return undefined;
}

interface StackScan {
  readonly dns: Issue[];
  readonly location: Issue[];
}

/** Both string rules of a stack from one walk: the DNS rule reads every string, the location rule `resource`. */
const scans = new WeakMap<RuleContext, Map<StackJson, StackScan>>();

function scan(stack: StackJson, ctx: RuleContext): StackScan {
  let byStack = scans.get(ctx);
  if (!byStack) scans.set(ctx, (byStack = new Map()));
  let found = byStack.get(stack);
  if (!found) byStack.set(stack, (found = scanStack(stack, ctx)));
  return found;
}

function scanStack(stack: StackJson, ctx: RuleContext): StackScan {
  const names = dnsNames(ctx);
  const envRegions = new Set(ctx.env.regions.map((r) => norm(r.region)));
  const cloudRegions = new Set((ctx.cloud?.regions ?? []).map(norm));
  const dns: Issue[] = [];
  const location: Issue[] = [];
  const dnsOf = (value: string, path: () => string) => {
    const f = foreignIn(value, names);
    if (!f) return;
    dns.push({
      stack: stack.name,
      ...addressOf(path()),
      expected: `only ${ctx.env.cloud} names`,
      found: `${f.name} (cloud ${f.cloud}) in "${value.length > 120 ? `${value.slice(0, 117)}...` : value}"`,
    });
  };
  const locationOf = (value: string, at: () => string, key: string | undefined) => {
    // A path ends in `location` only under a key that does (list elements end in `]`).
    if (!key?.endsWith('location')) return;
    const path = at();
    if (!/(^|\.)location$/.test(path) || isToken(value)) return;
    const { resource, attribute } = addressOf(path);
    const type = resource.split('.')[0] ?? '';
    const region = norm(value);
    if (region === 'global' && GLOBAL_TYPES.test(type)) return;
    if (envRegions.has(region)) return;
    location.push({
      stack: stack.name,
      resource,
      attribute,
      expected: `one of ${ctx.env.regions.map((r) => r.region).join(', ')}${GLOBAL_TYPES.test(type) ? ', global' : ''}`,
      found: cloudRegions.has(region)
        ? `${value} (not a region of ${ctx.env.name})`
        : `${value} (not a region of cloud ${ctx.env.cloud})`,
    });
  };
  // The walk of the whole stack, one top-level key at a time (the same strings and paths), so the `resource`
  // part is also the location rule's walk.
  const json = stack.json;
  for (const k in json) {
    if (k === '//' || !Object.prototype.hasOwnProperty.call(json, k)) continue;
    if (k === 'resource') {
      forEachString(json[k], k, (value, path, key) => {
        dnsOf(value, path);
        locationOf(value, path, key);
      });
    } else forEachString(json[k], k, dnsOf);
  }
  return { dns, location };
}

/** The cloud (by its ARM host) that an azurerm provider or backend block points at. */
function armHostOf(block: JsonObject): string {
  if (typeof block.metadata_host === 'string') return block.metadata_host;
  const env = typeof block.environment === 'string' ? block.environment : 'public';
  return AZURERM_ENVIRONMENT_ARM[env] ?? `unknown environment "${env}"`;
}

function targetIssues(stack: StackJson, ctx: RuleContext): Issue[] {
  const out: Issue[] = [];
  const own = new Set(ctx.cloud?.dnsNames ?? []);
  const want = ctx.env.provider;
  const wantText = want.metadataHost
    ? `metadata_host = ${want.metadataHost}`
    : `environment = ${want.environment}`;
  const providers = (stack.json.provider as JsonObject | undefined)?.azurerm;
  const list = (Array.isArray(providers) ? providers : providers ? [providers] : []) as JsonObject[];
  list.forEach((p, i) => {
    const env = typeof p.environment === 'string' ? p.environment : undefined;
    const host = typeof p.metadata_host === 'string' ? p.metadata_host : undefined;
    const ok = want.metadataHost
      ? host === want.metadataHost
      : host === undefined && (env ?? 'public') === want.environment;
    if (!ok) {
      out.push({
        stack: stack.name,
        resource: 'provider.azurerm',
        attribute: `[${i}].${host ? 'metadata_host' : 'environment'}`,
        expected: wantText,
        found: host ? `metadata_host = ${host}` : `environment = ${show(env ?? 'public (default)')}`,
      });
    }
  });
  const backend = ((stack.json.terraform as JsonObject | undefined)?.backend as JsonObject | undefined)
    ?.azurerm;
  if (backend && typeof backend === 'object' && !Array.isArray(backend)) {
    const host = armHostOf(backend);
    if (!own.has(host)) {
      out.push({
        stack: stack.name,
        resource: 'terraform.backend',
        attribute:
          typeof backend.metadata_host === 'string' ? 'azurerm.metadata_host' : 'azurerm.environment',
        expected: `the ${ctx.env.cloud} cloud (${wantText})`,
        found: `${show(backend.metadata_host ?? backend.environment ?? 'public (default)')} -> ${host}`,
      });
    }
  }
  return out;
}

export const residencyRules: Rule[] = [
  {
    id: 'FP_RESIDENCY_LOCATION',
    severity: 'critical',
    title: "Every location is one of the environment's regions",
    types: [],
    fix: "Use a region from the environment file (the stack's own region for regional resources).",
    check: (ctx) => ctx.stacks.flatMap((s) => scan(s, ctx).location),
  },
  {
    id: 'FP_RESIDENCY_DNS',
    severity: 'critical',
    title: "No stack names another cloud's endpoint or DNS suffix",
    types: [],
    fix: 'Take the name from the cloud profile (env.cloud.suffix / privateDnsZone), never a literal.',
    check: (ctx) => ctx.stacks.flatMap((s) => scan(s, ctx).dns),
  },
  {
    id: 'FP_RESIDENCY_PROVIDER',
    severity: 'critical',
    title: "Provider and state backend point at the environment's cloud",
    types: [],
    fix: 'Set provider/backend from the cloud profile (environment or metadata_host), never a default.',
    check: (ctx) => ctx.stacks.flatMap((s) => targetIssues(s, ctx)),
  },
  {
    id: 'FP_RESIDENCY_PROFILE',
    severity: 'critical',
    title: "A cloud profile does not claim another cloud's DNS names",
    types: [],
    fix: 'Correct the cloud profile: a suffix, zone or endpoint of another cloud was copied into it.',
    check(ctx) {
      const mine = ctx.cloud?.dnsNames ?? [];
      const issues: Issue[] = [];
      for (const other of Object.values(ctx.footprint.clouds)) {
        if (other.id === ctx.env.cloud) continue;
        for (const n of mine.filter((x) => other.dnsNames.includes(x))) {
          issues.push({
            stack: ctx.env.globalStack,
            resource: `cloud.${ctx.env.cloud}`,
            attribute: 'dnsNames',
            expected: `names of ${ctx.env.cloud} only (${ctx.cloud?.file ?? ''})`,
            found: `${n} (also cloud ${other.id})`,
          });
        }
      }
      return issues;
    },
  },
];
