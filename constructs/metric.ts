/**
 * A metric a construct exposes (`cosmos.metrics.normalizedRu`), so alerts, dashboards and SLOs are built from one
 * description instead of metric names repeated as strings.
 */
export interface MetricRef {
  /** Resource id the metric is scoped to (a token or a synth-time id). */
  readonly resourceId: string;
  /** Azure Monitor metric namespace, e.g. `Microsoft.DocumentDB/databaseAccounts`. */
  readonly namespace: string;
  readonly name: string;
  /** The aggregation that makes sense for this metric. */
  readonly aggregation: 'Average' | 'Maximum' | 'Minimum' | 'Total' | 'Count';
}

export function metric(
  resourceId: string,
  namespace: string,
  name: string,
  aggregation: MetricRef['aggregation'],
): MetricRef {
  return { resourceId, namespace, name, aggregation };
}
