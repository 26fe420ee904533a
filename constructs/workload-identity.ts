/**
 * The application's identity in one stamp: a user-assigned identity that pods use through AKS workload identity
 * (a federated credential trusting the cluster's OIDC issuer for one service account), with data-plane access to
 * the stamp's Key Vault and the environment's Cosmos DB account. No secrets anywhere.
 */
import { Construct } from 'constructs';
import { CosmosdbSqlRoleAssignment } from '@cdktf/provider-azurerm/lib/cosmosdb-sql-role-assignment';
import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';

/** Built-in Cosmos DB data-plane role "Cosmos DB Built-in Data Contributor". */
export const COSMOS_DATA_CONTRIBUTOR = '00000000-0000-0000-0000-000000000002';

export interface CosmosAccess {
  /** Resource id of the Cosmos DB account (deterministic, in the global stack). */
  readonly accountId: string;
  readonly accountName: string;
  readonly resourceGroupName: string;
}

export interface WorkloadIdentityProps {
  readonly resourceGroupName: string;
  readonly location: string;
  readonly name: string;
  /** The cluster's OIDC issuer URL. */
  readonly oidcIssuerUrl: string;
  /**
   * Kubernetes namespace and service account the application runs as.
   * @default 'app' and 'app'
   */
  readonly namespace?: string;
  /** @default 'app' */
  readonly serviceAccount?: string;
  /**
   * Audience of the projected service account token (what the AKS workload identity webhook requests).
   * @default 'api://AzureADTokenExchange'
   */
  readonly audience?: string;
  /** Key Vault the application reads secrets from. @default no Key Vault role */
  readonly keyVaultId?: string;
  /** Cosmos DB data-plane access. @default no Cosmos DB role */
  readonly cosmos?: CosmosAccess;
}

export class WorkloadIdentity extends Construct {
  readonly identity: UserAssignedIdentity;

  constructor(scope: Construct, id: string, props: WorkloadIdentityProps) {
    super(scope, id);
    const namespace = props.namespace ?? 'app';
    const serviceAccount = props.serviceAccount ?? 'app';
    this.identity = new UserAssignedIdentity(this, 'identity', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
    });
    new FederatedIdentityCredential(this, 'federation', {
      name: `${namespace}-${serviceAccount}`,
      resourceGroupName: props.resourceGroupName,
      parentId: this.identity.id,
      issuer: props.oidcIssuerUrl,
      subject: `system:serviceaccount:${namespace}:${serviceAccount}`,
      audience: [props.audience ?? 'api://AzureADTokenExchange'],
    });
    if (props.keyVaultId) {
      new RoleAssignment(this, 'key-vault-secrets-user', {
        scope: props.keyVaultId,
        roleDefinitionName: 'Key Vault Secrets User',
        principalId: this.identity.principalId,
        principalType: 'ServicePrincipal',
      });
    }
    if (props.cosmos) {
      new CosmosdbSqlRoleAssignment(this, 'cosmos-data-contributor', {
        resourceGroupName: props.cosmos.resourceGroupName,
        accountName: props.cosmos.accountName,
        roleDefinitionId: `${props.cosmos.accountId}/sqlRoleDefinitions/${COSMOS_DATA_CONTRIBUTOR}`,
        scope: props.cosmos.accountId,
        principalId: this.identity.principalId,
      });
    }
  }

  get clientId(): string {
    return this.identity.clientId;
  }
}
