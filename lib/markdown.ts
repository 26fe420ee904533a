/**
 * Markdown escaping for every command that writes Markdown (validate, resilience, diff, report): one rule for a
 * table cell, one for a code span, one table layout. Both also show invisible and direction-changing characters
 * as \uXXXX (`oneLine`): a cell's text cannot reorder or hide what a reviewer reads.
 */
import { oneLine } from './quote';

/**
 * Text safe inside a table cell (and in a list item): backslashes and pipes escaped, `<` as `&lt;` so nothing
 * reads as HTML, every run of whitespace (newlines included) collapsed to one space.
 */
export function mdCell(s: string): string {
  return oneLine(s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\s+/g, ' '));
}

/**
 * A code span safe inside a table cell: backticks become `'`, pipes are escaped (GitHub's table parser reads
 * `\|` inside a code span too), whitespace collapsed. Backslashes and `<` stay: a code span shows them as is.
 */
export function mdCode(s: string): string {
  return `\`${oneLine(s.replace(/`/g, "'").replace(/\|/g, '\\|').replace(/\s+/g, ' '))}\``;
}

export function mdTable(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}
