/**
 * The plan review for people: the terminal (one summary line per stack, then the changes ranked), a
 * pull-request comment (summary table, HIGH list, one collapsible section per stack, capped at GitHub's comment
 * size) and JSON. Values come from review.ts already redacted; nothing here reads the plan.
 */
import type { Json } from '../../contract/out';
import { mdCell, mdCode } from '../../lib/markdown';
import { MARKDOWN_CAP, showPair } from '../diff/render';
import type { Disagreement } from './synth-diff';
import type { AttrReview, PlanReview, ResourceReview, StackReview } from './review';

/** Marks the sticky pull-request comment (next to the synth diff's `<!-- footprint-diff -->`). */
export const COMMENT_MARKER = '<!-- footprint-plan -->';

const plans = (n: number) => `${n} plan${n === 1 ? '' : 's'}`;

function change(c: AttrReview): string {
  const [b, a] = showPair(c.before as Json | undefined, c.after as Json | undefined);
  const values =
    c.before === undefined ? `+ ${a}` : c.after === undefined ? `${b} → (removed)` : `${b} → ${a}`;
  return `${c.path}: ${values}`;
}

function resourceLines(r: ResourceReview): string[] {
  const lines = [`${r.risk.padEnd(6)} ${r.action.padEnd(7)} ${r.address}`];
  // Whys of the resource itself (replaced, deleted); a change's why is printed under the change.
  for (const w of r.why) if (!r.changes.some((c) => w.startsWith(`${c.path}: `))) lines.push(`         ${w}`);
  if (r.follows?.length) lines.push(`         follows ${r.follows.join(', ')}`);
  for (const c of r.changes) {
    lines.push(`         ${change(c)}`);
    if (c.why && c.risk !== 'LOW') lines.push(`           ${c.risk}: ${c.why}`);
  }
  if (r.unknown.length) lines.push(`         known after apply: ${r.unknown.join(', ')}`);
  return lines;
}

function headline(s: StackReview): string {
  return `${s.stack}: ${s.risk ?? 'none'} · ${s.summary}`;
}

export function renderText(review: PlanReview, disagree?: readonly Disagreement[]): string {
  const lines: string[] = [];
  for (const s of review.stacks) lines.push(headline(s));
  for (const s of review.stacks) {
    if (s.status === 'no-change') continue;
    lines.push('', `== ${s.stack} (${s.file})`);
    for (const e of s.errors)
      lines.push(`HIGH   plan failed${e.address ? ` at ${e.address}` : ''}: ${e.message}`);
    for (const r of s.resources) lines.push(...resourceLines(r));
    for (const o of s.outputs)
      lines.push(`output ${o.action.padEnd(7)} ${o.name}${o.sensitive ? ' (sensitive)' : ''}`);
  }
  if (disagree) {
    lines.push('', disagree.length ? 'Synth diff and plan disagree:' : 'Synth diff and plan agree.');
    for (const d of disagree) lines.push(`  ${d.stack}${d.address ? ` ${d.address}` : ''}: ${d.note}`);
  }
  const c = review.counts;
  lines.push(
    '',
    `${plans(review.stacks.length)}: ${c.stacks.changes} with changes, ${c.stacks.noChange} without, ${c.stacks.failed} failed; ` +
      `resources: ${c.resources.create} to create, ${c.resources.update} to update, ${c.resources.replace} to replace, ${c.resources.delete} to delete; ` +
      `risk: ${review.risk ?? 'none'}`,
  );
  return `${lines.join('\n')}\n`;
}

function mdResource(r: ResourceReview): string {
  const rows = [
    ...r.why.filter((w) => !r.changes.some((c) => w.startsWith(`${c.path}: `))).map((w) => mdCell(w)),
    ...(r.follows?.length ? [`follows ${r.follows.map(mdCode).join(', ')}`] : []),
    ...r.changes.map(
      (c) => `${mdCode(change(c))}${c.why && c.risk !== 'LOW' ? ` **${c.risk}**: ${mdCell(c.why)}` : ''}`,
    ),
    ...(r.unknown.length ? [`known after apply: ${r.unknown.map(mdCode).join(', ')}`] : []),
  ];
  return `| ${r.risk} | ${r.action} | ${mdCode(r.address)} | ${rows.join('<br>')} |`;
}

function mdStack(s: StackReview): string {
  const head = `<details${s.risk === 'HIGH' ? ' open' : ''}><summary><b>${s.stack}</b>: ${s.risk ?? 'no change'} · ${mdCell(s.summary)}</summary>\n\n`;
  const body: string[] = [];
  for (const e of s.errors)
    body.push(`- **plan failed**${e.address ? ` at ${mdCode(e.address)}` : ''}: ${mdCell(e.message)}`);
  if (s.resources.length) {
    body.push(
      '| risk | action | resource | why / changes |',
      '|---|---|---|---|',
      ...s.resources.map(mdResource),
    );
  }
  if (s.outputs.length)
    body.push('', `Outputs: ${s.outputs.map((o) => `${mdCode(o.name)} ${o.action}`).join(', ')}`);
  return `${head}${body.join('\n')}\n\n</details>\n`;
}

export function renderMarkdown(
  review: PlanReview,
  disagree?: readonly Disagreement[],
  cap = MARKDOWN_CAP,
): string {
  const c = review.counts;
  const top = [
    COMMENT_MARKER,
    `## Terraform plan review: ${review.risk ?? 'no change'}`,
    '',
    `${plans(review.stacks.length)}: ${c.stacks.changes} with changes, ${c.stacks.noChange} without, ${c.stacks.failed} failed · ` +
      `${c.resources.create} to create, ${c.resources.update} to update, ${c.resources.replace} to replace, ${c.resources.delete} to delete`,
    '',
    '| stack | risk | create | update | replace | delete | summary |',
    '|---|---|---|---|---|---|---|',
    ...review.stacks.map(
      (s) =>
        `| ${s.stack} | ${s.status === 'failed' ? 'HIGH (failed)' : (s.risk ?? '—')} | ${s.counts.create} | ${s.counts.update} | ${s.counts.replace} | ${s.counts.delete} | ${mdCell(s.summary)} |`,
    ),
    '',
  ].join('\n');
  let text = top;
  if (disagree?.length) {
    text += `\n### Synth diff and plan disagree\n\n${disagree.map((d) => `- ${d.stack}${d.address ? ` ${mdCode(d.address)}` : ''}: ${mdCell(d.note)}`).join('\n')}\n`;
  }
  const sections = review.stacks.filter((s) => s.status !== 'no-change').map(mdStack);
  let left = 0;
  for (const sec of sections) {
    if (text.length + sec.length + 200 > cap) {
      left++;
      continue;
    }
    text += `\n${sec}`;
  }
  if (left)
    text += `\n_${left} more stack sections left out to stay under GitHub's comment size; run \`npm run plan-review\` for all._\n`;
  return text;
}

export function renderJson(review: PlanReview, disagree?: readonly Disagreement[]): string {
  return `${JSON.stringify({ ...review, ...(disagree ? { disagreements: disagree } : {}) }, null, 2)}\n`;
}
