/** Markdown escaping shared by the report's sections. */

/** Text safe inside a table cell. */
export function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\s+/g, ' ');
}

/** A code span safe inside a table cell. */
export function mdCode(s: string): string {
  return `\`${s.replace(/`/g, "'").replace(/\|/g, '\\|').replace(/\s+/g, ' ')}\``;
}

export function mdTable(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}
