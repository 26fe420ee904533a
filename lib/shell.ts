/** POSIX shell quoting for the commands the tools print (rollout, its resume line, bootstrap-state). */

/** Quotes a word for a POSIX shell only when it needs it, so printed commands can be pasted. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
