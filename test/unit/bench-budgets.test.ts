/** The bench's budget verdicts: bounds in ms and MB, and issue #24's bounds as multiples of the floor. */
import { BUDGETS, checkBudgets, limitText, measuredText, NPM_CHANGED, NPM_WARM } from '../../bench/budgets';
import type { Measurement } from '../../bench/measure';

const m = (label: string, medianMs: number, medianMb?: number): Measurement => ({
  label,
  command: label,
  runs: 5,
  medianMs,
  minMs: medianMs,
  maxMs: medianMs,
  ...(medianMb === undefined ? {} : { medianMb }),
});
const FLOOR = m('floor', 400);
const verdict = (label: string, results: Measurement[], floor = FLOOR) =>
  checkBudgets(BUDGETS, results, floor).find((v) => v.label === label)!;

describe('bench budgets', () => {
  it("judges npm run synth against issue #24's seconds over its 0.18 s floor, as a ratio to this run's floor", () => {
    // 1.6 s / 0.18 s = 8.89×: at a 400 ms floor the bound is 3556 ms.
    expect(verdict(NPM_CHANGED, [m(NPM_CHANGED, 3550)])).toMatchObject({ ok: true });
    expect(verdict(NPM_CHANGED, [m(NPM_CHANGED, 3560)])).toMatchObject({ ok: false });
    expect(verdict(NPM_CHANGED, [m(NPM_CHANGED, 3560)], m('floor', 180))).toMatchObject({ ok: false });
    expect(verdict(NPM_CHANGED, [m(NPM_CHANGED, 1600)], m('floor', 180)).ok).toBe(true);
    // 1.0 s / 0.18 s = 5.56×.
    expect(verdict(NPM_WARM, [m(NPM_WARM, 2222)]).ok).toBe(true);
    expect(verdict(NPM_WARM, [m(NPM_WARM, 2223)]).ok).toBe(false);
    expect(verdict(NPM_WARM, [m(NPM_WARM, 1000)]).floorRatio).toBe(2.5);
  });

  it('bounds in ms and MB: at the limit is within it, above it is over; either bound fails the budget', () => {
    const label = 'synth: shipped matrix';
    expect(verdict(label, [m(label, 3000, 300)]).ok).toBe(true);
    expect(verdict(label, [m(label, 3001, 100)]).ok).toBe(false);
    expect(verdict(label, [m(label, 1000, 301)]).ok).toBe(false);
    expect(verdict(label, [m(label, 1000)]).ok).toBe(true); // no RSS recorded
    expect(verdict('synth: 32 regions', [m('synth: 32 regions', 10_001)]).ok).toBe(false);
  });

  it('a budget whose measurement was skipped has no verdict', () => {
    const v = verdict('synth: 32 regions', []);
    expect(v.ok).toBeUndefined();
    expect(measuredText(v)).toBe('not measured');
  });

  it('the table shows the ratio, where it comes from and what it is in this run', () => {
    const v = verdict(NPM_CHANGED, [m(NPM_CHANGED, 2400)]);
    expect(limitText(v, FLOOR)).toBe(
      "8.89× the floor (1.6 s over issue #24's 0.18 s floor; 3556 ms at this run's floor)",
    );
    expect(measuredText(v)).toBe('2400 ms, 6.00×');
    const s = verdict('synth: shipped matrix', [m('synth: shipped matrix', 12_345, 140.4)]);
    expect(limitText(s, FLOOR)).toBe('3000 ms, 300 MB');
    expect(measuredText(s)).toBe('12.3 s, 140 MB');
  });
});
