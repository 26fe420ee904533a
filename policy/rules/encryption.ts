/**
 * Customer-managed keys where the environment asks for them (footprint.json `encryption.customerManagedKeys`):
 * Cosmos DB, AKS disks and every storage account use a Key Vault key through a user-assigned identity, and each
 * consumer waits for its identity's crypto role and its key on a first deploy (depends_on), since Azure refuses
 * a key the identity cannot unwrap yet.
 */
import { asList, block, referencesIn, type Json, type Resource } from '../../contract/out';
import { get, isSet, show, strings } from '../attrs';
import { sameStack } from '../lookup';
import { resourceRule, type Violation } from '../rule';
import type { Rule, RuleContext } from '../types';

const COSMOS = 'azurerm_cosmosdb_account';
const CLUSTER = 'azurerm_kubernetes_cluster';
const STORAGE = 'azurerm_storage_account';
const DES = 'azurerm_disk_encryption_set';
const CRYPTO_USER = 'Key Vault Crypto Service Encryption User';
const FIX_ON =
  'Synthesize with encryption.customerManagedKeys on (the stacks wire the key, identity and role).';

function cmkRequired(ctx: RuleContext): boolean {
  return ctx.env.encryption?.customerManagedKeys === true;
}

/** Only where the environment asks for customer-managed keys. */
function whenRequired(
  test: (r: Resource, ctx: RuleContext) => Violation | readonly Violation[] | undefined,
): (r: Resource, ctx: RuleContext) => Violation | readonly Violation[] | undefined {
  return (r, ctx) => (cmkRequired(ctx) ? test(r, ctx) : undefined);
}

const missing = (attribute: string, expected: string, v: Json | undefined): Violation => ({
  attribute,
  expected,
  found: show(v),
});

/** The user-assigned identities of an `identity` block. */
function userAssigned(r: Resource): string[] {
  const id = block(r.attrs.identity);
  return String(id?.type ?? '').includes('UserAssigned') ? strings(id?.identity_ids) : [];
}

/**
 * First-deploy ordering: `depends_on` names the key the resource uses and a crypto-user role assignment of one
 * of its identities (a role granted after the consumer is created fails the create).
 */
function orderViolation(r: Resource, ctx: RuleContext, keyRef: Json | undefined): Violation | undefined {
  const deps = strings(r.attrs.depends_on);
  const keys = referencesIn(keyRef).filter((a) => a.startsWith('azurerm_key_vault_key.'));
  const identities = new Set(userAssigned(r).flatMap((i) => referencesIn(i)));
  const roles = sameStack(ctx.resources('azurerm_role_assignment'), r.stack)
    .filter(
      (ra) =>
        ra.attrs.role_definition_name === CRYPTO_USER &&
        referencesIn(ra.attrs.principal_id).some((p) => identities.has(p)),
    )
    .map((ra) => ra.address);
  const keyOk = keys.every((k) => deps.includes(k));
  const roleOk = roles.some((a) => deps.includes(a));
  if (keyOk && roleOk) return undefined;
  return {
    attribute: 'depends_on',
    expected: `the key (${keys.join(', ') || 'none referenced'}) and the identity's "${CRYPTO_USER}" role assignment (${roles.join(', ') || 'none found'})`,
    found: show(r.attrs.depends_on),
  };
}

export const encryptionRules: Rule[] = [
  resourceRule({
    id: 'FP_CMK_COSMOS',
    severity: 'high',
    title:
      'Cosmos DB uses the customer-managed key through a user-assigned identity where the environment requires it',
    types: [COSMOS],
    fix: FIX_ON,
    test: whenRequired((r, ctx) => {
      const key = r.attrs.key_vault_key_id;
      if (!isSet(key)) return missing('key_vault_key_id', 'a versionless Key Vault key id', key);
      const ids = userAssigned(r);
      const dit = r.attrs.default_identity_type;
      if (typeof dit !== 'string' || !ids.some((i) => dit === `UserAssignedIdentity=${i}`))
        return missing(
          'default_identity_type',
          'UserAssignedIdentity=<an identity of its identity block> (continuous backup accepts no other)',
          dit,
        );
      return orderViolation(r, ctx, key);
    }),
  }),
  resourceRule({
    id: 'FP_CMK_AKS',
    severity: 'high',
    title: 'AKS OS and data disks use a disk encryption set where the environment requires it',
    types: [CLUSTER],
    fix: FIX_ON,
    test: whenRequired((r) => {
      const des = r.attrs.disk_encryption_set_id;
      if (!isSet(des)) return missing('disk_encryption_set_id', 'a disk encryption set id', des);
      const deps = strings(r.attrs.depends_on);
      const sets = referencesIn(des).filter((a) => a.startsWith(`${DES}.`));
      return sets.every((s) => deps.includes(s))
        ? undefined
        : missing('depends_on', `the disk encryption set (${sets.join(', ')})`, r.attrs.depends_on);
    }),
  }),
  resourceRule({
    id: 'FP_CMK_DISK_ENCRYPTION_SET',
    severity: 'high',
    title: 'A disk encryption set uses a user-assigned identity granted its crypto role first',
    types: [DES],
    fix: FIX_ON,
    test: whenRequired((r, ctx) => {
      if (userAssigned(r).length === 0)
        return missing(
          'identity',
          'type UserAssigned with the identity holding the crypto role',
          r.attrs.identity,
        );
      return orderViolation(r, ctx, r.attrs.key_vault_key_id);
    }),
  }),
  resourceRule({
    id: 'FP_CMK_STORAGE',
    severity: 'high',
    title:
      'Storage accounts use the customer-managed key through a user-assigned identity where the environment requires it',
    types: [STORAGE],
    fix: FIX_ON,
    test: whenRequired((r, ctx) => {
      const cmk = asList(r.attrs.customer_managed_key)[0];
      const key = get(cmk, 'key_vault_key_id');
      if (!isSet(key)) return missing('customer_managed_key.key_vault_key_id', 'a Key Vault key id', key);
      const uai = get(cmk, 'user_assigned_identity_id');
      if (typeof uai !== 'string' || !userAssigned(r).includes(uai))
        return missing(
          'customer_managed_key.user_assigned_identity_id',
          'an identity of the account identity block',
          uai,
        );
      return orderViolation(r, ctx, key);
    }),
  }),
];
