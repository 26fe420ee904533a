/**
 * The bench's budgets and their verdicts. A budget is in this machine's milliseconds and megabytes, or, where a
 * target was set on another day's machine, a multiple of the floor (`node -e "require('cdktf')"`) measured in
 * the same run: the floor moves with the machine's speed and load (0.18 s when issue #24 was filed, 0.3-0.45 s
 * on later days), and a ratio to it is what stays comparable.
 */
import { fmtMb, fmtMs, type Measurement } from './measure';

export interface Budget {
  readonly label: string;
  /** Upper bound of the median wall time. @default no bound in milliseconds */
  readonly limitMs?: number;
  /** Upper bound of the median peak RSS. @default no memory bound */
  readonly limitMb?: number;
  /** Upper bound of the median wall time ÷ the floor's median wall time. @default no bound as a ratio */
  readonly limitFloorRatio?: { readonly ratio: number; readonly why: string };
}

export interface BudgetVerdict extends Budget {
  readonly m?: Measurement;
  /** The median over the floor, for a budget set as a ratio. */
  readonly floorRatio?: number;
  /** undefined: not measured in this run. */
  readonly ok?: boolean;
}

/** Issue #24's targets over the floor it measured (0.18 s): warm ≤ 1.0 s, after a source change ≤ 1.6 s. */
const ISSUE_24_FLOOR_MS = 180;
const issue24 = (ms: number) => ({
  ratio: ms / ISSUE_24_FLOOR_MS,
  why: `${(ms / 1000).toFixed(1)} s over issue #24's ${ISSUE_24_FLOOR_MS / 1000} s floor`,
});

export const NPM_WARM = 'npm run synth: warm (no source change)';
export const NPM_CHANGED = 'npm run synth: after a source change (one file rebuilt)';

export const BUDGETS: readonly Budget[] = [
  { label: NPM_WARM, limitFloorRatio: issue24(1000) },
  { label: NPM_CHANGED, limitFloorRatio: issue24(1600) },
  { label: 'synth: shipped matrix', limitMs: 3000, limitMb: 300 },
  { label: 'synth: 32 regions', limitMs: 10000 },
  { label: 'validate: shipped matrix', limitMs: 1000 },
  { label: 'resilience: shipped matrix', limitMs: 1000 },
];

/** Each budget against its measurement in `results` (absent: not measured, no verdict). */
export function checkBudgets(
  budgets: readonly Budget[],
  results: readonly Measurement[],
  floor: Measurement,
): BudgetVerdict[] {
  return budgets.map((b) => {
    const m = results.find((r) => r.label === b.label);
    if (!m) return b;
    const floorRatio = b.limitFloorRatio ? m.medianMs / floor.medianMs : undefined;
    const ok =
      (b.limitMs === undefined || m.medianMs <= b.limitMs) &&
      (b.limitMb === undefined || (m.medianMb ?? 0) <= b.limitMb) &&
      (floorRatio === undefined || floorRatio <= b.limitFloorRatio!.ratio);
    return { ...b, m, ...(floorRatio === undefined ? {} : { floorRatio }), ok };
  });
}

/** The limit as the table shows it; a ratio also in this run's milliseconds. */
export function limitText(b: Budget, floor: Measurement): string {
  const r = b.limitFloorRatio;
  return [
    b.limitMs !== undefined ? fmtMs(b.limitMs) : '',
    b.limitMb !== undefined ? `${b.limitMb} MB` : '',
    r
      ? `${r.ratio.toFixed(2)}× the floor (${r.why}; ${fmtMs(r.ratio * floor.medianMs)} at this run's floor)`
      : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/** What was measured, as the table shows it; a ratio budget's measurement also over the floor. */
export function measuredText(v: BudgetVerdict): string {
  if (!v.m) return 'not measured';
  return [
    fmtMs(v.m.medianMs),
    v.limitMb !== undefined ? fmtMb(v.m.medianMb) : '',
    v.floorRatio !== undefined ? `${v.floorRatio.toFixed(2)}×` : '',
  ]
    .filter(Boolean)
    .join(', ');
}
