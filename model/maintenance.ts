/**
 * AKS maintenance windows (auto-upgrade and node OS) that follow the rollout's waves: the canary region's
 * window opens first (at the environment's `aks.maintenance` start), each later wave `spacingHours` after the
 * one before, the primary's wave last, so a region never upgrades in the same window as its pair and no two
 * waves of an environment overlap. Weekly windows in UTC.
 */
import { unitId } from './naming';
import { regionWaves, type WaveRegion } from './waves';

export const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
export type Day = (typeof DAYS)[number];

const WEEK_HOURS = 7 * 24;

export interface WeeklyWindow {
  readonly dayOfWeek: Day;
  readonly startHourUtc: number;
  readonly durationHours: number;
}

export interface WindowPlan extends WeeklyWindow {
  /** Hours from one wave's window start to the next. @default the most up to 24 that fits the week */
  readonly spacingHours?: number | undefined;
}

/** Hours since Monday 00:00 UTC. */
export function weekHour(w: Pick<WeeklyWindow, 'dayOfWeek' | 'startHourUtc'>): number {
  return DAYS.indexOf(w.dayOfWeek) * 24 + w.startHourUtc;
}

function atWeekHour(h: number, durationHours: number): WeeklyWindow {
  const at = ((h % WEEK_HOURS) + WEEK_HOURS) % WEEK_HOURS;
  return { dayOfWeek: DAYS[Math.floor(at / 24)]!, startHourUtc: at % 24, durationHours };
}

/** The spacing used for `waves` waves, or why the windows cannot fit one week without overlapping. */
export function windowSpacing(plan: WindowPlan, waves: number): { hours: number } | { problem: string } {
  const d = plan.durationHours;
  if (waves <= 1) return { hours: plan.spacingHours ?? 24 };
  const fits = Math.floor((WEEK_HOURS - d) / (waves - 1));
  const hours = plan.spacingHours ?? Math.min(24, fits);
  if (hours < d) {
    return {
      problem: `${waves} waves of ${d}-hour windows need spacingHours of at least ${d} (got ${hours}${plan.spacingHours === undefined ? ', the most that fits a week' : ''})`,
    };
  }
  if ((waves - 1) * hours + d > WEEK_HOURS) {
    return {
      problem: `${waves} waves ${hours} hours apart with ${d}-hour windows do not fit one week (at most ${fits} hours apart)`,
    };
  }
  return { hours };
}

export class MaintenanceError extends Error {}

/**
 * Stamp ids per maintenance window, in order: the rollout's waves (model/waves.ts), the primary region's units
 * last (each of its waves after every other wave, when the rollout puts one of them earlier).
 */
export function maintenanceWaves(
  name: string,
  regions: readonly Omit<WaveRegion, 'stack'>[],
  canary: string | undefined,
): string[][] {
  const waves = regionWaves(name, regions, canary);
  const regionCount = new Set(regions.map((r) => r.region)).size;
  const primary = new Set(
    regions.filter((r) => r.primary && regionCount > 1).map((r) => unitId(r.region, r.unit ?? 1)),
  );
  const isPrimary = (w: string[]) => w.some((id) => primary.has(id));
  const firstPrimary = waves.findIndex(isPrimary);
  const lastOther = waves.reduce((at, w, i) => (w.some((id) => !primary.has(id)) ? i : at), -1);
  if (firstPrimary < 0 || lastOther <= firstPrimary) return waves;
  const primaryWaves = waves.filter(isPrimary).map((w) => w.filter((id) => primary.has(id)));
  const rest = waves.map((w) => w.filter((id) => !primary.has(id))).filter((w) => w.length);
  return [...rest, ...primaryWaves];
}

/** Stamp id → its weekly window, from maintenanceWaves. */
export function maintenanceWindows(
  name: string,
  regions: readonly Omit<WaveRegion, 'stack'>[],
  canary: string | undefined,
  plan: WindowPlan,
): Map<string, WeeklyWindow> {
  const waves = maintenanceWaves(name, regions, canary);
  const spacing = windowSpacing(plan, waves.length);
  if ('problem' in spacing) throw new MaintenanceError(`${name}: aks.maintenance: ${spacing.problem}`);
  const start = weekHour(plan);
  const out = new Map<string, WeeklyWindow>();
  waves.forEach((regionsOfWave, k) => {
    for (const r of regionsOfWave) out.set(r, atWeekHour(start + k * spacing.hours, plan.durationHours));
  });
  return out;
}
