/** Synthesizes one construct in a bare stack and returns the JSON text and its parsed form. */
import { Testing } from 'cdktf';
import type { Construct } from 'constructs';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Synthesized {
  readonly text: string;
  readonly json: { resource: Record<string, Record<string, Body>> };
  /** Bodies of one resource type. */
  of(type: string): Body[];
  /** The only resource of a type (throws when there is not exactly one). */
  one(type: string): Body;
}

export function synth(build: (scope: Construct) => void): Synthesized {
  const text = Testing.synthScope(build);
  const json = JSON.parse(text) as Synthesized['json'];
  const of = (type: string) => Object.values(json.resource?.[type] ?? {});
  return {
    text,
    json,
    of,
    one(type) {
      const all = of(type);
      if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
      return all[0]!;
    },
  };
}
