/** Traffic Manager monitor settings that Azure would reject are a config error, not an apply-time failure. */
import { formatError } from '../../config/errors';
import { configFixture } from '../helpers/fixture';
import { loadFrom } from '../helpers/load';

describe('trafficManager.monitor', () => {
  it('rejects a probe timeout that is not below a 10 s interval, at the line of the setting', () => {
    const errs = loadFrom(
      configFixture(
        [
          {
            file: 'prod-dod.yaml',
            from: 'routing: Priority',
            to: 'routing: Priority\n  monitor: { intervalSeconds: 10, timeoutSeconds: 10 }',
          },
        ],
        ['prod-dod'],
      ),
    ).errors.map(formatError);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(
      /^environments\/prod-dod\.yaml:\d+:\d+ trafficManager\.monitor\.timeoutSeconds: 10 must be below intervalSeconds \(10\); expected 5-9$/,
    );
  });

  it('accepts a shorter timeout', () => {
    const r = loadFrom(
      configFixture(
        [
          {
            file: 'prod-dod.yaml',
            from: 'routing: Priority',
            to: 'routing: Priority\n  monitor: { intervalSeconds: 10, timeoutSeconds: 9 }',
          },
        ],
        ['prod-dod'],
      ),
    );
    expect(r.errors).toEqual([]);
  });
});
