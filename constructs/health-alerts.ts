/**
 * Activity-log alerts on what Azure itself reports: Service Health incidents in each of the environment's
 * regions (one alert per region, plus one for global services such as Front Door and Entra ID), and Resource
 * Health transitions of any resource in the subscription to Degraded or Unavailable.
 */
import { Construct } from 'constructs';
import { MonitorActivityLogAlert } from '@cdktf/provider-azurerm/lib/monitor-activity-log-alert';
import { runbookUrl } from './metric-alerts';

export interface HealthAlertRegion {
  /** Short code used in the alert's name. */
  readonly code: string;
  /** Service Health location, the region's display name (e.g. "East US 2"). */
  readonly displayName: string;
}

export interface HealthAlertsProps {
  readonly resourceGroupName: string;
  readonly subscriptionId: string;
  readonly regions: readonly HealthAlertRegion[];
  /** Action group for both kinds (Azure does not grade these by severity). */
  readonly actionGroupId: string;
  readonly runbookUrlPattern: string;
  /** Resource name for `service-health-<code>`, `service-health-global` and `resource-health`. */
  readonly nameFor: (purpose: string) => string;
}

export class HealthAlerts extends Construct {
  readonly serviceHealth: MonitorActivityLogAlert[] = [];
  readonly resourceHealth: MonitorActivityLogAlert;

  constructor(scope: Construct, id: string, props: HealthAlertsProps) {
    super(scope, id);
    const scopes = [`/subscriptions/${props.subscriptionId}`];
    const action = [{ actionGroupId: props.actionGroupId }];
    const locations: { code: string; names: string[] }[] = [
      ...props.regions.map((r) => ({ code: r.code, names: [r.displayName] })),
      { code: 'global', names: ['Global'] },
    ];
    for (const loc of locations) {
      this.serviceHealth.push(
        new MonitorActivityLogAlert(this, `service-health-${loc.code}`, {
          name: props.nameFor(`service-health-${loc.code}`),
          resourceGroupName: props.resourceGroupName,
          location: 'global',
          scopes,
          description: `Azure Service Health incident affecting ${loc.names.join(', ')}. Runbook: ${runbookUrl(props.runbookUrlPattern, 'serviceHealth')}`,
          criteria: {
            category: 'ServiceHealth',
            serviceHealth: { events: ['Incident'], locations: loc.names },
          },
          action,
        }),
      );
    }
    this.resourceHealth = new MonitorActivityLogAlert(this, 'resource-health', {
      name: props.nameFor('resource-health'),
      resourceGroupName: props.resourceGroupName,
      location: 'global',
      scopes,
      description: `A resource in the subscription became Degraded or Unavailable (Resource Health). Runbook: ${runbookUrl(props.runbookUrlPattern, 'resourceHealth')}`,
      criteria: {
        category: 'ResourceHealth',
        resourceHealth: { current: ['Degraded', 'Unavailable'], previous: ['Available'] },
      },
      action,
    });
  }
}
