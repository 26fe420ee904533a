/**
 * A disk encryption set: managed disks (AKS OS and data disks) encrypted with a customer-managed key through a
 * user-assigned identity that already holds its crypto role (granted before the set exists, so the first deploy
 * needs no retry). Auto key rotation follows the versionless key to each new version.
 */
import { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';
import { DiskEncryptionSet } from '@cdktf/provider-azurerm/lib/disk-encryption-set';

export interface DiskEncryptionProps {
  readonly name: string;
  readonly resourceGroupName: string;
  /** Must be the key vault's region (managed-disk CMK restriction). */
  readonly location: string;
  /** Versionless key id (auto rotation needs versionless; azurerm rejects a version). */
  readonly keyVaultKeyId: string;
  /** User-assigned identity with "Key Vault Crypto Service Encryption User" on the key. */
  readonly identityId: string;
  /** The identity's role assignment and the key. */
  readonly dependsOn: readonly ITerraformDependable[];
}

export class DiskEncryption extends Construct {
  readonly set: DiskEncryptionSet;

  constructor(scope: Construct, id: string, props: DiskEncryptionProps) {
    super(scope, id);
    this.set = new DiskEncryptionSet(this, 'set', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      keyVaultKeyId: props.keyVaultKeyId,
      autoKeyRotationEnabled: true,
      encryptionType: 'EncryptionAtRestWithCustomerKey',
      identity: { type: 'UserAssigned', identityIds: [props.identityId] },
      dependsOn: [...props.dependsOn],
    });
  }
}
