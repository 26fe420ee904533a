/**
 * Echoing untrusted text in a message so that it cannot forge one: JSON-style quotes and escapes, every
 * character outside printable ASCII shown as \uXXXX (newlines, control, invisible and bidi characters,
 * look-alike letters), and long values cut with their length noted.
 */

/** Escaped characters a value may show before it is cut (the whole echo stays under 120 characters). */
export const QUOTE_MAX = 80;

function escapeChar(c: string): string {
  switch (c) {
    case '"':
      return '\\"';
    case '\\':
      return '\\\\';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    default: {
      const code = c.charCodeAt(0);
      return code < 0x20 || code > 0x7e ? `\\u${code.toString(16).padStart(4, '0')}` : c;
    }
  }
}

/** `"value"`, escaped; longer values end in `"… (N characters)`. */
export function quote(value: string): string {
  let body = '';
  let i = 0;
  // Per UTF-16 unit, so a surrogate pair shows as two \uXXXX (as JSON does with ASCII output).
  for (; i < value.length; i++) {
    const e = escapeChar(value[i]!);
    if (body.length + e.length > QUOTE_MAX) break;
    body += e;
  }
  return i < value.length ? `"${body}"… (${value.length} characters)` : `"${body}"`;
}

/** A value of any type for a message: strings quoted, the rest as (cut, escaped) JSON. */
export function show(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  const json = JSON.stringify(value) ?? String(value);
  return /^[\x20-\x7e]*$/.test(json) && json.length <= QUOTE_MAX ? json : quote(json);
}

/**
 * Characters that must never reach a terminal raw: line breaks (a second line could pass for another error),
 * other controls, and invisible or direction-changing ones. Our own message text uses none of them.
 */
const UNSAFE =
  /[\u0000-\u001f\u007f-\u00a0\u00ad\u061c\u115f\u1160\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\ufff9-\ufffb]/g;

/** One line whatever went into it: unsafe characters escaped (the net under `quote`). */
export function oneLine(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `value` with every string in it (at any depth, keys too) passed through `oneLine`. */
export function oneLineDeep<T>(value: T): T {
  if (typeof value === 'string') return oneLine(value) as T;
  if (Array.isArray(value)) return value.map(oneLineDeep) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [oneLine(k), oneLineDeep(v)])) as T;
}
