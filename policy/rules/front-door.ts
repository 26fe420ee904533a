/**
 * Global entry: Front Door Standard/Premium (`azurerm_cdn_frontdoor_*`) and the Traffic Manager fallback. The
 * public scanners only cover classic Front Door; these port their intent under FP_ ids (CKV_AZURE_121/123/133/
 * 197/200: Checkov never evaluates `azurerm_cdn_frontdoor_*`) and add APRL and the Well-Architected guide.
 */
import type { Resource } from '../../contract/out';
import { asList, get, isFalse, isTrue, referrers, show, strings } from '../attrs';
import { sameStack } from '../lookup';
import { attrRule, oneOf, resourceRule, type Violation } from '../rule';
import type { Rule, RuleContext } from '../types';
import { diagnosticRule } from './monitoring';

const PROFILE = 'azurerm_cdn_frontdoor_profile';
const WAF = 'azurerm_cdn_frontdoor_firewall_policy';
const SECURITY_POLICY = 'azurerm_cdn_frontdoor_security_policy';
const ENDPOINT = 'azurerm_cdn_frontdoor_endpoint';
const DOMAIN = 'azurerm_cdn_frontdoor_custom_domain';
const ORIGIN_GROUP = 'azurerm_cdn_frontdoor_origin_group';
const ORIGIN = 'azurerm_cdn_frontdoor_origin';
const ROUTE = 'azurerm_cdn_frontdoor_route';
const CLASSIC = ['azurerm_frontdoor', 'azurerm_frontdoor_firewall_policy', 'azurerm_frontdoor_rules_engine'];
const TM_PROFILE = 'azurerm_traffic_manager_profile';
const TM_ENDPOINTS = ['azurerm_traffic_manager_azure_endpoint', 'azurerm_traffic_manager_external_endpoint'];

function originsOf(group: Resource, ctx: RuleContext): Resource[] {
  return referrers(ctx.resources(ORIGIN), 'cdn_frontdoor_origin_group_id', group);
}

export const frontDoorRules: Rule[] = [
  resourceRule({
    id: 'APRL-82fa3cff',
    severity: 'high',
    title: 'Front Door Standard/Premium, not classic',
    types: [PROFILE, ...CLASSIC],
    fix: 'Use azurerm_cdn_frontdoor_profile with sku_name Premium_AzureFrontDoor (classic retires in 2027).',
    test(r) {
      if (r.type !== PROFILE)
        return { attribute: 'type', expected: 'azurerm_cdn_frontdoor_*', found: r.type };
      const sku = r.attrs.sku_name;
      return oneOf('Standard_AzureFrontDoor', 'Premium_AzureFrontDoor')(sku ?? null)
        ? undefined
        : {
            attribute: 'sku_name',
            expected: 'Standard_AzureFrontDoor or Premium_AzureFrontDoor',
            found: show(sku),
          };
    },
  }),
  resourceRule({
    id: 'FP_FD_WAF_PREVENTION',
    aliases: ['APRL-1bd2b7e8'],
    differs:
      'ports CKV_AZURE_123 to azurerm_cdn_frontdoor_firewall_policy (Checkov evaluates it only on the classic azurerm_frontdoor_firewall_policy) and also requires Prevention mode.',
    severity: 'high',
    title: 'Front Door WAF enabled in Prevention mode',
    types: [WAF],
    fix: 'Set enabled = true and mode = "Prevention".',
    test(r) {
      if (isFalse(r.attrs.enabled)) return { attribute: 'enabled', expected: 'true', found: 'false' };
      return r.attrs.mode === 'Prevention'
        ? undefined
        : { attribute: 'mode', expected: 'Prevention', found: show(r.attrs.mode) };
    },
  }),
  resourceRule({
    id: 'FP_FD_WAF_DRS',
    severity: 'high',
    differs:
      'ports CKV_AZURE_133 to azurerm_cdn_frontdoor_firewall_policy (Checkov evaluates it only on the classic azurerm_frontdoor_firewall_policy).',
    title: 'Front Door WAF runs the Microsoft default rule set (incl. Log4Shell 944240)',
    types: [WAF],
    capability: 'wafManagedRuleSets',
    fix: 'Add managed_rule { type = "Microsoft_DefaultRuleSet", version = "2.1", action = "Block" } (Premium SKU).',
    test(r) {
      const rules = asList(r.attrs.managed_rule);
      const drs = rules.filter((m) => oneOf('DefaultRuleSet', 'Microsoft_DefaultRuleSet')(m.type ?? null));
      if (drs.length === 0) {
        return {
          attribute: 'managed_rule',
          expected: 'a Microsoft_DefaultRuleSet managed rule',
          found: rules.map((m) => show(m.type)).join(', ') || 'none',
        };
      }
      for (const m of drs) {
        for (const o of asList(m.override)) {
          for (const x of asList(o.rule)) {
            if (
              x.rule_id === '944240' &&
              (isFalse(x.enabled) || !oneOf('Block', 'Redirect')(x.action ?? null))
            ) {
              return {
                attribute: 'managed_rule.override.rule[944240]',
                expected: 'enabled, action Block',
                found: `enabled=${show(x.enabled)}, action=${show(x.action)}`,
              };
            }
          }
        }
      }
      return undefined;
    },
  }),
  resourceRule({
    id: 'FP_FD_WAF_COVERAGE',
    severity: 'high',
    differs:
      'ports CKV_AZURE_121 to Front Door Standard/Premium security policies (Checkov evaluates it only on the classic azurerm_frontdoor).',
    title: 'Every Front Door endpoint and custom domain is behind the WAF',
    types: [ENDPOINT, DOMAIN],
    fix: 'List the endpoint/domain in an azurerm_cdn_frontdoor_security_policy firewall association.',
    test(r, ctx) {
      const policies = sameStack(ctx.resources(SECURITY_POLICY), r.stack).filter(
        (p) => referrers([p], 'security_policies', r).length > 0,
      );
      if (policies.length === 0) {
        return {
          attribute: SECURITY_POLICY,
          expected: 'a security policy association with this domain',
          found: 'none',
        };
      }
      const withWaf = policies.filter((p) => {
        const text = JSON.stringify(p.attrs.security_policies);
        return text.includes(`\${${WAF}.`) || /\/frontDoorWebApplicationFirewallPolicies\//i.test(text);
      });
      return withWaf.length > 0
        ? undefined
        : {
            attribute: `${SECURITY_POLICY}.security_policies.firewall.cdn_frontdoor_firewall_policy_id`,
            expected: 'a firewall policy',
            found: 'none',
          };
    },
  }),
  resourceRule({
    id: 'APRL-24ab9f11',
    severity: 'medium',
    differs: 'ports CKV_AZURE_197, which Checkov evaluates only on azurerm_cdn_endpoint (classic CDN).',
    title: 'Front Door routes redirect HTTP to HTTPS',
    types: [ROUTE],
    fix: 'Keep https_redirect_enabled = true and supported_protocols = ["Http", "Https"] (or only "Https").',
    test(r) {
      const protocols = strings(r.attrs.supported_protocols);
      if (!protocols.includes('Https')) {
        return {
          attribute: 'supported_protocols',
          expected: 'includes Https',
          found: JSON.stringify(protocols),
        };
      }
      if (protocols.includes('Http') && isFalse(r.attrs.https_redirect_enabled)) {
        return { attribute: 'https_redirect_enabled', expected: 'true', found: 'false' };
      }
      return undefined;
    },
  }),
  resourceRule({
    id: 'APRL-d9bd6780',
    severity: 'medium',
    title: 'Front Door encrypts to the origin and checks its certificate',
    types: [ROUTE, ORIGIN],
    fix: 'Route: forwarding_protocol = "HttpsOnly"; origin: certificate_name_check_enabled = true.',
    test(r) {
      if (r.type === ROUTE) {
        return r.attrs.forwarding_protocol === 'HttpsOnly'
          ? undefined
          : {
              attribute: 'forwarding_protocol',
              expected: 'HttpsOnly',
              found: show(r.attrs.forwarding_protocol),
            };
      }
      return isTrue(r.attrs.certificate_name_check_enabled)
        ? undefined
        : {
            attribute: 'certificate_name_check_enabled',
            expected: 'true',
            found: show(r.attrs.certificate_name_check_enabled),
          };
    },
  }),
  resourceRule({
    id: 'FP_FD_TLS12',
    severity: 'medium',
    differs:
      'ports CKV_AZURE_200 to azurerm_cdn_frontdoor_custom_domain (Checkov evaluates it only on azurerm_cdn_endpoint_custom_domain).',
    title: 'Front Door custom domains require TLS 1.2',
    types: [DOMAIN],
    fix: 'Set tls { minimum_tls_version = "TLS12" }.',
    test(r) {
      const v = get(r.attrs, 'tls.minimum_tls_version') ?? get(r.attrs, 'tls.minimum_version');
      return v === undefined || v === 'TLS12' || v === 'TLS13'
        ? undefined
        : { attribute: 'tls.minimum_tls_version', expected: 'TLS12', found: show(v) };
    },
  }),
  resourceRule({
    id: 'Azure.FrontDoor.Probe',
    aliases: ['APRL-38f3d542'],
    severity: 'medium',
    title: 'Front Door origin groups with several origins probe their health',
    types: [ORIGIN_GROUP],
    fix: 'Add health_probe { protocol = "Https", request_type = "HEAD", path = "/healthz", interval_in_seconds = 30 }.',
    test(r, ctx) {
      const n = originsOf(r, ctx).length;
      return n < 2 || asList(r.attrs.health_probe).length > 0
        ? undefined
        : { attribute: 'health_probe', expected: `a health probe (${n} origins)`, found: '(absent)' };
    },
  }),
  attrRule({
    id: 'APRL-5783defe',
    severity: 'low',
    title: 'Front Door health probes use HEAD',
    types: [ORIGIN_GROUP],
    path: 'health_probe.request_type',
    expected: 'HEAD',
    ok: oneOf('HEAD'),
    absent: 'pass',
    fix: 'Set health_probe.request_type = "HEAD".',
  }),
  resourceRule({
    id: 'APRL-5225bba3',
    severity: 'medium',
    title: 'Front Door health probes call a health path over HTTPS',
    types: [ORIGIN_GROUP],
    fix: 'Set health_probe { protocol = "Https", path = "/healthz" }.',
    test(r) {
      const probe = asList(r.attrs.health_probe)[0];
      if (!probe) return undefined;
      const out: Violation[] = [];
      if (probe.protocol !== 'Https')
        out.push({ attribute: 'health_probe.protocol', expected: 'Https', found: show(probe.protocol) });
      if (probe.path === undefined || probe.path === '/')
        out.push({
          attribute: 'health_probe.path',
          expected: 'a health endpoint, not /',
          found: show(probe.path),
        });
      return out;
    },
  }),
  resourceRule({
    id: 'FP_FD_MULTI_REGION',
    severity: 'medium',
    title: 'Front Door routes to origins in at least two regions',
    types: [ORIGIN_GROUP],
    tiers: ['staging', 'prod'],
    fix: 'Add an enabled origin per stamp to the origin group.',
    test(r, ctx) {
      const hosts = new Set(
        originsOf(r, ctx)
          .filter((o) => !isFalse(o.attrs.enabled))
          .map((o) => show(o.attrs.host_name)),
      );
      return hosts.size >= 2
        ? undefined
        : { attribute: ORIGIN, expected: '>= 2 enabled origins', found: String(hosts.size) };
    },
  }),
  diagnosticRule({
    id: 'APRL-1ad74c3c',
    aliases: ['APRL-5357ae22'],
    severity: 'medium',
    title: 'Front Door access, health probe and WAF logs go to Log Analytics',
    type: PROFILE,
    categories: [['FrontDoorAccessLog'], ['FrontDoorHealthProbeLog'], ['FrontDoorWebApplicationFirewallLog']],
    fix: 'Add a diagnostic setting on the profile with category_group "allLogs".',
  }),
  attrRule({
    id: 'FP_TM_HTTPS_PROBE',
    severity: 'medium',
    title: 'Traffic Manager probes endpoints over HTTPS',
    types: [TM_PROFILE],
    path: 'monitor_config.protocol',
    expected: 'HTTPS',
    ok: oneOf('HTTPS', 'Https'),
    absent: 'fail',
    fix: 'Set monitor_config { protocol = "HTTPS", port = 443, path = "/healthz" }.',
  }),
  resourceRule({
    id: 'FP_TM_MULTI_REGION',
    severity: 'medium',
    title: 'Traffic Manager has endpoints in at least two regions',
    types: [TM_PROFILE],
    tiers: ['staging', 'prod'],
    fix: 'Add one endpoint per stamp (azurerm_traffic_manager_azure_endpoint or _external_endpoint).',
    test(r, ctx) {
      const eps = referrers(ctx.resources(...TM_ENDPOINTS), 'profile_id', r).filter(
        (e) => !isFalse(e.attrs.enabled),
      );
      return eps.length >= 2
        ? undefined
        : { attribute: 'endpoints', expected: '>= 2 enabled endpoints', found: String(eps.length) };
    },
  }),
];
