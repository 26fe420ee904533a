/**
 * Same id, same verdict: for every Checkov id a rule carries (as id or alias), a resource Checkov 3.3.13 passes and
 * one it fails, written from Checkov's own logic (research/issue-19.md §1: the check's file, its inspected key and
 * what an absent key means), and the rule must agree. UNKNOWN in Checkov (not a failure) counts as pass.
 */
import type { JsonObject } from '../../contract/out';
import { runPolicy } from '../../policy/engine';
import { RULES } from '../../policy/registry';
import type { Rule } from '../../policy/types';
import { CENTRAL, EAST, golden, toOutput } from './golden';

type Resources = Record<string, Record<string, JsonObject>>;
interface Fixture {
  readonly label: string;
  readonly verdict: 'pass' | 'fail';
  /** The resource under test, `<type>.subject` in the stamp stack. */
  readonly attrs: JsonObject;
  /** @default the id's type */
  readonly type?: string;
  /** Other resources of the same stack (file). */
  readonly with?: Resources;
  /** Resources of another stack of the environment (another file for Checkov). */
  readonly elsewhere?: Resources;
}

const CLUSTER = 'azurerm_kubernetes_cluster';
const POOL = 'azurerm_kubernetes_cluster_node_pool';
const COSMOS = 'azurerm_cosmosdb_account';
const VAULT = 'azurerm_key_vault';
const KEY = 'azurerm_key_vault_key';
const SECRET = 'azurerm_key_vault_secret';
const ST = 'azurerm_storage_account';
const RULE = 'azurerm_network_security_rule';
const NSG = 'azurerm_network_security_group';

const pass = (label: string, attrs: JsonObject, more: Partial<Fixture> = {}): Fixture => ({
  label,
  verdict: 'pass',
  attrs,
  ...more,
});
const fail = (label: string, attrs: JsonObject, more: Partial<Fixture> = {}): Fixture => ({
  label,
  verdict: 'fail',
  attrs,
  ...more,
});

const rule = (over: JsonObject): JsonObject => ({
  name: 'r',
  priority: 100,
  direction: 'Inbound',
  access: 'Allow',
  protocol: 'Tcp',
  source_port_range: '*',
  destination_address_prefix: '*',
  ...over,
});
/** Checkov's NSGRulePortAccessRestricted: Allow, Inbound, tcp or *, the port in range, source in its literal set. */
const portFixtures = (port: number): Fixture[] => [
  fail(`${port} from *`, rule({ destination_port_range: String(port), source_address_prefix: '*' })),
  fail(
    `inline rule with a range over ${port} from Internet`,
    {
      security_rule: [
        rule({ name: 'a', destination_port_range: '443', source_address_prefix: '10.0.0.0/8' }),
        rule({
          name: 'b',
          destination_port_range: `${port - 1}-${port + 1}`,
          source_address_prefix: 'Internet',
        }),
      ],
    },
    { type: NSG },
  ),
  pass(
    'source 0.0.0.0/0 (not in Checkov literal set)',
    rule({ destination_port_range: String(port), source_address_prefix: '0.0.0.0/0' }),
  ),
  pass('Deny', rule({ access: 'Deny', destination_port_range: String(port), source_address_prefix: '*' })),
  pass(
    'from a private range',
    rule({ destination_port_range: String(port), source_address_prefix: '10.0.0.0/8' }),
  ),
];

const PARITY: Record<string, { type: string; cases: Fixture[] }> = {
  // AKS
  CKV_AZURE_170: {
    type: CLUSTER,
    cases: [
      pass('Standard', { sku_tier: 'Standard' }),
      fail('Premium', { sku_tier: 'Premium' }),
      fail('Free', { sku_tier: 'Free' }),
      fail('absent', {}),
    ],
  },
  CKV_AZURE_4: {
    type: CLUSTER,
    cases: [
      pass('oms_agent workspace', { oms_agent: { log_analytics_workspace_id: '${azurerm_x.y.id}' } }),
      fail('absent', {}),
      fail('legacy addon flag false', {
        addon_profile: { oms_agent: { enabled: false } },
        oms_agent: { log_analytics_workspace_id: '${azurerm_x.y.id}' },
      }),
    ],
  },
  CKV_AZURE_6: {
    type: CLUSTER,
    cases: [
      pass('private', { private_cluster_enabled: true }),
      pass('any authorized range, even 0.0.0.0/0', {
        private_cluster_enabled: false,
        api_server_access_profile: { authorized_ip_ranges: ['0.0.0.0/0'] },
      }),
      fail('public, no ranges', { private_cluster_enabled: false }),
      fail('absent', {}),
    ],
  },
  CKV_AZURE_115: {
    type: CLUSTER,
    cases: [
      pass('private', { private_cluster_enabled: true }),
      fail('authorized ranges do not count', {
        private_cluster_enabled: false,
        api_server_access_profile: { authorized_ip_ranges: ['203.0.113.0/24'] },
      }),
      fail('absent', {}),
    ],
  },
  CKV_AZURE_7: {
    type: CLUSTER,
    cases: [
      pass('azure', { network_profile: { network_plugin: 'azure', network_policy: 'azure' } }),
      fail('absent', { network_profile: { network_plugin: 'azure' } }),
    ],
  },
  CKV2_AZURE_29: {
    type: CLUSTER,
    cases: [
      pass('azure', { network_profile: { network_plugin: 'azure' } }),
      fail('kubenet', { network_profile: { network_plugin: 'kubenet' } }),
      fail('absent', {}),
    ],
  },
  CKV_AZURE_116: {
    type: CLUSTER,
    cases: [pass('true', { azure_policy_enabled: true }), fail('absent', {})],
  },
  CKV_AZURE_141: {
    type: CLUSTER,
    cases: [
      pass('true', { local_account_disabled: true }),
      fail('false', { local_account_disabled: false }),
      fail('absent', {}),
    ],
  },
  CKV_AZURE_171: {
    type: CLUSTER,
    cases: [
      pass('stable', { automatic_upgrade_channel: 'stable' }),
      fail('none', { automatic_upgrade_channel: 'none' }),
      fail('absent', {}),
    ],
  },
  CKV_AZURE_172: {
    type: CLUSTER,
    cases: [
      pass('rotation on', { key_vault_secrets_provider: { secret_rotation_enabled: true } }),
      fail('rotation off', { key_vault_secrets_provider: { secret_rotation_enabled: false } }),
      fail('absent', {}),
    ],
  },
  CKV_AZURE_232: {
    type: CLUSTER,
    cases: [
      pass('critical add-ons only', { default_node_pool: { only_critical_addons_enabled: true } }),
      fail('absent', { default_node_pool: { name: 'system' } }),
    ],
  },
  CKV_AZURE_246: {
    type: CLUSTER,
    cases: [
      pass('absent', {}),
      pass('false', { http_application_routing_enabled: false }),
      fail('true', { http_application_routing_enabled: true }),
    ],
  },
  CKV_AZURE_143: {
    type: CLUSTER,
    cases: [
      pass('absent', { default_node_pool: { name: 'system' } }),
      fail('default pool public IP', { default_node_pool: { node_public_ip_enabled: true } }),
      pass('node pool resources are not checked', { node_public_ip_enabled: true }, { type: POOL }),
    ],
  },
  CKV_AZURE_117: {
    type: CLUSTER,
    cases: [
      pass('disk encryption set', { disk_encryption_set_id: '${azurerm_disk_encryption_set.des.id}' }),
      fail('absent', {}),
    ],
  },
  CKV_AZURE_226: {
    type: CLUSTER,
    cases: [
      pass('Ephemeral', { default_node_pool: { os_disk_type: 'Ephemeral' } }),
      fail('Managed', { default_node_pool: { os_disk_type: 'Managed' } }),
      fail('absent (provider default Managed)', { default_node_pool: { name: 'system' } }),
      pass('node pool resources are not checked', { os_disk_type: 'Managed' }, { type: POOL }),
    ],
  },
  CKV_AZURE_227: {
    type: CLUSTER,
    cases: [
      pass('default pool', { default_node_pool: { host_encryption_enabled: true } }),
      fail('absent', { default_node_pool: { name: 'system' } }),
      pass('node pool', { host_encryption_enabled: true }, { type: POOL }),
      fail('node pool absent', {}, { type: POOL }),
    ],
  },
  CKV_AZURE_168: {
    type: CLUSTER,
    cases: [
      pass('50', { default_node_pool: { max_pods: 50 } }),
      fail('49', { default_node_pool: { max_pods: 49 } }),
      fail('absent (30)', { default_node_pool: { name: 'system' } }),
      fail('node pool absent (30)', {}, { type: POOL }),
    ],
  },
  // Cosmos DB
  CKV_AZURE_101: {
    type: COSMOS,
    cases: [pass('false', { public_network_access_enabled: false }), fail('absent', {})],
  },
  CKV_AZURE_140: {
    type: COSMOS,
    cases: [
      pass('explicit kind, keys off', { kind: 'GlobalDocumentDB', local_authentication_disabled: true }),
      fail('explicit kind, absent', { kind: 'GlobalDocumentDB' }),
      pass('kind absent: UNKNOWN in Checkov', {}),
      pass('MongoDB: UNKNOWN in Checkov', { kind: 'MongoDB' }),
    ],
  },
  CKV_AZURE_100: {
    type: COSMOS,
    cases: [
      pass('key_vault_key_id', { key_vault_key_id: '${azurerm_key_vault_key.k.versionless_id}' }),
      fail('managed HSM key does not count', {
        managed_hsm_key_id: 'https://hsm.managedhsm.azure.net/keys/k',
      }),
      fail('absent', {}),
    ],
  },
  CKV_AZURE_132: {
    type: COSMOS,
    cases: [pass('false', { access_key_metadata_writes_enabled: false }), fail('absent (default true)', {})],
  },
  // Key Vault
  CKV_AZURE_110: {
    type: VAULT,
    cases: [pass('true', { purge_protection_enabled: true }), fail('absent', {})],
  },
  CKV_AZURE_42: {
    type: VAULT,
    cases: [
      pass('true', { purge_protection_enabled: true }),
      fail('false', { purge_protection_enabled: false }),
    ],
  },
  CKV_AZURE_109: {
    type: VAULT,
    cases: [
      pass('Deny', { network_acls: { default_action: 'Deny', bypass: 'AzureServices' } }),
      fail('Allow', { network_acls: { default_action: 'Allow', bypass: 'AzureServices' } }),
      fail('absent', {}),
    ],
  },
  CKV_AZURE_189: {
    type: VAULT,
    cases: [
      pass('false', { public_network_access_enabled: false }),
      pass('IP rules', {
        network_acls: { default_action: 'Deny', bypass: 'None', ip_rules: ['203.0.113.1'] },
      }),
      fail('absent', {}),
    ],
  },
  CKV2_AZURE_32: {
    type: VAULT,
    cases: [
      pass(
        'endpoint in the same file',
        {},
        {
          with: {
            azurerm_private_endpoint: {
              pe: {
                private_service_connection: {
                  private_connection_resource_id: '${azurerm_key_vault.subject.id}',
                },
              },
            },
          },
        },
      ),
      fail('no endpoint', {}),
      fail(
        'endpoint only in another file (no graph connection)',
        { name: 'kv-subject' },
        {
          elsewhere: {
            azurerm_private_endpoint: {
              pe: {
                private_service_connection: {
                  private_connection_resource_id:
                    '/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-subject',
                },
              },
            },
          },
        },
      ),
    ],
  },
  CKV_AZURE_40: {
    type: KEY,
    cases: [pass('set', { expiration_date: '2027-01-01T00:00:00Z' }), fail('absent', {})],
  },
  CKV_AZURE_112: {
    type: KEY,
    cases: [pass('RSA-HSM', { key_type: 'RSA-HSM' }), fail('RSA', { key_type: 'RSA' })],
  },
  CKV_AZURE_41: {
    type: SECRET,
    cases: [pass('set', { expiration_date: '2027-01-01T00:00:00Z' }), fail('absent', {})],
  },
  CKV_AZURE_114: {
    type: SECRET,
    cases: [pass('set', { content_type: 'text/plain' }), fail('absent', {})],
  },
  // Storage
  CKV_AZURE_44: {
    type: ST,
    cases: [
      pass('TLS1_2', { min_tls_version: 'TLS1_2' }),
      fail('TLS1_0', { min_tls_version: 'TLS1_0' }),
      fail('absent', {}),
    ],
  },
  CKV_AZURE_190: {
    type: ST,
    cases: [pass('false', { allow_nested_items_to_be_public: false }), fail('absent', {})],
  },
  CKV2_AZURE_47: {
    type: ST,
    cases: [
      pass('false', { allow_nested_items_to_be_public: false }),
      fail('true', { allow_nested_items_to_be_public: true }),
    ],
  },
  CKV2_AZURE_40: {
    type: ST,
    cases: [
      pass('false', { shared_access_key_enabled: false }),
      fail('true', { shared_access_key_enabled: true }),
      fail('absent', {}),
    ],
  },
  CKV2_AZURE_41: {
    type: ST,
    cases: [
      pass('shared keys off', { shared_access_key_enabled: false }),
      pass('shared keys on (explicit) with a SAS policy', {
        shared_access_key_enabled: true,
        sas_policy: { expiration_period: '1.00:00:00', expiration_action: 'Log' },
      }),
      fail('SAS policy but shared_access_key_enabled absent', {
        sas_policy: { expiration_period: '1.00:00:00' },
      }),
      fail('shared keys on without a SAS policy', { shared_access_key_enabled: true }),
    ],
  },
  CKV_AZURE_59: {
    type: ST,
    cases: [
      pass('false', { public_network_access_enabled: false }),
      fail('firewall Deny does not count', {
        network_rules: { default_action: 'Deny', bypass: ['AzureServices'] },
      }),
      fail('true', { public_network_access_enabled: true }),
    ],
  },
  CKV_AZURE_206: {
    type: ST,
    cases: [
      pass('GRS', { account_replication_type: 'GRS' }),
      fail('LRS', { account_replication_type: 'LRS' }),
    ],
  },
  CKV2_AZURE_38: {
    type: ST,
    cases: [
      pass('a retention block (any days)', { blob_properties: { delete_retention_policy: { days: 1 } } }),
      fail('no retention block', { blob_properties: { versioning_enabled: true } }),
      fail('FileStorage fails', {
        account_kind: 'FileStorage',
        blob_properties: { delete_retention_policy: { days: 7 } },
      }),
    ],
  },
  CKV2_AZURE_33: {
    type: ST,
    cases: [
      pass(
        'endpoint in the same file',
        {},
        {
          with: {
            azurerm_private_endpoint: {
              pe: {
                private_service_connection: {
                  private_connection_resource_id: '${azurerm_storage_account.subject.id}',
                },
              },
            },
          },
        },
      ),
      fail('no endpoint', {}),
    ],
  },
  CKV2_AZURE_1: {
    type: ST,
    cases: [
      pass('customer_managed_key block', {
        customer_managed_key: { key_vault_key_id: '${azurerm_key_vault_key.k.versionless_id}' },
      }),
      pass(
        'standalone customer-managed key resource',
        {},
        {
          with: {
            azurerm_storage_account_customer_managed_key: {
              cmk: { storage_account_id: '${azurerm_storage_account.subject.id}', key_name: 'k' },
            },
          },
        },
      ),
      fail('managed HSM key does not count', {
        customer_managed_key: { managed_hsm_key_id: 'https://hsm.managedhsm.azure.net/keys/k' },
      }),
      fail('absent', {}),
    ],
  },
  CKV_AZURE_33: {
    type: ST,
    cases: [
      pass('kind without queues', { account_kind: 'BlockBlobStorage' }),
      pass('queue logging read, write, delete', {
        account_kind: 'StorageV2',
        queue_properties: { logging: { delete: true, read: true, write: true, version: '1.0' } },
      }),
      fail('StorageV2 without queue logging', { account_kind: 'StorageV2' }),
      fail('kind absent, read not logged', {
        queue_properties: { logging: { delete: true, read: false, write: true, version: '1.0' } },
      }),
    ],
  },
  CKV_AZURE_34: {
    type: 'azurerm_storage_container',
    cases: [
      pass('private', { container_access_type: 'private' }),
      pass('absent (default private)', {}),
      fail('blob', { container_access_type: 'blob' }),
    ],
  },
  // Network
  CKV_AZURE_10: { type: RULE, cases: portFixtures(22) },
  CKV_AZURE_9: { type: RULE, cases: portFixtures(3389) },
  CKV_AZURE_160: { type: RULE, cases: portFixtures(80) },
  CKV_AZURE_77: {
    type: NSG,
    cases: [
      fail('first inline rule UDP from *', {
        security_rule: [rule({ protocol: 'Udp', destination_port_range: '53', source_address_prefix: '*' })],
      }),
      pass('only the first inline rule is read', {
        security_rule: [
          rule({ name: 'a', destination_port_range: '443', source_address_prefix: '10.0.0.0/8' }),
          rule({ name: 'b', protocol: 'Udp', destination_port_range: '53', source_address_prefix: '*' }),
        ],
      }),
      pass('source_address_prefixes is not read', {
        security_rule: [
          rule({ protocol: 'Udp', destination_port_range: '53', source_address_prefixes: ['*'] }),
        ],
      }),
      fail(
        'standalone rule',
        rule({ protocol: 'Udp', destination_port_range: '53', source_address_prefix: 'Any' }),
        {
          type: RULE,
        },
      ),
    ],
  },
  CKV2_AZURE_31: {
    type: 'azurerm_subnet',
    cases: [
      pass(
        'associated in the same file',
        { name: 'aks' },
        {
          with: {
            azurerm_subnet_network_security_group_association: {
              a: {
                subnet_id: '${azurerm_subnet.subject.id}',
                network_security_group_id: '${azurerm_network_security_group.n.id}',
              },
            },
          },
        },
      ),
      fail('no association', { name: 'aks' }),
      fail(
        'GatewaySubnet fails even when associated',
        { name: 'GatewaySubnet' },
        {
          with: {
            azurerm_subnet_network_security_group_association: {
              a: {
                subnet_id: '${azurerm_subnet.subject.id}',
                network_security_group_id: '${azurerm_network_security_group.n.id}',
              },
            },
          },
        },
      ),
    ],
  },
  CKV_AZURE_12: {
    type: 'azurerm_network_watcher_flow_log',
    cases: [
      pass('90 days', { enabled: true, retention_policy: { enabled: true, days: 90 } }),
      pass('0 days (forever)', { enabled: true, retention_policy: { enabled: true, days: 0 } }),
      fail('30 days', { enabled: true, retention_policy: { enabled: true, days: 30 } }),
      fail('disabled', { enabled: false, retention_policy: { enabled: true, days: 90 } }),
    ],
  },
  CKV_AZURE_182: {
    type: 'azurerm_virtual_network',
    cases: [
      pass('Azure DNS', {}),
      pass('two servers', { dns_servers: ['10.0.0.4', '10.0.0.5'] }),
      fail('one server', { dns_servers: ['10.0.0.4'] }),
      fail(
        'one server (standalone resource)',
        { dns_servers: ['10.0.0.4'] },
        { type: 'azurerm_virtual_network_dns_servers' },
      ),
    ],
  },
};

function checkovIds(r: Rule): string[] {
  return [r.id, ...(r.aliases ?? [])].filter((id) => /^CKV2?_/.test(id));
}

function verdict(id: string, type: string, f: Fixture): 'pass' | 'fail' {
  const g = golden();
  const subjectType = f.type ?? type;
  const resource: Resources = { ...f.with, [subjectType]: { subject: f.attrs } };
  g.stacks[EAST] = { ...g.stacks[EAST]!, resource };
  if (f.elsewhere) g.stacks[CENTRAL] = { ...g.stacks[CENTRAL]!, resource: f.elsewhere };
  const rules = RULES.filter((r) => checkovIds(r).includes(id));
  const result = runPolicy(toOutput(g), { today: '2026-06-01', minSeverity: 'low', rules });
  const hit = result.findings.some((x) => x.stack === EAST && x.resource === `${subjectType}.subject`);
  return hit ? 'fail' : 'pass';
}

describe('same Checkov id, same verdict', () => {
  it('every Checkov id a rule carries has a passing and a failing fixture, and no fixture is orphaned', () => {
    const carried = [...new Set(RULES.flatMap(checkovIds))].sort();
    expect(Object.keys(PARITY).sort()).toEqual(carried);
    for (const [id, { cases }] of Object.entries(PARITY)) {
      expect([id, [...new Set(cases.map((c) => c.verdict))].sort()]).toEqual([id, ['fail', 'pass']]);
    }
  });

  it('an id is carried by one rule only, which is not skipped by capability or tier (Checkov checks everywhere)', () => {
    for (const id of new Set(RULES.flatMap(checkovIds))) {
      const carriers = RULES.filter((r) => checkovIds(r).includes(id));
      expect([id, carriers.length]).toEqual([id, 1]);
      expect([id, carriers[0]!.capability, carriers[0]!.tiers]).toEqual([id, undefined, undefined]);
    }
  });

  it('a rule that names a Checkov id only in its differs line does not carry it', () => {
    for (const r of RULES.filter((x) => x.differs)) {
      const named = [...r.differs!.matchAll(/CKV2?_AZURE_\d+/g)].map((m) => m[0]);
      expect([r.id, named.filter((id) => checkovIds(r).includes(id))]).toEqual([r.id, []]);
    }
  });

  const rows = Object.entries(PARITY).flatMap(([id, { type, cases }]) =>
    cases.map((f) => [`${id} ${f.verdict}s: ${f.label}`, id, type, f] as const),
  );
  it.each(rows)('%s', (_name, id, type, f) => {
    expect(verdict(id, type, f)).toBe(f.verdict);
  });
});
