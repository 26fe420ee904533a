/**
 * What Azure Monitor supports per ARM resource type, from Microsoft's generated reference
 * (model/data/azure-monitor.json, with its source per type): resource-log categories, the metric categories a
 * diagnostic setting may export, and the platform metrics (aggregations, dimensions) a metric alert may use.
 * Diagnostic settings are built from it (constructs/diagnostics.ts) and the output is checked against it
 * (policy/rules/monitor-reference.ts).
 */
import data from './data/azure-monitor.json';

export interface MonitorMetric {
  readonly name: string;
  readonly aggregations: readonly string[];
  readonly dimensions: readonly string[];
  /** Diagnostic settings can export it ("DS Export"). */
  readonly exportable: boolean;
  readonly category?: string;
}

export interface MonitorType {
  /** `<repo>:<path>@<commit|unknown>` of the metrics page. */
  readonly source: string;
  readonly msDate: string | null;
  readonly logsSource?: string | null;
  /** Resource-log category API names (what `enabled_log.category` takes); `allLogs` means all of them. */
  readonly logCategories: readonly string[];
  /** The table each log category lands in (resource-specific where the type has one); absent: not stated. */
  readonly logTables?: Readonly<Record<string, string | null>>;
  /** What `enabled_metric.category` may take: AllMetrics, storage's Capacity/Transaction, or nothing. */
  readonly metricCategories: readonly string[];
  readonly metricCategoriesBasis: string;
  /** A cloud where a category group was seen rejected (an issue report, not the reference). */
  readonly categoryGroupsObserved?: {
    readonly supported: readonly string[];
    readonly cloud: string;
    readonly source: string;
  };
  readonly metrics: readonly MonitorMetric[];
}

const TYPES: Readonly<Record<string, MonitorType>> = data.types as Record<string, MonitorType>;

/** Provenance of the table, for reports. */
export const MONITOR_REFERENCE_SOURCE = `${data.$source}, retrieved ${data.$retrieved}`;

/** The category groups Azure defines; `audit` is a subset no per-type page states, so it is never emitted. */
export const CATEGORY_GROUPS = ['allLogs', 'audit'] as const;

/** The reference for an ARM type (any case), or undefined where the table has none. */
export function monitorType(armType: string): MonitorType | undefined {
  return TYPES[armType.toLowerCase()];
}

/** ARM types (lower case) the reference covers. */
export function monitorTypes(): string[] {
  return Object.keys(TYPES).sort();
}

/** A diagnostic setting on this type has something to send (a log category or a metric category). */
export function hasDiagnostics(armType: string): boolean {
  const t = monitorType(armType);
  return t !== undefined && (t.logCategories.length > 0 || t.metricCategories.length > 0);
}

/** The metric `name` of `namespace`, matched case-insensitively as Azure does. */
export function monitorMetric(namespace: string, name: string): MonitorMetric | undefined {
  const lower = name.toLowerCase();
  return monitorType(namespace)?.metrics.find((m) => m.name.toLowerCase() === lower);
}
