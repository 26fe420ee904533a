/** Config errors a person can act on: file, line:column, field, what was expected, and the valid choices. */
import { oneLine, quote } from '../lib/quote';
import type { PathSegment, YamlSource } from './yaml-source';

export interface ConfigError {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  /** Field path such as `regions[1].name`; empty for a whole-file error. */
  readonly field: string;
  readonly message: string;
}

/** `regions[1].name`; a key from the file that is not a short plain word is quoted (and cut): `tags["a b"]`. */
export function fieldPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((s, seg) => {
    if (typeof seg === 'number') return `${s}[${seg}]`;
    if (!/^[A-Za-z0-9_$-]{1,64}$/.test(seg)) return `${s}[${quote(seg)}]`;
    return s ? `${s}.${seg}` : seg;
  }, '');
}

/** One line per error, whatever the input held (file names and messages included). */
export function formatError(e: ConfigError): string {
  return oneLine(`${e.file}:${e.line}:${e.col} ${e.field ? `${e.field}: ` : ''}${e.message}`);
}

/** Sorted by file, then line and column, so the output reads top to bottom. */
export function sortErrors(errors: ConfigError[]): ConfigError[] {
  return [...errors].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.field.localeCompare(b.field),
  );
}

export function errorAt(
  src: YamlSource,
  path: readonly PathSegment[],
  message: string,
  key = false,
): ConfigError {
  const pos = src.position(path, key);
  return { file: src.file, line: pos.line, col: pos.col, field: fieldPath(path), message };
}
