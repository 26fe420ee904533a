/**
 * Network: NSG rules open to the internet (Checkov CKV_AZURE_9/10/77/160, Trivy AVD-AZU-0047/0051/0074), subnets
 * without an NSG (CKV2_AZURE_31), VNet flow logs, DNS servers, private endpoints and public IPs.
 */
import { referencesIn, type JsonObject, type Resource } from '../../contract/out';
import { asList, get, isFalse, isSet, num, referrers, show, strings } from '../attrs';
import { sameStack } from '../lookup';
import { attrRule, resourceRule, type Violation } from '../rule';
import type { Rule } from '../types';
import { hasZones, regionOf } from './context';
import { PRIVATE_ENDPOINT } from './private-endpoint';

const NSG = 'azurerm_network_security_group';
const NSG_RULE = 'azurerm_network_security_rule';
const SUBNET = 'azurerm_subnet';
const VNET = 'azurerm_virtual_network';
const ASSOCIATION = 'azurerm_subnet_network_security_group_association';

/** Union of Checkov's and Trivy's "any address" sets, case-insensitive. */
export function isInternet(prefix: string): boolean {
  const p = prefix.trim().toLowerCase();
  return (
    ['*', '0.0.0.0', '0.0.0.0/0', '/0', '::/0', 'internet', 'any'].includes(p) || /^[0-9a-f:.]+\/0$/.test(p)
  );
}

/** Whether a port spec (`22`, `1000-2000`, `*`) includes `port`. */
export function portCovers(spec: string, port: number): boolean {
  const s = spec.trim();
  if (s === '*') return true;
  const m = /^(\d+)\s*-\s*(\d+)$/.exec(s);
  if (m) return Number(m[1]) <= port && port <= Number(m[2]);
  return Number(s) === port;
}

interface SecurityRule {
  readonly resource: Resource;
  /** Attribute path of the rule inside the resource. */
  readonly at: string;
  readonly attrs: JsonObject;
}

/** Standalone rules and the inline `security_rule` blocks of NSGs. */
function securityRules(resources: readonly Resource[]): SecurityRule[] {
  return resources.flatMap((r) =>
    r.type === NSG_RULE
      ? [{ resource: r, at: '', attrs: r.attrs }]
      : asList(r.attrs.security_rule).map((attrs, i) => ({ resource: r, at: `security_rule[${i}].`, attrs })),
  );
}

function ci(v: unknown): string {
  return typeof v === 'string' ? v.toLowerCase() : '';
}

function listOf(attrs: JsonObject, one: string, many: string): string[] {
  return [...strings(attrs[one]), ...strings(attrs[many])];
}

/** Checkov's "internet" sources (NSGRulePortAccessRestricted.py): literal, lower-cased, `0.0.0.0/0` not among them. */
const CHECKOV_INTERNET = ['*', '0.0.0.0', '<nw>/0', '/0', 'internet', 'any'];

/** A source that Checkov's CKV_AZURE_9/10/77/160 count as the internet: only `source_address_prefix`. */
function checkovInternet(x: SecurityRule): boolean {
  return CHECKOV_INTERNET.includes(ci(x.attrs.source_address_prefix));
}

/** Inbound Allow rules whose source is the internet and whose protocol matches. */
function openInbound(
  rules: SecurityRule[],
  protocols: string[],
  internet: (x: SecurityRule) => boolean = (x) =>
    listOf(x.attrs, 'source_address_prefix', 'source_address_prefixes').some(isInternet),
): SecurityRule[] {
  return rules.filter(
    (x) =>
      ci(x.attrs.access) === 'allow' &&
      ci(x.attrs.direction) === 'inbound' &&
      protocols.includes(ci(x.attrs.protocol)) &&
      internet(x),
  );
}

function ports(x: SecurityRule): string[] {
  return listOf(x.attrs, 'destination_port_range', 'destination_port_ranges');
}

/** A rule for inbound internet access to some ports. */
function portRule(meta: {
  id: string;
  aliases?: string[];
  severity: Rule['severity'];
  title: string;
  protocols: string[];
  /** Returns the offending port spec, if any. */
  offends(specs: string[]): string | undefined;
  fix: string;
  differs?: string;
  /** Checkov's reading: only `source_address_prefix` against its literal set (and, for UDP, the first inline rule). */
  checkov?: 'ports' | 'first-rule';
}): Rule {
  const internet = meta.checkov ? checkovInternet : undefined;
  return {
    id: meta.id,
    ...(meta.aliases ? { aliases: meta.aliases } : {}),
    ...(meta.differs ? { differs: meta.differs } : {}),
    severity: meta.severity,
    title: meta.title,
    types: [NSG, NSG_RULE],
    fix: meta.fix,
    check(ctx) {
      let rules = securityRules(ctx.resources(NSG, NSG_RULE));
      if (meta.checkov === 'first-rule')
        rules = rules.filter((x) => x.at === '' || x.at === 'security_rule[0].');
      return openInbound(rules, meta.protocols, internet).flatMap((x) => {
        const bad = meta.offends(ports(x));
        if (bad === undefined) return [];
        return [
          {
            stack: x.resource.stack,
            resource: x.resource.address,
            attribute: `${x.at}destination_port_range`,
            expected: 'not reachable from the internet',
            found: `${show(x.attrs.name)}: Allow ${show(x.attrs.protocol)} ${bad} from ${listOf(x.attrs, 'source_address_prefix', 'source_address_prefixes').join(',')}`,
          },
        ];
      });
    },
  };
}

const covering = (port: number) => (specs: string[]) => specs.find((s) => portCovers(s, port));
const SENSITIVE = [
  20, 21, 23, 25, 53, 110, 135, 139, 143, 161, 389, 636, 993, 995, 1433, 1521, 3306, 5432, 6379,
];
const TCP = ['tcp', '*'];

export const networkRules: Rule[] = [
  portRule({
    id: 'CKV_AZURE_10',
    aliases: ['AVD-AZU-0050'],
    severity: 'critical',
    title: 'SSH (22) not open to the internet',
    protocols: TCP,
    offends: covering(22),
    checkov: 'ports',
    fix: 'Remove the rule or restrict source_address_prefix; use Bastion or private access.',
  }),
  portRule({
    id: 'CKV_AZURE_9',
    aliases: ['AVD-AZU-0048'],
    severity: 'critical',
    title: 'RDP (3389) not open to the internet',
    protocols: TCP,
    offends: covering(3389),
    checkov: 'ports',
    fix: 'Remove the rule or restrict source_address_prefix.',
  }),
  portRule({
    id: 'CKV_AZURE_160',
    severity: 'high',
    title: 'HTTP (80) not open to the internet',
    protocols: TCP,
    offends: covering(80),
    checkov: 'ports',
    fix: 'Allow only 443, and only from the global entry (service tag AzureFrontDoor.Backend).',
  }),
  portRule({
    id: 'AVD-AZU-0074',
    severity: 'high',
    title: 'Sensitive ports (databases, SMB, LDAP, DNS, mail) not open to the internet',
    protocols: TCP,
    offends: (specs) => specs.find((s) => SENSITIVE.some((p) => portCovers(s, p))),
    fix: 'Remove the rule or restrict its source to private ranges.',
  }),
  portRule({
    id: 'AVD-AZU-0047',
    severity: 'critical',
    title: 'Only HTTPS (443) open to the internet',
    protocols: ['tcp', 'udp', '*', 'icmp', 'esp', 'ah'],
    // Port-based ingress from anywhere is allowed only for 443 (the public entry of a stamp).
    offends: (specs) => specs.find((s) => s.trim() !== '443'),
    fix: 'Open only 443 to the internet; restrict everything else to known sources.',
  }),
  portRule({
    id: 'CKV_AZURE_77',
    severity: 'high',
    title: 'UDP not open to the internet (first rule of an NSG)',
    protocols: ['udp'],
    offends: (specs) => specs[0] ?? '*',
    checkov: 'first-rule',
    fix: 'Remove the inbound UDP rule or restrict its source.',
  }),
  portRule({
    id: 'FP_NSG_UDP_INTERNET',
    severity: 'high',
    title: 'UDP not open to the internet (any rule, any source form)',
    protocols: ['udp'],
    offends: (specs) => specs[0] ?? '*',
    differs:
      'stricter than CKV_AZURE_77, which reads only the first inline rule of an NSG and only source_address_prefix.',
    fix: 'Remove the inbound UDP rule or restrict its source.',
  }),
  {
    id: 'AVD-AZU-0051',
    severity: 'low',
    title: 'No explicit outbound Allow to the whole internet',
    types: [NSG, NSG_RULE],
    fix: 'Restrict destination_address_prefix (e.g. service tags) for outbound Allow rules.',
    check(ctx) {
      return securityRules(ctx.resources(NSG, NSG_RULE))
        .filter(
          (x) =>
            ci(x.attrs.access) === 'allow' &&
            ci(x.attrs.direction) === 'outbound' &&
            listOf(x.attrs, 'destination_address_prefix', 'destination_address_prefixes').some(isInternet),
        )
        .map((x) => ({
          stack: x.resource.stack,
          resource: x.resource.address,
          attribute: `${x.at}destination_address_prefix`,
          expected: 'a bounded destination',
          found: `${show(x.attrs.name)}: ${listOf(x.attrs, 'destination_address_prefix', 'destination_address_prefixes').join(',')}`,
        }));
    },
  },
  resourceRule({
    id: 'CKV2_AZURE_31',
    severity: 'high',
    title: 'Every subnet resource is connected to a network security group',
    types: [SUBNET],
    fix: 'Add an azurerm_subnet_network_security_group_association for the subnet.',
    test(r, ctx) {
      // AzureSubnetConfigWithNSG.yaml is an `and`: a connection in the same file, and a name other than
      // GatewaySubnet/AzureFirewallSubnet and no NetApp delegation, so those subnets always fail in Checkov.
      const name = ci(r.attrs.name);
      const delegated = asList(r.attrs.delegation).some(
        (d) => ci(get(d, 'service_delegation.name')) === 'microsoft.netapp/volumes',
      );
      const connected =
        sameStack(ctx.resources(ASSOCIATION, NSG), r.stack).some((a) =>
          referencesIn(a.attrs).includes(r.address),
        ) || referencesIn(r.attrs).some((x) => x.startsWith(`${NSG}.`) || x.startsWith(`${ASSOCIATION}.`));
      if (connected && name !== 'gatewaysubnet' && name !== 'azurefirewallsubnet' && !delegated)
        return undefined;
      return {
        attribute: ASSOCIATION,
        expected: 'an NSG association in the same stack (not GatewaySubnet, AzureFirewallSubnet or NetApp)',
        found: connected ? `name ${show(r.attrs.name)}` : 'none',
      };
    },
  }),
  resourceRule({
    id: 'FP_SUBNET_NSG',
    aliases: ['APRL-f0bf9ae6'],
    severity: 'high',
    title: 'Every subnet has a network security group',
    types: [SUBNET, VNET],
    differs:
      'broader than CKV2_AZURE_31: also inline VNet subnets and associations in another stack; exempts the Azure subnets that cannot take an NSG.',
    fix: 'Add an azurerm_subnet_network_security_group_association for the subnet.',
    test(r, ctx): Violation[] {
      const exempt = (name: unknown, delegations: JsonObject[]) =>
        [
          'GatewaySubnet',
          'AzureFirewallSubnet',
          'AzureFirewallManagementSubnet',
          'RouteServerSubnet',
        ].includes(String(name)) ||
        delegations.some((d) => ci(get(d, 'service_delegation.name')) === 'microsoft.netapp/volumes');
      if (r.type === VNET) {
        // Inline subnets carry their NSG as `security_group`.
        return asList(r.attrs.subnet).flatMap((s, i) =>
          exempt(s.name, asList(s.delegation)) || isSet(s.security_group)
            ? []
            : [{ attribute: `subnet[${i}].security_group`, expected: 'an NSG id', found: '(absent)' }],
        );
      }
      if (exempt(r.attrs.name, asList(r.attrs.delegation))) return [];
      return referrers(ctx.resources(ASSOCIATION), 'subnet_id', r).length > 0
        ? []
        : [
            {
              attribute: ASSOCIATION,
              expected: 'an association whose subnet_id is this subnet',
              found: 'none',
            },
          ];
    },
  }),
  resourceRule({
    id: 'CKV_AZURE_12',
    aliases: ['AVD-AZU-0049', 'APRL-06b77be9'],
    severity: 'medium',
    title: 'VNet flow logs enabled and kept for at least 90 days',
    types: ['azurerm_network_watcher_flow_log'],
    fix: 'Set enabled = true and retention_policy { enabled = true, days = 90 }.',
    test(r) {
      if (isFalse(r.attrs.enabled)) return { attribute: 'enabled', expected: 'true', found: 'false' };
      const on = get(r.attrs, 'retention_policy.enabled');
      const days = num(get(r.attrs, 'retention_policy.days'));
      if (on !== true || days === undefined || (days < 90 && days !== 0)) {
        return {
          attribute: 'retention_policy',
          expected: 'enabled, days >= 90',
          found: show(r.attrs.retention_policy),
        };
      }
      return undefined;
    },
  }),
  resourceRule({
    id: 'FP_VNET_FLOW_LOG',
    severity: 'medium',
    title: 'Every VNet has a flow log',
    types: [VNET],
    capability: 'vnetFlowLogs',
    fix: 'Add an azurerm_network_watcher_flow_log whose target_resource_id is the VNet.',
    test(r, ctx) {
      return referrers(ctx.resources('azurerm_network_watcher_flow_log'), 'target_resource_id', r).length > 0
        ? undefined
        : {
            attribute: 'azurerm_network_watcher_flow_log',
            expected: 'a flow log targeting this VNet',
            found: 'none',
          };
    },
  }),
  attrRule({
    id: 'CKV_AZURE_182',
    severity: 'low',
    title: 'VNet DNS: Azure-provided, or at least two custom servers',
    types: [VNET, 'azurerm_virtual_network_dns_servers'],
    path: 'dns_servers',
    expected: 'absent or >= 2 servers',
    ok: (v) => strings(v).length !== 1,
    absent: 'pass',
    fix: 'Remove dns_servers (Azure DNS) or list two servers.',
  }),
  resourceRule({
    id: 'APRL-b89c9acc',
    severity: 'medium',
    title: 'Private endpoints register in a private DNS zone and need no manual approval',
    types: [PRIVATE_ENDPOINT],
    fix: 'Add private_dns_zone_group { private_dns_zone_ids = [<zone>] }; keep is_manual_connection = false.',
    test(r) {
      const out: Violation[] = [];
      if (!isSet(get(r.attrs, 'private_dns_zone_group.private_dns_zone_ids'))) {
        out.push({
          attribute: 'private_dns_zone_group.private_dns_zone_ids',
          expected: 'a private DNS zone',
          found: '(absent)',
        });
      }
      const manual = get(r.attrs, 'private_service_connection.is_manual_connection');
      if (manual !== false)
        out.push({
          attribute: 'private_service_connection.is_manual_connection',
          expected: 'false',
          found: show(manual),
        });
      return out;
    },
  }),
  attrRule({
    id: 'FP_PIP_STANDARD_SKU',
    severity: 'medium',
    title: 'Public IPs use the Standard SKU (Basic is retired)',
    types: ['azurerm_public_ip'],
    path: 'sku',
    expected: 'Standard',
    ok: (v) => v === 'Standard',
    absent: 'pass',
    fix: 'Set sku = "Standard".',
  }),
  resourceRule({
    id: 'FP_PIP_ZONES',
    severity: 'low',
    title: 'Public IPs are zone redundant in regions with zones',
    types: ['azurerm_public_ip'],
    fix: 'Set zones = ["1", "2", "3"].',
    test(r, ctx) {
      if (!hasZones(regionOf(r, ctx), ctx)) return undefined;
      const zones = strings(r.attrs.zones);
      return zones.length >= 2
        ? undefined
        : { attribute: 'zones', expected: '>= 2 zones', found: JSON.stringify(zones) };
    },
  }),
];
