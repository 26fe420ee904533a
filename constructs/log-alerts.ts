/**
 * Log search alerts from the one table (model/alert-catalog.ts, the rows with `log`): one scheduled query rule
 * per row on the workspace the caller hands in, each with the same description shape as the metric alerts
 * (ending with its runbook link) and auto-mitigation on.
 */
import { Construct } from 'constructs';
import { MonitorScheduledQueryRulesAlertV2 } from '@cdktf/provider-azurerm/lib/monitor-scheduled-query-rules-alert-v2';
import type { AlertId, ResolvedLogAlert } from '../model/alert-catalog';
import { actionGroupFor, type AlertRouting } from './action-group';
import { runbookUrl, thresholdText } from './metric-alerts';

export interface LogAlertsProps {
  readonly resourceGroupName: string;
  /** Region of the rules (the workspace's). */
  readonly location: string;
  /** The workspace the queries run on. */
  readonly workspaceId: string;
  /** The rows to create (the caller picks the ones of its workspace and capabilities). */
  readonly alerts: readonly ResolvedLogAlert[];
  readonly routing: AlertRouting;
  readonly runbookUrlPattern: string;
  readonly nameFor: (id: AlertId) => string;
}

export function logAlertDescription(alert: ResolvedLogAlert, pattern: string): string {
  return `${alert.description} Fires when the ${alert.aggregation.toLowerCase()} ${alert.log.measure} of the query is ${thresholdText(alert)} over ${alert.window}. Runbook: ${runbookUrl(pattern, alert.id)}`;
}

export class LogAlerts extends Construct {
  readonly rules = new Map<AlertId, MonitorScheduledQueryRulesAlertV2>();

  constructor(scope: Construct, id: string, props: LogAlertsProps) {
    super(scope, id);
    for (const alert of props.alerts) {
      const rule = new MonitorScheduledQueryRulesAlertV2(this, alert.id, {
        name: props.nameFor(alert.id),
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        scopes: [props.workspaceId],
        description: logAlertDescription(alert, props.runbookUrlPattern),
        severity: alert.severity,
        windowDuration: alert.window,
        evaluationFrequency: alert.frequency,
        autoMitigationEnabled: true,
        // The tables exist only once the first records arrive (a new workspace has none).
        skipQueryValidation: true,
        criteria: [
          {
            query: alert.log.query,
            timeAggregationMethod: alert.aggregation,
            metricMeasureColumn: alert.log.measure,
            operator: alert.operator,
            threshold: alert.threshold,
            ...(alert.log.dimensions
              ? {
                  dimension: alert.log.dimensions.map((name) => ({
                    name,
                    operator: 'Include',
                    values: ['*'],
                  })),
                }
              : {}),
            failingPeriods: { minimumFailingPeriodsToTriggerAlert: 1, numberOfEvaluationPeriods: 1 },
          },
        ],
        action: { actionGroups: [actionGroupFor(props.routing, alert.severity)] },
      });
      this.rules.set(alert.id, rule);
    }
  }
}
