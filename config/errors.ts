/** Config errors a person can act on: file, line:column, field, what was expected, and the valid choices. */
import type { PathSegment, YamlSource } from './yaml-source';

export interface ConfigError {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  /** Field path such as `regions[1].name`; empty for a whole-file error. */
  readonly field: string;
  readonly message: string;
}

export function fieldPath(path: readonly PathSegment[]): string {
  return path.reduce<string>(
    (s, seg) => (typeof seg === 'number' ? `${s}[${seg}]` : s ? `${s}.${seg}` : String(seg)),
    '',
  );
}

export function formatError(e: ConfigError): string {
  return `${e.file}:${e.line}:${e.col} ${e.field ? `${e.field}: ` : ''}${e.message}`;
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
