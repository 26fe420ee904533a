/**
 * Diagnostic settings, one shared function so every diagnosable resource sends what its type supports, to a
 * workspace in the environment's own cloud. What a type supports comes from Microsoft's generated reference
 * (model/azure-monitor.ts), never a blanket default: named log categories (not the `allLogs` group, which no
 * per-type page promises and Azure Government rejected on a VNet), and the type's metric categories (AllMetrics,
 * storage's Capacity and Transaction, or none: NSGs publish no metrics, Cosmos DB exports none). A type with
 * nothing to send (private endpoints) gets no setting at all; diagnostics-aspect.ts uses the same table.
 */
import { Construct } from 'constructs';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { monitorType } from '../model/azure-monitor';

export interface DiagnosticsProps {
  /** Resource id of the resource being watched (a token or a synth-time id). */
  readonly targetResourceId: string;
  /** ARM type of the target, any case (`Microsoft.Network/networkSecurityGroups`, `…/blobServices`). */
  readonly resourceType: string;
  /** Log Analytics workspace id that receives logs and metrics. */
  readonly workspaceId: string;
  /**
   * Log categories to enable; each must be one the type supports. `[]` sends metrics only.
   * @default every log category of the type
   */
  readonly logCategories?: readonly string[];
  /**
   * Whether to send the type's metric categories.
   * @default true (a type that exports no metrics sends none)
   */
  readonly metrics?: boolean;
}

export class Diagnostics extends Construct {
  /** Undefined when the type has nothing to send. */
  readonly setting?: MonitorDiagnosticSetting;

  constructor(scope: Construct, id: string, props: DiagnosticsProps) {
    super(scope, id);
    const ref = monitorType(props.resourceType);
    if (!ref) {
      throw new Error(
        `Diagnostics ${this.node.path}: ${props.resourceType} is not in model/data/azure-monitor.json; add its reference first`,
      );
    }
    const wrong = (props.logCategories ?? []).filter((c) => !ref.logCategories.includes(c));
    if (wrong.length) {
      throw new Error(
        `Diagnostics ${this.node.path}: ${props.resourceType} has no log category ${wrong.join(', ')} (choices: ${ref.logCategories.join(', ') || 'none'})`,
      );
    }
    const logs = props.logCategories ?? ref.logCategories;
    const metrics = props.metrics === false ? [] : ref.metricCategories;
    if (logs.length === 0 && metrics.length === 0) return;
    this.setting = new MonitorDiagnosticSetting(this, 'setting', {
      name: 'diag-footprint',
      targetResourceId: props.targetResourceId,
      logAnalyticsWorkspaceId: props.workspaceId,
      // Resource-specific tables: cheaper to query and required by the newer Azure Monitor features.
      logAnalyticsDestinationType: 'Dedicated',
      ...(logs.length ? { enabledLog: logs.map((category) => ({ category })) } : {}),
      ...(metrics.length ? { enabledMetric: metrics.map((category) => ({ category })) } : {}),
    });
  }
}
