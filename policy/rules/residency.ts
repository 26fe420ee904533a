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

/** Every string in a JSON value with its path (`a.b[0].c`), skipping cdktf's `//` metadata. */
export function* stringLeaves(v: Json | undefined, path = ''): Generator<[string, string]> {
  if (typeof v === 'string') yield [path, v];
  else if (Array.isArray(v)) for (let i = 0; i < v.length; i++) yield* stringLeaves(v[i], `${path}[${i}]`);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k !== '//') yield* stringLeaves(x, path ? `${path}.${k}` : k);
    }
  }
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

function foreignNames(ctx: RuleContext): { name: string; cloud: string; re: RegExp }[] {
  const own = new Set(ctx.cloud?.dnsNames ?? []);
  return Object.values(ctx.footprint.clouds)
    .filter((c) => c.id !== ctx.env.cloud)
    .flatMap((c) =>
      c.dnsNames.filter((n) => !own.has(n)).map((name) => ({ name, cloud: c.id, re: dnsPattern(name) })),
    )
    .sort((a, b) => b.name.length - a.name.length);
}

/** Hides the stack's own cloud names so a foreign name inside one of them (a suffix of it) is not reported. */
function maskOwn(text: string, own: RegExp[]): string {
  return own.reduce((t, re) => t.replace(re, (m) => '\u0000'.repeat(m.length)), text);
}

function dnsIssues(stack: StackJson, ctx: RuleContext): Issue[] {
  const foreign = foreignNames(ctx);
  const own = (ctx.cloud?.dnsNames ?? []).map(dnsPattern);
  const out: Issue[] = [];
  for (const [path, value] of stringLeaves(stack.json)) {
    const text = maskOwn(value, own);
    for (const f of foreign) {
      f.re.lastIndex = 0;
      if (!f.re.test(text)) continue;
      out.push({
        stack: stack.name,
        ...addressOf(path),
        expected: `only ${ctx.env.cloud} names`,
        found: `${f.name} (cloud ${f.cloud}) in "${value.length > 120 ? `${value.slice(0, 117)}...` : value}"`,
      });
      break;
    }
  }
  return out;
}

function locationIssues(stack: StackJson, ctx: RuleContext): Issue[] {
  const envRegions = new Set(ctx.env.regions.map((r) => norm(r.region)));
  const cloudRegions = new Set((ctx.cloud?.regions ?? []).map(norm));
  const out: Issue[] = [];
  for (const [path, value] of stringLeaves(stack.json.resource as JsonObject | undefined, 'resource')) {
    if (!/(^|\.)location$/.test(path) || isToken(value)) continue;
    const { resource, attribute } = addressOf(path);
    const type = resource.split('.')[0] ?? '';
    const region = norm(value);
    if (region === 'global' && GLOBAL_TYPES.test(type)) continue;
    if (envRegions.has(region)) continue;
    out.push({
      stack: stack.name,
      resource,
      attribute,
      expected: `one of ${ctx.env.regions.map((r) => r.region).join(', ')}${GLOBAL_TYPES.test(type) ? ', global' : ''}`,
      found: cloudRegions.has(region)
        ? `${value} (not a region of ${ctx.env.name})`
        : `${value} (not a region of cloud ${ctx.env.cloud})`,
    });
  }
  return out;
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
    check: (ctx) => ctx.stacks.flatMap((s) => locationIssues(s, ctx)),
  },
  {
    id: 'FP_RESIDENCY_DNS',
    severity: 'critical',
    title: "No stack names another cloud's endpoint or DNS suffix",
    types: [],
    fix: 'Take the name from the cloud profile (env.cloud.suffix / privateDnsZone), never a literal.',
    check: (ctx) => ctx.stacks.flatMap((s) => dnsIssues(s, ctx)),
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
