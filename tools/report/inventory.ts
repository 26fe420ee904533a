/** Resource counts by type per stack of one environment. */
import type { EnvironmentSummary } from '../../contract/footprint';
import type { StackJson } from '../../contract/out';
import { mdCode, mdTable } from '../../lib/markdown';

export interface Inventory {
  /** Column labels: `global` and the stamps' regions, in stack order. */
  readonly columns: string[];
  readonly rows: { readonly type: string; readonly counts: number[]; readonly total: number }[];
  readonly totals: number[];
}

export function inventory(env: EnvironmentSummary, stacks: readonly StackJson[]): Inventory {
  const own = env.stacks.map((n) => stacks.find((s) => s.name === n)).filter((s): s is StackJson => !!s);
  const columns = own.map((s) =>
    s.name === env.globalStack
      ? 'global'
      : s.name.startsWith(`${env.name}-`)
        ? s.name.slice(env.name.length + 1)
        : s.name,
  );
  const types = [...new Set(own.flatMap((s) => s.resources.map((r) => r.type)))].sort();
  const rows = types.map((type) => {
    const counts = own.map((s) => s.resources.filter((r) => r.type === type).length);
    return { type, counts, total: counts.reduce((a, b) => a + b, 0) };
  });
  return { columns, rows, totals: own.map((s) => s.resources.length) };
}

export function renderInventory(inv: Inventory): string[] {
  if (!inv.rows.length) return ['No resources.'];
  return mdTable(
    ['resource type', ...inv.columns, 'total'],
    [
      ...inv.rows.map((r) => [
        mdCode(r.type),
        ...r.counts.map((n) => (n ? String(n) : '·')),
        String(r.total),
      ]),
      ['**total**', ...inv.totals.map((n) => `**${n}**`), `**${inv.totals.reduce((a, b) => a + b, 0)}**`],
    ],
  );
}
