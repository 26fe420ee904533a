/**
 * The health model of a stamp, in the spirit of Azure Mission-Critical: a few signals from the stamp's own
 * workspace, each scored green / yellow / red against thresholds kept here as data, and the stamp scored by its
 * worst signal. `healthScoreQuery` renders it as the body of a KQL function (`StampHealthScore(lookback)`) that
 * the stamp stack saves in its workspace; the workbook shows it per stamp, and the application's deep health
 * endpoint reads it before it answers the edge's probe (README, "Health model per stamp").
 */
import type { RunbookId } from './runbooks';

export type HealthState = 'green' | 'yellow' | 'red';
export const HEALTH_STATES: readonly HealthState[] = ['green', 'yellow', 'red'];

export interface HealthSignal {
  readonly id: string;
  /** Shown in the workbook. */
  readonly title: string;
  /**
   * KQL over the window `lookback` (the function's parameter) yielding one row with a real `Value`, or a null
   * `Value` when there is nothing to judge (no traffic, no nodes reported).
   */
  readonly query: string;
  readonly unit: 'Percent' | 'Milliseconds' | 'Count';
  /** `above`: higher is worse (Value >= yellow is yellow, >= red is red); `below`: lower is worse. */
  readonly worseWhen: 'above' | 'below';
  readonly yellow: number;
  readonly red: number;
  /** The state when `Value` is null. */
  readonly noData: HealthState;
  /** The runbook that explains what to do when the signal is not green. */
  readonly runbook: RunbookId;
  /** Only where this capability is on (the table stays empty otherwise). */
  readonly needs?: 'containerInsights';
  /** A platform metric read from `AzureMetrics` (diagnostic-setting export), checked against the reference. */
  readonly metric?: { readonly namespace: string; readonly name: string };
}

/** Requests below this count in the window are too few to judge a ratio or a percentile. */
export const MIN_REQUESTS = 20;

export const HEALTH_SIGNALS: readonly HealthSignal[] = [
  {
    id: 'requestFailureRate',
    title: 'Requests answered with a 5xx (%)',
    query: `AppRequests | where TimeGenerated > ago(lookback) | summarize Total = count(), Failed = countif(toint(ResultCode) >= 500) | project Value = iff(Total < ${MIN_REQUESTS}, real(null), 100.0 * Failed / Total)`,
    unit: 'Percent',
    worseWhen: 'above',
    yellow: 1,
    red: 5,
    // A stamp without traffic (drained, or new) is not sick: it must be able to earn traffic back.
    noData: 'green',
    runbook: 'sloFastBurn',
  },
  {
    id: 'requestLatencyP95',
    title: 'Request duration, 95th percentile (ms)',
    query: `AppRequests | where TimeGenerated > ago(lookback) | summarize Total = count(), P95 = percentile(DurationMs, 95) | project Value = iff(Total < ${MIN_REQUESTS}, real(null), P95)`,
    unit: 'Milliseconds',
    worseWhen: 'above',
    yellow: 1000,
    red: 3000,
    noData: 'green',
    runbook: 'frontDoorOriginLatency',
  },
  {
    id: 'containerRestarts',
    title: 'Container restarts outside kube-system',
    query:
      'KubePodInventory | where TimeGenerated > ago(lookback) and Namespace !in ("kube-system", "gatekeeper-system") | summarize Restarts = max(ContainerRestartCount) - min(ContainerRestartCount) by Name, ContainerName | summarize Value = todouble(sum(Restarts))',
    unit: 'Count',
    worseWhen: 'above',
    yellow: 1,
    red: 10,
    noData: 'green',
    runbook: 'aksContainerRestarts',
    needs: 'containerInsights',
  },
  {
    id: 'nodesNotReady',
    title: 'Nodes not ready (%)',
    query:
      'KubeNodeInventory | where TimeGenerated > ago(lookback) | summarize arg_max(TimeGenerated, Status) by Computer | summarize Nodes = count(), NotReady = countif(Status !has "Ready" or Status has "NotReady") | project Value = iff(Nodes == 0, real(null), 100.0 * NotReady / Nodes)',
    unit: 'Percent',
    worseWhen: 'above',
    yellow: 1,
    red: 50,
    // Container Insights reports every node every minute: silence means the stamp is blind, not healthy.
    noData: 'yellow',
    runbook: 'aksNotReadyNodes',
    needs: 'containerInsights',
  },
  {
    id: 'nodeCpu',
    title: 'Busiest node CPU (%)',
    query:
      'AzureMetrics | where TimeGenerated > ago(lookback) and ResourceProvider == "MICROSOFT.CONTAINERSERVICE" and MetricName == "node_cpu_usage_percentage" | summarize Value = max(Average)',
    unit: 'Percent',
    worseWhen: 'above',
    yellow: 80,
    red: 95,
    noData: 'green',
    runbook: 'aksNodeCpu',
    metric: { namespace: 'Microsoft.ContainerService/managedClusters', name: 'node_cpu_usage_percentage' },
  },
  {
    id: 'keyVaultAvailability',
    title: 'Key Vault availability, worst minute (%)',
    query:
      'AzureMetrics | where TimeGenerated > ago(lookback) and ResourceProvider == "MICROSOFT.KEYVAULT" and MetricName == "Availability" | summarize Value = min(Minimum)',
    unit: 'Percent',
    worseWhen: 'below',
    yellow: 99.9,
    red: 99,
    noData: 'green',
    runbook: 'keyVaultAvailability',
    metric: { namespace: 'Microsoft.KeyVault/vaults', name: 'Availability' },
  },
];

/** The saved function: its alias (what a query calls), parameters (azurerm `function_parameters`), category. */
export const HEALTH_FUNCTION = {
  alias: 'StampHealthScore',
  parameters: ['lookback:timespan=15m'],
  category: 'HealthModel',
} as const;

/** Threshold problems of a signal list (order of yellow and red, duplicates, percentages out of range). */
export function healthSignalProblems(signals: readonly HealthSignal[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const s of signals) {
    if (seen.has(s.id)) out.push(`${s.id}: listed twice`);
    seen.add(s.id);
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(s.id)) out.push(`${s.id}: an id is letters and digits`);
    const ordered = s.worseWhen === 'above' ? s.yellow < s.red : s.yellow > s.red;
    if (!ordered)
      out.push(`${s.id}: yellow (${s.yellow}) must come before red (${s.red}) when worse is ${s.worseWhen}`);
    if (s.unit === 'Percent' && [s.yellow, s.red].some((v) => v < 0 || v > 100))
      out.push(`${s.id}: a percentage is 0 to 100`);
  }
  return out;
}

/** The state of one value, exactly as the KQL scores it. */
export function signalState(signal: HealthSignal, value: number | null): HealthState {
  if (value === null) return signal.noData;
  const worse = (threshold: number) =>
    signal.worseWhen === 'above' ? value >= threshold : value <= threshold;
  if (worse(signal.red)) return 'red';
  if (worse(signal.yellow)) return 'yellow';
  return 'green';
}

/** The stamp's state: its worst signal (green with no signals). */
export function stampState(states: readonly HealthState[]): HealthState {
  return HEALTH_STATES[Math.max(0, ...states.map((s) => HEALTH_STATES.indexOf(s)))]!;
}

/** A KQL string literal (double quotes, backslash escapes). */
export function kqlString(text: string): string {
  return JSON.stringify(text);
}

/** A KQL real literal. */
function kqlReal(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  return `real(${n})`;
}

/**
 * The function body: one row per signal (Signal, Title, State, Score, Value, Unit, Yellow, Red, Runbook) and a
 * last row `stamp` with the worst score. Score 0 green, 1 yellow, 2 red. Tables that do not exist yet (a new
 * workspace) drop out of the fuzzy union, so their signals score as no data.
 */
export function healthScoreQuery(
  signals: readonly HealthSignal[],
  runbookUrl: (id: RunbookId) => string,
): string {
  const problems = healthSignalProblems(signals);
  if (problems.length) throw new Error(`health model: ${problems.join('; ')}`);
  if (!signals.length) throw new Error('health model: no signals');
  const score = (state: HealthState) => HEALTH_STATES.indexOf(state);
  const rows = signals.map(
    (s) =>
      `  ${[
        kqlString(s.id),
        kqlString(s.title),
        kqlString(s.unit),
        kqlString(s.worseWhen),
        kqlReal(s.yellow),
        kqlReal(s.red),
        String(score(s.noData)),
        kqlString(runbookUrl(s.runbook)),
      ].join(', ')}`,
  );
  const legs = signals.map(
    (s) => `  (${s.query} | project Signal = ${kqlString(s.id)}, Value = todouble(Value))`,
  );
  return [
    'let thresholds = datatable(Signal: string, Title: string, Unit: string, WorseWhen: string, Yellow: real, Red: real, NoDataScore: int, Runbook: string) [',
    rows.join(',\n'),
    '];',
    'let values = union isfuzzy=true',
    '  (print Signal = "", Value = real(null) | where Signal != ""),',
    `${legs.join(',\n')};`,
    'let scored = thresholds',
    '  | join kind=leftouter (values | summarize Value = take_any(Value) by Signal) on Signal',
    '  | extend Score = case(',
    '      isnull(Value), NoDataScore,',
    '      WorseWhen == "above" and Value >= Red, 2,',
    '      WorseWhen == "above" and Value >= Yellow, 1,',
    '      WorseWhen == "below" and Value <= Red, 2,',
    '      WorseWhen == "below" and Value <= Yellow, 1,',
    '      0)',
    '  | project Signal, Title, Score, Value, Unit, Yellow, Red, Runbook;',
    'scored',
    '| union (scored | summarize Score = max(Score) | extend Signal = "stamp", Title = "Stamp (worst signal)")',
    '| extend State = case(Score == 2, "red", Score == 1, "yellow", "green"), Rank = iff(Signal == "stamp", 0, 1)',
    '| order by Rank asc, Score desc, Signal asc',
    '| project Signal, Title, State, Score, Value, Unit, Yellow, Red, Runbook',
  ].join('\n');
}

/** The signals a stamp with these capabilities can feed. */
export function signalsFor(features: { readonly containerInsights: boolean }): HealthSignal[] {
  return HEALTH_SIGNALS.filter((s) => !s.needs || features[s.needs]);
}
