/** The preflight checklist as text, markdown or JSON; with outcomes after `--check`, else the commands to run. */
import { mdCell, mdCode, mdTable } from '../../lib/markdown';
import { azLine, GROUPS, setupLine, type Checklist } from './checks';
import type { Outcome, RunResult } from './run';

const LABEL = { pass: 'PASS', fail: 'FAIL', 'could-not-check': 'COULD NOT CHECK', todo: 'TO CHECK' } as const;

function rows(list: Checklist, run?: RunResult) {
  const byId = new Map<string, Outcome>((run?.outcomes ?? []).map((o) => [o.id, o]));
  return list.checks.map((c) => {
    const o = byId.get(c.id);
    return { check: c, status: o?.status ?? ('todo' as const), detail: o?.detail ?? '' };
  });
}

export function summary(run?: RunResult): { pass: number; fail: number; couldNotCheck: number } {
  const o = run?.outcomes ?? [];
  return {
    pass: o.filter((x) => x.status === 'pass').length,
    fail: o.filter((x) => x.status === 'fail').length,
    couldNotCheck: o.filter((x) => x.status === 'could-not-check').length,
  };
}

function header(list: Checklist, run?: RunResult): string {
  const s = summary(run);
  const verdict = run
    ? `${s.fail ? 'FAIL' : 'ok'}: ${s.pass} pass, ${s.fail} fail, ${s.couldNotCheck} could not be checked`
    : `${list.checks.length} checks (offline: run them with --check, or paste the commands)`;
  return `preflight ${list.environment} (cloud ${list.cloud}, az cloud ${list.azCloudName}, subscription ${list.subscriptionId || '(unknown)'}): ${verdict}`;
}

export function renderText(list: Checklist, run?: RunResult): string {
  const lines = [header(list, run), '', 'first:', ...list.setup.map((s) => `  ${setupLine(s)}`)];
  if (run?.setupProblem) lines.push(`  -> ${run.setupProblem}`);
  const all = rows(list, run);
  for (const g of GROUPS) {
    const mine = all.filter((r) => r.check.group === g);
    if (!mine.length) continue;
    lines.push('', `${g}:`);
    for (const r of mine) {
      lines.push(`  ${LABEL[r.status].padEnd(15)} ${r.check.title}`);
      lines.push(`  ${''.padEnd(15)} ${azLine(r.check.args)}`);
      lines.push(`  ${''.padEnd(15)} ${r.detail ? `-> ${r.detail}` : `expect: ${r.check.expect}`}`);
    }
  }
  if (list.notes.length) lines.push('', 'notes:', ...list.notes.map((n) => `  ${n}`));
  return `${lines.join('\n')}\n`;
}

export function renderMarkdown(list: Checklist, run?: RunResult): string {
  const lines = [`### ${header(list, run)}`, '', '```sh', ...list.setup.map(setupLine), '```'];
  const all = rows(list, run);
  for (const g of GROUPS) {
    const mine = all.filter((r) => r.check.group === g);
    if (!mine.length) continue;
    lines.push(
      '',
      `#### ${g}`,
      '',
      ...mdTable(
        ['status', 'check', 'command', 'expect / result'],
        mine.map((r) => [
          LABEL[r.status],
          mdCell(r.check.title),
          mdCode(azLine(r.check.args)),
          mdCell(r.detail || r.check.expect),
        ]),
      ),
    );
  }
  if (list.notes.length) lines.push('', ...list.notes.map((n) => `- ${mdCell(n)}`));
  return `${lines.join('\n')}\n`;
}

export function renderJson(list: Checklist, run?: RunResult): string {
  return `${JSON.stringify(
    {
      environment: list.environment,
      cloud: list.cloud,
      azCloudName: list.azCloudName,
      subscriptionId: list.subscriptionId,
      mode: run ? 'check' : 'offline',
      ...(run ? { summary: summary(run), setupProblem: run.setupProblem || undefined } : {}),
      setup: list.setup.map(setupLine),
      checks: rows(list, run).map((r) => ({
        id: r.check.id,
        group: r.check.group,
        title: r.check.title,
        command: azLine(r.check.args),
        expect: r.check.expect,
        status: r.status,
        ...(r.detail ? { detail: r.detail } : {}),
        ...(r.check.fix ? { fix: r.check.fix } : {}),
      })),
      notes: list.notes,
    },
    null,
    2,
  )}\n`;
}
