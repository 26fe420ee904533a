/**
 * The availability SLO as code: multi-window, multi-burn-rate log alerts (Google SRE workbook, ch. 5).
 *
 * error budget  = 1 - sloTarget / 100            (99.95 % → 0.0005)
 * burn rate     = error ratio in a window / error budget
 * fast burn     = burn > 14.4 over 1 h AND over 5 min   (2 % of a 30-day budget in 1 h)
 * slow burn     = burn > 6    over 6 h AND over 30 min  (5 % of a 30-day budget in 6 h)
 *
 * The short window makes the alert stop soon after the burn stops. One scheduled query rule per pair: the
 * query returns `BurnRate = min(long-window burn, short-window burn)`, so `BurnRate > factor` means both
 * windows burn faster than the factor. The request source (what counts as an edge request and an error) is
 * query text handed in by the stack layer from monitoring/queries/slo/*.kql.
 */
import { Construct } from 'constructs';
import { MonitorScheduledQueryRulesAlertV2 } from '@cdktf/provider-azurerm/lib/monitor-scheduled-query-rules-alert-v2';
import type { Severity } from '../model/alert-catalog';
import { actionGroupFor, type AlertRouting } from './action-group';
import { runbookUrl } from './metric-alerts';

export interface BurnRateWindow {
  readonly id: 'sloFastBurn' | 'sloSlowBurn';
  /** Burn-rate factor both windows must exceed. */
  readonly factor: number;
  readonly longMinutes: number;
  readonly shortMinutes: number;
  /** Evaluation frequency in minutes. */
  readonly everyMinutes: number;
  readonly severity: Severity;
}

export const BURN_RATE_WINDOWS: readonly BurnRateWindow[] = [
  { id: 'sloFastBurn', factor: 14.4, longMinutes: 60, shortMinutes: 5, everyMinutes: 5, severity: 1 },
  { id: 'sloSlowBurn', factor: 6, longMinutes: 360, shortMinutes: 30, everyMinutes: 15, severity: 1 },
];

export function errorBudget(sloTarget: number): number {
  return Number((1 - sloTarget / 100).toPrecision(12));
}

/** ISO 8601 duration of whole minutes (PT5M, PT1H, PT6H). */
export function isoMinutes(minutes: number): string {
  return minutes % 60 === 0 ? `PT${minutes / 60}H` : `PT${minutes}M`;
}

/**
 * The burn-rate query. `requests` must yield rows with `TimeGenerated` and a boolean `IsError`.
 */
export function burnRateQuery(requests: string, sloTarget: number, w: BurnRateWindow): string {
  const source = requests
    .split('\n')
    .filter((l) => !l.trim().startsWith('//') && l.trim() !== '')
    .join('\n');
  return [
    `let budget = ${errorBudget(sloTarget)};`,
    `let requests = ${source.trim()};`,
    `let burn = (lookback: timespan) { requests | where TimeGenerated > ago(lookback) | summarize total = count(), errors = countif(IsError) | extend rate = iff(total == 0, 0.0, todouble(errors) / total / budget) | project rate };`,
    `let longBurn = toscalar(burn(${w.longMinutes}m));`,
    `let shortBurn = toscalar(burn(${w.shortMinutes}m));`,
    `print BurnRate = min_of(longBurn, shortBurn), LongWindowBurn = longBurn, ShortWindowBurn = shortBurn`,
  ].join('\n');
}

export interface SloAlertsProps {
  readonly resourceGroupName: string;
  /** Region of the rules (the workspace's). */
  readonly location: string;
  /** Resource the query runs against (the global Log Analytics workspace). */
  readonly scopeResourceId: string;
  /** Availability target in percent, e.g. 99.95. */
  readonly sloTarget: number;
  /** Query yielding edge requests as `TimeGenerated, IsError`. */
  readonly requestsQuery: string;
  /** What counts as an error, for the description (e.g. "a 5xx at Front Door"). */
  readonly errorDefinition: string;
  readonly routing: AlertRouting;
  readonly runbookUrlPattern: string;
  readonly nameFor: (id: BurnRateWindow['id']) => string;
  /** @default BURN_RATE_WINDOWS */
  readonly windows?: readonly BurnRateWindow[];
}

export class SloAlerts extends Construct {
  readonly rules = new Map<BurnRateWindow['id'], MonitorScheduledQueryRulesAlertV2>();

  constructor(scope: Construct, id: string, props: SloAlertsProps) {
    super(scope, id);
    const budget = errorBudget(props.sloTarget);
    for (const w of props.windows ?? BURN_RATE_WINDOWS) {
      const rule = new MonitorScheduledQueryRulesAlertV2(this, w.id, {
        name: props.nameFor(w.id),
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        scopes: [props.scopeResourceId],
        description: `SLO ${props.sloTarget} % (error budget ${budget}): errors (${props.errorDefinition}) burn the budget faster than ${w.factor}x over ${isoMinutes(w.longMinutes)} and ${isoMinutes(w.shortMinutes)}. Runbook: ${runbookUrl(props.runbookUrlPattern, w.id)}`,
        severity: w.severity,
        windowDuration: isoMinutes(w.longMinutes),
        evaluationFrequency: isoMinutes(w.everyMinutes),
        autoMitigationEnabled: true,
        // The query reads tables the rule cannot see before the first logs arrive.
        skipQueryValidation: true,
        criteria: [
          {
            query: burnRateQuery(props.requestsQuery, props.sloTarget, w),
            timeAggregationMethod: 'Maximum',
            metricMeasureColumn: 'BurnRate',
            operator: 'GreaterThan',
            threshold: w.factor,
            failingPeriods: { minimumFailingPeriodsToTriggerAlert: 1, numberOfEvaluationPeriods: 1 },
          },
        ],
        action: { actionGroups: [actionGroupFor(props.routing, w.severity)] },
      });
      this.rules.set(w.id, rule);
    }
  }
}
