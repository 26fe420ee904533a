/**
 * `<env>-global`: the long-lived layer shared by all stamps (global entry, Cosmos DB, edge logs). Deployed
 * first; stamps depend on it.
 */
import type { Construct } from 'constructs';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import type { Environment } from '../config/environment';
import { Cosmos } from '../constructs/cosmos';
import { Diagnostics } from '../constructs/diagnostics';
import { EncryptionKey } from '../constructs/encryption-key';
import { StampKeyVault } from '../constructs/key-vault';
import { GlobalEntry } from '../constructs/global-entry';
import { FootprintStack } from './base-stack';
import { globalEntryProps } from './global-entry';
import { addGlobalObservability } from './observability';
import { cosmosAccountName, globalResourceGroupName, globalWorkspaceName } from './shared-values';

export class GlobalStack extends FootprintStack {
  readonly workspace: LogAnalyticsWorkspace;
  readonly entry: GlobalEntry;
  readonly cosmos: Cosmos;
  /** Where the environment uses customer-managed keys: the vault and Cosmos DB's key. */
  readonly keyVault?: StampKeyVault;
  readonly cosmosKey?: EncryptionKey;
  /** Regions in Cosmos failover priority order (the first is the write region). */
  readonly failoverOrder: readonly string[];

  constructor(scope: Construct, env: Environment) {
    const primary = env.stamps[0]!.region;
    super(scope, env.globalStackName, {
      env,
      location: primary,
      scope: 'global',
      resourceGroupName: globalResourceGroupName(env),
    });
    const rg = this.resourceGroup.name;
    const c = env.config;

    this.workspace = new LogAnalyticsWorkspace(this, 'workspace', {
      name: globalWorkspaceName(env),
      resourceGroupName: rg,
      location: primary,
      sku: 'PerGB2018',
      retentionInDays: c.monitoring.logRetentionDays,
      // Diagnostic settings and agents use Entra ID; no shared keys.
      localAuthenticationEnabled: false,
    });
    new Diagnostics(this, 'workspace-diagnostics', {
      targetResourceId: this.workspace.id,
      resourceType: 'Microsoft.OperationalInsights/workspaces',
      workspaceId: this.workspace.id,
    });

    this.entry = new GlobalEntry(this, 'entry', globalEntryProps(env, rg, this.workspace.id));

    if (env.encryption.customerManagedKeys) {
      // In the write region. The global layer has no VNet: private like every vault, reached by trusted services
      // (Cosmos DB) and by a deploy runner with private line of sight (README "Customer-managed keys").
      this.keyVault = new StampKeyVault(this, 'key-vault', {
        resourceGroupName: rg,
        location: primary,
        name: env.resourceName('keyVault', undefined, 'cmk'),
        tenantId: c.tenantId,
        dnsSuffix: env.cloud.suffix('keyVault'),
        workspaceId: this.workspace.id,
        skuName: env.encryption.hsmKeys ? 'premium' : 'standard',
      });
      this.cosmosKey = new EncryptionKey(this, 'cosmos-key', {
        keyVaultId: this.keyVault.vault.id,
        name: 'cosmos',
        hsm: env.encryption.hsmKeys,
        resourceGroupName: rg,
        location: primary,
        consumers: { cosmos: env.resourceName('userAssignedIdentity', undefined, 'cosmos-cmk') },
      });
    }
    const cosmosKey = this.cosmosKey;

    this.failoverOrder = env.regionStamps.map((s) => s.region);
    this.cosmos = new Cosmos(this, 'cosmos', {
      name: cosmosAccountName(env),
      resourceGroupName: rg,
      // Zone redundancy is a per-service capability: a region with zones may still lack Cosmos DB AZ support.
      regions: env.regionStamps.map((s) => ({
        location: s.region,
        zones: s.zones && env.features.cosmosZoneRedundancy.outcome === 'on',
      })),
      databases: c.cosmos.databases,
      consistency: c.cosmos.consistency,
      multiRegionWrites: env.features.cosmosMultiRegionWrites.outcome === 'on',
      continuousBackup: env.features.cosmosContinuousBackup.outcome === 'on' ? c.cosmos.backupTier : false,
      preventDestroy: env.isProd,
      workspaceId: this.workspace.id,
      ...(cosmosKey
        ? {
            customerManagedKey: {
              keyVaultKeyId: cosmosKey.versionlessId,
              identityId: cosmosKey.consumer('cosmos').identity.id,
              dependsOn: cosmosKey.dependencies('cosmos'),
            },
          }
        : {}),
    });

    const fd = this.entry.frontDoor;
    const tm = this.entry.trafficManager;
    addGlobalObservability(this, env, {
      resourceGroupName: rg,
      ...(fd ? { frontDoorProfileId: fd.profile.id } : {}),
      ...(tm ? { trafficManagerProfileId: tm.profile.id } : {}),
      cosmosAccountId: this.cosmos.account.id,
      globalWorkspaceId: this.workspace.id,
      // Clients use the custom domain where there is one; the Front Door host carries an Azure-assigned hash.
      globalHostName:
        c.frontDoor.customDomain && fd
          ? c.frontDoor.customDomain.hostName
          : (fd?.endpoint.hostName ?? tm!.fqdn),
    });
  }
}
