/** Echoing untrusted text: quoted, escaped JSON-style, non-ASCII visible, cut with its length. */
import { oneLine, QUOTE_MAX, quote, show } from '../../lib/quote';

describe('quote', () => {
  it('quotes plain text as is', () => {
    expect(quote('eastus2')).toBe('"eastus2"');
    expect(quote('')).toBe('""');
  });

  it('escapes quotes, backslashes, line breaks and controls as JSON does', () => {
    expect(quote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(quote('a\nb\r\tc\u0000\u001b[0m')).toBe('"a\\nb\\r\\tc\\u0000\\u001b[0m"');
  });

  it('shows every non-ASCII character as \\uXXXX, so look-alikes and invisible ones differ visibly', () => {
    expect(quote('\u0440ublic')).toBe('"\\u0440ublic"'); // Cyrillic er
    expect(quote('dev\u00a0')).toBe('"dev\\u00a0"'); // no-break space
    expect(quote('a\u200bb\u202ec')).toBe('"a\\u200bb\\u202ec"'); // zero-width space, right-to-left override
    expect(quote('\u{1F600}')).toBe('"\\ud83d\\ude00"');
  });

  it('cuts after QUOTE_MAX escaped characters and says how long the value was', () => {
    expect(quote('x'.repeat(5_000_000))).toBe(`"${'x'.repeat(QUOTE_MAX)}"… (5000000 characters)`);
    // Escapes count towards the limit: never more than QUOTE_MAX characters between the quotes.
    const cut = quote('\u00e9'.repeat(1000));
    expect(cut).toBe(`"${'\\u00e9'.repeat(13)}"… (1000 characters)`);
    expect(quote('x'.repeat(QUOTE_MAX))).toBe(`"${'x'.repeat(QUOTE_MAX)}"`);
  });
});

describe('show', () => {
  it('quotes strings and writes short JSON for the rest', () => {
    expect(show('a')).toBe('"a"');
    expect(show(3)).toBe('3');
    expect(show(null)).toBe('null');
    expect(show([1, 'a'])).toBe('[1,"a"]');
  });

  it('escapes and cuts long or non-ASCII JSON', () => {
    expect(show(['é'])).toBe('"[\\"\\u00e9\\"]"');
    expect(show(Array.from({ length: 100 }, () => 1))).toMatch(/^"\[1,1,.*"… \(\d+ characters\)$/);
  });
});

describe('oneLine', () => {
  it('escapes line breaks, controls and invisible characters anywhere in a message, keeps the rest', () => {
    expect(oneLine('a\nb\u2028c\u0085d\u00a0e\ufeff')).toBe('a\\u000ab\\u2028c\\u0085d\\u00a0e\\ufeff');
    expect(oneLine('café: one of (a, b, …)')).toBe('café: one of (a, b, …)');
  });
});
