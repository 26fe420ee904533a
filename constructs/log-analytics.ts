/**
 * The observability base of a stamp: a Log Analytics workspace and a workspace-based Application Insights that
 * sends to it. Each stamp has its own, so losing a region never blinds the others.
 */
import { Construct } from 'constructs';
import { ApplicationInsights } from '@cdktf/provider-azurerm/lib/application-insights';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { Diagnostics } from './diagnostics';

export interface LogAnalyticsProps {
  readonly resourceGroupName: string;
  readonly location: string;
  readonly workspaceName: string;
  readonly appInsightsName: string;
  /** Days the workspace keeps data (30-730). */
  readonly retentionDays: number;
  /**
   * Application Insights application type.
   * @default 'web'
   */
  readonly applicationType?: string;
}

export class LogAnalytics extends Construct {
  readonly workspace: LogAnalyticsWorkspace;
  readonly appInsights: ApplicationInsights;

  constructor(scope: Construct, id: string, props: LogAnalyticsProps) {
    super(scope, id);
    this.workspace = new LogAnalyticsWorkspace(this, 'workspace', {
      name: props.workspaceName,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      sku: 'PerGB2018',
      retentionInDays: props.retentionDays,
      // Agents (AMA, Container Insights with msi auth) and diagnostic settings use Entra ID; no shared keys.
      localAuthenticationEnabled: false,
    });
    this.appInsights = new ApplicationInsights(this, 'app-insights', {
      name: props.appInsightsName,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      applicationType: props.applicationType ?? 'web',
      // Workspace-based: data and retention live in the stamp's workspace.
      workspaceId: this.workspace.id,
      // Entra ID only for ingestion; apps use the connection string plus a token.
      localAuthenticationDisabled: true,
    });
    new Diagnostics(this, 'workspace-diagnostics', {
      targetResourceId: this.workspace.id,
      resourceType: 'Microsoft.OperationalInsights/workspaces',
      workspaceId: this.workspace.id,
    });
    new Diagnostics(this, 'app-insights-diagnostics', {
      targetResourceId: this.appInsights.id,
      resourceType: 'microsoft.insights/components',
      workspaceId: this.workspace.id,
    });
  }

  /** Resource id of the workspace (diagnostic settings, AKS add-ons). */
  get workspaceId(): string {
    return this.workspace.id;
  }
}
