/**
 * Log Analytics, Application Insights, diagnostic settings, alerts and action groups. Diagnostic settings are
 * matched to their target by reference or by synth-time ARM id (a stamp may watch a global resource).
 */
import type { Resource } from '../../contract/out';
import { asList, isFalse, isSet, isTrue, localAuthStillOn, referrers, show } from '../attrs';
import { attrRule, resourceRule, singleTypeMeta, type SingleTypeMeta } from '../rule';
import type { Rule, RuleContext } from '../types';

const DIAG = 'azurerm_monitor_diagnostic_setting';

/** Diagnostic settings whose target_resource_id is `target`. */
export function diagnosticsOf(target: Resource, ctx: RuleContext): Resource[] {
  return referrers(ctx.resources(DIAG), 'target_resource_id', target);
}

/** Log categories and category groups a diagnostic setting enables (4.x enabled_log, legacy log). */
export function enabledLogs(d: Resource): Set<string> {
  const out = new Set<string>();
  for (const b of asList(d.attrs.enabled_log)) {
    if (typeof b.category === 'string') out.add(b.category);
    if (typeof b.category_group === 'string') out.add(b.category_group);
  }
  for (const b of asList(d.attrs.log)) {
    if (isFalse(b.enabled)) continue;
    if (typeof b.category === 'string') out.add(b.category);
    if (typeof b.category_group === 'string') out.add(b.category_group);
  }
  return out;
}

/**
 * Every resource of `type` has a diagnostic setting that enables, for each group of `categories`, one of its
 * categories (or the `allLogs` category group, which includes them all).
 */
export function diagnosticRule(meta: SingleTypeMeta & { categories: string[][] }): Rule {
  const { categories, ...rest } = meta;
  return resourceRule({
    ...singleTypeMeta(rest),
    test(r, ctx) {
      const settings = diagnosticsOf(r, ctx);
      if (settings.length === 0) {
        return { attribute: DIAG, expected: 'a diagnostic setting targeting this resource', found: 'none' };
      }
      const logs = new Set(settings.flatMap((d) => [...enabledLogs(d)]));
      if (logs.has('allLogs')) return undefined;
      const missing = categories.filter((alts) => !alts.some((c) => logs.has(c)));
      if (missing.length === 0) return undefined;
      return {
        attribute: `${DIAG}.enabled_log`,
        expected: `allLogs or ${categories.map((a) => a.join('|')).join(', ')}`,
        found: [...logs].sort().join(', ') || 'no logs',
      };
    },
  });
}

const ALERTS = [
  'azurerm_monitor_metric_alert',
  'azurerm_monitor_scheduled_query_rules_alert_v2',
  'azurerm_monitor_activity_log_alert',
];

export const monitoringRules: Rule[] = [
  attrRule({
    id: 'APRL-dac421ec',
    severity: 'medium',
    title: 'Application Insights is workspace-based',
    types: ['azurerm_application_insights'],
    path: 'workspace_id',
    expected: 'a Log Analytics workspace id',
    ok: isSet,
    absent: 'fail',
    fix: 'Set workspace_id to the Log Analytics workspace (classic resources are retired).',
  }),
  resourceRule({
    id: 'FP_APPI_LOCAL_AUTH',
    severity: 'low',
    title: 'Application Insights ingestion requires Entra ID',
    types: ['azurerm_application_insights'],
    fix: 'Set local_authentication_disabled = true (azurerm >= 4.78: local_authentication_enabled = false).',
    test: (r) => localAuthStillOn(r.attrs),
  }),
  resourceRule({
    id: 'FP_LAW_LOCAL_AUTH',
    severity: 'low',
    title: 'Log Analytics accepts only Entra ID authentication',
    types: ['azurerm_log_analytics_workspace'],
    fix: 'Set local_authentication_enabled = false.',
    test(r) {
      if (isTrue(r.attrs.local_authentication_disabled) || isFalse(r.attrs.local_authentication_enabled))
        return undefined;
      return {
        attribute: 'local_authentication_enabled',
        expected: 'false',
        found: show(r.attrs.local_authentication_enabled),
      };
    },
  }),
  resourceRule({
    id: 'FP_DIAG_DESTINATION',
    severity: 'medium',
    title: 'Diagnostic settings send logs or metrics somewhere',
    types: [DIAG],
    fix: 'Set log_analytics_workspace_id and at least one enabled_log or enabled_metric.',
    test(r) {
      const dest = [
        'log_analytics_workspace_id',
        'storage_account_id',
        'eventhub_authorization_rule_id',
        'partner_solution_id',
      ];
      if (!dest.some((k) => isSet(r.attrs[k]))) {
        return { attribute: 'log_analytics_workspace_id', expected: 'a destination', found: '(absent)' };
      }
      if (
        enabledLogs(r).size === 0 &&
        asList(r.attrs.enabled_metric).length === 0 &&
        asList(r.attrs.metric).length === 0
      ) {
        return { attribute: 'enabled_log', expected: '>= 1 enabled_log or enabled_metric', found: 'none' };
      }
      return undefined;
    },
  }),
  resourceRule({
    id: 'FP_ALERT_ACTION',
    severity: 'medium',
    title: 'Alerts notify an action group',
    types: ALERTS,
    fix: 'Add action { action_group_id } (scheduled query rules: action { action_groups }).',
    test(r) {
      const actions = asList(r.attrs.action);
      const ok =
        r.type === 'azurerm_monitor_scheduled_query_rules_alert_v2'
          ? actions.some((a) => isSet(a.action_groups))
          : actions.some((a) => isSet(a.action_group_id));
      return ok
        ? undefined
        : { attribute: 'action', expected: 'an action group', found: show(r.attrs.action) };
    },
  }),
  attrRule({
    id: 'Azure.Alert.MetricAutoMitigate',
    severity: 'low',
    title: 'Metric alerts resolve themselves',
    types: ['azurerm_monitor_metric_alert'],
    path: 'auto_mitigate',
    expected: 'true or absent',
    ok: (v) => !isFalse(v),
    absent: 'pass',
    fix: 'Remove auto_mitigate = false.',
  }),
  attrRule({
    id: 'Azure.Alert.HighFrequencyQuery',
    severity: 'low',
    title: 'Log alerts do not run every minute',
    types: ['azurerm_monitor_scheduled_query_rules_alert_v2'],
    path: 'evaluation_frequency',
    expected: 'PT5M or longer',
    ok: (v) => v !== 'PT1M',
    absent: 'fail',
    fix: 'Set evaluation_frequency = "PT5M" or longer.',
  }),
  resourceRule({
    id: 'FP_ACTION_GROUP_RECEIVER',
    severity: 'medium',
    title: 'Action groups are enabled and reach someone',
    types: ['azurerm_monitor_action_group'],
    fix: 'Set enabled = true and add an email_receiver or webhook_receiver.',
    test(r) {
      if (isFalse(r.attrs.enabled)) return { attribute: 'enabled', expected: 'true', found: 'false' };
      const receivers = Object.keys(r.attrs).filter(
        (k) => k.endsWith('_receiver') && asList(r.attrs[k]).length > 0,
      );
      return receivers.length > 0
        ? undefined
        : { attribute: '*_receiver', expected: '>= 1 receiver', found: 'none' };
    },
  }),
  diagnosticRule({
    id: 'APRL-deaea200',
    severity: 'low',
    title: 'Cosmos DB account logs go to Log Analytics',
    type: 'azurerm_cosmosdb_account',
    categories: [['DataPlaneRequests']],
    fix: 'Add a diagnostic setting on the account (category DataPlaneRequests, or category_group "allLogs"; no enabled_metric: Cosmos DB exports none).',
  }),
  diagnosticRule({
    id: 'APRL-d2976d3e',
    severity: 'low',
    title: 'NSG logs go to Log Analytics',
    type: 'azurerm_network_security_group',
    categories: [['NetworkSecurityGroupEvent']],
    fix: 'Add a diagnostic setting on the NSG (category NetworkSecurityGroupEvent, or category_group "allLogs"; no enabled_metric: NSGs publish no metrics).',
  }),
];
