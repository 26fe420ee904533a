/** Storage accounts and containers: Checkov CKV_AZURE_* / CKV2_AZURE_*, Trivy AVD-AZU-*, APRL. */
import { referencesIn } from '../../contract/out';
import { get, isFalse, isSet, isTrue, num, show } from '../attrs';
import { sameStack } from '../lookup';
import { attrRule, equals, notEquals, oneOf, resourceRule } from '../rule';
import type { Rule } from '../types';
import { privateEndpointRule } from './private-endpoint';

const ACCOUNT = 'azurerm_storage_account';
const ACCOUNT_CMK = 'azurerm_storage_account_customer_managed_key';

export const storageRules: Rule[] = [
  attrRule({
    id: 'CKV_AZURE_44',
    aliases: ['AVD-AZU-0011'],
    severity: 'medium',
    title: 'Storage requires TLS 1.2 or later (explicitly)',
    types: [ACCOUNT],
    path: 'min_tls_version',
    expected: 'TLS1_2 or TLS1_3',
    ok: oneOf('TLS1_2', 'TLS1_3'),
    absent: 'fail',
    fix: 'Set min_tls_version = "TLS1_2".',
  }),
  attrRule({
    id: 'AVD-AZU-0008',
    severity: 'high',
    differs:
      'ports CKV_AZURE_3, which reads only the 3.x name enable_https_traffic_only and so passes every azurerm 4.x account.',
    title: 'Storage accepts HTTPS only',
    types: [ACCOUNT],
    path: 'https_traffic_only_enabled',
    expected: 'true or absent',
    ok: notEquals(false),
    absent: 'pass',
    fix: 'Remove https_traffic_only_enabled = false.',
  }),
  attrRule({
    id: 'CKV_AZURE_190',
    aliases: ['CKV2_AZURE_47'],
    severity: 'high',
    title: 'Storage forbids anonymous blob access',
    types: [ACCOUNT],
    path: 'allow_nested_items_to_be_public',
    expected: 'false',
    ok: equals(false),
    absent: 'fail',
    fix: 'Set allow_nested_items_to_be_public = false (the 4.x default is true).',
  }),
  attrRule({
    id: 'CKV2_AZURE_40',
    severity: 'medium',
    title: 'Storage shared keys disabled (Entra ID only)',
    types: [ACCOUNT],
    path: 'shared_access_key_enabled',
    expected: 'false',
    ok: equals(false),
    absent: 'fail',
    fix: 'Set shared_access_key_enabled = false and use Entra ID (backend use_azuread_auth = true).',
  }),
  attrRule({
    id: 'CKV_AZURE_59',
    severity: 'high',
    title: 'Storage public network access disabled',
    types: [ACCOUNT],
    // Like Checkov: the firewall (network_rules) does not count; the trusted-service bypass still applies.
    path: 'public_network_access_enabled',
    expected: 'false',
    ok: equals(false),
    absent: 'fail',
    fix: 'Set public_network_access_enabled = false (keep network_rules bypass AzureServices for trusted services).',
  }),
  attrRule({
    id: 'AVD-AZU-0012',
    severity: 'high',
    title: 'Storage firewall denies by default',
    types: [ACCOUNT],
    differs:
      'ports CKV_AZURE_35 stricter: Checkov gives no verdict (UNKNOWN) when network_rules.default_action is absent; this fails it.',
    path: 'network_rules.default_action',
    expected: 'Deny',
    ok: oneOf('Deny'),
    absent: 'fail',
    fix: 'Set network_rules { default_action = "Deny", bypass = ["AzureServices"] }.',
  }),
  resourceRule({
    id: 'CKV2_AZURE_41',
    severity: 'medium',
    title: 'Storage shared keys off, or account SAS bounded by an expiration policy',
    types: [ACCOUNT],
    fix: 'Set shared_access_key_enabled = false, or write shared_access_key_enabled = true explicitly with sas_policy { expiration_period = "1.00:00:00" }.',
    test(r) {
      const shared = r.attrs.shared_access_key_enabled;
      if (isFalse(shared)) return undefined;
      // Checkov fails an absent shared_access_key_enabled even with a sas_policy: it must be written.
      const period = get(r.attrs, 'sas_policy.expiration_period');
      if (isTrue(shared) && typeof period === 'string' && period.length > 0) return undefined;
      return {
        attribute: isTrue(shared) ? 'sas_policy.expiration_period' : 'shared_access_key_enabled',
        expected: 'shared_access_key_enabled = false, or true (explicit) with sas_policy.expiration_period',
        found: `shared_access_key_enabled=${show(shared)}, sas_policy.expiration_period=${show(period)}`,
      };
    },
  }),
  resourceRule({
    id: 'CKV2_AZURE_1',
    aliases: ['AVD-AZU-0060'],
    severity: 'medium',
    title: 'Storage encrypted with a customer-managed key',
    types: [ACCOUNT],
    fix: 'Turn on encryption.customerManagedKeys for the environment (customer_managed_key with a Key Vault key).',
    test(r, ctx) {
      if (isSet(get(r.attrs, 'customer_managed_key.key_vault_key_id'))) return undefined;
      // Checkov's graph: a standalone key resource of the same file that references the account.
      const standalone = sameStack(ctx.resources(ACCOUNT_CMK), r.stack).some((k) =>
        referencesIn(k.attrs.storage_account_id).includes(r.address),
      );
      return standalone
        ? undefined
        : {
            attribute: 'customer_managed_key.key_vault_key_id',
            expected: `a Key Vault key id (or an ${ACCOUNT_CMK})`,
            found: show(get(r.attrs, 'customer_managed_key.key_vault_key_id')),
          };
    },
  }),
  resourceRule({
    id: 'CKV_AZURE_33',
    severity: 'low',
    title: 'Storage queue service logs reads, writes and deletes',
    types: [ACCOUNT],
    fix: 'Add queue_properties { logging { read = true, write = true, delete = true, version = "1.0" } } (deprecated in azurerm 4.x, needs data-plane access).',
    test(r) {
      const kind = r.attrs.account_kind;
      // Checkov exempts only kinds written out that have no queue service.
      if (typeof kind === 'string' && kind !== 'Storage' && kind !== 'StorageV2') return undefined;
      const logging = get(r.attrs, 'queue_properties.logging');
      const on = (k: string) => isTrue(get(r.attrs, `queue_properties.logging.${k}`));
      if (on('delete') && on('write') && on('read')) return undefined;
      return {
        attribute: 'queue_properties.logging',
        expected: 'delete, write and read true',
        found: show(logging),
      };
    },
  }),
  attrRule({
    id: 'CKV_AZURE_206',
    aliases: ['AVD-AZU-0058', 'APRL-e6c7e1cc'],
    severity: 'medium',
    title: 'Storage replicated to the paired region',
    types: [ACCOUNT],
    path: 'account_replication_type',
    expected: 'GRS, RAGRS, GZRS or RAGZRS',
    ok: oneOf('GRS', 'RAGRS', 'GZRS', 'RAGZRS'),
    absent: 'fail',
    fix: 'Set account_replication_type = "GZRS" (or "GRS" in regions without zones).',
  }),
  resourceRule({
    id: 'CKV2_AZURE_38',
    severity: 'medium',
    title: 'Storage blob soft delete enabled',
    types: [ACCOUNT],
    fix: 'Set blob_properties { delete_retention_policy { days = 7 } } (FileStorage accounts have no blobs: use another kind).',
    test(r) {
      // Checkov: a retention block (or days > 0), on any kind but FileStorage, which fails.
      const block = get(r.attrs, 'blob_properties.delete_retention_policy');
      const ok = block !== undefined && block !== null && r.attrs.account_kind !== 'FileStorage';
      return ok
        ? undefined
        : {
            attribute: 'blob_properties.delete_retention_policy',
            expected: 'a delete_retention_policy block, account_kind not FileStorage',
            found: `account_kind=${show(r.attrs.account_kind)}, delete_retention_policy=${show(block)}`,
          };
    },
  }),
  resourceRule({
    id: 'APRL-03263c57',
    aliases: ['KICS-containers_without_soft_delete'],
    severity: 'medium',
    title: 'Storage blob and container soft delete for at least 7 days',
    types: [ACCOUNT],
    differs: 'stricter than CKV2_AZURE_38: at least 7 days on both the blob and the container policy.',
    fix: 'Set blob_properties { delete_retention_policy { days = 7 }, container_delete_retention_policy { days = 7 } }.',
    test(r) {
      if (r.attrs.account_kind === 'FileStorage') return undefined;
      const out = [];
      for (const p of [
        'blob_properties.delete_retention_policy.days',
        'blob_properties.container_delete_retention_policy.days',
      ]) {
        const v = get(r.attrs, p);
        if ((num(v) ?? 0) < 7) out.push({ attribute: p, expected: '>= 7', found: show(v) });
      }
      return out;
    },
  }),
  attrRule({
    id: 'APRL-8ebda7c0',
    aliases: ['KICS-azure_storage_account_versioning_disabled'],
    severity: 'low',
    title: 'Storage blob versioning enabled',
    types: [ACCOUNT],
    path: 'blob_properties.versioning_enabled',
    expected: 'true',
    ok: equals(true),
    absent: 'fail',
    fix: 'Set blob_properties.versioning_enabled = true.',
  }),
  privateEndpointRule({
    id: 'CKV2_AZURE_33',
    severity: 'high',
    title: 'Storage reached through a private endpoint',
    type: ACCOUNT,
    sameStack: true,
    fix: 'Add an azurerm_private_endpoint (subresource blob) whose private_connection_resource_id is the account id.',
  }),
  attrRule({
    id: 'CKV_AZURE_34',
    aliases: ['AVD-AZU-0007'],
    severity: 'high',
    title: 'Storage containers are private',
    types: ['azurerm_storage_container'],
    path: 'container_access_type',
    expected: 'private',
    ok: oneOf('private'),
    absent: 'pass',
    fix: 'Set container_access_type = "private".',
  }),
];
