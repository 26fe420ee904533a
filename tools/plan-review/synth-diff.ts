/**
 * Where the offline synth diff (`npm run diff -- --format json`) and the real plan disagree, per stack and
 * resource. The plan is the provider's decision; the synth diff ranks with footprint's own tables
 * (tools/diff/risk.ts), so every disagreement is either a table to fix or something only the provider knows.
 */
import { InputError } from '../../lib/cli';
import { readInputText } from '../../lib/read-input';
import type { DiffResult } from '../diff/compare';
import type { PlanReview } from './review';

export interface Disagreement {
  readonly stack: string;
  readonly address?: string;
  readonly note: string;
}

export function readSynthDiff(file: string): DiffResult {
  const text = readInputText(file, { missing: ': cannot read the synth diff (ENOENT)' });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError(
      `${file}: cannot read the synth diff (${(e as Error).message}); expected npm run diff -- --format json output`,
    );
  }
  if (!json || typeof json !== 'object' || !Array.isArray((json as DiffResult).stacks)) {
    throw new InputError(`${file}: no "stacks" list; expected npm run diff -- --format json output`);
  }
  return json as DiffResult;
}

/** Disagreements for the stacks present on both sides (a stack without a plan is listed once). */
export function disagreements(review: PlanReview, diff: DiffResult): Disagreement[] {
  const out: Disagreement[] = [];
  const planned = new Map(review.stacks.map((s) => [s.stack, s]));
  for (const d of diff.stacks) {
    const p = planned.get(d.stack);
    if (!p) {
      out.push({ stack: d.stack, note: 'the synth diff changes this stack; no plan was given for it' });
      continue;
    }
    if (p.status === 'failed') {
      out.push({
        stack: d.stack,
        note: `the plan failed (${p.errors[0]?.message ?? 'see the log'}); the synth diff cannot know that`,
      });
      continue;
    }
    const byAddress = new Map(p.resources.map((r) => [r.address, r]));
    for (const r of d.resources) {
      const pr = byAddress.get(r.address);
      if (!pr) {
        out.push({
          stack: d.stack,
          address: r.address,
          note: `the synth diff ${r.action}s it${r.replaces ? ' (as a replacement)' : ''}; the plan leaves it unchanged (the provider sees no difference, e.g. a set reordered)`,
        });
      } else if (r.replaces && pr.action === 'update') {
        out.push({
          stack: d.stack,
          address: r.address,
          note: 'the synth diff calls it a replacement; the plan updates it in place (fix REPLACEMENT in tools/diff/risk.ts)',
        });
      } else if (pr.action === 'replace' && r.action === 'update' && !r.replaces) {
        out.push({
          stack: d.stack,
          address: r.address,
          note: `the plan replaces it (forced by ${pr.replacePaths?.join(', ') || 'the provider'}); the synth diff's tables call it an update (add ${r.type}: [${(pr.replacePaths ?? []).map((x) => `'${x}'`).join(', ')}] to REPLACEMENT)`,
        });
      }
    }
    const inDiff = new Set(d.resources.map((r) => r.address));
    for (const r of p.resources) {
      if (inDiff.has(r.address)) continue;
      const why = r.follows?.length
        ? `it follows ${r.follows.join(', ')}`
        : 'a dependent value known after apply, or drift';
      out.push({
        stack: d.stack,
        address: r.address,
        note: `the plan ${r.action}s it, the synth diff does not (${why})`,
      });
    }
  }
  return out;
}
