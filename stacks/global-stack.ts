/**
 * `<env>-global`: the long-lived layer shared by all stamps (global entry, Cosmos DB, edge logs). Deployed
 * first; stamps depend on it.
 */
import type { Construct } from 'constructs';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import type { Environment } from '../environments/environment';
import { Cosmos } from '../constructs/cosmos';
import { Diagnostics } from '../constructs/diagnostics';
import { GlobalEntry } from '../constructs/global-entry';
import { FootprintStack } from './base-stack';
import { cosmosAccountName, globalResourceGroupName, globalWorkspaceName } from './shared-values';

export class GlobalStack extends FootprintStack {
  readonly workspace: LogAnalyticsWorkspace;
  readonly entry: GlobalEntry;
  readonly cosmos: Cosmos;
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
      workspaceId: this.workspace.id,
    });

    this.entry = new GlobalEntry(this, 'entry', {
      env,
      resourceGroupName: rg,
      workspaceId: this.workspace.id,
    });

    this.failoverOrder = env.stamps.map((s) => s.region);
    this.cosmos = new Cosmos(this, 'cosmos', {
      name: cosmosAccountName(env),
      resourceGroupName: rg,
      regions: env.stamps.map((s) => ({ location: s.region, zones: s.zones })),
      databases: c.cosmos.databases,
      consistency: c.cosmos.consistency,
      multiRegionWrites: env.features.cosmosMultiRegionWrites.outcome === 'on',
      continuousBackup: env.features.cosmosContinuousBackup.outcome === 'on' ? c.cosmos.backupTier : false,
      preventDestroy: env.isProd,
      workspaceId: this.workspace.id,
    });
  }
}
