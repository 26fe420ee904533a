/** Storage accounts and containers: Checkov CKV_AZURE_* / CKV2_AZURE_*, Trivy AVD-AZU-*, APRL. */
import { get, isFalse, num, show } from '../attrs';
import { attrRule, equals, notEquals, oneOf, resourceRule } from '../rule';
import type { Rule } from '../types';
import { privateEndpointRule } from './private-endpoint';

const ACCOUNT = 'azurerm_storage_account';

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
    aliases: ['CKV_AZURE_3'],
    severity: 'high',
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
  resourceRule({
    id: 'CKV_AZURE_59',
    aliases: ['CKV_AZURE_35', 'AVD-AZU-0012'],
    severity: 'high',
    title: 'Storage not open to public networks',
    types: [ACCOUNT],
    fix: 'Set public_network_access_enabled = false, or network_rules { default_action = "Deny" }.',
    test(r) {
      if (isFalse(r.attrs.public_network_access_enabled)) return undefined;
      if (get(r.attrs, 'network_rules.default_action') === 'Deny') return undefined;
      return {
        attribute: 'public_network_access_enabled',
        expected: 'false (or network_rules.default_action Deny)',
        found: show(r.attrs.public_network_access_enabled),
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
    aliases: ['APRL-03263c57', 'KICS-containers_without_soft_delete'],
    severity: 'medium',
    title: 'Storage blob and container soft delete for at least 7 days',
    types: [ACCOUNT],
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
