/**
 * A customer-managed key in a Key Vault and, per consumer (Cosmos DB, a disk encryption set, a storage account),
 * a user-assigned identity holding only "Key Vault Crypto Service Encryption User" on that key: read its metadata,
 * wrap and unwrap. The deployer gets "Key Vault Crypto Officer" on the vault to create the key (RBAC vaults have
 * no access policies). Consumers depend on their role assignment and the key (`dependsOn`), so a first deploy
 * creates identity → role → key → consumer in that order.
 */
import { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { KeyVaultKey } from '@cdktf/provider-azurerm/lib/key-vault-key';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';

/** Built-in roles (Key Vault RBAC guide, rbac-guide.md@00771b6d): names are the same in every cloud. */
export const CRYPTO_SERVICE_ENCRYPTION_USER = 'Key Vault Crypto Service Encryption User';
export const CRYPTO_OFFICER = 'Key Vault Crypto Officer';

/** Sizes Cosmos DB, managed disks and storage all accept (RSA or RSA-HSM 2048/3072/4096). */
export type KeySize = 2048 | 3072 | 4096;

export interface EncryptionKeyProps {
  readonly keyVaultId: string;
  readonly name: string;
  /** RSA-HSM (Premium vault) or software-protected RSA. */
  readonly hsm: boolean;
  readonly resourceGroupName: string;
  readonly location: string;
  /** One identity per consumer, by purpose (e.g. `cosmos`, `disks`): its name. */
  readonly consumers: Readonly<Record<string, string>>;
  /** @default 3072 */
  readonly size?: KeySize;
  /**
   * ISO 8601 durations of the rotation policy: a new version this long after creation, each version expiring
   * after `expireAfter`, with a notice `notifyBeforeExpiry` before.
   * @default { rotateAfter: 'P180D', expireAfter: 'P365D', notifyBeforeExpiry: 'P30D' }
   */
  readonly rotation?: {
    readonly rotateAfter: string;
    readonly expireAfter: string;
    readonly notifyBeforeExpiry: string;
  };
}

export interface KeyConsumer {
  readonly identity: UserAssignedIdentity;
  readonly role: RoleAssignment;
}

export class EncryptionKey extends Construct {
  readonly key: KeyVaultKey;
  readonly consumers: Readonly<Record<string, KeyConsumer>>;
  /** The deployer's Crypto Officer role on the vault (the key depends on it). */
  readonly officer: RoleAssignment;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    const rotation = props.rotation ?? {
      rotateAfter: 'P180D',
      expireAfter: 'P365D',
      notifyBeforeExpiry: 'P30D',
    };
    const deployer = new DataAzurermClientConfig(this, 'deployer', {});
    this.officer = new RoleAssignment(this, 'deployer-crypto-officer', {
      scope: props.keyVaultId,
      roleDefinitionName: CRYPTO_OFFICER,
      principalId: deployer.objectId,
    });
    this.key = new KeyVaultKey(this, 'key', {
      name: props.name,
      keyVaultId: props.keyVaultId,
      keyType: props.hsm ? 'RSA-HSM' : 'RSA',
      keySize: props.size ?? 3072,
      // Only what envelope encryption needs.
      keyOpts: ['unwrapKey', 'wrapKey'],
      rotationPolicy: {
        automatic: { timeAfterCreation: rotation.rotateAfter },
        expireAfter: rotation.expireAfter,
        notifyBeforeExpiry: rotation.notifyBeforeExpiry,
      },
      dependsOn: [this.officer],
    });
    // Rotation gives each new version an expiry the configuration does not hold; removing a read-back
    // expiration_date would replace the key (azurerm ForceNewIfChange; hashicorp/terraform-provider-azurerm#22838).
    this.key.addOverride('lifecycle.ignore_changes', ['expiration_date']);

    const consumers: Record<string, KeyConsumer> = {};
    for (const [purpose, name] of Object.entries(props.consumers)) {
      const identity = new UserAssignedIdentity(this, `identity-${purpose}`, {
        name,
        resourceGroupName: props.resourceGroupName,
        location: props.location,
      });
      const role = new RoleAssignment(this, `crypto-user-${purpose}`, {
        scope: this.key.resourceVersionlessId,
        roleDefinitionName: CRYPTO_SERVICE_ENCRYPTION_USER,
        principalId: identity.principalId,
        principalType: 'ServicePrincipal',
      });
      consumers[purpose] = { identity, role };
    }
    this.consumers = consumers;
  }

  /** Versionless key id: consumers follow rotation to the newest version. */
  get versionlessId(): string {
    return this.key.versionlessId;
  }

  /** What a consumer of `purpose` must wait for on a first deploy: its role on the key, and the key. */
  dependencies(purpose: string): ITerraformDependable[] {
    const c = this.consumers[purpose];
    if (!c) throw new Error(`no key consumer "${purpose}"`);
    return [c.role, this.key];
  }

  consumer(purpose: string): KeyConsumer {
    const c = this.consumers[purpose];
    if (!c) throw new Error(`no key consumer "${purpose}"`);
    return c;
  }
}
