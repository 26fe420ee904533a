/** Resilience results as a terminal table, Markdown (PR comment, report section) or JSON. */
import type { Format } from '../../lib/cli';
import { mdCell, mdTable } from '../../lib/markdown';
import type { EnvironmentResilience } from './types';
import type { ScenarioResult } from './simulate';

export const RESILIENCE_JSON_VERSION = 1;

interface Row {
  scenario: string;
  origins: string;
  cosmos: string;
  nodes: string;
  result: string;
}

function originsCell(r: ScenarioResult): string {
  if (!r.groups.length) return 'none';
  const weakest = [...r.groups].sort((a, b) => a.servingStamps.length - b.servingStamps.length)[0]!;
  return `${weakest.serving}/${weakest.total}${weakest.probed ? '' : ' unprobed'}`;
}

function cosmosCell(r: ScenarioResult): string {
  if (!r.cosmos) return '-';
  if (r.cosmos.some((c) => !c.readable)) return 'down';
  if (r.cosmos.some((c) => !c.writable)) return 'read only';
  const regions = [...new Set(r.cosmos.flatMap((c) => c.writeRegions))];
  return `read/write (${regions.join(', ')})`;
}

function rows(e: EnvironmentResilience): Row[] {
  return e.scenarios.map((r) => ({
    scenario: r.scenario.label,
    origins: originsCell(r),
    cosmos: cosmosCell(r),
    nodes: `${r.minNodesLeft} (${e.floor.minNodesPerStamp})`,
    result: r.pass ? 'ok' : 'FAIL',
  }));
}

const HEAD: Row = {
  scenario: 'scenario',
  origins: 'serving origins',
  cosmos: 'Cosmos',
  nodes: 'min nodes left (floor)',
  result: 'result',
};
const COLS = Object.keys(HEAD) as (keyof Row)[];

function verdict(e: EnvironmentResilience): string {
  if (e.pass) return 'PASS';
  return e.gated ? 'FAIL' : 'FAIL (not gated: tier ' + e.tier + ')';
}

function floorLine(e: EnvironmentResilience): string {
  const f = e.floor;
  return `floor: ${f.minNodesPerPool} node(s) per pool, ${f.minNodesPerStamp} per stamp, ${f.minServingStamps} serving stamp(s)`;
}

/** Each distinct failure once, with the scenarios it occurs in. */
function failureReasons(e: EnvironmentResilience): [string, string][] {
  const by = new Map<string, string[]>();
  for (const r of e.scenarios) {
    for (const f of r.failures) {
      const labels = by.get(f);
      if (labels) labels.push(r.scenario.label);
      else by.set(f, [r.scenario.label]);
    }
  }
  return [...by].map(([reason, labels]) => [
    reason,
    labels.length === e.scenarios.length ? 'every scenario' : labels.join(', '),
  ]);
}

function text(results: readonly EnvironmentResilience[]): string {
  const out: string[] = [];
  for (const e of results) {
    out.push(`${e.name} (${e.tier}, ${e.cloud}, ${e.globalEntry}): ${verdict(e)}`);
    out.push(`  ${floorLine(e)}`);
    const all = [HEAD, ...rows(e)];
    const width = Object.fromEntries(COLS.map((c) => [c, Math.max(...all.map((r) => r[c].length))]));
    for (const r of all) out.push(`  ${COLS.map((c) => r[c].padEnd(width[c]!)).join('  ')}`.trimEnd());
    for (const [reason, where] of failureReasons(e)) out.push(`  FAIL ${reason} (${where})`);
    out.push(e.spofs.length ? '  single points of failure:' : '  single points of failure: none');
    for (const s of e.spofs) out.push(`    ${s.id} ${s.message}`);
    for (const n of e.notes) out.push(`  note: ${n}`);
    out.push('');
  }
  const failed = results.filter((e) => e.gated && !e.pass).map((e) => e.name);
  out.push(
    failed.length
      ? `${failed.length} prod environment(s) fail: ${failed.join(', ')}`
      : `all ${results.filter((e) => e.gated).length} prod environment(s) survive every single zone and region loss`,
  );
  return `${out.join('\n')}\n`;
}

function markdown(results: readonly EnvironmentResilience[]): string {
  const out: string[] = ['## Resilience', ''];
  for (const e of results) {
    out.push(`### ${e.name} (${e.tier}, ${e.cloud}, ${e.globalEntry}): ${verdict(e)}`, '', floorLine(e), '');
    out.push(
      ...mdTable(
        COLS.map((c) => HEAD[c]),
        rows(e).map((r) => COLS.map((c) => mdCell(r[c]))),
      ),
    );
    out.push('');
    const failures = failureReasons(e);
    if (failures.length) {
      out.push('Failures:', '', ...failures.map(([reason, where]) => `- ${reason} (${where})`), '');
    }
    out.push(e.spofs.length ? 'Single points of failure:' : 'Single points of failure: none.', '');
    if (e.spofs.length) out.push(...e.spofs.map((s) => `- \`${s.id}\` ${s.message}`), '');
    if (e.notes.length) out.push('Notes:', '', ...e.notes.map((n) => `- ${n}`), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

export function renderResilience(results: readonly EnvironmentResilience[], format: Format): string {
  if (format === 'json') {
    const pass = results.every((r) => !r.gated || r.pass);
    return `${JSON.stringify({ version: RESILIENCE_JSON_VERSION, pass, environments: results }, null, 2)}\n`;
  }
  return format === 'markdown' ? markdown(results) : text(results);
}
