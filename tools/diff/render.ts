/**
 * A diff for people: the terminal (ranked, concise, colored on a TTY), a pull-request comment (summary table,
 * HIGH list, one collapsible section per stack, capped at GitHub's comment size) and JSON for machines.
 */
import type { Json } from '../../contract/out';
import type { AttrChange, DiffResult, ResourceChange, StackDiff } from './compare';
import { mdCell, mdCode } from '../../lib/markdown';
import { oneLine } from '../../lib/quote';
import { maxRisk, RISKS, type Risk } from './risk';

export interface Labels {
  readonly base: string;
  readonly head: string;
}

/** GitHub rejects comments over 65,536 characters; stay below with room for the workflow's own text. */
export const MARKDOWN_CAP = 60_000;

/** Marks the sticky pull-request comment so the workflow updates it instead of adding another. */
export const COMMENT_MARKER = '<!-- footprint-diff -->';

/**
 * A value as JSON that cannot pass for other text: JSON escapes line breaks and controls, `oneLine` the
 * invisible and direction-changing characters JSON leaves (a tag value from the config can hold any).
 */
const json = (v: Json): string => oneLine(JSON.stringify(v));

export function show(v: Json | undefined, max = 80): string {
  if (v === undefined) return '(none)';
  const s = json(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/**
 * Before and after, each cut to `max`. When they differ only past the cut (a long KQL query, a workbook's JSON)
 * both are cut to a window that starts just before the first difference, so the change stays visible.
 */
export function showPair(before: Json | undefined, after: Json | undefined, max = 80): [string, string] {
  const a = before === undefined ? undefined : json(before);
  const b = after === undefined ? undefined : json(after);
  if (a === undefined || b === undefined || (a.length <= max && b.length <= max)) {
    return [show(before, max), show(after, max)];
  }
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i < max - 20) return [show(before, max), show(after, max)];
  const start = i - 20;
  const cut = (x: string) => {
    const rest = x.slice(start);
    return `…${rest.length > max - 1 ? `${rest.slice(0, max - 2)}…` : rest}`;
  };
  return [cut(a), cut(b)];
}

type Scalar = string | number | boolean | null;

function scalars(v: Json | undefined): Scalar[] | undefined {
  return Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object')
    ? (v as Scalar[])
    : undefined;
}

/** A change of a list of values as what leaves and what joins (`−["a"] +["b"]`), or undefined. */
export function listDelta(c: AttrChange, max = 80): string | undefined {
  const a = scalars(c.before);
  const b = scalars(c.after);
  if (!a || !b) return undefined;
  const gone = a.filter((x) => !b.includes(x));
  const joined = b.filter((x) => !a.includes(x));
  // An order change reported as such shows both orders; elsewhere say that only the order differs.
  if (!gone.length && !joined.length) return /order\)$/.test(c.path) ? undefined : 'same values, order only';
  return [gone.length ? `−${show(gone, max)}` : '', joined.length ? `+${show(joined, max)}` : '']
    .filter(Boolean)
    .join(' ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "13 azurerm_subnet, 2 azurerm_key_vault, …": the most frequent types first, at most `max`. */
function typeCounts(resources: readonly ResourceChange[], max = 5): string {
  const m = new Map<string, number>();
  for (const r of resources) m.set(r.type, (m.get(r.type) ?? 0) + 1);
  const sorted = [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t, n]) => `${n} ${t}`);
  return sorted.length > max
    ? `${sorted.slice(0, max).join(', ')}, … ${sorted.length - max} more types`
    : sorted.join(', ');
}

function resourceLabel(r: ResourceChange): string {
  return r.azureName !== undefined ? `${r.address} (${r.azureName})` : r.address;
}

function summaryLine(d: DiffResult, found: readonly Finding[]): string {
  const s = d.counts.stacks;
  const r = d.counts.resources;
  const total = s.added + s.removed + s.changed + s.unchanged;
  return (
    `${plural(total, 'stack')}: ${s.added} added, ${s.removed} removed, ${s.changed} changed, ${s.unchanged} unchanged` +
    ` · resources: ${r.create} to create, ${r.delete} to delete, ${r.update} to update` +
    ` · ${RISKS.map((k) => `${k} ${found.filter((f) => f.risk === k).length}`).join(' · ')}`
  );
}

// ---------------------------------------------------------------------------------------------------------
// Findings: the ranked items both human formats list.

interface Finding {
  readonly risk: Risk;
  readonly scope: string;
  readonly title: string;
  readonly changes: readonly AttrChange[];
  /** Free-text details (a removed stack's stateful resources). */
  readonly details?: readonly string[];
}

/** The same LOW change on this many resources of a stack is shown once (a tag changed everywhere). */
const GROUP_AT = 3;

interface Grouped {
  /** Repeated LOW changes, each with the resources it applies to. */
  readonly groups: { readonly change: AttrChange; readonly resources: ResourceChange[] }[];
  /** Each resource's changes that are not in a group. */
  readonly own: Map<ResourceChange, AttrChange[]>;
}

function groupLow(s: StackDiff): Grouped {
  const key = (c: AttrChange) => JSON.stringify([c.path, c.before ?? null, c.after ?? null]);
  const byKey = new Map<string, { change: AttrChange; resources: ResourceChange[] }>();
  for (const r of s.resources) {
    for (const c of r.changes) {
      if (c.risk !== 'LOW') continue;
      const g = byKey.get(key(c)) ?? { change: c, resources: [] };
      g.resources.push(r);
      byKey.set(key(c), g);
    }
  }
  const groups = [...byKey.values()].filter((g) => g.resources.length >= GROUP_AT);
  const grouped = new Set(groups.map((g) => key(g.change)));
  const own = new Map(s.resources.map((r) => [r, r.changes.filter((c) => !grouped.has(key(c)))]));
  return { groups, own };
}

function changeTitle(r: ResourceChange): string {
  return r.action === 'create'
    ? `+ ${resourceLabel(r)}${r.why ? `  [${r.why}]` : ''}`
    : r.action === 'delete'
      ? `- ${resourceLabel(r)}${r.loses ? `: deletes ${r.loses}` : ''}`
      : `~ ${resourceLabel(r)}${r.replaces ? ` replaced${r.loses ? `: loses ${r.loses}` : ''}` : ''}`;
}

function stackFindings(s: StackDiff): Finding[] {
  if (s.status === 'added') {
    return [
      {
        risk: s.risk,
        scope: s.stack,
        title: `stack added: creates ${plural(s.resources.length, 'resource')}${s.resources.length ? ` (${typeCounts(s.resources)})` : ''}`,
        changes: [],
        ...(s.resources.some((r) => r.why)
          ? { details: s.resources.filter((r) => r.why).map((r) => `- ${resourceLabel(r)}: ${r.why}`) }
          : {}),
      },
    ];
  }
  if (s.status === 'removed') {
    const stateful = s.resources.filter((r) => r.loses);
    const others = s.resources.filter((r) => !r.loses);
    const details = stateful.map((r) => `- ${resourceLabel(r)}: ${r.loses}`);
    if (others.length) details.push(`- ${plural(others.length, 'other resource')} (${typeCounts(others)})`);
    return [
      {
        risk: s.risk,
        scope: s.stack,
        title: `stack removed: deletes ${plural(s.resources.length, 'resource')}${stateful.length ? `, ${stateful.length} stateful` : ''}`,
        changes: [],
        details,
      },
    ];
  }
  const { groups, own } = groupLow(s);
  const out: Finding[] = [];
  for (const r of s.resources) {
    const changes = own.get(r)!;
    if (r.action === 'update' && !changes.length) continue; // all its changes are in groups
    // A resource's finding carries the changes of its own rank; lower ones follow in their own section.
    const risk = r.action === 'update' ? (maxRisk(changes.map((c) => c.risk)) ?? r.risk) : r.risk;
    out.push({
      risk,
      scope: s.stack,
      title: changeTitle(r),
      changes: changes.filter((c) => c.risk === risk),
    });
    for (const lower of RISKS.filter((x) => x !== risk)) {
      const rest = changes.filter((c) => c.risk === lower);
      if (rest.length)
        out.push({ risk: lower, scope: s.stack, title: `~ ${resourceLabel(r)}`, changes: rest });
    }
  }
  for (const g of groups) {
    out.push({
      risk: 'LOW',
      scope: s.stack,
      title: `~ ${plural(g.resources.length, 'resource')} (${typeCounts(g.resources)})`,
      changes: [g.change],
    });
  }
  for (const risk of RISKS) {
    const changes = s.settings.filter((c) => c.risk === risk);
    if (changes.length) out.push({ risk, scope: s.stack, title: '~ stack settings', changes });
  }
  return out;
}

function findings(d: DiffResult): Finding[] {
  const out = d.stacks.flatMap(stackFindings);
  for (const e of d.environments) {
    if (e.status !== 'changed') continue;
    for (const risk of RISKS) {
      const changes = e.changes.filter((c) => c.risk === risk);
      if (changes.length) out.push({ risk, scope: e.environment, title: '~ environment decisions', changes });
    }
  }
  return out;
}

function changeText(c: AttrChange): string {
  const delta = listDelta(c);
  return `${c.path}: ${delta ?? showPair(c.before, c.after).join(' → ')}${c.why ? `  [${c.why}]` : ''}`;
}

// ---------------------------------------------------------------------------------------------------------
// Terminal

const COLORS = { HIGH: '\x1b[1;31m', MEDIUM: '\x1b[33m', LOW: '\x1b[36m', dim: '\x1b[2m', bold: '\x1b[1m' };
const RESET = '\x1b[0m';

export interface TextOptions {
  readonly color?: boolean;
  /** LOW findings shown before "… N more" (HIGH and MEDIUM are always complete). */
  readonly maxLow?: number;
  /** Attribute lines per finding before "… N more". */
  readonly maxChanges?: number;
}

export function renderText(d: DiffResult, labels: Labels, opts: TextOptions = {}): string {
  const paint = (code: string, s: string) => (opts.color ? `${code}${s}${RESET}` : s);
  const maxLow = opts.maxLow ?? 40;
  const maxChanges = opts.maxChanges ?? 8;
  const all = findings(d);
  const lines = [`footprint diff: ${labels.base} → ${labels.head}`, summaryLine(d, all)];
  if (d.risk === null) {
    lines.push('', 'No changes.');
    return `${lines.join('\n')}\n`;
  }
  for (const risk of RISKS) {
    const items = all.filter((f) => f.risk === risk);
    if (!items.length) continue;
    lines.push('', paint(COLORS[risk], `${risk} (${items.length})`));
    const shown = risk === 'LOW' ? items.slice(0, maxLow) : items;
    for (const f of shown) {
      lines.push(`  ${paint(COLORS.bold, f.scope)}  ${f.title}`);
      for (const l of f.details ?? []) lines.push(`      ${l}`);
      for (const c of f.changes.slice(0, maxChanges)) lines.push(`      ${changeText(c)}`);
      if (f.changes.length > maxChanges)
        lines.push(paint(COLORS.dim, `      … ${f.changes.length - maxChanges} more`));
    }
    if (shown.length < items.length) {
      lines.push(
        paint(COLORS.dim, `  … ${items.length - shown.length} more LOW changes (--format json lists all)`),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------------
// Markdown

const ICON: Record<Risk, string> = { HIGH: '🔴', MEDIUM: '🟠', LOW: '⚪' };

function mdChange(c: AttrChange): string {
  const delta = listDelta(c);
  const value = delta !== undefined ? mdCode(delta) : showPair(c.before, c.after).map(mdCode).join(' → ');
  return `${mdCode(c.path)}: ${value}${c.why ? ` (${mdCell(c.why)})` : ''}`;
}

function stackRows(s: StackDiff): string[] {
  if (s.status === 'added') {
    const m = new Map<string, number>();
    for (const r of s.resources) m.set(r.type, (m.get(r.type) ?? 0) + 1);
    const notable = s.resources
      .filter((r) => r.why)
      .map((r) => `| ${r.risk} | ${mdCode(`+ ${r.address}`)} | created (${mdCell(r.why!)}) |`);
    return [...notable, ...[...m].sort().map(([t, n]) => `| LOW | ${mdCode(`+ ${t}`)} | creates ${n} |`)];
  }
  const rows: string[] = [];
  const { groups, own } = groupLow(s);
  for (const r of s.resources) {
    const addr = mdCode(`${r.action === 'create' ? '+' : r.action === 'delete' ? '-' : '~'} ${r.address}`);
    const name = r.azureName !== undefined ? ` ${mdCell(r.azureName)}` : '';
    if (r.action !== 'update') {
      rows.push(
        `| ${r.risk} | ${addr}${name} | ${r.action === 'create' ? `created${r.why ? ` (${mdCell(r.why)})` : ''}` : `deleted${r.loses ? `: loses ${mdCell(r.loses)}` : ''}`} |`,
      );
      continue;
    }
    const head = r.replaces ? `**replaced**${r.loses ? `: loses ${mdCell(r.loses)}` : ''}<br>` : '';
    for (const [i, c] of own.get(r)!.entries()) {
      rows.push(
        `| ${c.risk} | ${i === 0 ? `${addr}${name}` : '〃'} | ${i === 0 ? head : ''}${mdChange(c)} |`,
      );
    }
  }
  for (const g of groups) {
    rows.push(
      `| LOW | ${plural(g.resources.length, 'resource')} (${mdCell(typeCounts(g.resources))}) | ${mdChange(g.change)} |`,
    );
  }
  for (const c of s.settings) rows.push(`| ${c.risk} | settings | ${mdChange(c)} |`);
  return rows;
}

function stackSummary(s: StackDiff): string {
  const c = s.counts;
  const counts = [c.create && `+${c.create}`, c.delete && `−${c.delete}`, c.update && `~${c.update}`]
    .filter(Boolean)
    .join(' ');
  const status = s.status === 'changed' ? '' : ` ${s.status}`;
  return `${ICON[s.risk]} <b>${s.stack}</b>${status} · ${s.risk}${counts ? ` · ${counts}` : ''}${s.settings.length ? ` · ${plural(s.settings.length, 'setting')}` : ''}`;
}

const TABLE_HEAD = ['| risk | resource | change |', '|---|---|---|'];

/** One collapsible section, cut to `budget` characters (rows dropped from the end, with a note). */
function section(
  summary: string,
  rows: readonly string[],
  budget: number,
): { text: string; cut: boolean } | undefined {
  const open = `<details><summary>${summary}</summary>\n\n${TABLE_HEAD.join('\n')}\n`;
  const close = '\n</details>\n';
  if (open.length + close.length > budget) return undefined;
  const cutNote = (left: number) => `| … | | ${left} more rows cut: run \`npm run diff\` locally |\n`;
  // The note's longest form is reserved while rows are added, so a cut section still fits its budget.
  const reserve = cutNote(rows.length).length;
  let body = '';
  let n = 0;
  for (const row of rows) {
    const last = n === rows.length - 1;
    if (open.length + body.length + row.length + 1 + (last ? 0 : reserve) + close.length > budget) break;
    body += `${row}\n`;
    n++;
  }
  if (n === 0 && rows.length) return undefined;
  const note = n < rows.length ? cutNote(rows.length - n) : '';
  return { text: `${open}${body}${note}${close}`, cut: n < rows.length };
}

export function renderMarkdown(d: DiffResult, labels: Labels, cap = MARKDOWN_CAP): string {
  const head: string[] = [COMMENT_MARKER];
  const verdict = d.risk === null ? 'no changes' : `${ICON[d.risk]} highest risk ${d.risk}`;
  head.push(`### footprint diff: ${verdict}`, '');
  const all = findings(d);
  head.push(`base ${mdCode(labels.base)} → head ${mdCode(labels.head)} · ${mdCell(summaryLine(d, all))}`, '');
  if (d.risk === null) return `${head.join('\n')}\n`;

  // Summary table: one row per environment that changes.
  const envs = new Map<string, StackDiff[]>();
  for (const s of d.stacks) envs.set(s.environment, [...(envs.get(s.environment) ?? []), s]);
  for (const e of d.environments) if (!envs.has(e.environment)) envs.set(e.environment, []);
  head.push(
    '| environment | stacks | resources | 🔴 HIGH | 🟠 MEDIUM | ⚪ LOW |',
    '|---|---|---|--:|--:|--:|',
  );
  for (const [env, stacks] of [...envs].sort((a, b) => a[0].localeCompare(b[0]))) {
    const st = (k: StackDiff['status'], sym: string) => {
      const n = stacks.filter((s) => s.status === k).length;
      return n ? `${sym}${n}` : '';
    };
    const rc = (k: keyof StackDiff['counts'], sym: string) => {
      const n = stacks.reduce((t, s) => t + s.counts[k], 0);
      return n ? `${sym}${n}` : '';
    };
    const inEnv = all.filter((f) => stacks.some((s) => s.stack === f.scope) || f.scope === env);
    const risk = (r: Risk) => inEnv.filter((f) => f.risk === r).length;
    head.push(
      `| ${env} | ${[st('added', '+'), st('removed', '−'), st('changed', '~')].filter(Boolean).join(' ') || '–'} | ${
        [rc('create', '+'), rc('delete', '−'), rc('update', '~')].filter(Boolean).join(' ') || '–'
      } | ${risk('HIGH')} | ${risk('MEDIUM')} | ${risk('LOW')} |`,
    );
  }
  head.push('');

  const high = all.filter((f) => f.risk === 'HIGH');
  if (high.length) {
    head.push('**HIGH risk**', '');
    const MAX_HIGH = 25;
    for (const f of high.slice(0, MAX_HIGH)) {
      const detail = f.changes.map(mdChange).join('; ');
      head.push(`- **${f.scope}** ${mdCell(f.title)}${detail ? `: ${detail}` : ''}`);
      for (const l of f.details ?? []) head.push(`  ${mdCell(l)}`);
    }
    if (high.length > MAX_HIGH) head.push(`- … ${high.length - MAX_HIGH} more, in the sections below`);
    head.push('');
  }

  let text = `${head.join('\n')}\n`;
  const tail = (shown: number, total: number) =>
    `\n> ✂️ Cut at GitHub's comment size: ${total - shown} of ${plural(total, 'section')} not shown. Run \`npm run diff -- --base <ref>\` for the whole diff.\n`;
  const sections: { summary: string; rows: string[] }[] = d.stacks.map((s) => ({
    summary: stackSummary(s),
    rows: stackRows(s),
  }));
  for (const e of d.environments) {
    if (e.status !== 'changed') continue;
    sections.push({
      summary: `<b>${e.environment}</b> decisions`,
      rows: e.changes.map((c) => `| ${c.risk} | environment | ${mdChange(c)} |`),
    });
  }
  const reserve = tail(0, sections.length).length + 16;
  let shown = 0;
  let cut = false;
  for (const s of sections) {
    // The newline in front of each section counts too.
    const part = section(s.summary, s.rows, cap - text.length - reserve - 1);
    if (!part) {
      cut = true;
      break;
    }
    text += `\n${part.text}`;
    shown++;
    if (part.cut) {
      cut = true;
      break;
    }
  }
  if (cut) text += tail(shown, sections.length);
  return text;
}

// ---------------------------------------------------------------------------------------------------------
// JSON

export function renderJson(d: DiffResult, labels: Labels): string {
  return `${JSON.stringify({ base: labels.base, head: labels.head, ...d }, null, 2)}\n`;
}
