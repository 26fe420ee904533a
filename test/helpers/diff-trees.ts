/** A small but complete environment (global layer and two stamps) as hand-written Terraform JSON. */
import type { JsonObject } from '../../contract/out';
import { cosmosAccount, type Resources, type TreeSpec } from './out-tree';

export interface EnvOptions {
  readonly regions?: readonly string[];
  readonly cosmos?: JsonObject;
  readonly rateLimit?: number;
  readonly wafMode?: string;
  readonly partitionKey?: string;
  readonly dnsPrefix?: string;
  readonly httpsPriority?: number;
  readonly owner?: string;
}

export function globalStack(o: EnvOptions = {}): Resources {
  const regions = o.regions ?? ['eastus2', 'centralus'];
  const tags = { owner: o.owner ?? 'team@example.com' };
  return {
    azurerm_resource_group: { rg: { name: 'rg-fp-prd-global', location: regions[0]!, tags } },
    azurerm_cosmosdb_account: { cosmos: cosmosAccount(regions, { tags, ...o.cosmos }) },
    azurerm_cosmosdb_sql_database: { app: { name: 'app', account_name: 'cosmos-fp-prd' } },
    azurerm_cosmosdb_sql_container: {
      items: {
        name: 'items',
        account_name: 'cosmos-fp-prd',
        database_name: 'app',
        partition_key_paths: [o.partitionKey ?? '/tenantId'],
        autoscale_settings: { max_throughput: 4000 },
      },
    },
    azurerm_log_analytics_workspace: {
      law: { name: 'log-fp-prd-global', location: regions[0]!, retention_in_days: 90, tags },
    },
    azurerm_cdn_frontdoor_profile: { fd: { name: 'afd-fp-prd', sku_name: 'Premium_AzureFrontDoor', tags } },
    azurerm_cdn_frontdoor_firewall_policy: {
      waf: {
        name: 'wafpfpprd',
        sku_name: 'Premium_AzureFrontDoor',
        mode: o.wafMode ?? 'Prevention',
        custom_rule: [
          {
            name: 'PerClientIp',
            type: 'RateLimitRule',
            action: 'Block',
            priority: 100,
            rate_limit_threshold: o.rateLimit ?? 2000,
            rate_limit_duration_in_minutes: 1,
            match_condition: [
              { match_variable: 'RemoteAddr', operator: 'IPMatch', match_values: ['0.0.0.0/0'] },
            ],
          },
        ],
      },
    },
  };
}

export function stampStack(region: string, o: EnvOptions = {}): Resources {
  const tags = { owner: o.owner ?? 'team@example.com' };
  return {
    azurerm_resource_group: { rg: { name: `rg-fp-prd-${region}`, location: region, tags } },
    azurerm_virtual_network: {
      vnet: { name: `vnet-${region}`, location: region, address_space: ['10.0.0.0/20'], tags },
    },
    azurerm_subnet: {
      aks: { name: 'snet-aks', virtual_network_name: `vnet-${region}`, address_prefixes: ['10.0.0.0/22'] },
    },
    azurerm_network_security_group: {
      nsg: {
        name: `nsg-${region}`,
        location: region,
        security_rule: [
          {
            name: 'allow-https',
            priority: o.httpsPriority ?? 100,
            access: 'Allow',
            destination_port_range: '443',
          },
          { name: 'deny-all', priority: 4096, access: 'Deny', destination_port_range: '*' },
        ],
        tags,
      },
    },
    azurerm_kubernetes_cluster: {
      aks: {
        name: `aks-${region}`,
        location: region,
        dns_prefix: o.dnsPrefix ?? `aks-${region}`,
        default_node_pool: { name: 'system', vm_size: 'Standard_D4ds_v5', zones: ['1', '2', '3'] },
        network_profile: { network_plugin: 'azure', network_plugin_mode: 'overlay' },
        tags,
      },
    },
    azurerm_key_vault: { kv: { name: `kv-${region}`, location: region, tenant_id: 't', tags } },
    azurerm_log_analytics_workspace: { law: { name: `log-${region}`, location: region, tags } },
  };
}

/** prod-public with a global stack and one stamp per region. */
export function envTree(o: EnvOptions = {}): TreeSpec {
  const regions = o.regions ?? ['eastus2', 'centralus'];
  const stacks: Record<string, Resources> = { 'prod-public-global': globalStack(o) };
  for (const r of regions) stacks[`prod-public-${r}`] = stampStack(r, o);
  return { 'prod-public': { stacks } };
}
