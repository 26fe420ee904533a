/** The one alert table and per-environment threshold overrides (pure functions and loader errors). */
import {
  ALERT_CATALOG,
  ALERT_IDS,
  isLogAlert,
  kebab,
  resolveAlerts,
  thresholdProblem,
  type AlertId,
  type LogAlertSpec,
  type MetricAlertSpec,
} from '../../model/alert-catalog';
import { logAlertProblems } from '../../model/log-tables';
import { errorBudget, burnRateQuery, BURN_RATE_WINDOWS, isoMinutes } from '../../constructs/slo-alerts';
import { formatError } from '../../config/errors';
import { configFixture } from '../helpers/fixture';
import { loadFrom } from '../helpers/load';

describe('alert catalog', () => {
  it('uses the real Azure Monitor metric names for the issue alerts', () => {
    const metric = (id: keyof typeof ALERT_CATALOG) => {
      const a = ALERT_CATALOG[id] as MetricAlertSpec;
      return `${a.namespace}:${a.metric}`;
    };
    expect(metric('frontDoorOriginHealth')).toBe('Microsoft.Cdn/profiles:OriginHealthPercentage');
    expect(metric('frontDoor5xxPercent')).toBe('Microsoft.Cdn/profiles:Percentage5XX');
    expect(metric('cosmosNormalizedRu')).toBe(
      'Microsoft.DocumentDB/databaseAccounts:NormalizedRUConsumption',
    );
    expect(ALERT_CATALOG.cosmosThrottled429.dimensions[0]).toEqual({
      name: 'StatusCode',
      operator: 'Include',
      values: ['429'],
    });
    expect(metric('keyVaultSaturation')).toBe('Microsoft.KeyVault/vaults:SaturationShoebox');
    expect(ALERT_CATALOG.frontDoorOriginHealth).toMatchObject({ operator: 'LessThan', threshold: 80 });
    expect(ALERT_CATALOG.frontDoor5xxPercent).toMatchObject({ operator: 'GreaterThan', threshold: 5 });
    expect(ALERT_CATALOG.cosmosNormalizedRu).toMatchObject({ operator: 'GreaterThan', threshold: 90 });
  });

  it('applies an override to its alert only and keeps the table value elsewhere', () => {
    const base = resolveAlerts({});
    const over = resolveAlerts({ frontDoorOriginHealth: 70 });
    expect(over.find((a) => a.id === 'frontDoorOriginHealth')).toMatchObject({
      threshold: 70,
      overridden: true,
    });
    for (const a of over.filter((x) => x.id !== 'frontDoorOriginHealth')) {
      expect(a.overridden).toBe(false);
      expect(a.threshold).toBe(base.find((b) => b.id === a.id)!.threshold);
    }
    expect(base.map((a) => a.threshold)).toEqual(
      ALERT_IDS.map((id) => (ALERT_CATALOG[id] as MetricAlertSpec).threshold),
    );
  });

  it('follows a change of the table in every environment without an override', () => {
    const row = ALERT_CATALOG.cosmosNormalizedRu as { threshold: number };
    const before = row.threshold;
    try {
      row.threshold = 77;
      expect(resolveAlerts({}).find((a) => a.id === 'cosmosNormalizedRu')!.threshold).toBe(77);
      expect(
        resolveAlerts({ cosmosNormalizedRu: 95 }).find((a) => a.id === 'cosmosNormalizedRu')!.threshold,
      ).toBe(95);
    } finally {
      row.threshold = before;
    }
  });

  it('rejects unknown ids and impossible values', () => {
    expect(thresholdProblem('frontDoorOriginHealth', 75)).toBeUndefined();
    expect(thresholdProblem('frontDorOriginHealth', 75)).toBe('unknown alert "frontDorOriginHealth"');
    expect(thresholdProblem('frontDoor5xxPercent', 150)).toMatch(/percentage: 0 to 100/);
    expect(thresholdProblem('frontDoorTotalLatency', -1)).toMatch(/0 or more/);
  });

  it('kebab-cases ids for resource names', () => {
    expect(kebab('frontDoor5xxPercent')).toBe('front-door5xx-percent');
    expect(kebab('aksNodeCpu')).toBe('aks-node-cpu');
  });
});

describe('threshold overrides in environment files', () => {
  it('names an unknown alert id at its key with the closest choice', () => {
    const dir = configFixture([
      {
        file: 'prod-public.yaml',
        from: 'sloTarget: 99.95',
        to: 'sloTarget: 99.95\n  thresholds:\n    frontDorOriginHealth: 70',
      },
    ]);
    const errors = loadFrom(dir).errors.map(formatError);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^environments\/prod-public\.yaml:\d+:5 monitoring\.thresholds\.frontDorOriginHealth: unknown alert "frontDorOriginHealth"; did you mean "frontDoorOriginHealth"\? \(frontDoorOriginHealth, /,
    );
  });

  it('rejects a percentage above 100 at its value', () => {
    const dir = configFixture([
      {
        file: 'prod-public.yaml',
        from: 'sloTarget: 99.95',
        to: 'sloTarget: 99.95\n  thresholds: { aksNodeCpu: 120 }',
      },
    ]);
    const errors = loadFrom(dir).errors.map(formatError);
    expect(errors).toEqual([
      expect.stringMatching(
        /prod-public\.yaml:\d+:\d+ monitoring\.thresholds\.aksNodeCpu: aksNodeCpu is a percentage/,
      ),
    ]);
  });

  it('accepts a valid override', () => {
    const dir = configFixture([
      {
        file: 'prod-public.yaml',
        from: 'sloTarget: 99.95',
        to: 'sloTarget: 99.95\n  thresholds: { aksNodeCpu: 85 }',
      },
    ]);
    const r = loadFrom(dir);
    expect(r.errors).toEqual([]);
    expect(r.environments.find((e) => e.name === 'prod-public')!.config.monitoring.thresholds).toEqual({
      aksNodeCpu: 85,
    });
  });
});

describe('SLO math', () => {
  it('derives the error budget from the target', () => {
    expect(errorBudget(99.95)).toBe(0.0005);
    expect(errorBudget(99.9)).toBe(0.001);
    expect(errorBudget(99)).toBe(0.01);
  });

  it('has the 14.4x 1h/5m and 6x 6h/30m windows', () => {
    expect(
      BURN_RATE_WINDOWS.map((w) => [w.factor, isoMinutes(w.longMinutes), isoMinutes(w.shortMinutes)]),
    ).toEqual([
      [14.4, 'PT1H', 'PT5M'],
      [6, 'PT6H', 'PT30M'],
    ]);
  });

  it('builds a query whose BurnRate is the smaller of both windows', () => {
    const q = burnRateQuery(
      '// comment\nT | project TimeGenerated, IsError = true',
      99.95,
      BURN_RATE_WINDOWS[0]!,
    );
    expect(q).toContain('let budget = 0.0005;');
    expect(q).toContain('let requests = T | project TimeGenerated, IsError = true;');
    expect(q).toContain('toscalar(burn(60m))');
    expect(q).toContain('toscalar(burn(5m))');
    expect(q).toContain('print BurnRate = min_of(longBurn, shortBurn)');
    expect(q).not.toContain('// comment');
  });
});

describe('log rows of the table', () => {
  const logIds = ALERT_IDS.filter((id) => isLogAlert(ALERT_CATALOG[id]));
  const row = (id: AlertId) => ALERT_CATALOG[id] as LogAlertSpec;

  it('are the per-minute Cosmos DB availability and the container restarts', () => {
    expect(logIds.sort()).toEqual(['aksContainerRestarts', 'cosmosRequestAvailability']);
  });

  it.each(logIds)('%s reads the table its source fills and splits by its columns', (id) => {
    expect(logAlertProblems(id, row(id))).toEqual([]);
  });

  it('a row whose category, table or dimension is wrong is reported', () => {
    const cosmos = row('cosmosRequestAvailability');
    const wrongCategory: LogAlertSpec = {
      ...cosmos,
      log: {
        ...cosmos.log,
        reads: [
          {
            table: 'CDBDataPlaneRequests',
            from: { type: 'Microsoft.DocumentDB/databaseAccounts', category: 'DataPlaneRequests5M' },
          },
        ],
      },
    };
    expect(logAlertProblems('x', wrongCategory)).toEqual([
      'x: category DataPlaneRequests5M lands in CDBDataPlaneRequests5M, not CDBDataPlaneRequests',
    ]);
    expect(logAlertProblems('x', { ...cosmos, log: { ...cosmos.log, dimensions: ['Region'] } })).toEqual([
      'x: dimension Region is not a column of CDBDataPlaneRequests',
    ]);
    expect(
      logAlertProblems('x', { ...cosmos, log: { ...cosmos.log, query: 'AzureDiagnostics | count' } }),
    ).toEqual([
      'x: the query starts from AzureDiagnostics, not a table it declares (CDBDataPlaneRequests)',
      'x: the query does not compute AvailabilityPercent',
    ]);
  });

  it('the Cosmos DB ratio leaves 429s to the throttling alert and bins per minute', () => {
    const q = row('cosmosRequestAvailability').log.query;
    expect(q).toContain('countif(StatusCode >= 500)');
    expect(q).toContain('bin(TimeGenerated, 1m)');
  });

  it('overrides apply to log rows like metric rows', () => {
    expect(thresholdProblem('cosmosRequestAvailability', 101)).toBe(
      'cosmosRequestAvailability is a percentage: 0 to 100',
    );
    const r = resolveAlerts({ aksContainerRestarts: 10 }).find((a) => a.id === 'aksContainerRestarts')!;
    expect(r).toMatchObject({ threshold: 10, overridden: true });
  });
});
