/** capacity() for survive: region — which region's loss is assumed, and a region without traffic of its own. */
import { capacity } from '../../model/capacity';

const regionLine = (arithmetic: readonly string[]) => arithmetic.find((l) => l.startsWith('region loss'));

describe('capacity under a region loss', () => {
  it('assumes the loss of the largest other peak, wherever it is listed', () => {
    const r = capacity({
      unitRps: 1000,
      survive: 'region',
      regions: [
        { region: 'a', units: 3, zones: 3, peakRps: 1000 },
        { region: 'b', units: 3, zones: 3, peakRps: 500 },
        { region: 'c', units: 3, zones: 3, peakRps: 3000 },
      ],
    });
    // c (3000) is a's largest other peak: a's n units and b's 3 take 3000 × n / (n + 3).
    expect(regionLine(r.regions[0]!.arithmetic)).toBe(
      'region loss (c, 3000 rps): 3 of 6 surviving units take 1500 rps; (1000 + 1500) / 3 = 833.3 <= 1000',
    );
    expect(r.regions[0]!.needs.region).toBe(3);
  });

  it('a region without traffic of its own still needs a unit to take over a lost peak', () => {
    const r = capacity({
      unitRps: 1000,
      survive: 'region',
      regions: [
        { region: 'spare', units: 1, zones: 3, peakRps: 0 },
        { region: 'busy', units: 2, zones: 3, peakRps: 1000 },
      ],
    });
    const spare = r.regions[0]!;
    expect(spare.base).toBe(0);
    expect(spare.needs.region).toBe(1);
    expect(regionLine(spare.arithmetic)).toBe(
      'region loss (busy, 1000 rps): 1 of 1 surviving units take 1000 rps; (0 + 1000) / 1 = 1000 <= 1000',
    );
  });
});
