/** The three faces of a policy run: a text table for people, JSON for tools, Markdown for a pull-request comment. */
import { mdCell } from '../lib/markdown';
import { oneLineDeep } from '../lib/quote';
import { MARKDOWN_LIMIT, WAIVER_WARN_DAYS } from './config';
import type { PolicyResult } from './engine';
import { SEVERITIES, severityRank, type Finding } from './types';

function counts(findings: readonly Finding[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of [...SEVERITIES].reverse()) out[s] = findings.filter((f) => f.severity === s).length;
  return out;
}

function headline(r: PolicyResult): string {
  const scope = `${r.environments.length} environment${r.environments.length === 1 ? '' : 's'}, ${r.stacks} stacks, ${r.resources} resources, ${r.rules} rules`;
  if (r.failing === 0) {
    const below = r.findings.length ? ` (${r.findings.length} below ${r.minSeverity})` : '';
    return `PASS: no unwaived finding at or above ${r.minSeverity}${below}; ${scope}`;
  }
  return `FAIL: ${r.failing} unwaived finding${r.failing === 1 ? '' : 's'} at or above ${r.minSeverity}; ${scope}`;
}

function expiry(days: number, expires: string): string {
  if (days < 0) return `${expires} (expired)`;
  if (days <= WAIVER_WARN_DAYS) return `${expires} (in ${days} day${days === 1 ? '' : 's'})`;
  return expires;
}

/** Aligned columns; a cell longer than `cap` widens only its own row. */
function table(header: string[], rows: string[][], cap = 48): string[] {
  const widths = header.map((h, i) =>
    Math.min(cap, Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length))),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/**
 * Findings echo attribute values, and the waiver table reasons, that come from the config: each string is made
 * one line (`oneLine`) before it is laid out, so none can start a line of its own.
 */
export function renderText(result: PolicyResult): string {
  const r = oneLineDeep(result);
  const out: string[] = [`footprint policy: ${headline(r)}`, ''];
  if (r.findings.length) {
    const header = ['SEVERITY', 'RULE', 'STACK', 'RESOURCE', 'ATTRIBUTE', 'EXPECTED', 'FOUND'];
    const rows = r.findings.map((f) => [
      f.severity,
      f.rule,
      f.stack,
      f.resource,
      f.attribute,
      f.expected,
      f.found,
    ]);
    const lines = table(header, rows);
    out.push(lines[0]!);
    r.findings.forEach((f, i) => out.push(lines[i + 1]!, `  fix: ${f.fix}`));
    out.push('');
  }
  if (r.waived.length) {
    out.push(`Waived findings (${r.waived.length}):`);
    for (const f of r.waived)
      out.push(`  ${f.severity} ${f.rule} ${f.stack}/${f.resource} (waiver until ${f.waiver.expires})`);
    out.push('');
  }
  const active = r.waivers.filter((w) => !w.expired);
  out.push(`Active waivers (${active.length}):`);
  if (active.length) {
    const lines = table(
      ['ENVIRONMENT', 'RULE', 'RESOURCE', 'EXPIRES', 'MATCHED', 'REASON'],
      active.map((w) => [
        w.environment,
        w.waiver.rule,
        w.waiver.resource,
        expiry(w.daysLeft, w.waiver.expires),
        String(w.matched),
        w.waiver.reason,
      ]),
    );
    out.push(...lines.map((l) => `  ${l}`));
  }
  out.push('');
  if (r.skipped.length) {
    out.push(`Not checked (${r.skipped.length}):`);
    for (const s of r.skipped) out.push(`  ${s.environment} ${s.rule}: ${s.reason}`);
    out.push('');
  }
  const c = counts(r.findings);
  out.push(
    `Findings by severity: ${Object.entries(c)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}; waived ${r.waived.length}.`,
  );
  out.push(headline(r));
  return `${out.join('\n')}\n`;
}

export function renderJson(r: PolicyResult): string {
  return `${JSON.stringify(
    {
      passed: r.failing === 0,
      minSeverity: r.minSeverity,
      today: r.today,
      failing: r.failing,
      counts: counts(r.findings),
      environments: r.environments,
      stacks: r.stacks,
      resources: r.resources,
      rules: r.rules,
      findings: r.findings,
      waived: r.waived,
      waivers: r.waivers.map((w) => ({
        environment: w.environment,
        file: w.file,
        ...w.waiver,
        expired: w.expired,
        daysLeft: w.daysLeft,
        matched: w.matched,
      })),
      skipped: r.skipped,
    },
    null,
    2,
  )}\n`;
}

const ICON: Record<string, string> = { critical: '🔴', high: '🟠', medium: '🟡', low: '⚪' };

export function renderMarkdown(r: PolicyResult, limit = MARKDOWN_LIMIT): string {
  const head = [
    r.failing === 0
      ? `## ✅ footprint policy passed`
      : `## ❌ footprint policy: ${r.failing} finding${r.failing === 1 ? '' : 's'} at or above ${r.minSeverity}`,
    '',
    `${r.environments.length} environment(s) · ${r.stacks} stacks · ${r.resources} resources · ${r.rules} rules · fails at **${r.minSeverity}** or above · waivers judged on ${r.today}`,
    '',
    '| Severity | Findings |',
    '|---|---:|',
    ...Object.entries(counts(r.findings)).map(([k, v]) => `| ${ICON[k]} ${k} | ${v} |`),
    `| waived | ${r.waived.length} |`,
    '',
  ];

  const tail: string[] = [''];
  const active = r.waivers.filter((w) => !w.expired);
  tail.push(`### Active waivers (${active.length})`, '');
  if (active.length) {
    tail.push('| Environment | Rule | Resource | Expires | Matched | Reason |', '|---|---|---|---|---:|---|');
    for (const w of active) {
      tail.push(
        `| ${mdCell(w.environment)} | \`${mdCell(w.waiver.rule)}\` | \`${mdCell(w.waiver.resource)}\` | ${mdCell(expiry(w.daysLeft, w.waiver.expires))} | ${w.matched} | ${mdCell(w.waiver.reason)} |`,
      );
    }
  } else tail.push('None.');
  if (r.skipped.length) {
    tail.push('', `<details><summary>Not checked (${r.skipped.length})</summary>`, '');
    for (const s of r.skipped)
      tail.push(`- ${mdCell(s.environment)} \`${mdCell(s.rule)}\`: ${mdCell(s.reason)}`);
    tail.push('', '</details>');
  }
  tail.push('');

  const rows: string[] = [];
  const sorted = [...r.findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  if (sorted.length) {
    rows.push(
      '### Findings',
      '',
      '| Severity | Rule | Stack | Resource | Attribute | Expected | Found | Fix |',
      '|---|---|---|---|---|---|---|---|',
    );
    for (const f of sorted) {
      rows.push(
        `| ${ICON[f.severity]} ${f.severity} | \`${mdCell(f.rule)}\` | ${mdCell(f.stack)} | \`${mdCell(f.resource)}\` | \`${mdCell(f.attribute)}\` | ${mdCell(f.expected)} | ${mdCell(f.found)} | ${mdCell(f.fix)} |`,
      );
    }
  }
  if (r.waived.length) {
    rows.push(
      '',
      `<details><summary>Waived findings (${r.waived.length})</summary>`,
      '',
      '| Rule | Stack | Resource | Until |',
      '|---|---|---|---|',
    );
    for (const f of r.waived)
      rows.push(
        `| \`${mdCell(f.rule)}\` | ${mdCell(f.stack)} | \`${mdCell(f.resource)}\` | ${f.waiver.expires} |`,
      );
    rows.push('', '</details>');
  }

  const fixed = head.join('\n').length + tail.join('\n').length + 400;
  let body = '';
  let shown = 0;
  for (const row of rows) {
    if (fixed + body.length + row.length + 1 > limit) break;
    body += `${row}\n`;
    shown++;
  }
  if (shown < rows.length) {
    // Close an open <details> so the rest of the comment renders.
    if (body.includes('<details>') && !body.trimEnd().endsWith('</details>')) body += '\n</details>\n';
    body += `\n> ✂️ Output cut at ${limit.toLocaleString('en-US')} characters: ${rows.length - shown} more line(s) not shown. Run \`npm run validate -- --format json\` for every finding.\n`;
  }
  return `${head.join('\n')}\n${body}${tail.join('\n')}`;
}
