/** "Did you mean" hints and lists of valid choices for config errors. */
import { quote } from '../lib/quote';

/** Levenshtein distance, for "did you mean" hints. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** " (a, b, c)" or "; did you mean "x"? (a, b, c)"; lists up to 12 choices. */
export function choices(value: string, options: readonly string[]): string {
  if (options.length === 0) return '';
  return `${didYouMean(value, options)} (${listed(options)})`;
}

/** "; did you mean "x"? expected one of (a, b, c)" or "; expected one of (a, b, c)". */
export function oneOf(value: string, options: readonly string[]): string {
  if (options.length === 0) return '';
  return `${didYouMean(value, options)} expected one of (${listed(options)})`.replace(/^ /, '; ');
}

function didYouMean(value: string, options: readonly string[]): string {
  const close = options
    .map((o) => ({ o, d: distance(value.toLowerCase(), o.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(x.o.length / 3)))
    .sort((a, b) => a.d - b.d)[0];
  return close && close.o !== value ? `; did you mean ${quote(close.o)}?` : '';
}

function listed(options: readonly string[]): string {
  return options.length > 12 ? `${options.slice(0, 12).join(', ')}, …` : options.join(', ');
}
