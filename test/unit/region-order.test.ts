/** Region reorder detection between two footprint.json files. */
import type { EnvironmentSummary, FootprintManifest } from '../../contract/footprint';
import { failoverOrderOf, regionOrderWarnings } from '../../contract/region-order';

const summary = (name: string, order: string[]) =>
  ({
    name,
    failoverOrder: order,
    regions: order.map((region, index) => ({ region, index })),
  }) as unknown as EnvironmentSummary;
const manifest = (...envs: EnvironmentSummary[]) =>
  ({
    version: 1,
    clouds: {},
    environments: Object.fromEntries(envs.map((e) => [e.name, e])),
  }) as FootprintManifest;

describe('regionOrderWarnings', () => {
  it('says nothing without a previous output, for a new environment, or for the same order', () => {
    expect(regionOrderWarnings(undefined, [summary('a', ['x', 'y'])])).toEqual([]);
    expect(regionOrderWarnings(manifest(summary('b', ['x'])), [summary('a', ['x', 'y'])])).toEqual([]);
    expect(regionOrderWarnings(manifest(summary('a', ['x', 'y'])), [summary('a', ['x', 'y'])])).toEqual([]);
  });

  it('says nothing when a region is added or a non-primary one removed without reordering', () => {
    const prev = manifest(summary('a', ['x', 'y', 'z']));
    expect(regionOrderWarnings(prev, [summary('a', ['x', 'y', 'z', 'w'])])).toEqual([]);
    expect(regionOrderWarnings(prev, [summary('a', ['x', 'z'])])).toEqual([]);
  });

  it('warns about a reorder of the remaining regions', () => {
    const w = regionOrderWarnings(manifest(summary('a', ['x', 'y', 'z'])), [summary('a', ['x', 'z', 'y'])]);
    expect(w).toHaveLength(1);
    expect(w[0]).toEqual({
      env: 'a',
      message: expect.stringMatching(
        /^region order changed \(x, y, z → x, z, y\): Cosmos DB failover priorities change/,
      ),
    });
  });

  it('also warns when the primary moves, by reorder or by removal', () => {
    const swapped = regionOrderWarnings(manifest(summary('a', ['x', 'y'])), [summary('a', ['y', 'x'])]);
    expect(swapped.map((w) => w.message.split(':')[0])).toEqual([
      'region order changed (x, y → y, x)',
      'primary region changed (x → y)',
    ]);
    const removed = regionOrderWarnings(manifest(summary('a', ['x', 'y'])), [summary('a', ['y'])]);
    expect(removed.map((w) => w.message.split(':')[0])).toEqual(['primary region changed (x → y)']);
  });

  it('reads the order of an older footprint.json from the regions when failoverOrder is absent', () => {
    const old = {
      regions: [
        { region: 'y', index: 1 },
        { region: 'x', index: 0 },
      ],
    } as EnvironmentSummary;
    expect(failoverOrderOf(old)).toEqual(['x', 'y']);
  });
});
