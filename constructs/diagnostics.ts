/**
 * Diagnostic settings, one shared function so every diagnosable resource sends the same thing: all logs (the
 * `allLogs` category group, or named categories where a type needs them) and all metrics, to a workspace in
 * the environment's own cloud. The observability issue adds an Aspect that fails synthesis for any diagnosable
 * resource without one.
 */
import { Construct } from 'constructs';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';

export interface DiagnosticsProps {
  /** Resource id of the resource being watched (a token or a synth-time id). */
  readonly targetResourceId: string;
  /** Log Analytics workspace id that receives logs and metrics. */
  readonly workspaceId: string;
  /**
   * Log categories to enable.
   * @default ['allLogs'] as a category group
   */
  readonly logCategories?: readonly string[];
  /**
   * Whether to send AllMetrics.
   * @default true
   */
  readonly metrics?: boolean;
}

export class Diagnostics extends Construct {
  readonly setting: MonitorDiagnosticSetting;

  constructor(scope: Construct, id: string, props: DiagnosticsProps) {
    super(scope, id);
    const logs = props.logCategories
      ? props.logCategories.map((category) => ({ category }))
      : [{ categoryGroup: 'allLogs' }];
    this.setting = new MonitorDiagnosticSetting(this, 'setting', {
      name: 'diag-footprint',
      targetResourceId: props.targetResourceId,
      logAnalyticsWorkspaceId: props.workspaceId,
      // Resource-specific tables: cheaper to query and required by the newer Azure Monitor features.
      logAnalyticsDestinationType: 'Dedicated',
      enabledLog: logs,
      ...(props.metrics === false ? {} : { enabledMetric: [{ category: 'AllMetrics' }] }),
    });
  }
}
