/**
 * Customer-managed key wiring in one scope: the key and its rotation, one identity per consumer with only the
 * crypto-user role on the key, a disk encryption set, and Cosmos DB, AKS and storage using them, each created
 * after its identity's role and the key (depends_on).
 */
import { Construct } from 'constructs';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { StampCluster, type StampClusterProps } from '../../constructs/aks';
import { Cosmos } from '../../constructs/cosmos';
import { DiskEncryption } from '../../constructs/disk-encryption';
import {
  CRYPTO_OFFICER,
  CRYPTO_SERVICE_ENCRYPTION_USER,
  EncryptionKey,
  type EncryptionKeyProps,
} from '../../constructs/encryption-key';
import { StampNetwork } from '../../constructs/network';
import { stampAddressPlan } from '../../model/address-plan';
import { environmentSchema } from '../../config/schema/environment';
import { synth, type Synthesized } from '../helpers/synth-construct';

const vault = (scope: Construct) =>
  new KeyVault(scope, 'vault', {
    name: 'kv-x',
    resourceGroupName: 'rg',
    location: 'eastus2',
    tenantId: '00000000-0000-0000-0000-000000000002',
    skuName: 'premium',
    purgeProtectionEnabled: true,
  });
const keyProps = (keyVaultId: string, over: Partial<EncryptionKeyProps> = {}): EncryptionKeyProps => ({
  keyVaultId,
  name: 'stamp',
  hsm: true,
  resourceGroupName: 'rg',
  location: 'eastus2',
  consumers: { disks: 'id-disks', storage: 'id-storage' },
  ...over,
});
const named = (s: Synthesized, type: string) => Object.entries(s.json.resource[type] ?? {});
const addressOf = (s: Synthesized, type: string, pred: (b: Record<string, unknown>) => boolean) => {
  const hit = named(s, type).filter(([, b]) => pred(b));
  expect(hit).toHaveLength(1);
  return `${type}.${hit[0]![0]}`;
};

describe('EncryptionKey', () => {
  it('creates an RSA-HSM 3072 wrap/unwrap key with a rotation policy, after the deployer may create it', () => {
    const s = synth((scope) => new EncryptionKey(scope, 'cmk', keyProps(vault(scope).id)));
    const key = s.one('azurerm_key_vault_key');
    expect(key).toMatchObject({
      name: 'stamp',
      key_type: 'RSA-HSM',
      key_size: 3072,
      key_opts: ['unwrapKey', 'wrapKey'],
      rotation_policy: {
        automatic: { time_after_creation: 'P180D' },
        expire_after: 'P365D',
        notify_before_expiry: 'P30D',
      },
      lifecycle: { ignore_changes: ['expiration_date'] },
    });
    expect(key.expiration_date).toBeUndefined();
    const officer = addressOf(s, 'azurerm_role_assignment', (b) => b.role_definition_name === CRYPTO_OFFICER);
    expect(key.depends_on).toEqual([officer]);
    const [, officerBody] = named(s, 'azurerm_role_assignment').find(
      ([, b]) => b.role_definition_name === CRYPTO_OFFICER,
    )!;
    expect(officerBody.scope).toBe('${azurerm_key_vault.vault.id}');
    expect(officerBody.principal_id).toMatch(
      /^\$\{data\.azurerm_client_config\.cmk_deployer_\w+\.object_id\}$/,
    );
  });

  it('falls back to a software RSA key where the cloud has no HSM keys, and takes other sizes', () => {
    const s = synth((scope) => new EncryptionKey(scope, 'cmk', keyProps('/kv', { hsm: false, size: 2048 })));
    expect(s.one('azurerm_key_vault_key')).toMatchObject({ key_type: 'RSA', key_size: 2048 });
  });

  it('gives each consumer its own identity with only the crypto-user role, scoped to the key', () => {
    const s = synth((scope) => new EncryptionKey(scope, 'cmk', keyProps('/kv')));
    const identities = s.of('azurerm_user_assigned_identity').map((b) => b.name);
    expect(identities.sort()).toEqual(['id-disks', 'id-storage']);
    const users = s
      .of('azurerm_role_assignment')
      .filter((b) => b.role_definition_name === CRYPTO_SERVICE_ENCRYPTION_USER);
    expect(users).toHaveLength(2);
    const key = addressOf(s, 'azurerm_key_vault_key', () => true);
    for (const u of users) {
      expect(u.scope).toBe(`\${${key}.resource_versionless_id}`);
      expect(u.principal_type).toBe('ServicePrincipal');
    }
    // No identity gets anything else (the only other role is the deployer's Crypto Officer).
    expect(s.of('azurerm_role_assignment')).toHaveLength(3);
  });

  it('refuses an unknown consumer', () => {
    expect(() =>
      synth((scope) => {
        new EncryptionKey(scope, 'cmk', keyProps('/kv')).dependencies('cosmos');
      }),
    ).toThrow(/no key consumer "cosmos"/);
  });
});

describe('consumers of the key', () => {
  it('a disk encryption set uses the versionless key with auto rotation, after its role and the key', () => {
    const s = synth((scope) => {
      const k = new EncryptionKey(scope, 'cmk', keyProps('/kv'));
      new DiskEncryption(scope, 'des', {
        name: 'des-x',
        resourceGroupName: 'rg',
        location: 'eastus2',
        keyVaultKeyId: k.versionlessId,
        identityId: k.consumer('disks').identity.id,
        dependsOn: k.dependencies('disks'),
      });
    });
    const des = s.one('azurerm_disk_encryption_set');
    const key = addressOf(s, 'azurerm_key_vault_key', () => true);
    const uai = addressOf(s, 'azurerm_user_assigned_identity', (b) => b.name === 'id-disks');
    const role = addressOf(s, 'azurerm_role_assignment', (b) => b.principal_id === `\${${uai}.principal_id}`);
    expect(des).toMatchObject({
      key_vault_key_id: `\${${key}.versionless_id}`,
      auto_key_rotation_enabled: true,
      encryption_type: 'EncryptionAtRestWithCustomerKey',
      identity: { type: 'UserAssigned', identity_ids: [`\${${uai}.id}`] },
    });
    expect(des.depends_on).toEqual([role, key]);
  });

  it('Cosmos DB takes the key with a user-assigned default identity, and nothing without one', () => {
    const props = {
      name: 'cosmos-x',
      resourceGroupName: 'rg',
      regions: [{ location: 'eastus2', zones: true }],
      databases: [],
    };
    const s = synth((scope) => {
      const k = new EncryptionKey(scope, 'cmk', keyProps('/kv', { consumers: { cosmos: 'id-cosmos' } }));
      new Cosmos(scope, 'cosmos', {
        ...props,
        customerManagedKey: {
          keyVaultKeyId: k.versionlessId,
          identityId: k.consumer('cosmos').identity.id,
          dependsOn: k.dependencies('cosmos'),
        },
      });
    });
    const account = s.one('azurerm_cosmosdb_account');
    const uai = addressOf(s, 'azurerm_user_assigned_identity', () => true);
    expect(account).toMatchObject({
      key_vault_key_id: `\${${addressOf(s, 'azurerm_key_vault_key', () => true)}.versionless_id}`,
      default_identity_type: `UserAssignedIdentity=\${${uai}.id}`,
      identity: { type: 'UserAssigned', identity_ids: [`\${${uai}.id}`] },
    });
    expect(account.depends_on).toHaveLength(2);
    const plain = synth((scope) => new Cosmos(scope, 'cosmos', props)).one('azurerm_cosmosdb_account');
    for (const k of ['key_vault_key_id', 'default_identity_type', 'identity', 'depends_on'])
      expect(plain[k]).toBeUndefined();
  });

  it('AKS uses the set for OS and data disks, keeps managed OS disks, and lets its identity read the set', () => {
    const aks = environmentSchema.parse({
      name: 'x',
      cloud: 'public',
      tier: 'dev',
      prefix: 'fp',
      subscriptionId: '00000000-0000-0000-0000-000000000001',
      tenantId: '00000000-0000-0000-0000-000000000002',
      owner: 'a@b.c',
      costCenter: 'CC',
      regions: [{ name: 'eastus2', addressSpace: '10.0.0.0/20' }],
      monitoring: { contacts: ['a@b.c'] },
      state: { backend: 'local' },
    }).aks;
    const base: StampClusterProps = {
      resourceGroupName: 'rg',
      location: 'eastus2',
      name: 'aks-x',
      dnsPrefix: 'aks-x',
      nodeResourceGroupName: 'rg-x-aks',
      tenantId: '00000000-0000-0000-0000-000000000002',
      config: aks,
      zones: [],
      nodeSubnetId: '/subnet/nodes',
      networkScopeId: '/rg',
      workspaceId: '/law',
      skuTier: 'Standard',
      containerInsights: false,
      managedPrometheus: false,
      defender: false,
    };
    const s = synth((scope) => {
      const k = new EncryptionKey(scope, 'cmk', keyProps('/kv'));
      const des = new DiskEncryption(scope, 'des', {
        name: 'des-x',
        resourceGroupName: 'rg',
        location: 'eastus2',
        keyVaultKeyId: k.versionlessId,
        identityId: k.consumer('disks').identity.id,
        dependsOn: k.dependencies('disks'),
      });
      new StampCluster(scope, 'aks', {
        ...base,
        diskEncryption: { diskEncryptionSetId: des.set.id, dependsOn: [des.set] },
      });
    });
    const cluster = s.one('azurerm_kubernetes_cluster');
    const set = addressOf(s, 'azurerm_disk_encryption_set', () => true);
    expect(cluster.disk_encryption_set_id).toBe(`\${${set}.id}`);
    expect(cluster.depends_on).toEqual([set]);
    expect((cluster.default_node_pool as Record<string, unknown>).os_disk_type).toBeUndefined();
    const reader = s.of('azurerm_role_assignment').find((b) => b.scope === `\${${set}.id}`);
    expect(reader).toMatchObject({ role_definition_name: 'Reader', principal_type: 'ServicePrincipal' });
    expect(String(reader!.principal_id)).toContain('azurerm_kubernetes_cluster.');
    // Without a set: no reader role and no disk_encryption_set_id.
    const plain = synth((scope) => new StampCluster(scope, 'aks', base));
    expect(plain.one('azurerm_kubernetes_cluster').disk_encryption_set_id).toBeUndefined();
    expect(plain.of('azurerm_role_assignment').map((b) => b.role_definition_name)).toEqual([
      'Network Contributor',
    ]);
  });

  it('the flow-log storage account takes the key in place through its own identity', () => {
    const s = synth((scope) => {
      const k = new EncryptionKey(scope, 'cmk', keyProps('/kv'));
      const net = new StampNetwork(scope, 'network', {
        resourceGroupName: 'rg',
        location: 'eastus2',
        plan: stampAddressPlan('10.0.0.0/20'),
        vnetName: 'vnet-x',
        subnetName: (r) => `snet-${r}`,
        nsgName: (r) => `nsg-${r}`,
        ingressSource: 'Internet',
        ingressAddress: '1.2.3.4',
        workspaceId: '/law',
        flowLogs: {
          storageAccountName: stName,
          workspaceResourceId: '/law',
          workspaceCustomerId: 'guid',
          workspaceRegion: 'eastus2',
        },
      });
      net.encryptFlowLogStorage({
        keyVaultKeyId: k.versionlessId,
        identityId: k.consumer('storage').identity.id,
        dependsOn: k.dependencies('storage'),
      });
    });
    const st = s.one('azurerm_storage_account');
    const uai = addressOf(s, 'azurerm_user_assigned_identity', (b) => b.name === 'id-storage');
    const role = addressOf(s, 'azurerm_role_assignment', (b) => b.principal_id === `\${${uai}.principal_id}`);
    expect(st.identity).toEqual({ type: 'UserAssigned', identity_ids: [`\${${uai}.id}`] });
    expect(st.customer_managed_key).toEqual({
      key_vault_key_id: `\${${addressOf(s, 'azurerm_key_vault_key', () => true)}.versionless_id}`,
      user_assigned_identity_id: `\${${uai}.id}`,
    });
    expect(st.depends_on).toEqual([role, addressOf(s, 'azurerm_key_vault_key', () => true)]);
  });
});

const stName = 'stxflow';
