/** AKS maintenance windows from the wave order: pure, over hand-made region lists. */
import { maintenanceWaves, maintenanceWindows, windowSpacing } from '../../model/maintenance';

const r = (region: string, index: number, pair?: string) => ({
  region,
  index,
  primary: index === 0,
  ...(pair ? { pair } : {}),
});

describe('maintenance windows', () => {
  it('opens the canary first, keeps pairs apart and the primary last', () => {
    // The rollout deploys c (canary), then a with p, then b (a's pair): the primary p upgrades alone, last.
    const regions = [r('p', 0), r('a', 1), r('b', 2, 'a'), r('c', 3)];
    expect(maintenanceWaves('e', regions, undefined)).toEqual([['c'], ['a'], ['b'], ['p']]);
    const w = maintenanceWindows('e', regions, undefined, {
      dayOfWeek: 'Saturday',
      startHourUtc: 22,
      durationHours: 4,
    });
    expect(Object.fromEntries(w)).toEqual({
      c: { dayOfWeek: 'Saturday', startHourUtc: 22, durationHours: 4 },
      a: { dayOfWeek: 'Sunday', startHourUtc: 22, durationHours: 4 },
      b: { dayOfWeek: 'Monday', startHourUtc: 22, durationHours: 4 },
      p: { dayOfWeek: 'Tuesday', startHourUtc: 22, durationHours: 4 },
    });
  });

  it('follows an explicit canary and spacing, wrapping past Sunday', () => {
    const w = maintenanceWindows('e', [r('p', 0), r('a', 1), r('b', 2)], 'a', {
      dayOfWeek: 'Sunday',
      startHourUtc: 20,
      durationHours: 4,
      spacingHours: 6,
    });
    expect(w.get('a')).toMatchObject({ dayOfWeek: 'Sunday', startHourUtc: 20 });
    expect(w.get('b')).toMatchObject({ dayOfWeek: 'Monday', startHourUtc: 2 });
    expect(w.get('p')).toMatchObject({ dayOfWeek: 'Monday', startHourUtc: 2 });
  });

  it('squeezes the default spacing to fit a week, and names what cannot fit', () => {
    expect(windowSpacing({ dayOfWeek: 'Sunday', startHourUtc: 0, durationHours: 4 }, 3)).toEqual({
      hours: 24,
    });
    expect(windowSpacing({ dayOfWeek: 'Sunday', startHourUtc: 0, durationHours: 4 }, 10)).toEqual({
      hours: 18,
    });
    expect(windowSpacing({ dayOfWeek: 'Sunday', startHourUtc: 0, durationHours: 24 }, 8)).toEqual({
      problem: expect.stringContaining('need spacingHours of at least 24'),
    });
    expect(
      windowSpacing({ dayOfWeek: 'Sunday', startHourUtc: 0, durationHours: 4, spacingHours: 48 }, 5),
    ).toEqual({ problem: expect.stringContaining('do not fit one week') });
  });
});
