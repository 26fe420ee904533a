/** Capacity from load: units needed per region at N+1 for each loss, with the arithmetic. */
import { capacity, unitLossNeed, type CapacityRegion } from '../../model/capacity';

const regions = (...rs: [string, number, number | undefined][]): CapacityRegion[] =>
  rs.map(([region, units, peakRps]) => ({
    region,
    units,
    zones: 3,
    ...(peakRps !== undefined ? { peakRps } : {}),
  }));

describe('capacity', () => {
  it('unit loss is N+1 within the region', () => {
    expect(unitLossNeed(4500, 5000)).toBe(2);
    expect(unitLossNeed(10000, 5000)).toBe(3);
    expect(unitLossNeed(10001, 5000)).toBe(4);
  });

  it('flags a region short of its N+1 with the arithmetic; a region without a peak is not sized', () => {
    const r = capacity({
      unitRps: 5000,
      survive: 'unit',
      regions: regions(['a', 2, 9000], ['b', 3, undefined]),
    });
    expect(r.short).toEqual(['a']);
    expect(r.regions[0]).toMatchObject({ base: 2, needs: { unit: 3 }, needed: 3, short: true });
    expect(r.regions[0]!.arithmetic).toEqual([
      'peak 9000 rps / 5000 rps per unit = 2 unit(s) with nothing lost',
      'unit loss: ceil(9000 / 5000) + 1 = 3',
      'SHORT: has 2, needs 3 (add 1)',
    ]);
    expect(r.regions[1]).toMatchObject({
      needed: 0,
      short: false,
      arithmetic: ['no peak stated: not sized'],
    });
  });

  it('zone loss leaves each unit (zones-1)/zones of its capacity; without zones it is a unit loss', () => {
    const zonal = capacity({ unitRps: 3000, survive: 'zone', regions: regions(['a', 4, 7000]) });
    // 7000 / (2/3 × 3000 = 2000) = 3.5 → 4; the unit loss needs ceil(7000/3000)+1 = 4.
    expect(zonal.regions[0]!.needs).toEqual({ unit: 4, zone: 4 });
    const flat = capacity({
      unitRps: 3000,
      survive: 'zone',
      regions: [{ region: 'a', units: 4, zones: 0, peakRps: 7000 }],
    });
    expect(flat.regions[0]!.needs.zone).toBe(4);
  });

  it('region loss spreads the largest other peak over the surviving units by their weight', () => {
    // b (6000) is lost: a with n units and c with 3 take 6000 × n/(n+3); a needs (3000 + share)/n <= 5000.
    const r = capacity({
      unitRps: 5000,
      survive: 'region',
      regions: regions(['a', 2, 3000], ['b', 2, 6000], ['c', 3, 2000]),
    });
    const a = r.regions[0]!;
    // n=1: (3000 + 1500)/1 = 4500 <= 5000 → 1; the unit loss (2) dominates.
    expect(a.needs.region).toBe(1);
    expect(a.needed).toBe(2);
    const b = r.regions[1]!;
    // a (3000) is b's largest other: b with n units and c's 3 take 3000 × n/(n+3); n=2: (6000+1200)/2 = 3600.
    expect(b.needs.region).toBe(2);
    expect(b.arithmetic.find((l) => l.startsWith('region loss'))).toBe(
      'region loss (a, 3000 rps): 2 of 5 surviving units take 1200 rps; (6000 + 1200) / 2 = 3600 <= 5000',
    );
    // b's own N+1 is ceil(6000/5000)+1 = 3: short by one whatever the other regions do.
    expect(r.short).toEqual(['b']);
  });

  it('region loss adds units until the region carries its share', () => {
    // y is lost and x is the only survivor: x takes all 1000 rps, (1000 + 1000) / n <= 1000 → n = 2.
    const r = capacity({
      unitRps: 1000,
      survive: 'region',
      regions: regions(['x', 5, 1000], ['y', 1, 1000]),
    });
    expect(r.regions[0]!.base).toBe(1);
    expect(r.regions[0]!.needs.region).toBe(2);
  });

  it('prints the zone arithmetic; one zone is no zones (a unit loss)', () => {
    const zonal = capacity({ unitRps: 3000, survive: 'zone', regions: regions(['a', 4, 7000]) });
    expect(zonal.regions[0]!.arithmetic).toEqual([
      'peak 7000 rps / 3000 rps per unit = 3 unit(s) with nothing lost',
      'unit loss: ceil(7000 / 3000) + 1 = 4',
      'zone loss: each unit keeps 2/3 × 3000 = 2000 rps; ceil(7000 / 2000) = 4',
      'ok: has 4, needs 4',
    ]);
    const one = capacity({
      unitRps: 3000,
      survive: 'zone',
      regions: [{ region: 'a', units: 4, zones: 1, peakRps: 7000 }],
    });
    expect(one.regions[0]!.needs.zone).toBe(4);
    expect(one.regions[0]!.arithmetic[2]).toBe('zone loss: no zones, one fault domain: as a unit loss, 4');
    // A share that is not a whole number is printed with one decimal.
    const odd = capacity({
      unitRps: 1000,
      survive: 'zone',
      regions: [{ region: 'a', units: 3, zones: 3, peakRps: 1000 }],
    });
    expect(odd.regions[0]!.arithmetic[2]).toBe(
      'zone loss: each unit keeps 2/3 × 1000 = 666.7 rps; ceil(1000 / 666.7) = 2',
    );
  });

  it('region loss without another sized region needs the base only; equal peaks lose the first', () => {
    const alone = capacity({
      unitRps: 1000,
      survive: 'region',
      regions: regions(['a', 5, 2500], ['b', 1, undefined]),
    });
    expect(alone.regions[0]!.needs.region).toBe(3);
    expect(alone.regions[0]!.arithmetic).toContain(
      'region loss: no other region with a stated peak to take over',
    );
    const tie = capacity({
      unitRps: 1000,
      survive: 'region',
      regions: regions(['a', 9, 1000], ['b', 9, 500], ['c', 9, 500]),
    });
    expect(tie.regions[0]!.arithmetic.find((l) => l.startsWith('region loss'))).toMatch(
      /^region loss \(b, 500 rps\)/,
    );
  });

  it('asks nothing beyond the peak for survive: none', () => {
    const r = capacity({ unitRps: 1000, survive: 'none', regions: regions(['a', 1, 900]) });
    expect(r.regions[0]).toMatchObject({ needs: {}, needed: 1, short: false });
  });
});
