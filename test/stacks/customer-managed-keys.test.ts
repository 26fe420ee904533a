/**
 * Customer-managed keys on the shipped matrix: prod-usgov, prod-dod and prod-ussec (their clouds' default for
 * prod) encrypt Cosmos DB, AKS disks and every storage account with a Key Vault key, and the JSON orders a first
 * deploy (identity → role → key → consumer); every other environment has no key at all.
 */
import { SHIPPED_ENVIRONMENTS, synthEnv, type TfJson } from '../helpers/synth-env';

const CMK_ENVS = ['prod-usgov', 'prod-dod', 'prod-ussec'];
type Body = Record<string, unknown>;

const bodies = (json: TfJson, type: string): [string, Body][] =>
  Object.entries(json.resource[type] ?? {}) as [string, Body][];
const only = (json: TfJson, type: string): [string, Body] => {
  const all = bodies(json, type);
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0]!;
};
const ref = (type: string, name: string, attr: string) => `\${${type}.${name}.${attr}}`;
const deps = (b: Body) => (b.depends_on ?? []) as string[];

/** The role assignment granting `identity` (an address) the crypto-user role on the key. */
function cryptoRole(json: TfJson, identity: string): string {
  const hit = bodies(json, 'azurerm_role_assignment').filter(
    ([, b]) =>
      b.role_definition_name === 'Key Vault Crypto Service Encryption User' &&
      b.principal_id === `\${${identity}.principal_id}`,
  );
  expect(hit).toHaveLength(1);
  const [name, body] = hit[0]!;
  const [key] = only(json, 'azurerm_key_vault_key');
  // Scoped to the one key, not the vault or wider.
  expect(body.scope).toBe(ref('azurerm_key_vault_key', key, 'resource_versionless_id'));
  return `azurerm_role_assignment.${name}`;
}

describe.each(CMK_ENVS)('%s synthesizes with customer-managed keys', (name) => {
  const { env, stacks } = synthEnv(name);
  const global = stacks[env.globalStackName]!;
  const stamps = env.stamps.map((s) => stacks[env.stampStackName(s.region)]!);

  it('is on by the cloud default, with HSM keys where the cloud has them', () => {
    expect(env.encryption).toMatchObject({ customerManagedKeys: true, source: 'cloud default' });
    // RSA-HSM in usgov (Premium vault); software RSA in ussec, where the Premium SKU is unconfirmed.
    const hsm = name !== 'prod-ussec';
    expect(env.cloud.supports('keyVaultHsmKeys')).toBe(hsm);
    expect(env.encryption.hsmKeys).toBe(hsm);
    for (const json of [global, ...stamps]) {
      const [, key] = only(json, 'azurerm_key_vault_key');
      expect(key).toMatchObject({
        key_type: hsm ? 'RSA-HSM' : 'RSA',
        key_size: 3072,
        key_opts: ['unwrapKey', 'wrapKey'],
        rotation_policy: { automatic: { time_after_creation: 'P180D' }, expire_after: 'P365D' },
        lifecycle: { ignore_changes: ['expiration_date'] },
      });
      // Every vault holding a key has purge protection, and the Premium SKU for HSM keys.
      const vaultRef = key.key_vault_id as string;
      const [vaultName, vault] = only(json, 'azurerm_key_vault');
      expect(vaultRef).toBe(ref('azurerm_key_vault', vaultName, 'id'));
      expect(vault).toMatchObject({ purge_protection_enabled: true, sku_name: hsm ? 'premium' : 'standard' });
      // The deployer can create the key before it is created.
      const officer = bodies(json, 'azurerm_role_assignment').find(
        ([, b]) => b.role_definition_name === 'Key Vault Crypto Officer',
      );
      expect(officer?.[1].scope).toBe(ref('azurerm_key_vault', vaultName, 'id'));
      expect(deps(key)).toEqual([`azurerm_role_assignment.${officer![0]}`]);
    }
    const features = (global.provider as Record<string, Body[]>).azurerm![0]!.features as Body[];
    expect(features).toEqual([{ key_vault: [{ purge_soft_deleted_keys_on_destroy: false }] }]);
  });

  it('Cosmos DB uses the versionless key through its user-assigned identity, after its role and key', () => {
    const [keyName] = only(global, 'azurerm_key_vault_key');
    const [, cosmos] = only(global, 'azurerm_cosmosdb_account');
    const identities = bodies(global, 'azurerm_user_assigned_identity');
    expect(identities).toHaveLength(1);
    const identity = `azurerm_user_assigned_identity.${identities[0]![0]}`;
    expect(cosmos).toMatchObject({
      key_vault_key_id: ref('azurerm_key_vault_key', keyName, 'versionless_id'),
      default_identity_type: `UserAssignedIdentity=\${${identity}.id}`,
      identity: { type: 'UserAssigned', identity_ids: [`\${${identity}.id}`] },
    });
    expect(deps(cosmos).sort()).toEqual(
      [cryptoRole(global, identity), `azurerm_key_vault_key.${keyName}`].sort(),
    );
  });

  it.each(env.stamps.map((s) => s.region))('stamp %s: AKS disks and storage use the stamp key', (region) => {
    const json = stacks[env.stampStackName(region)]!;
    const [keyName] = only(json, 'azurerm_key_vault_key');
    const key = `azurerm_key_vault_key.${keyName}`;
    const [desName, des] = only(json, 'azurerm_disk_encryption_set');
    const desIdentity = (des.identity as Body).identity_ids as string[];
    expect(des).toMatchObject({
      key_vault_key_id: ref('azurerm_key_vault_key', keyName, 'versionless_id'),
      auto_key_rotation_enabled: true,
      identity: { type: 'UserAssigned' },
      location: region,
    });
    const desUai = desIdentity[0]!.replace(/^\$\{(.*)\.id\}$/, '$1');
    expect(deps(des).sort()).toEqual([cryptoRole(json, desUai), key].sort());

    const [, cluster] = only(json, 'azurerm_kubernetes_cluster');
    // OS and data disks: the cluster-level set covers both ("the Nodes and Volumes").
    expect(cluster.disk_encryption_set_id).toBe(ref('azurerm_disk_encryption_set', desName, 'id'));
    expect(deps(cluster)).toContain(`azurerm_disk_encryption_set.${desName}`);
    // Managed OS disks: ephemeral ones cannot follow a key rotation.
    expect((cluster.default_node_pool as Body).os_disk_type).toBeUndefined();
    // The cluster identity reads the set, after the cluster exists.
    const reader = bodies(json, 'azurerm_role_assignment').find(
      ([, b]) => b.scope === ref('azurerm_disk_encryption_set', desName, 'id'),
    );
    expect(reader?.[1]).toMatchObject({ role_definition_name: 'Reader' });

    const accounts = bodies(json, 'azurerm_storage_account');
    expect(accounts.length).toBeGreaterThan(0);
    for (const [, st] of accounts) {
      const cmk = st.customer_managed_key as Body;
      expect(cmk.key_vault_key_id).toBe(ref('azurerm_key_vault_key', keyName, 'versionless_id'));
      expect(st.identity).toEqual({ type: 'UserAssigned', identity_ids: [cmk.user_assigned_identity_id] });
      const uai = (cmk.user_assigned_identity_id as string).replace(/^\$\{(.*)\.id\}$/, '$1');
      expect(deps(st).sort()).toEqual([cryptoRole(json, uai), key].sort());
    }
    // One identity per consumer: the set's and each storage account's differ.
    const uais = bodies(json, 'azurerm_user_assigned_identity').map(([n]) => n);
    expect(new Set(uais).size).toBe(uais.length);
  });
});

describe('environments without customer-managed keys', () => {
  const off = SHIPPED_ENVIRONMENTS.filter((e) => !CMK_ENVS.includes(e));

  it('are the public and China ones, by their clouds’ default', () => {
    expect(off.sort()).toEqual(['dev-public', 'prod-china', 'prod-public', 'staging-public']);
  });

  it.each(off)('%s has no key, disk encryption set or key settings', (name) => {
    const { env, stacks } = synthEnv(name);
    expect(env.encryption.customerManagedKeys).toBe(false);
    for (const json of Object.values(stacks)) {
      for (const t of [
        'azurerm_key_vault_key',
        'azurerm_disk_encryption_set',
        'azurerm_user_assigned_identity',
      ])
        expect(bodies(json, t).filter(([n]) => !n.startsWith('workload-identity'))).toEqual([]);
      for (const [, c] of bodies(json, 'azurerm_cosmosdb_account'))
        expect(c.key_vault_key_id).toBeUndefined();
      for (const [, c] of bodies(json, 'azurerm_kubernetes_cluster'))
        expect(c.disk_encryption_set_id).toBeUndefined();
      for (const [, s] of bodies(json, 'azurerm_storage_account'))
        expect(s.customer_managed_key).toBeUndefined();
    }
  });
});
