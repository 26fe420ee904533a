/**
 * Metric alerts from the one table (model/alert-catalog.ts): one MonitorMetricAlert per table row whose
 * target kind the caller has, each with a description that links its runbook and auto-mitigation on, so an
 * alert resolves itself when the metric recovers.
 */
import { Construct } from 'constructs';
import { MonitorMetricAlert } from '@cdktf/provider-azurerm/lib/monitor-metric-alert';
import {
  metricAlerts,
  type AlertId,
  type AlertTargetKind,
  type ResolvedAlert,
  type ResolvedMetricAlert,
} from '../model/alert-catalog';
import { actionGroupFor, type AlertRouting } from './action-group';

export interface AlertTarget {
  readonly kind: AlertTargetKind;
  readonly resourceId: string;
}

export interface MetricAlertsProps {
  readonly resourceGroupName: string;
  /** The resources to watch, at most one per kind; rows of other kinds are skipped. */
  readonly targets: readonly AlertTarget[];
  /**
   * The table with the environment's overrides applied (`resolveAlerts(env.config.monitoring.thresholds)`);
   * log rows are skipped (constructs/log-alerts.ts makes those).
   */
  readonly alerts: readonly ResolvedAlert[];
  readonly routing: AlertRouting;
  /** Runbook URL with `{alert}` where the alert id goes. */
  readonly runbookUrlPattern: string;
  /** Resource name of an alert. */
  readonly nameFor: (id: AlertId) => string;
}

export function runbookUrl(pattern: string, id: string): string {
  return pattern.split('{alert}').join(id);
}

/** `< 80 %`, `> 1500 ms`, `< 1`. */
export function thresholdText(alert: Pick<ResolvedAlert, 'operator' | 'threshold' | 'unit'>): string {
  const op = { GreaterThan: '>', GreaterThanOrEqual: '>=', LessThan: '<', LessThanOrEqual: '<=' }[
    alert.operator
  ];
  const unit = alert.unit === 'Percent' ? ' %' : alert.unit === 'Milliseconds' ? ' ms' : '';
  return `${op} ${alert.threshold}${unit}`;
}

export function alertDescription(alert: ResolvedMetricAlert, pattern: string): string {
  return `${alert.description} Fires when ${alert.aggregation.toLowerCase()} ${alert.metric} ${thresholdText(alert)} over ${alert.window}. Runbook: ${runbookUrl(pattern, alert.id)}`;
}

export class MetricAlerts extends Construct {
  /** Alerts by id, for tests and for callers that add actions. */
  readonly alerts = new Map<AlertId, MonitorMetricAlert>();

  constructor(scope: Construct, id: string, props: MetricAlertsProps) {
    super(scope, id);
    const kinds = props.targets.map((t) => t.kind);
    const twice = kinds.find((k, i) => kinds.indexOf(k) !== i);
    if (twice)
      throw new Error(`MetricAlerts: one target per kind, got ${twice} twice (use one MetricAlerts each)`);
    for (const target of props.targets) {
      for (const alert of metricAlerts(props.alerts).filter((a) => a.target === target.kind)) {
        const resource = new MonitorMetricAlert(this, alert.id, {
          name: props.nameFor(alert.id),
          resourceGroupName: props.resourceGroupName,
          scopes: [target.resourceId],
          description: alertDescription(alert, props.runbookUrlPattern),
          severity: alert.severity,
          windowSize: alert.window,
          frequency: alert.frequency,
          autoMitigate: true,
          criteria: [
            {
              metricNamespace: alert.namespace,
              metricName: alert.metric,
              aggregation: alert.aggregation,
              operator: alert.operator,
              threshold: alert.threshold,
              ...(alert.dimensions
                ? { dimension: alert.dimensions.map((d) => ({ ...d, values: [...d.values] })) }
                : {}),
            },
          ],
          action: [{ actionGroupId: actionGroupFor(props.routing, alert.severity) }],
        });
        this.alerts.set(alert.id, resource);
      }
    }
  }
}
