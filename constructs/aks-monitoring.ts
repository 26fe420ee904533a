/**
 * Where an AKS cluster's telemetry goes, created explicitly because only the Azure CLI creates it for you:
 * Container Insights through a data collection rule into the stamp's Log Analytics workspace, and managed
 * Prometheus into the stamp's Azure Monitor workspace through a data collection endpoint and rule. Each part is
 * present only where the cloud has the capability.
 */
import { Construct } from 'constructs';
import { MonitorDataCollectionEndpoint } from '@cdktf/provider-azurerm/lib/monitor-data-collection-endpoint';
import { MonitorDataCollectionRule } from '@cdktf/provider-azurerm/lib/monitor-data-collection-rule';
import { MonitorDataCollectionRuleAssociation } from '@cdktf/provider-azurerm/lib/monitor-data-collection-rule-association';
import { MonitorWorkspace } from '@cdktf/provider-azurerm/lib/monitor-workspace';

const CONTAINER_INSIGHTS_STREAM = 'Microsoft-ContainerInsights-Group-Default';
const PROMETHEUS_STREAM = 'Microsoft-PrometheusMetrics';

export interface AksMonitoringProps {
  readonly resourceGroupName: string;
  readonly location: string;
  readonly clusterId: string;
  readonly workspaceId: string;
  /** Container Insights DCR name. @default none: no Container Insights */
  readonly containerInsights?: { readonly ruleName: string };
  /** Managed Prometheus names. @default none: no managed Prometheus */
  readonly prometheus?: {
    readonly monitorWorkspaceName: string;
    readonly endpointName: string;
    readonly ruleName: string;
  };
}

export class AksMonitoring extends Construct {
  readonly monitorWorkspace?: MonitorWorkspace;

  constructor(scope: Construct, id: string, props: AksMonitoringProps) {
    super(scope, id);
    const { resourceGroupName, location } = props;
    if (props.containerInsights) {
      const rule = new MonitorDataCollectionRule(this, 'container-insights-rule', {
        name: props.containerInsights.ruleName,
        resourceGroupName,
        location,
        kind: 'Linux',
        destinations: { logAnalytics: [{ name: 'workspace', workspaceResourceId: props.workspaceId }] },
        dataFlow: [{ streams: [CONTAINER_INSIGHTS_STREAM], destinations: ['workspace'] }],
        dataSources: {
          extension: [
            {
              name: 'ContainerInsightsExtension',
              extensionName: 'ContainerInsights',
              streams: [CONTAINER_INSIGHTS_STREAM],
              extensionJson: JSON.stringify({
                dataCollectionSettings: {
                  interval: '1m',
                  namespaceFilteringMode: 'Off',
                  enableContainerLogV2: true,
                },
              }),
            },
          ],
        },
      });
      new MonitorDataCollectionRuleAssociation(this, 'container-insights-association', {
        name: 'ContainerInsightsExtension',
        targetResourceId: props.clusterId,
        dataCollectionRuleId: rule.id,
      });
    }
    if (props.prometheus) {
      const p = props.prometheus;
      this.monitorWorkspace = new MonitorWorkspace(this, 'monitor-workspace', {
        name: p.monitorWorkspaceName,
        resourceGroupName,
        location,
      });
      const endpoint = new MonitorDataCollectionEndpoint(this, 'prometheus-endpoint', {
        name: p.endpointName,
        resourceGroupName,
        location,
        kind: 'Linux',
      });
      const rule = new MonitorDataCollectionRule(this, 'prometheus-rule', {
        name: p.ruleName,
        resourceGroupName,
        location,
        kind: 'Linux',
        dataCollectionEndpointId: endpoint.id,
        destinations: {
          monitorAccount: [{ name: 'prometheus', monitorAccountId: this.monitorWorkspace.id }],
        },
        dataFlow: [{ streams: [PROMETHEUS_STREAM], destinations: ['prometheus'] }],
        dataSources: {
          prometheusForwarder: [{ name: 'PrometheusDataSource', streams: [PROMETHEUS_STREAM] }],
        },
      });
      new MonitorDataCollectionRuleAssociation(this, 'prometheus-association', {
        name: 'prometheus',
        targetResourceId: props.clusterId,
        dataCollectionRuleId: rule.id,
      });
      // The agent reads its configuration from the endpoint; this association has a fixed name.
      new MonitorDataCollectionRuleAssociation(this, 'prometheus-endpoint-association', {
        name: 'configurationAccessEndpoint',
        targetResourceId: props.clusterId,
        dataCollectionEndpointId: endpoint.id,
      });
    }
  }
}
