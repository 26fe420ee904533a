/**
 * Cosmos DB for NoSQL, one account per environment replicated to every stamp region: failover priority follows
 * the environment's region order, zone redundancy where the region has zones, service-managed failover,
 * optional multi-region writes. Reachable only by private endpoint and Entra ID (no keys, no public access).
 * Autoscale maximum throughput per container is the throttling ceiling.
 */
import { Construct } from 'constructs';
import { CosmosdbAccount, type CosmosdbAccountBackup } from '@cdktf/provider-azurerm/lib/cosmosdb-account';
import { CosmosdbSqlContainer } from '@cdktf/provider-azurerm/lib/cosmosdb-sql-container';
import { CosmosdbSqlDatabase } from '@cdktf/provider-azurerm/lib/cosmosdb-sql-database';
import type { ITerraformDependable, TerraformResource } from 'cdktf';
import { Diagnostics } from './diagnostics';

export interface CosmosRegion {
  /** ARM region name. */
  readonly location: string;
  /** Whether the region has availability zones. */
  readonly zones: boolean;
}

export interface CosmosContainer {
  readonly name: string;
  /** JSON path, e.g. `/tenantId`. */
  readonly partitionKey: string;
  /** Autoscale maximum RU/s. */
  readonly maxThroughput: number;
  /** @default no TTL */
  readonly defaultTtlSeconds?: number;
}

export interface CosmosDatabase {
  readonly name: string;
  readonly containers: readonly CosmosContainer[];
}

export type Consistency = 'Session' | 'BoundedStaleness' | 'Strong' | 'ConsistentPrefix' | 'Eventual';

export interface CosmosProps {
  readonly name: string;
  readonly resourceGroupName: string;
  /** In failover order: the first is the write region (priority 0). */
  readonly regions: readonly CosmosRegion[];
  readonly databases: readonly CosmosDatabase[];
  /** @default 'Session' */
  readonly consistency?: Consistency;
  /** @default false */
  readonly multiRegionWrites?: boolean;
  /**
   * Continuous backup tier (point-in-time restore); `false` uses periodic geo-redundant backup.
   * @default 'Continuous30Days'
   */
  readonly continuousBackup?: 'Continuous7Days' | 'Continuous30Days' | false;
  /** Terraform refuses to destroy the account, databases and containers. @default false */
  readonly preventDestroy?: boolean;
  /** @default no diagnostic setting */
  readonly workspaceId?: string;
  /**
   * Encrypt with a customer-managed key through a user-assigned identity (continuous backup accepts no other),
   * which must hold "Key Vault Crypto Service Encryption User" first. Forces a new account when added or removed.
   * @default Microsoft-managed keys
   */
  readonly customerManagedKey?: CosmosCustomerManagedKey;
}

export interface CosmosCustomerManagedKey {
  /** Versionless Key Vault key id (azurerm accepts no version). */
  readonly keyVaultKeyId: string;
  readonly identityId: string;
  /** The identity's role assignment and the key: created before the account. */
  readonly dependsOn: readonly ITerraformDependable[];
}

export class Cosmos extends Construct {
  readonly account: CosmosdbAccount;
  readonly databases: CosmosdbSqlDatabase[] = [];
  readonly containers: CosmosdbSqlContainer[] = [];

  constructor(scope: Construct, id: string, props: CosmosProps) {
    super(scope, id);
    const regions = props.regions;
    if (regions.length === 0) throw new Error('Cosmos DB needs at least one region');
    const consistency = props.consistency ?? 'Session';
    const multiWrite = props.multiRegionWrites ?? false;
    if (consistency === 'Strong' && (regions.length < 3 || multiWrite)) {
      throw new Error('Strong consistency needs at least 3 regions and single-region writes');
    }
    const tier = props.continuousBackup ?? 'Continuous30Days';
    const backup: CosmosdbAccountBackup = tier
      ? { type: 'Continuous', tier }
      : { type: 'Periodic', intervalInMinutes: 240, retentionInHours: 8, storageRedundancy: 'Geo' };

    const cmk = props.customerManagedKey;
    this.account = new CosmosdbAccount(this, 'account', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: regions[0]!.location,
      offerType: 'Standard',
      kind: 'GlobalDocumentDB',
      consistencyPolicy: {
        consistencyLevel: consistency,
        // Multi-region accounts need at least 100,000 operations / 300 s of staleness.
        ...(consistency === 'BoundedStaleness'
          ? { maxIntervalInSeconds: 300, maxStalenessPrefix: 100000 }
          : {}),
      },
      geoLocation: regions.map((r, i) => ({
        location: r.location,
        failoverPriority: i,
        zoneRedundant: r.zones,
      })),
      automaticFailoverEnabled: true,
      multipleWriteLocationsEnabled: multiWrite,
      backup,
      localAuthenticationDisabled: true,
      publicNetworkAccessEnabled: false,
      accessKeyMetadataWritesEnabled: false,
      minimalTlsVersion: 'Tls12',
      freeTierEnabled: false,
      ...(cmk
        ? {
            keyVaultKeyId: cmk.keyVaultKeyId,
            identity: { type: 'UserAssigned', identityIds: [cmk.identityId] },
            defaultIdentityType: `UserAssignedIdentity=${cmk.identityId}`,
            dependsOn: [...cmk.dependsOn],
          }
        : {}),
    });

    for (const db of props.databases) {
      const database = new CosmosdbSqlDatabase(this, `db-${db.name}`, {
        name: db.name,
        resourceGroupName: props.resourceGroupName,
        accountName: this.account.name,
      });
      this.databases.push(database);
      for (const c of db.containers) {
        this.containers.push(
          new CosmosdbSqlContainer(this, `container-${db.name}-${c.name}`, {
            name: c.name,
            resourceGroupName: props.resourceGroupName,
            accountName: this.account.name,
            databaseName: database.name,
            partitionKeyPaths: [c.partitionKey],
            partitionKeyVersion: 2,
            autoscaleSettings: { maxThroughput: c.maxThroughput },
            ...(c.defaultTtlSeconds === undefined ? {} : { defaultTtl: c.defaultTtlSeconds }),
          }),
        );
      }
    }

    if (props.preventDestroy) {
      for (const r of [this.account, ...this.databases, ...this.containers] as TerraformResource[]) {
        r.addOverride('lifecycle.prevent_destroy', true);
      }
    }
    if (props.workspaceId) {
      new Diagnostics(this, 'diagnostics', {
        targetResourceId: this.account.id,
        resourceType: 'Microsoft.DocumentDB/databaseAccounts',
        workspaceId: props.workspaceId,
      });
    }
  }
}
