/**
 * Diagnostic settings and metric alerts checked against Microsoft's generated Azure Monitor reference
 * (model/data/azure-monitor.json): what `terraform validate` cannot know and Azure rejects at apply time, e.g.
 * AllMetrics on an NSG (400 "Metric export is not enabled"), a misspelled log category, or an alert on a metric
 * or dimension the namespace does not publish. The target's ARM type comes from its reference or ARM id.
 */
import type { Json, Resource } from '../../contract/out';
import { CATEGORY_GROUPS, monitorMetric, monitorType } from '../../model/azure-monitor';
import { logTable, sourceTable } from '../../model/log-tables';
import { armTypeOfId } from '../../model/resource-types';
import { asList, isFalse, show, strings } from '../attrs';
import { resourceRule, type Violation } from '../rule';
import type { Rule, RuleContext } from '../types';

const DIAG = 'azurerm_monitor_diagnostic_setting';
const ALERT = 'azurerm_monitor_metric_alert';
const REF = 'model/data/azure-monitor.json';
const LOG_ALERT = 'azurerm_monitor_scheduled_query_rules_alert_v2';
const TABLES = 'model/data/log-tables.json';

const text = (v: Json | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

/** The target's ARM type, or a violation saying it cannot be told / is not in the reference. */
function targetType(value: Json | undefined, attribute: string): { type: string } | Violation {
  const id = text(value) ?? '';
  const type = armTypeOfId(id);
  if (type === undefined) {
    return { attribute, expected: 'a resource reference or ARM id of a known type', found: show(value) };
  }
  if (!monitorType(type)) {
    return { attribute, expected: `a type in ${REF}`, found: type };
  }
  return { type };
}

/** enabled_log (4.x) and log (legacy, unless disabled) blocks. */
function logBlocks(d: Resource) {
  return [...asList(d.attrs.enabled_log), ...asList(d.attrs.log).filter((b) => !isFalse(b.enabled))];
}

function metricBlocks(d: Resource) {
  return [...asList(d.attrs.enabled_metric), ...asList(d.attrs.metric).filter((b) => !isFalse(b.enabled))];
}

function diagnosticLogs(d: Resource, ctx: RuleContext): Violation[] {
  const t = targetType(d.attrs.target_resource_id, 'target_resource_id');
  if (!('type' in t)) return [t];
  const ref = monitorType(t.type)!;
  const out: Violation[] = [];
  const choices = ref.logCategories.join(', ') || 'none: this type has no resource logs';
  for (const b of logBlocks(d)) {
    const category = text(b.category);
    const group = text(b.category_group);
    if (category !== undefined && !ref.logCategories.includes(category)) {
      out.push({
        attribute: 'enabled_log.category',
        expected: `a log category of ${t.type} (${choices})`,
        found: category,
      });
    }
    if (group === undefined) continue;
    if (group !== 'allLogs' || ref.logCategories.length === 0) {
      out.push({
        attribute: 'enabled_log.category_group',
        expected:
          ref.logCategories.length === 0
            ? `nothing: ${t.type} has no resource logs`
            : `allLogs, or named categories (${choices}); ${CATEGORY_GROUPS.filter((g) => g !== 'allLogs').join(', ')} is stated for no type`,
        found: group,
      });
    } else if (ref.categoryGroupsObserved?.cloud === ctx.env.cloud) {
      out.push({
        attribute: 'enabled_log.category_group',
        expected: `named categories (${choices}): allLogs was seen rejected on ${t.type} in ${ref.categoryGroupsObserved.cloud} (observed)`,
        found: group,
        fix: `Name the categories instead of the group; ${ref.categoryGroupsObserved.source}`,
      });
    }
  }
  return out;
}

function diagnosticMetrics(d: Resource): Violation[] {
  const t = targetType(d.attrs.target_resource_id, 'target_resource_id');
  if (!('type' in t)) return []; // reported by the log rule
  const ref = monitorType(t.type)!;
  return metricBlocks(d)
    .map((b) => text(b.category) ?? show(b.category))
    .filter((c) => !ref.metricCategories.includes(c))
    .map((c) => ({
      attribute: 'enabled_metric.category',
      expected: ref.metricCategories.length
        ? `a metric category of ${t.type} (${ref.metricCategories.join(', ')})`
        : `no enabled_metric: ${t.type} exports no metrics (${ref.metricCategoriesBasis})`,
      found: c,
    }));
}

function alertCriteria(a: Resource): Violation[] {
  const scopes = strings(a.attrs.scopes);
  const out: Violation[] = [];
  const types = new Set<string>();
  for (const s of scopes) {
    const t = targetType(s, 'scopes');
    if ('type' in t) types.add(t.type);
    else out.push(t);
  }
  const criteria = [...asList(a.attrs.criteria), ...asList(a.attrs.dynamic_criteria)];
  for (const c of criteria) {
    const namespace = text(c.metric_namespace) ?? '';
    const name = text(c.metric_name) ?? '';
    if (!monitorType(namespace)) {
      out.push({
        attribute: 'criteria.metric_namespace',
        expected: `a namespace in ${REF}`,
        found: namespace,
      });
      continue;
    }
    if (types.size && !types.has(namespace.toLowerCase())) {
      out.push({
        attribute: 'criteria.metric_namespace',
        expected: `the scope's type (${[...types].join(', ')})`,
        found: namespace,
      });
    }
    const metric = monitorMetric(namespace, name);
    if (!metric) {
      out.push({ attribute: 'criteria.metric_name', expected: `a metric of ${namespace}`, found: name });
      continue;
    }
    const aggregation = text(c.aggregation);
    if (aggregation !== undefined && !metric.aggregations.includes(aggregation)) {
      out.push({
        attribute: 'criteria.aggregation',
        expected: `an aggregation of ${metric.name} (${metric.aggregations.join(', ')})`,
        found: aggregation,
      });
    }
    const known = new Set(metric.dimensions.map((d) => d.toLowerCase()));
    for (const dim of asList(c.dimension)) {
      const dn = text(dim.name) ?? '';
      if (!known.has(dn.toLowerCase())) {
        out.push({
          attribute: 'criteria.dimension.name',
          expected: `a dimension of ${metric.name} (${metric.dimensions.join(', ') || 'none'})`,
          found: dn,
        });
      }
    }
  }
  return out;
}

/**
 * A log alert that starts from a table (not `let …`/`union …`, which compose their own sources) reads a table
 * of the reference and splits only by its columns.
 */
function logAlertCriteria(a: Resource): Violation[] {
  const out: Violation[] = [];
  for (const c of asList(a.attrs.criteria)) {
    const query = text(c.query) ?? '';
    const first = sourceTable(query);
    if (!first || first === 'let' || first === 'union') continue;
    const table = logTable(first);
    if (!table) {
      out.push({ attribute: 'criteria.query', expected: `a table in ${TABLES}`, found: first });
      continue;
    }
    for (const dim of asList(c.dimension)) {
      const name = text(dim.name) ?? '';
      if (!table.columns.includes(name))
        out.push({ attribute: 'criteria.dimension.name', expected: `a column of ${first}`, found: name });
    }
  }
  return out;
}

export const monitorReferenceRules: Rule[] = [
  resourceRule({
    id: 'FP_DIAG_LOG_CATEGORY',
    severity: 'high',
    title: "Diagnostic settings enable only log categories the target's type has",
    types: [DIAG],
    fix: `Use the type's log categories from ${REF} (an unknown category fails the apply).`,
    test: (r, ctx) => diagnosticLogs(r, ctx),
  }),
  resourceRule({
    id: 'FP_DIAG_METRIC_CATEGORY',
    severity: 'high',
    title: "Diagnostic settings export only metric categories the target's type has",
    types: [DIAG],
    fix: `Use the type's metricCategories from ${REF}: AllMetrics, Capacity/Transaction for storage, or no enabled_metric.`,
    test: (r) => diagnosticMetrics(r),
  }),
  resourceRule({
    id: 'FP_ALERT_METRIC_REFERENCE',
    severity: 'high',
    title: "Metric alerts use a metric, aggregation and dimensions the scope's namespace publishes",
    types: [ALERT],
    fix: `Take namespace, metric_name, aggregation and dimension names from ${REF} (REST API names).`,
    test: (r) => alertCriteria(r),
  }),
  resourceRule({
    id: 'FP_LOG_ALERT_TABLE_REFERENCE',
    severity: 'high',
    title: 'Log alerts read a documented table and split by its columns',
    types: [LOG_ALERT],
    fix: `Start the query from a table in ${TABLES} and take dimension names from its columns.`,
    test: (r) => logAlertCriteria(r),
  }),
];
