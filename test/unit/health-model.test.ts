/** The stamp health model: thresholds as data, scoring at the edges, and the KQL function built from them. */
import {
  HEALTH_FUNCTION,
  HEALTH_SIGNALS,
  healthScoreQuery,
  healthSignalProblems,
  kqlString,
  signalState,
  signalsFor,
  stampState,
  type HealthSignal,
} from '../../model/health-model';
import { monitorMetric } from '../../model/azure-monitor';
import { logTable, sourceTable } from '../../model/log-tables';
import { RUNBOOK_IDS } from '../../model/runbooks';

const url = (id: string) => `docs/runbooks/${id}.md`;
const above: HealthSignal = { ...HEALTH_SIGNALS[0]!, worseWhen: 'above', yellow: 1, red: 5, noData: 'green' };
const below: HealthSignal = { ...above, worseWhen: 'below', yellow: 99.9, red: 99, noData: 'yellow' };

describe('health thresholds (data)', () => {
  it('the shipped signals have ordered thresholds, unique ids and existing runbooks', () => {
    expect(healthSignalProblems(HEALTH_SIGNALS)).toEqual([]);
    for (const s of HEALTH_SIGNALS) expect(RUNBOOK_IDS).toContain(s.runbook);
  });

  it('reads only documented tables, and platform metrics a diagnostic setting exports', () => {
    for (const s of HEALTH_SIGNALS) {
      const table = sourceTable(s.query)!;
      expect({ id: s.id, table, known: logTable(table) !== undefined }).toEqual({
        id: s.id,
        table,
        known: true,
      });
      if (table === 'AzureMetrics') {
        expect(s.metric).toBeDefined();
        const m = monitorMetric(s.metric!.namespace, s.metric!.name);
        expect({ id: s.id, exportable: m?.exportable }).toEqual({ id: s.id, exportable: true });
        expect(s.query).toContain(`MetricName == "${s.metric!.name}"`);
      }
      // Every signal yields `Value` over the function's window.
      expect(s.query).toContain('ago(lookback)');
      expect(s.query).toMatch(/\bValue = /);
    }
  });

  it('refuses thresholds in the wrong order, duplicates and impossible percentages', () => {
    expect(healthSignalProblems([{ ...above, yellow: 5, red: 1 }])).toEqual([
      `${above.id}: yellow (5) must come before red (1) when worse is above`,
    ]);
    expect(healthSignalProblems([{ ...below, yellow: 99, red: 99.9 }])).toHaveLength(1);
    expect(healthSignalProblems([above, above])).toEqual([`${above.id}: listed twice`]);
    expect(healthSignalProblems([{ ...above, unit: 'Percent', red: 101 }])).toEqual([
      `${above.id}: a percentage is 0 to 100`,
    ]);
    expect(() => healthScoreQuery([{ ...above, yellow: 5, red: 1 }], url)).toThrow(/must come before red/);
    expect(() => healthScoreQuery([], url)).toThrow(/no signals/);
  });
});

describe('scoring', () => {
  it.each([
    [0.99, 'green'],
    [1, 'yellow'],
    [4.99, 'yellow'],
    [5, 'red'],
    [50, 'red'],
    [null, 'green'],
  ] as const)('higher is worse: %s is %s', (value, state) => {
    expect(signalState(above, value)).toBe(state);
  });

  it.each([
    [100, 'green'],
    [99.91, 'green'],
    [99.9, 'yellow'],
    [99.01, 'yellow'],
    [99, 'red'],
    [null, 'yellow'],
  ] as const)('lower is worse: %s is %s', (value, state) => {
    expect(signalState(below, value)).toBe(state);
  });

  it('a stamp is its worst signal', () => {
    expect(stampState([])).toBe('green');
    expect(stampState(['green', 'yellow', 'green'])).toBe('yellow');
    expect(stampState(['yellow', 'red', 'green'])).toBe('red');
  });
});

describe('the KQL function body', () => {
  const query = healthScoreQuery(HEALTH_SIGNALS, url);

  it('carries every threshold as a datatable row, in the table order, with its runbook link', () => {
    const rows = query.split('\n').filter((l) => /^ {2}"[A-Za-z0-9]+", /.test(l));
    expect(rows).toHaveLength(HEALTH_SIGNALS.length);
    HEALTH_SIGNALS.forEach((s, i) => {
      expect(rows[i]).toBe(
        `  "${s.id}", ${kqlString(s.title)}, "${s.unit}", "${s.worseWhen}", real(${s.yellow}), real(${s.red}), ${['green', 'yellow', 'red'].indexOf(s.noData)}, "${url(s.runbook)}"${i < HEALTH_SIGNALS.length - 1 ? ',' : ''}`,
      );
    });
  });

  it('unions one leg per signal (fuzzy: a table a new workspace lacks drops out) and scores like signalState', () => {
    expect(query).toContain('union isfuzzy=true');
    for (const s of HEALTH_SIGNALS) expect(query).toContain(`(${s.query} | project Signal = "${s.id}"`);
    // The same comparisons as signalState: >= for above, <= for below, red before yellow.
    expect(query).toMatch(
      /WorseWhen == "above" and Value >= Red, 2,\s+WorseWhen == "above" and Value >= Yellow, 1,\s+WorseWhen == "below" and Value <= Red, 2,\s+WorseWhen == "below" and Value <= Yellow, 1,/,
    );
    expect(query).toContain('summarize Score = max(Score) | extend Signal = "stamp"');
    expect(query.trimEnd().split('\n').pop()).toBe(
      '| project Signal, Title, State, Score, Value, Unit, Yellow, Red, Runbook',
    );
  });

  it('holds no Terraform template sequence and quotes what it is given', () => {
    expect(query).not.toMatch(/[$%]\{/);
    const odd = healthScoreQuery([{ ...above, title: 'say "hi" \\ bye' }], url);
    expect(odd).toContain('"say \\"hi\\" \\\\ bye"');
  });

  it('leaves out the Container Insights signals where it is off', () => {
    const ids = (ci: boolean) => signalsFor({ containerInsights: ci }).map((s) => s.id);
    expect(ids(true)).toEqual(HEALTH_SIGNALS.map((s) => s.id));
    expect(ids(false)).toEqual(HEALTH_SIGNALS.filter((s) => !s.needs).map((s) => s.id));
    expect(ids(false)).not.toContain('containerRestarts');
  });

  it('declares parameters the provider accepts (name:type=default)', () => {
    for (const p of HEALTH_FUNCTION.parameters)
      expect(p).toMatch(/^[a-zA-Z_][a-zA-Z0-9-_]*:[a-z]+(=[^,\n]+)?$/);
    expect(query).toContain('lookback');
  });
});
