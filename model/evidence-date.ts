/**
 * The date of the evidence a cloud fact rests on, read from its `source` text: the oldest date of a document
 * version the source names (`ms.date 12/3/2024`, `(10/11/2023)`, `06/2023`, `Dec 2025`, `2026-08-21`, `2020`).
 * Dates inside file names (`cloud-facts-check-2026-12-01.md`) are where a comparison is written down, not the
 * age of the evidence, and are skipped. No date: the source names none (`undefined`).
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const pad = (n: number | string) => String(n).padStart(2, '0');

/** Patterns, most precise first; each match is blanked so a less precise one does not read it again. */
const PATTERNS: [RegExp, (m: RegExpExecArray) => string | undefined][] = [
  [/\b(\d{4})-(\d{2})-(\d{2})\b/g, (m) => `${m[1]}-${m[2]}-${m[3]}`],
  [/\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g, (m) => `${m[3]}-${pad(m[1]!)}-${pad(m[2]!)}`],
  [/\b(\d{1,2}) ([A-Z][a-z]{2})[a-z]* (\d{4})\b/g, (m) => month(m[2]!, m[3]!, m[1])],
  [/\b([A-Z][a-z]{2})[a-z]* (\d{4})\b/g, (m) => month(m[1]!, m[2]!)],
  [/\b(\d{1,2})\/(\d{4})\b/g, (m) => `${m[2]}-${pad(m[1]!)}`],
  [/\b((?:19|20)\d{2})\b/g, (m) => m[1]],
];

function month(name: string, year: string, day?: string): string | undefined {
  const i = MONTHS.indexOf(name.toLowerCase());
  if (i < 0) return undefined;
  return `${year}-${pad(i + 1)}${day ? `-${pad(day)}` : ''}`;
}

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; the oldest in the text. */
export function evidenceDate(source: string): string | undefined {
  let text = source.replace(/\S+\.(?:md|yaml|json)\b/g, (p) => ' '.repeat(p.length));
  const dates: string[] = [];
  for (const [re, read] of PATTERNS) {
    text = text.replace(re, (...args) => {
      const m = args.slice(0, -2) as unknown as RegExpExecArray;
      const d = read(m);
      if (d === undefined) return m[0];
      dates.push(d);
      return ' '.repeat(m[0].length);
    });
  }
  return dates.sort()[0];
}
