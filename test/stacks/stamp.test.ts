/** Every shipped environment's stamp stacks, via synthesized JSON: isolation, zones, AKS, private access, tags. */
import { stampAddressPlan } from '../../model/address-plan';
import { POOL_NAME_PATTERN } from '../../model/node-pool-rotation';
import { SERVICE_CONFIG_FILE, type ServiceConfig } from '../../constructs/service-config';
import type { Stamp } from '../../config/environment';
import { cosmosAccountId, cosmosEndpoint, stampOriginHostname } from '../../stacks/shared-values';
import { DAYS, weekHour, type Day } from '../../model/maintenance';
import { chooseCanary, paired } from '../../model/waves';
import { SHIPPED_ENVIRONMENTS, resourcesOf, synthEnv, type TfJson } from '../helpers/synth-env';
import { tagsForceNew } from '../../constructs/tags';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** `${azurerm_x.name.id}` of each resource of a type, keyed by logical id. */
function refs(json: TfJson, type: string, attr = 'id'): Record<string, string> {
  return Object.fromEntries(
    Object.keys(json.resource[type] ?? {}).map((k) => [k, `\${${type}.${k}.${attr}}`]),
  );
}

const byEnv = SHIPPED_ENVIRONMENTS.flatMap((name) => {
  const { env } = synthEnv(name);
  return env.stamps.map((stamp) => [`${name} ${stamp.id}`, name, stamp] as const);
});

describe.each(byEnv)('%s', (_label, envName, stamp: Stamp) => {
  const s = () => synthEnv(envName);
  const json = () => s().stacks[s().env.stampStackName(stamp.id)]!;
  const stampStack = () => s().footprint.stamps.find((x) => x.stamp.id === stamp.id)!;
  const one = (type: string): Body => {
    const all = resourcesOf(json(), type);
    expect(all).toHaveLength(1);
    return all[0] as Body;
  };

  it("has a VNet from the environment's address plan and an NSG on every subnet", () => {
    const plan = stampAddressPlan(stamp.addressSpace);
    expect(one('azurerm_virtual_network').address_space).toEqual([plan.vnet]);
    const subnets = refs(json(), 'azurerm_subnet');
    expect(Object.keys(subnets)).toHaveLength(3);
    const prefixes = resourcesOf(json(), 'azurerm_subnet').flatMap((b) => (b as Body).address_prefixes);
    expect(prefixes.sort()).toEqual([plan.nodes, plan.privateEndpoints, plan.ingress].sort());
    const associated = resourcesOf(json(), 'azurerm_subnet_network_security_group_association').map(
      (a) => (a as Body).subnet_id,
    );
    expect(associated.sort()).toEqual(Object.values(subnets).sort());
    const nsgs = Object.values(refs(json(), 'azurerm_network_security_group'));
    for (const a of resourcesOf(json(), 'azurerm_subnet_network_security_group_association'))
      expect(nsgs).toContain((a as Body).network_security_group_id);
  });

  it("federates the app identity with its cloud's token-exchange audience", () => {
    expect(one('azurerm_federated_identity_credential').audience).toEqual([
      s().env.cloud.workloadIdentityAudience(),
    ]);
  });

  it('lets only HTTPS from the global entry in from outside the VNet', () => {
    // The Front Door backend tag as the stamp's cloud names it (AzureFrontDoor.Backend in every shipped cloud).
    const source =
      s().env.features.frontDoor.outcome === 'on' ? s().env.cloud.serviceTag('frontDoorBackend') : 'Internet';
    if (source !== 'Internet') expect(source).toBe('AzureFrontDoor.Backend');
    let https = 0;
    for (const nsg of resourcesOf(json(), 'azurerm_network_security_group')) {
      for (const r of (nsg as Body).security_rule as Body[]) {
        if (r.direction !== 'Inbound' || r.access !== 'Allow') continue;
        if (r.source_address_prefix === 'VirtualNetwork') continue;
        expect(r).toMatchObject({
          protocol: 'Tcp',
          destination_port_range: '443',
          source_address_prefix: source,
        });
        expect(r.source_address_prefixes ?? []).toEqual([]);
        https++;
      }
      const deny = ((nsg as Body).security_rule as Body[]).find((r) => r.name === 'DenyInternetInbound');
      expect(deny).toMatchObject({ access: 'Deny', direction: 'Inbound', source_address_prefix: 'Internet' });
    }
    expect(https).toBeGreaterThan(0);
    const nodes = resourcesOf(json(), 'azurerm_network_security_group').find((n) =>
      ((n as Body).name as string).includes('-nodes-'),
    ) as Body;
    const ip = Object.values(refs(json(), 'azurerm_public_ip', 'ip_address'))[0];
    expect(nodes.security_rule.find((r: Body) => r.access === 'Allow').destination_address_prefix).toBe(ip);
  });

  it('places zones only where the region has them', () => {
    const want = stamp.zones ? ['1', '2', '3'] : undefined;
    const cluster = one('azurerm_kubernetes_cluster');
    expect(cluster.default_node_pool.zones).toEqual(want);
    for (const p of resourcesOf(json(), 'azurerm_kubernetes_cluster_node_pool'))
      expect((p as Body).zones).toEqual(want);
    expect(one('azurerm_public_ip').zones).toEqual(want);
    if (!stamp.zones)
      expect(s().text[json() === undefined ? '' : s().env.stampStackName(stamp.region)]).not.toMatch(
        /"zones"/,
      );
  });

  it('runs AKS with the required properties', () => {
    const { env } = s();
    const aks = env.config.aks;
    const c = one('azurerm_kubernetes_cluster');
    expect(c).toMatchObject({
      local_account_disabled: true,
      role_based_access_control_enabled: true,
      azure_active_directory_role_based_access_control: {
        azure_rbac_enabled: true,
        tenant_id: env.config.tenantId,
      },
      oidc_issuer_enabled: true,
      workload_identity_enabled: true,
      azure_policy_enabled: true,
      key_vault_secrets_provider: { secret_rotation_enabled: true },
      network_profile: {
        network_plugin: 'azure',
        network_plugin_mode: 'overlay',
        network_policy: expect.any(String),
      },
      automatic_upgrade_channel: aks.upgradeChannel,
      node_os_upgrade_channel: aks.nodeOsUpgradeChannel,
      // The day follows the region's wave (checked below, per environment).
      maintenance_window_auto_upgrade: { duration: aks.maintenance.durationHours, utc_offset: '+00:00' },
      maintenance_window_node_os: { duration: aks.maintenance.durationHours },
      sku_tier: env.features.aksStandardTier.outcome === 'on' ? 'Standard' : 'Free',
      default_node_pool: {
        only_critical_addons_enabled: true,
        auto_scaling_enabled: true,
        min_count: aks.systemPool.minCount,
        max_count: aks.systemPool.maxCount,
        host_encryption_enabled: true,
        node_public_ip_enabled: false,
      },
    });
    if (env.isProd) expect(c.default_node_pool.min_count).toBeGreaterThanOrEqual(3);
    if ('private' in aks.apiServer) {
      expect(c).toMatchObject({ private_cluster_enabled: true, private_dns_zone_id: 'System' });
    } else {
      expect(c.api_server_access_profile.authorized_ip_ranges).toEqual(aks.apiServer.authorizedIpRanges);
    }
    const pools = resourcesOf(json(), 'azurerm_kubernetes_cluster_node_pool') as Body[];
    expect(pools.map((p) => p.name)).toEqual(aks.userPools.map((p) => p.name));
    for (const [i, p] of pools.entries()) {
      expect(p).toMatchObject({
        mode: 'User',
        auto_scaling_enabled: true,
        min_count: aks.userPools[i]!.minCount,
        max_count: aks.userPools[i]!.maxCount,
        host_encryption_enabled: true,
        node_public_ip_enabled: false,
      });
    }
  });

  it('lets every node pool change VM size in place: a temporary_name_for_rotation unique in the cluster', () => {
    // azurerm 4.55 refuses at apply a vm_size (or other cycling) change of a pool without one.
    const pools = [
      one('azurerm_kubernetes_cluster').default_node_pool as Body,
      ...(resourcesOf(json(), 'azurerm_kubernetes_cluster_node_pool') as Body[]),
    ];
    expect(pools.length).toBeGreaterThan(1);
    for (const p of pools) expect(p.temporary_name_for_rotation).toMatch(POOL_NAME_PATTERN);
    const names = pools.flatMap((p) => [p.name, p.temporary_name_for_rotation]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('switches monitoring add-ons and Defender with the feature decisions', () => {
    const f = s().env.features;
    const c = one('azurerm_kubernetes_cluster');
    const workspace = Object.values(refs(json(), 'azurerm_log_analytics_workspace'))[0];
    const on = (x: { outcome: string }) => x.outcome === 'on';
    expect(c.oms_agent?.log_analytics_workspace_id).toBe(on(f.containerInsights) ? workspace : undefined);
    expect(c.monitor_metrics).toEqual(on(f.managedPrometheus) ? {} : undefined);
    expect(c.microsoft_defender?.log_analytics_workspace_id).toBe(
      on(f.defenderForContainers) ? workspace : undefined,
    );
    expect(resourcesOf(json(), 'azurerm_monitor_workspace')).toHaveLength(on(f.managedPrometheus) ? 1 : 0);
    expect(resourcesOf(json(), 'azurerm_network_watcher_flow_log')).toHaveLength(on(f.vnetFlowLogs) ? 1 : 0);
    for (const fl of resourcesOf(json(), 'azurerm_network_watcher_flow_log') as Body[]) {
      expect(fl).toMatchObject({
        enabled: true,
        target_resource_id: Object.values(refs(json(), 'azurerm_virtual_network'))[0],
      });
      expect(fl.retention_policy.days).toBeGreaterThanOrEqual(90);
    }
  });

  it('reaches Key Vault and Cosmos DB only through private endpoints in the cloud’s zones', () => {
    const { env } = s();
    const kvId = Object.values(refs(json(), 'azurerm_key_vault'))[0];
    expect(one('azurerm_key_vault')).toMatchObject({
      public_network_access_enabled: false,
      purge_protection_enabled: true,
      rbac_authorization_enabled: true,
      soft_delete_retention_days: expect.any(Number),
      network_acls: { default_action: 'Deny' },
    });
    const endpoints = resourcesOf(json(), 'azurerm_private_endpoint') as Body[];
    const zones = json().resource.azurerm_private_dns_zone ?? {};
    const links = resourcesOf(json(), 'azurerm_private_dns_zone_virtual_network_link') as Body[];
    const vnet = Object.values(refs(json(), 'azurerm_virtual_network'))[0];
    const peSubnet = Object.entries(refs(json(), 'azurerm_subnet')).find(([k]) =>
      k.includes('privateEndpoints'),
    )![1];
    const expected = [
      [kvId, 'vault', env.cloud.privateDnsZone('keyVault')],
      [cosmosAccountId(env), 'Sql', env.cloud.privateDnsZone('cosmosSql')],
    ] as const;
    for (const [target, sub, zoneName] of expected) {
      const pe = endpoints.find(
        (e) => e.private_service_connection.private_connection_resource_id === target,
      );
      expect(pe).toBeDefined();
      expect(pe!.private_service_connection).toMatchObject({
        subresource_names: [sub],
        is_manual_connection: false,
      });
      expect(pe!.subnet_id).toBe(peSubnet);
      const [zoneKey] = Object.entries(zones).find(([, z]) => (z as Body).name === zoneName)!;
      expect(pe!.private_dns_zone_group.private_dns_zone_ids).toEqual([
        `\${azurerm_private_dns_zone.${zoneKey}.id}`,
      ]);
      expect(
        links.some(
          (l) =>
            l.private_dns_zone_name === `\${azurerm_private_dns_zone.${zoneKey}.name}` &&
            l.virtual_network_id === vnet,
        ),
      ).toBe(true);
    }
  });

  it('exposes the ingress as a zone-redundant Standard static IP at the synth-time origin host name', () => {
    const ip = one('azurerm_public_ip');
    expect(ip).toMatchObject({ sku: 'Standard', allocation_method: 'Static' });
    const host = stampOriginHostname(s().env, stamp);
    expect(host).toBe(`${ip.domain_name_label}.${stamp.region}.${s().env.cloud.suffix('cloudapp')}`);
    expect(stampStack().ingress.hostname).toBe(host);
  });

  it('sends diagnostics of every diagnosable resource to the stamp workspace', () => {
    const diagnosable = [
      'azurerm_kubernetes_cluster',
      'azurerm_key_vault',
      'azurerm_public_ip',
      'azurerm_network_security_group',
      'azurerm_virtual_network',
      'azurerm_log_analytics_workspace',
      'azurerm_application_insights',
      'azurerm_storage_account',
    ];
    const targets = (resourcesOf(json(), 'azurerm_monitor_diagnostic_setting') as Body[]).map(
      (d) => d.target_resource_id,
    );
    for (const type of diagnosable)
      for (const id of Object.values(refs(json(), type))) expect(targets).toContain(id);
    // Private endpoints have no logs and no exportable metrics (model/data/azure-monitor.json): no setting.
    for (const id of Object.values(refs(json(), 'azurerm_private_endpoint')))
      expect(targets).not.toContain(id);
    const aks = Object.values(refs(json(), 'azurerm_kubernetes_cluster'))[0];
    const aksDiag = (resourcesOf(json(), 'azurerm_monitor_diagnostic_setting') as Body[]).find(
      (d) => d.target_resource_id === aks,
    )!;
    expect(aksDiag.enabled_log.map((l: Body) => l.category)).toContain('kube-audit-admin');
  });

  it('tags everything that takes tags', () => {
    const { env } = s();
    const untaggable = new Set([
      'azurerm_subnet',
      'azurerm_subnet_network_security_group_association',
      'azurerm_monitor_diagnostic_setting',
      'azurerm_role_assignment',
      'azurerm_federated_identity_credential',
      'azurerm_cosmosdb_sql_role_assignment',
      'azurerm_monitor_data_collection_rule_association',
    ]);
    for (const [type, all] of Object.entries(json().resource)) {
      if (untaggable.has(type)) continue;
      // Where tags are ForceNew (the health function's saved search) a tag edit would replace the resource.
      if (tagsForceNew(type)) {
        for (const body of Object.values(all)) expect({ type, tags: (body as Body).tags }).toEqual({ type });
        continue;
      }
      for (const body of Object.values(all)) {
        expect({ type, tags: (body as Body).tags }).toEqual({
          type,
          tags: expect.objectContaining({
            environment: env.name,
            cloud: env.cloud.id,
            region: stamp.region,
            stamp: stamp.id,
            owner: env.config.owner,
            costCenter: env.config.costCenter,
          }),
        });
      }
    }
  });

  it('writes a service config with the stamp’s own region first and apply-time values as outputs', () => {
    const { env } = s();
    const config = stampStack().artifacts()[SERVICE_CONFIG_FILE] as ServiceConfig;
    const others = env.regionStamps.filter((x) => x.region !== stamp.region).map((x) => x.region);
    expect(config.cosmos.preferredRegions).toEqual([stamp.region, ...others]);
    expect(config.cosmos.endpoint).toBe(cosmosEndpoint(env));
    expect(config.keyVault.uri).toBe(
      `https://${one('azurerm_key_vault').name}.${env.cloud.suffix('keyVault')}/`,
    );
    expect(config.ingress.hostname).toBe(stampOriginHostname(env, stamp));
    expect(config.cloud.endpoints.resourceManager).toBe(env.cloud.endpoint('resourceManager'));
    const outputs = json().output!;
    const clientId = config.workloadIdentity.clientId.fromTerraformOutput;
    const conn = config.appInsights.connectionString;
    expect(outputs[clientId]!.value).toMatch(/^\$\{azurerm_user_assigned_identity\..+\.client_id\}$/);
    expect(outputs[conn.fromTerraformOutput]).toMatchObject({
      sensitive: true,
      value: expect.stringContaining('connection_string'),
    });
    expect(conn.sensitive).toBe(true);
  });
});

describe.each(SHIPPED_ENVIRONMENTS)('%s AKS maintenance windows', (envName) => {
  const windows = () => {
    const { env, stacks } = synthEnv(envName);
    const base = weekHour(env.config.aks.maintenance);
    return env.stamps.map((stamp) => {
      const aks = resourcesOf(stacks[env.stampStackName(stamp.id)]!, 'azurerm_kubernetes_cluster')[0] as Body;
      const w = aks.maintenance_window_auto_upgrade as Body;
      expect(aks.maintenance_window_node_os).toEqual(w);
      expect(DAYS).toContain(w.day_of_week);
      const at = weekHour({
        dayOfWeek: w.day_of_week as Day,
        startHourUtc: Number(w.start_time.slice(0, 2)),
      });
      // Hours after the environment's first window opens; every window fits the week that follows it.
      const from = (((at - base) % 168) + 168) % 168;
      expect(from + w.duration).toBeLessThanOrEqual(168);
      return { stamp, from, to: from + (w.duration as number) };
    });
  };
  const overlap = (a: { from: number; to: number }, b: { from: number; to: number }) =>
    a.from < b.to && b.from < a.to;

  it('never puts a region in the same window as its pair, and two windows are the same wave or apart', () => {
    const all = windows();
    for (const [i, a] of all.entries()) {
      for (const b of all.slice(i + 1)) {
        if (paired(a.stamp, b.stamp))
          expect([a.stamp.region, b.stamp.region, overlap(a, b)]).toEqual([
            a.stamp.region,
            b.stamp.region,
            false,
          ]);
        if (a.from !== b.from) expect(overlap(a, b)).toBe(false);
      }
    }
  });

  it('never opens all scale units of a region in one window', () => {
    const all = windows();
    for (const region of new Set(all.map((w) => w.stamp.region))) {
      const units = all.filter((w) => w.stamp.region === region);
      if (units.length > 1) expect(new Set(units.map((w) => w.from)).size).toBeGreaterThan(1);
    }
  });

  it('opens the canary first and the primary last', () => {
    const { env } = synthEnv(envName);
    const all = windows();
    const canary = chooseCanary({
      ...env,
      stacks: [],
      regions: env.stamps.map((s) => ({ ...s, stack: s.id })),
      rollout: env.config.rollout,
    });
    const of = (region: string) => all.find((w) => w.stamp.id === region)!;
    expect(of(canary.region.region).from).toBe(0);
    if (env.stamps.length > 1) {
      for (const w of all.filter((x) => x.stamp.region !== canary.region.region))
        expect(w.from).toBeGreaterThan(0);
    }
    const primary = of(env.stamps[0]!.region);
    for (const w of all) expect(primary.from).toBeGreaterThanOrEqual(w.from);
  });
});
