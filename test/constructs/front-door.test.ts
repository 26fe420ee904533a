/** Front Door construct: origins, probe, routes, WAF binding and certificates from its props. */
import { Testing } from 'cdktf';
import { FrontDoor, FRONT_DOOR_LOG_CATEGORIES, type FrontDoorProps } from '../../constructs/front-door';
import { rateLimitRule } from '../../constructs/waf-policy';
import { ref, synthJson, type Attrs } from '../helpers/synth-global';

const base: FrontDoorProps = {
  profileName: 'afd-x',
  endpointName: 'fde-x',
  resourceGroupName: 'rg-x',
  origins: [
    { name: 'eastus2', hostName: 'a.eastus2.cloudapp.azure.com' },
    { name: 'westus3', hostName: 'b.westus3.cloudapp.azure.com' },
  ],
  waf: { name: 'wafx', rateLimits: [{ name: 'PerClientIp', threshold: 500 }] },
};

function synth(props: Partial<FrontDoorProps> = {}): (type: string) => Array<Attrs & { address: string }> {
  const json = JSON.parse(
    Testing.synthScope((scope) => {
      new FrontDoor(scope, 'fd', { ...base, ...props });
    }),
  ) as Attrs;
  return (type) => synthJson(json, type);
}

describe('FrontDoor', () => {
  it('has one origin per given origin, name check on, behind one probed origin group', () => {
    const r = synth();
    const [group] = r('azurerm_cdn_frontdoor_origin_group');
    expect(r('azurerm_cdn_frontdoor_origin_group')).toHaveLength(1);
    expect(group).toMatchObject({
      session_affinity_enabled: false,
      health_probe: { protocol: 'Https', request_type: 'HEAD', path: '/healthz', interval_in_seconds: 30 },
      load_balancing: {
        sample_size: 4,
        successful_samples_required: 3,
        additional_latency_in_milliseconds: 50,
      },
    });
    const origins = r('azurerm_cdn_frontdoor_origin');
    expect(origins.map((o) => o.host_name)).toEqual(base.origins.map((o) => o.hostName));
    for (const o of origins) {
      expect(o).toMatchObject({
        certificate_name_check_enabled: true,
        enabled: true,
        priority: 1,
        weight: 1000,
        cdn_frontdoor_origin_group_id: ref(group!),
        origin_host_header: o.host_name,
      });
    }
  });

  it('uses given priorities (active-passive) and probe settings', () => {
    const r = synth({
      origins: base.origins.map((o, i) => ({ ...o, priority: i + 1 })),
      healthProbe: { path: '/ready', intervalSeconds: 10 },
    });
    expect(r('azurerm_cdn_frontdoor_origin').map((o) => o.priority)).toEqual([1, 2]);
    expect(r('azurerm_cdn_frontdoor_origin_group')[0]!.health_probe).toMatchObject({
      path: '/ready',
      interval_in_seconds: 10,
    });
  });

  it('sets the origin response timeout explicitly: 60 s by default, or as given', () => {
    expect(synth()('azurerm_cdn_frontdoor_profile')[0]!.response_timeout_seconds).toBe(60);
    expect(
      synth({ responseTimeoutSeconds: 30 })('azurerm_cdn_frontdoor_profile')[0]!.response_timeout_seconds,
    ).toBe(30);
  });

  it('omits the health probe for a single origin (nothing to fail over to)', () => {
    const r = synth({ origins: [base.origins[0]!] });
    expect(r('azurerm_cdn_frontdoor_origin_group')[0]!.health_probe).toBeUndefined();
  });

  it('routes HTTPS only, redirects HTTP, and caches with compression only on the cached paths', () => {
    const plain = synth();
    expect(plain('azurerm_cdn_frontdoor_route')).toHaveLength(1);
    const r = synth({ cachedPaths: ['/static/*', '/assets/*'] });
    const routes = r('azurerm_cdn_frontdoor_route');
    expect(routes).toHaveLength(2);
    for (const route of routes) {
      expect(route).toMatchObject({
        https_redirect_enabled: true,
        forwarding_protocol: 'HttpsOnly',
        supported_protocols: ['Http', 'Https'],
      });
      expect(route.cdn_frontdoor_origin_ids).toHaveLength(2);
    }
    const cached = routes.find((x) => x.cache)!;
    expect(cached.patterns_to_match).toEqual(['/static/*', '/assets/*']);
    expect(cached.cache).toMatchObject({ compression_enabled: true });
    expect(cached.cache.content_types_to_compress).toContain('text/css');
    expect(routes.find((x) => !x.cache)!.patterns_to_match).toEqual(['/*']);
  });

  it('runs the WAF in Prevention with managed rule sets on Premium and rate limits per client IP', () => {
    const r = synth();
    const [waf] = r('azurerm_cdn_frontdoor_firewall_policy');
    expect(waf).toMatchObject({ mode: 'Prevention', enabled: true, sku_name: 'Premium_AzureFrontDoor' });
    expect(waf!.managed_rule.map((m: Attrs) => `${m.type}@${m.version}`)).toEqual([
      'Microsoft_DefaultRuleSet@2.1',
      'Microsoft_BotManagerRuleSet@1.1',
    ]);
    expect(waf!.custom_rule).toEqual([
      expect.objectContaining({
        type: 'RateLimitRule',
        action: 'Block',
        rate_limit_threshold: 500,
        rate_limit_duration_in_minutes: 1,
      }),
    ]);
  });

  it('has no managed rule sets on Standard or when the cloud lacks them', () => {
    const standard = synth({ sku: 'Standard' });
    expect(standard('azurerm_cdn_frontdoor_profile')[0]!.sku_name).toBe('Standard_AzureFrontDoor');
    const [waf] = standard('azurerm_cdn_frontdoor_firewall_policy');
    expect(waf!.sku_name).toBe('Standard_AzureFrontDoor');
    expect(waf!.managed_rule).toBeUndefined();
    const off = synth({ waf: { ...base.waf, managedRuleSets: false } });
    expect(off('azurerm_cdn_frontdoor_firewall_policy')[0]!.managed_rule).toBeUndefined();
  });

  it('binds the WAF to the endpoint and the custom domain, with a managed certificate by default', () => {
    const r = synth({ customDomain: { hostName: 'app.example.com' } });
    const [domain] = r('azurerm_cdn_frontdoor_custom_domain');
    expect(domain!.tls).toEqual({ certificate_type: 'ManagedCertificate', minimum_tls_version: 'TLS12' });
    expect(r('azurerm_cdn_frontdoor_secret')).toHaveLength(0);
    const [policy] = r('azurerm_cdn_frontdoor_security_policy');
    const fw = policy!.security_policies.firewall;
    expect(fw.cdn_frontdoor_firewall_policy_id).toBe(ref(r('azurerm_cdn_frontdoor_firewall_policy')[0]!));
    expect(fw.association.domain.map((d: Attrs) => d.cdn_frontdoor_domain_id)).toEqual([
      ref(r('azurerm_cdn_frontdoor_endpoint')[0]!),
      ref(domain!),
    ]);
    for (const route of r('azurerm_cdn_frontdoor_route')) {
      expect(route.cdn_frontdoor_custom_domain_ids).toEqual([ref(domain!)]);
    }
    expect(r('azurerm_cdn_frontdoor_custom_domain_association')[0]!.cdn_frontdoor_custom_domain_id).toBe(
      ref(domain!),
    );
    expect(r('azurerm_cdn_frontdoor_origin').every((o) => o.origin_host_header === 'app.example.com')).toBe(
      true,
    );
  });

  it('uses a customer certificate from Key Vault when one is given', () => {
    const id = 'https://kv-x.vault.azure.cn/secrets/app';
    const r = synth({ customDomain: { hostName: 'app.example.cn', keyVaultCertificateId: id } });
    const [secret] = r('azurerm_cdn_frontdoor_secret');
    expect(secret!.secret.customer_certificate).toEqual([{ key_vault_certificate_id: id }]);
    expect(r('azurerm_cdn_frontdoor_custom_domain')[0]!.tls).toMatchObject({
      certificate_type: 'CustomerCertificate',
      cdn_frontdoor_secret_id: ref(secret!),
    });
  });

  it('sends access, health probe and WAF logs to the workspace when given one', () => {
    expect(synth()('azurerm_monitor_diagnostic_setting')).toHaveLength(0);
    const r = synth({ workspaceId: '/subscriptions/x/workspaces/w' });
    const [diag] = r('azurerm_monitor_diagnostic_setting');
    expect(diag!.target_resource_id).toBe(ref(r('azurerm_cdn_frontdoor_profile')[0]!));
    expect(diag!.enabled_log.map((l: Attrs) => l.category)).toEqual(FRONT_DOOR_LOG_CATEGORIES);
  });
});

describe('rateLimitRule', () => {
  it('matches every request when no path is given', () => {
    const rule = rateLimitRule({ name: 'All', threshold: 100, windowMinutes: 5 }, 7);
    expect(rule).toMatchObject({ priority: 7, type: 'RateLimitRule', rateLimitThreshold: 100 });
    expect(rule.rateLimitDurationInMinutes).toBe(5);
    expect(rule.matchCondition).toEqual([
      {
        matchVariable: 'RemoteAddr',
        operator: 'IPMatch',
        negationCondition: true,
        matchValues: ['192.0.2.0/24'],
      },
    ]);
  });

  it('matches path prefixes with an anchored, escaped regex', () => {
    const rule = rateLimitRule({ name: 'Api', threshold: 100, pathPrefixes: ['/api/v1.0/', '/static/*'] }, 1);
    const cond = (rule.matchCondition as Attrs[])[0]!;
    expect(cond).toMatchObject({ matchVariable: 'RequestUri', operator: 'RegEx' });
    const [api, stat] = (cond.matchValues as string[]).map((v) => new RegExp(v));
    expect(api!.test('/api/v1.0/items')).toBe(true);
    expect(api!.test('https://host.example/api/v1.0/items')).toBe(true);
    expect(api!.test('/api/v1x0/items')).toBe(false);
    expect(api!.test('/x/api/v1.0/')).toBe(false);
    expect(stat!.test('/static/app.js')).toBe(true);
  });
});
