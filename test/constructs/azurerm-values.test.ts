/**
 * Values the TypeScript bindings type as plain strings or numbers but azurerm 4.55 (or the Azure API) accepts
 * only from a fixed set: checked here so a typo fails a unit test instead of a `terraform plan`.
 */
import { ALERT_CATALOG, ALERT_IDS } from '../../model/alert-catalog';
import { BURN_RATE_WINDOWS, isoMinutes } from '../../constructs/slo-alerts';
import { MANAGED_RULE_SETS } from '../../constructs/waf-policy';

/** ISO 8601 durations in minutes, for ordering. */
const MINUTES: Record<string, number> = {
  PT1M: 1,
  PT5M: 5,
  PT10M: 10,
  PT15M: 15,
  PT30M: 30,
  PT45M: 45,
  PT1H: 60,
  PT2H: 120,
  PT3H: 180,
  PT4H: 240,
  PT5H: 300,
  PT6H: 360,
  PT12H: 720,
  P1D: 1440,
  P2D: 2880,
};

describe('azurerm_monitor_metric_alert frequency and window_size', () => {
  const FREQUENCY = ['PT1M', 'PT5M', 'PT15M', 'PT30M', 'PT1H'];
  const WINDOW = ['PT1M', 'PT5M', 'PT15M', 'PT30M', 'PT1H', 'PT6H', 'PT12H', 'P1D'];
  it.each(ALERT_IDS)('%s uses allowed durations, evaluated at least once per window', (id) => {
    const a = ALERT_CATALOG[id];
    expect(FREQUENCY).toContain(a.frequency);
    expect(WINDOW).toContain(a.window);
    expect(MINUTES[a.frequency]!).toBeLessThanOrEqual(MINUTES[a.window]!);
  });
});

describe('azurerm_monitor_scheduled_query_rules_alert_v2 evaluation_frequency and window_duration', () => {
  const FREQUENCY = Object.keys(MINUTES).filter((k) => !['PT12H', 'P2D'].includes(k));
  const WINDOW = Object.keys(MINUTES).filter((k) => k !== 'PT12H');
  it.each(BURN_RATE_WINDOWS.map((w) => [w.id, w] as const))('%s', (_id, w) => {
    const frequency = isoMinutes(w.everyMinutes);
    const window = isoMinutes(w.longMinutes);
    expect(FREQUENCY).toContain(frequency);
    expect(WINDOW).toContain(window);
    expect(MINUTES[frequency]!).toBeLessThanOrEqual(MINUTES[window]!);
    // The rule's window is the long burn window: the query sees exactly the data it averages over.
    expect(MINUTES[window]).toBe(w.longMinutes);
    expect(w.shortMinutes).toBeLessThan(w.longMinutes);
  });
});

describe('azurerm_cdn_frontdoor_firewall_policy managed_rule', () => {
  it.each(MANAGED_RULE_SETS.map((r) => [`${r.type} ${r.version}`, r] as const))('%s', (_n, r) => {
    expect(['Allow', 'Log', 'Block', 'Redirect']).toContain(r.action);
    // The provider maps DefaultRuleSet to versions up to 1.0 and Microsoft_DefaultRuleSet to 1.1 and later.
    const allowed: Record<string, string[]> = {
      Microsoft_DefaultRuleSet: ['1.1', '2.0', '2.1'],
      Microsoft_BotManagerRuleSet: ['1.0', '1.1'],
    };
    expect(allowed[r.type]).toContain(r.version);
  });
});
