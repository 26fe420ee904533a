/** Every shipped environment's global stack: the right global entry, Cosmos replication, and its own cloud only. */
import { stampOriginHostname } from '../../stacks/shared-values';
import { shippedConfig } from '../helpers/load';
import { containsDnsName, ref, synthGlobal, type Attrs } from '../helpers/synth-global';

const ENVIRONMENTS = shippedConfig().environments.map((e) => e.name);
// What the data files and cloud profiles say, stated independently of the feature logic.
const TRAFFIC_MANAGER = new Set(['prod-ussec', 'prod-dod']);

it('ships environments on both global-entry paths', () => {
  expect(ENVIRONMENTS.filter((n) => TRAFFIC_MANAGER.has(n)).sort()).toEqual(['prod-dod', 'prod-ussec']);
  expect(ENVIRONMENTS.filter((n) => !TRAFFIC_MANAGER.has(n)).length).toBeGreaterThanOrEqual(4);
});

describe.each(ENVIRONMENTS)('%s global stack', (name) => {
  const g = () => synthGlobal(name);
  const byPriority = (a: Attrs, b: Attrs) => a.priority - b.priority || a.name.localeCompare(b.name);

  it('has exactly one global entry of the expected kind', () => {
    const fd = g().resources('azurerm_cdn_frontdoor_profile');
    const tm = g().resources('azurerm_traffic_manager_profile');
    if (TRAFFIC_MANAGER.has(name)) {
      expect([fd.length, tm.length]).toEqual([0, 1]);
      expect(g().resources('azurerm_cdn_frontdoor_firewall_policy')).toHaveLength(0);
    } else {
      expect([fd.length, tm.length]).toEqual([1, 0]);
    }
  });

  if (TRAFFIC_MANAGER.has(name)) {
    it('Traffic Manager has one monitored endpoint per stamp, at its synth-time host name', () => {
      const { env, resources } = g();
      const [profile] = resources('azurerm_traffic_manager_profile');
      const tm = env.config.trafficManager;
      expect(profile).toMatchObject({
        traffic_routing_method: tm.routing,
        monitor_config: {
          protocol: 'HTTPS',
          path: tm.monitor.path,
          interval_in_seconds: tm.monitor.intervalSeconds,
          tolerated_number_of_failures: tm.monitor.toleratedFailures,
        },
      });
      expect(profile!.monitor_config.timeout_in_seconds).toBeLessThan(tm.monitor.intervalSeconds);
      const eps = resources('azurerm_traffic_manager_external_endpoint').sort(byPriority);
      expect(eps.map((e) => [e.target, e.endpoint_location, e.priority])).toEqual(
        env.stamps.map((s) => [stampOriginHostname(env, s), s.region, s.index + 1]),
      );
      for (const e of eps) expect(e.profile_id).toBe(ref(profile!));
      const diag = resources('azurerm_monitor_diagnostic_setting');
      expect(diag.map((d) => d.target_resource_id)).toContain(ref(profile!));
    });
  } else {
    it('Front Door has exactly one origin per stamp behind one origin group (probed with 2+ stamps)', () => {
      const { env, resources } = g();
      const groups = resources('azurerm_cdn_frontdoor_origin_group');
      expect(groups).toHaveLength(1);
      const origins = resources('azurerm_cdn_frontdoor_origin');
      expect(origins.map((o) => o.host_name).sort()).toEqual(
        env.stamps.map((s) => stampOriginHostname(env, s)).sort(),
      );
      const activePassive = env.config.frontDoor.routing === 'activePassive';
      for (const o of origins) {
        const stamp = env.stamps.find((s) => stampOriginHostname(env, s) === o.host_name)!;
        expect(o).toMatchObject({
          cdn_frontdoor_origin_group_id: ref(groups[0]!),
          certificate_name_check_enabled: true,
          enabled: true,
          priority: activePassive ? stamp.index + 1 : 1,
        });
      }
      if (env.stamps.length > 1) {
        expect(groups[0]!.health_probe).toEqual({
          protocol: 'Https',
          request_type: 'HEAD',
          path: env.config.frontDoor.healthProbe.path,
          interval_in_seconds: env.config.frontDoor.healthProbe.intervalSeconds,
        });
        expect(groups[0]!.health_probe.path).not.toBe('/');
      } else {
        expect(groups[0]!.health_probe).toBeUndefined();
      }
    });

    it('the WAF is in Prevention mode with the rate limits of the config, bound to every domain', () => {
      const { env, resources } = g();
      const [waf] = resources('azurerm_cdn_frontdoor_firewall_policy');
      expect(waf).toMatchObject({ mode: 'Prevention', enabled: true });
      expect(
        waf!.custom_rule.map((r: Attrs) => [
          r.name,
          r.type,
          r.rate_limit_threshold,
          r.rate_limit_duration_in_minutes,
        ]),
      ).toEqual(
        env.config.frontDoor.rateLimits.map((l) => [l.name, 'RateLimitRule', l.threshold, l.windowMinutes]),
      );
      const managed = (waf!.managed_rule ?? []).map((m: Attrs) => m.type);
      if (env.features.wafManagedRuleSets.outcome === 'on') {
        expect(managed).toEqual(['Microsoft_DefaultRuleSet', 'Microsoft_BotManagerRuleSet']);
      } else {
        expect(managed).toEqual([]);
      }
      const domains = [
        ...resources('azurerm_cdn_frontdoor_endpoint'),
        ...resources('azurerm_cdn_frontdoor_custom_domain'),
      ].map((d) => ref(d));
      const policies = resources('azurerm_cdn_frontdoor_security_policy');
      expect(policies).toHaveLength(1);
      const fw = policies[0]!.security_policies.firewall;
      expect(fw.cdn_frontdoor_firewall_policy_id).toBe(ref(waf!));
      expect(fw.association.domain.map((d: Attrs) => d.cdn_frontdoor_domain_id).sort()).toEqual(
        domains.sort(),
      );
    });

    it('routes are HTTPS only and the custom domain has the certificate its cloud allows', () => {
      const { env, resources } = g();
      for (const r of resources('azurerm_cdn_frontdoor_route')) {
        expect(r).toMatchObject({ https_redirect_enabled: true, forwarding_protocol: 'HttpsOnly' });
      }
      const domain = env.config.frontDoor.customDomain;
      const [custom] = resources('azurerm_cdn_frontdoor_custom_domain');
      if (!domain) {
        expect(custom).toBeUndefined();
      } else if (env.cloud.supports('frontDoorManagedCertificates') && !domain.certificateSecretId) {
        expect(custom!.tls.certificate_type).toBe('ManagedCertificate');
      } else {
        expect(custom!.tls.certificate_type).toBe('CustomerCertificate');
        expect(resources('azurerm_cdn_frontdoor_secret')[0]!.secret.customer_certificate[0]).toEqual({
          key_vault_certificate_id: domain.certificateSecretId,
        });
      }
    });

    it('sends access, health probe and WAF logs to the global workspace', () => {
      const { resources } = g();
      const profile = resources('azurerm_cdn_frontdoor_profile')[0]!;
      const diag = resources('azurerm_monitor_diagnostic_setting').find(
        (d) => d.target_resource_id === ref(profile),
      );
      expect(diag!.log_analytics_workspace_id).toBe(ref(resources('azurerm_log_analytics_workspace')[0]!));
      expect(diag!.enabled_log.map((l: Attrs) => l.category).sort()).toEqual([
        'FrontDoorAccessLog',
        'FrontDoorHealthProbeLog',
        'FrontDoorWebApplicationFirewallLog',
      ]);
    });
  }

  it('Cosmos has one geo_location per region in order, zone flags from the cloud, no keys or public access', () => {
    const { env, resources } = g();
    const accounts = resources('azurerm_cosmosdb_account');
    expect(accounts).toHaveLength(1);
    const account = accounts[0]!;
    expect(account.geo_location).toEqual(
      env.config.regions.map((r, i) => ({
        location: r.name,
        failover_priority: i,
        zone_redundant: env.cloud.region(r.name).zones && env.features.cosmosZoneRedundancy.outcome === 'on',
      })),
    );
    expect(account).toMatchObject({
      local_authentication_disabled: true,
      public_network_access_enabled: false,
      access_key_metadata_writes_enabled: false,
      automatic_failover_enabled: true,
      multiple_write_locations_enabled: env.features.cosmosMultiRegionWrites.outcome === 'on',
      consistency_policy: { consistency_level: env.config.cosmos.consistency },
    });
    expect(account.backup.type).toBe(
      env.features.cosmosContinuousBackup.outcome === 'on' ? 'Continuous' : 'Periodic',
    );
    const diag = resources('azurerm_monitor_diagnostic_setting').map((d) => d.target_resource_id);
    expect(diag).toContain(ref(account));
  });

  it('Cosmos containers carry their throughput ceilings; prod data cannot be destroyed', () => {
    const { env, resources } = g();
    const want = env.config.cosmos.databases.flatMap((d) =>
      d.containers.map((c) => [c.name, c.partitionKey, c.maxThroughput]),
    );
    const got = resources('azurerm_cosmosdb_sql_container').map((c) => [
      c.name,
      c.partition_key_paths[0],
      c.autoscale_settings.max_throughput,
    ]);
    expect(got.sort()).toEqual(want.sort());
    for (const type of [
      'azurerm_cosmosdb_account',
      'azurerm_cosmosdb_sql_database',
      'azurerm_cosmosdb_sql_container',
    ]) {
      for (const r of resources(type)) {
        expect(r.lifecycle?.prevent_destroy === true).toBe(env.isProd);
      }
    }
  });

  it('keeps its edge logs in one workspace with the configured retention', () => {
    const { env, resources } = g();
    const ws = resources('azurerm_log_analytics_workspace');
    expect(ws).toHaveLength(1);
    expect(ws[0]!.retention_in_days).toBe(env.config.monitoring.logRetentionDays);
  });
});

describe('sovereign global stacks', () => {
  const { environments, clouds } = shippedConfig();
  const publicNames = clouds.find((c) => c.id === 'public')!.allDnsNames();
  const sovereign = environments.filter((e) => e.cloud.id !== 'public').map((e) => e.name);

  it('the boundary-aware match tells a suffix from a longer label', () => {
    expect(containsDnsName('"x.trafficmanager.net"', 'trafficmanager.net')).toBe(true);
    expect(containsDnsName('"trafficmanager.net"', 'trafficmanager.net')).toBe(true);
    expect(containsDnsName('"x.usgovtrafficmanager.net"', 'trafficmanager.net')).toBe(false);
    expect(containsDnsName('https://management.azure.com/', 'management.azure.com')).toBe(true);
    expect(containsDnsName('"a.documents.azure.us"', 'documents.azure.com')).toBe(false);
  });

  it('the check sees public names where they belong (control: prod-public)', () => {
    const { text } = synthGlobal('prod-public');
    expect(publicNames.filter((n) => containsDnsName(text, n))).toContain('cloudapp.azure.com');
  });

  it.each(sovereign)('%s contains no public-cloud DNS name', (name) => {
    const { text } = synthGlobal(name);
    expect(publicNames.length).toBeGreaterThan(10);
    expect(publicNames.filter((n) => containsDnsName(text, n))).toEqual([]);
  });
});
