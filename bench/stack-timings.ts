/**
 * Per-stack numbers: bench/timed-synth.js (a synthesis with the timing hook of `synthesize()`) runs N times,
 * and each stack's in-process build and synthesis times are summarized (median, min–max). Process start-up and
 * module loading are shared by all stacks, so they show in the total only.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, runOnce } from './measure';

export interface StackTiming {
  readonly stack: string;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** Median of the constructor alone. */
  readonly buildMs: number;
  /** Median of aspects + toTerraform + file write. */
  readonly synthMs: number;
}

interface Line {
  readonly stack: string;
  readonly buildMs: number;
  readonly synthMs: number;
}

/** Summarizes JSON lines `{stack, buildMs, synthMs}` (one per stack per run), in first-seen stack order. */
export function summarizeStackTimings(lines: readonly Line[]): StackTiming[] {
  const by = new Map<string, Line[]>();
  for (const l of lines) by.set(l.stack, [...(by.get(l.stack) ?? []), l]);
  return [...by.entries()].map(([stack, ls]) => {
    const total = ls.map((l) => l.buildMs + l.synthMs);
    return {
      stack,
      medianMs: median(total),
      minMs: Math.min(...total),
      maxMs: Math.max(...total),
      buildMs: median(ls.map((l) => l.buildMs)),
      synthMs: median(ls.map((l) => l.synthMs)),
    };
  });
}

export function measureStackTimings(timedSynthJs: string, cwd: string, runs: number): StackTiming[] {
  const dir = mkdtempSync(join(tmpdir(), 'fp-bench-stacks-'));
  try {
    const file = join(dir, 'timings.jsonl');
    for (let i = 0; i < runs; i++) {
      rmSync(join(dir, 'out'), { recursive: true, force: true });
      runOnce([timedSynthJs, join(dir, 'out'), file], cwd);
    }
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line);
    return summarizeStackTimings(lines);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
