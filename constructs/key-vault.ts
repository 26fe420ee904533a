/**
 * A stamp's Key Vault: Azure RBAC only (no access policies), purge protection, an explicit soft-delete window,
 * and no public network access: it is reached through its private endpoint only.
 */
import { Construct } from 'constructs';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { Diagnostics } from './diagnostics';

export interface StampKeyVaultProps {
  readonly resourceGroupName: string;
  readonly location: string;
  readonly name: string;
  readonly tenantId: string;
  /** The cloud's Key Vault DNS suffix (`cloud.suffix('keyVault')`), for the vault URI. */
  readonly dnsSuffix: string;
  readonly workspaceId: string;
  /**
   * Days a deleted vault or secret can be recovered (7-90).
   * @default 90
   */
  readonly softDeleteRetentionDays?: number;
  /**
   * @default 'standard'
   */
  readonly skuName?: 'standard' | 'premium';
}

export class StampKeyVault extends Construct {
  readonly vault: KeyVault;
  /** `https://<name>.<suffix>/`, known at synth time. */
  readonly uri: string;

  constructor(scope: Construct, id: string, props: StampKeyVaultProps) {
    super(scope, id);
    const retention = props.softDeleteRetentionDays ?? 90;
    if (retention < 7 || retention > 90)
      throw new Error(`soft-delete retention must be 7-90 days, got ${retention}`);
    this.vault = new KeyVault(this, 'vault', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tenantId: props.tenantId,
      skuName: props.skuName ?? 'standard',
      rbacAuthorizationEnabled: true,
      purgeProtectionEnabled: true,
      softDeleteRetentionDays: retention,
      publicNetworkAccessEnabled: false,
      networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' },
    });
    this.uri = `https://${props.name}.${props.dnsSuffix}/`;
    new Diagnostics(this, 'diagnostics', {
      targetResourceId: this.vault.id,
      resourceType: 'Microsoft.KeyVault/vaults',
      workspaceId: props.workspaceId,
      // Named categories: policy tools look for AuditEvent explicitly.
      logCategories: ['AuditEvent', 'AzurePolicyEvaluationDetails'],
    });
  }
}
