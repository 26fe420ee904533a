/**
 * The Log Analytics tables footprint's log alerts and health model read, with their documented columns
 * (model/data/log-tables.json, source per table), and the check of a log alert row against them and against
 * the Azure Monitor reference: the table its category lands in, the columns it splits by.
 */
import data from './data/log-tables.json';
import type { LogAlertSpec } from './alert-catalog';
import { monitorType } from './azure-monitor';

export interface LogTable {
  /** `<repo>:<path>@<commit>` of the table's reference page. */
  readonly source: string;
  readonly columns: readonly string[];
}

const TABLES: Readonly<Record<string, LogTable>> = data.tables;

export function logTable(name: string): LogTable | undefined {
  return Object.prototype.hasOwnProperty.call(TABLES, name) ? TABLES[name] : undefined;
}

/** The first identifier of a query: the table it starts from. */
export function sourceTable(query: string): string | undefined {
  return /^\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(query)?.[1];
}

/** What is wrong with a log alert row, in words (empty: nothing). */
export function logAlertProblems(id: string, spec: LogAlertSpec): string[] {
  const out: string[] = [];
  const tables = spec.log.reads.map((r) => r.table);
  for (const r of spec.log.reads) {
    const table = logTable(r.table);
    if (!table) out.push(`${id}: table ${r.table} is not in model/data/log-tables.json`);
    if (r.from === 'containerInsights') continue;
    const ref = monitorType(r.from.type);
    if (!ref) {
      out.push(`${id}: ${r.from.type} is not in the Azure Monitor reference`);
      continue;
    }
    if (!ref.logCategories.includes(r.from.category))
      out.push(`${id}: ${r.from.type} has no log category ${r.from.category}`);
    const lands = ref.logTables?.[r.from.category];
    if (lands !== r.table)
      out.push(`${id}: category ${r.from.category} lands in ${String(lands)}, not ${r.table}`);
  }
  const first = sourceTable(spec.log.query);
  if (!first || !tables.includes(first))
    out.push(`${id}: the query starts from ${String(first)}, not a table it declares (${tables.join(', ')})`);
  const columns = new Set(spec.log.reads.flatMap((r) => logTable(r.table)?.columns ?? []));
  for (const d of spec.log.dimensions ?? [])
    if (!columns.has(d)) out.push(`${id}: dimension ${d} is not a column of ${tables.join(', ')}`);
  if (!new RegExp(`\\b${spec.log.measure}\\s*=`).test(spec.log.query))
    out.push(`${id}: the query does not compute ${spec.log.measure}`);
  return out;
}
