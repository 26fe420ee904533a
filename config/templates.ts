/**
 * Terraform evaluates `${…}` and `%{…}` in every string of a `.tf.json` file (keys of maps included), so a
 * config value such as `${file("/etc/passwd")}` would run in the plan of whoever deploys it. No field of either
 * schema needs those sequences, so the rule is the simplest one a reviewer can check: no string anywhere in a
 * config file (value or key, known field or not) may contain `${` or `%{`. It runs on the parsed YAML before
 * the schema, so no field, present or future, can be forgotten.
 */
import { quote } from '../lib/quote';
import { errorAt, type ConfigError } from './errors';
import type { PathSegment, YamlSource } from './yaml-source';

export const TEMPLATE_SEQUENCE = /[$%]\{/;

interface Hit {
  readonly path: PathSegment[];
  readonly key: boolean;
  readonly text: string;
}

/** Every string (value or key) in `data` holding a template sequence, in document order. */
export function templateHits(data: unknown): Hit[] {
  const hits: Hit[] = [];
  // Iterative: the depth is capped by the reader, but a walk should not depend on it.
  const stack: { value: unknown; path: PathSegment[] }[] = [{ value: data, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (TEMPLATE_SEQUENCE.test(value)) hits.push({ path, key: false, text: value });
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] });
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, v] = entries[i]!;
        if (TEMPLATE_SEQUENCE.test(k)) hits.push({ path: [...path, k], key: true, text: k });
        else stack.push({ value: v, path: [...path, k] });
      }
    }
  }
  return hits;
}

export function templateErrors(src: YamlSource): ConfigError[] {
  return templateHits(src.data).map((h) =>
    errorAt(
      src,
      h.path,
      `${h.key ? 'field name ' : ''}${quote(h.text)} contains "${/[$%]\{/.exec(h.text)![0]}", which Terraform would evaluate as a template; expected text without "\${" or "%{"`,
      h.key,
    ),
  );
}
