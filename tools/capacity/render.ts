/** The capacity answer as text, JSON or Markdown: units needed per region, each with its arithmetic. */
import type { Format } from '../../lib/cli';
import { mdCell, mdTable } from '../../lib/markdown';
import type { EnvironmentCapacity } from './analyze';

const LOSSES = ['unit', 'zone', 'region'] as const;

export function renderCapacity(envs: readonly EnvironmentCapacity[], format: Format): string {
  if (format === 'json') return `${JSON.stringify({ version: 1, environments: envs }, null, 2)}\n`;
  const lines: string[] = [];
  for (const e of envs) {
    const r = e.result;
    const head = `${e.environment} (${e.tier})`;
    if (!r) {
      lines.push(
        format === 'markdown'
          ? `## ${head}\n\nNo load stated (capacity in \`${e.file}\`).\n`
          : `${head}: no load stated (capacity in ${e.file})\n`,
      );
      continue;
    }
    const verdict = r.short.length ? `SHORT in ${r.short.join(', ')}` : 'enough units';
    const intro = `${r.unitRps} rps per unit, survives: ${r.survive}`;
    if (format === 'markdown') {
      lines.push(`## ${head}: ${verdict}`, '', intro, '');
      lines.push(
        ...mdTable(
          [
            'region',
            'peak rps',
            'units',
            ...LOSSES.map((l) => `${l} loss`),
            'needed',
            'result',
            'arithmetic',
          ],
          r.regions.map((x) => [
            x.region,
            x.peakRps === undefined ? '—' : String(x.peakRps),
            String(x.units),
            ...LOSSES.map((l) => (x.needs[l] === undefined ? '—' : String(x.needs[l]))),
            x.peakRps === undefined ? '—' : String(x.needed),
            x.peakRps === undefined ? 'not sized' : x.short ? `**short by ${x.needed - x.units}**` : 'ok',
            mdCell(x.arithmetic.join('; ')),
          ]),
        ),
        '',
      );
      continue;
    }
    lines.push(`${head}: ${verdict} (${intro})`);
    for (const x of r.regions) {
      const what =
        x.peakRps === undefined
          ? 'not sized'
          : `${x.short ? 'SHORT' : 'ok'}: ${x.units} unit(s), needs ${x.needed}`;
      lines.push(`  ${x.region}: ${what}`);
      for (const a of x.arithmetic.slice(0, -1)) lines.push(`    ${a}`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}\n`.replace(/\n+$/, '\n');
}
