/**
 * Per-stack timings for the benchmark: construction time (the stack's constructor) and synthesis time (aspects,
 * toTerraform and the file write). Written only when FOOTPRINT_TIMINGS names a file, never into cdktf.out, so
 * the output stays byte-identical.
 */
import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { TerraformStack } from 'cdktf';

const built = new Map<string, number>();

/** Runs `make` and records how long building the stack took. */
export function timeBuild<T extends TerraformStack>(make: () => T): T {
  const start = performance.now();
  const stack = make();
  built.set(stack.node.id, performance.now() - start);
  return stack;
}

/** Wraps each stack's synthesizer to time it; appends one JSON line per stack to FOOTPRINT_TIMINGS. */
export function timeSynthesis(stacks: readonly TerraformStack[]): void {
  const file = process.env.FOOTPRINT_TIMINGS;
  if (!file) return;
  for (const stack of stacks) {
    const synthesizer = stack.synthesizer;
    const original = synthesizer.synthesize.bind(synthesizer);
    synthesizer.synthesize = (session) => {
      const start = performance.now();
      original(session);
      const synthMs = performance.now() - start;
      const line = { stack: stack.node.id, buildMs: built.get(stack.node.id) ?? 0, synthMs };
      appendFileSync(file, `${JSON.stringify(line)}\n`);
    };
  }
}
