/** Key Vault, keys and secrets: Checkov CKV_AZURE_*, CKV2_AZURE_32, Trivy AVD-AZU-0013/0016, KICS, APRL. */
import { asList, isFalse, isSet, isTrue, num, show, strings } from '../attrs';
import { attrRule, equals, oneOf, resourceRule } from '../rule';
import type { Rule } from '../types';
import { diagnosticRule } from './monitoring';
import { privateEndpointRule } from './private-endpoint';

const VAULT = 'azurerm_key_vault';

export const keyVaultRules: Rule[] = [
  attrRule({
    id: 'CKV_AZURE_110',
    aliases: ['CKV_AZURE_42', 'APRL-70fcfe6d'],
    severity: 'high',
    title: 'Key Vault purge protection enabled',
    types: [VAULT],
    path: 'purge_protection_enabled',
    expected: 'true',
    ok: equals(true),
    absent: 'fail',
    fix: 'Set purge_protection_enabled = true.',
  }),
  resourceRule({
    id: 'AVD-AZU-0016',
    aliases: ['APRL-1cca00d2'],
    severity: 'low',
    title: 'Key Vault soft-delete retention set explicitly (7-90 days)',
    types: [VAULT],
    fix: 'Set soft_delete_retention_days = 90.',
    test(r) {
      const v = num(r.attrs.soft_delete_retention_days);
      return v !== undefined && v >= 7 && v <= 90
        ? undefined
        : {
            attribute: 'soft_delete_retention_days',
            expected: '7-90',
            found: show(r.attrs.soft_delete_retention_days),
          };
    },
  }),
  attrRule({
    id: 'CKV_AZURE_109',
    aliases: ['AVD-AZU-0013'],
    severity: 'critical',
    title: 'Key Vault firewall denies by default',
    types: [VAULT],
    path: 'network_acls.default_action',
    expected: 'Deny',
    ok: oneOf('Deny'),
    absent: 'fail',
    fix: 'Set network_acls { default_action = "Deny", bypass = "AzureServices" }.',
  }),
  resourceRule({
    id: 'CKV_AZURE_189',
    severity: 'high',
    title: 'Key Vault public network access disabled or limited',
    types: [VAULT],
    fix: 'Set public_network_access_enabled = false (or list network_acls ip_rules / subnets).',
    test(r) {
      if (isFalse(r.attrs.public_network_access_enabled)) return undefined;
      const limited = asList(r.attrs.network_acls).some(
        (a) => strings(a.ip_rules).length > 0 || strings(a.virtual_network_subnet_ids).length > 0,
      );
      return limited
        ? undefined
        : {
            attribute: 'public_network_access_enabled',
            expected: 'false',
            found: show(r.attrs.public_network_access_enabled),
          };
    },
  }),
  resourceRule({
    id: 'FP_KV_RBAC',
    severity: 'medium',
    title: 'Key Vault uses Azure RBAC, not access policies',
    types: [VAULT],
    fix: 'Set rbac_authorization_enabled = true.',
    test(r) {
      if (isTrue(r.attrs.rbac_authorization_enabled) || isTrue(r.attrs.enable_rbac_authorization))
        return undefined;
      return {
        attribute: 'rbac_authorization_enabled',
        expected: 'true',
        found: show(r.attrs.rbac_authorization_enabled),
      };
    },
  }),
  privateEndpointRule({
    id: 'CKV2_AZURE_32',
    severity: 'high',
    title: 'Key Vault reached through a private endpoint',
    type: VAULT,
    sameStack: true,
    fix: 'Add an azurerm_private_endpoint (subresource vault) whose private_connection_resource_id is the vault id.',
  }),
  diagnosticRule({
    id: 'KICS-vault_auditing_disabled',
    aliases: ['APRL-1dc0821d'],
    severity: 'medium',
    title: 'Key Vault audit events go to Log Analytics',
    type: VAULT,
    categories: [['AuditEvent', 'audit']],
    fix: 'Add a diagnostic setting on the vault with category AuditEvent (or category_group "allLogs").',
  }),
  attrRule({
    id: 'CKV_AZURE_40',
    aliases: ['AVD-AZU-0014'],
    severity: 'low',
    title: 'Key Vault keys expire',
    types: ['azurerm_key_vault_key'],
    path: 'expiration_date',
    expected: 'an RFC 3339 date',
    ok: isSet,
    absent: 'fail',
    fix: 'Set expiration_date and a rotation_policy.',
  }),
  attrRule({
    id: 'CKV_AZURE_112',
    severity: 'low',
    title: 'Key Vault keys are HSM-backed',
    types: ['azurerm_key_vault_key'],
    path: 'key_type',
    expected: 'RSA-HSM or EC-HSM',
    ok: oneOf('RSA-HSM', 'EC-HSM'),
    absent: 'fail',
    fix: 'Set key_type = "RSA-HSM" (Premium vault).',
  }),
  attrRule({
    id: 'KICS-azure_key_vault_key_rotation_disabled',
    severity: 'low',
    title: 'Key Vault keys rotate',
    types: ['azurerm_key_vault_key'],
    path: 'rotation_policy',
    expected: 'a rotation_policy block',
    ok: () => true,
    absent: 'fail',
    fix: 'Add rotation_policy { automatic { time_before_expiry = "P30D" }, expire_after = "P90D" }.',
  }),
  attrRule({
    id: 'CKV_AZURE_41',
    aliases: ['AVD-AZU-0017'],
    severity: 'low',
    title: 'Key Vault secrets expire',
    types: ['azurerm_key_vault_secret'],
    path: 'expiration_date',
    expected: 'an RFC 3339 date',
    ok: isSet,
    absent: 'fail',
    fix: 'Set expiration_date.',
  }),
  attrRule({
    id: 'CKV_AZURE_114',
    aliases: ['AVD-AZU-0015'],
    severity: 'low',
    title: 'Key Vault secrets declare a content type',
    types: ['azurerm_key_vault_secret'],
    path: 'content_type',
    expected: 'a content type',
    ok: isSet,
    absent: 'fail',
    fix: 'Set content_type (e.g. "text/plain").',
  }),
];
