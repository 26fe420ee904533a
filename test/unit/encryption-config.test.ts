/**
 * `encryption.customerManagedKeys`: the cloud profile's default for the tier, an environment's own value over
 * it, and bad values reported at file:line:col like every other field.
 */
import { formatError } from '../../config/errors';
import { configFixture, type Edit } from '../helpers/fixture';
import { loadFrom } from '../helpers/load';

const load = (edits: Edit[], keep?: string[]) => loadFrom(configFixture(edits, keep));
const errorsFor = (edits: Edit[], keep?: string[]) => load(edits, keep).errors.map(formatError);
const encryptionOf = (edits: Edit[], name: string) => {
  const r = load(edits, [name]);
  expect(r.errors).toEqual([]);
  return r.environments.find((e) => e.name === name)!.encryption;
};

describe('encryption.customerManagedKeys', () => {
  it('defaults from the cloud profile: on for prod in usgov (also DoD) and ussec, off elsewhere', () => {
    const r = load([]);
    const on = r.environments
      .filter((e) => e.encryption.customerManagedKeys)
      .map((e) => e.name)
      .sort();
    expect(on).toEqual(['prod-dod', 'prod-usgov', 'prod-ussec']);
    expect(r.environments.every((e) => e.encryption.source === 'cloud default')).toBe(true);
  });

  it('an environment overrides its cloud default either way', () => {
    const off = encryptionOf(
      [
        {
          file: 'prod-usgov.yaml',
          from: '\ncosmos:\n',
          to: '\nencryption:\n  customerManagedKeys: false\ncosmos:\n',
        },
      ],
      'prod-usgov',
    );
    expect(off).toEqual({ customerManagedKeys: false, source: 'environment', hsmKeys: false });
    const on = encryptionOf(
      [
        {
          file: 'prod-public.yaml',
          from: '\ntier: prod\n',
          to: '\ntier: prod\nencryption: { customerManagedKeys: true }\n',
        },
      ],
      'prod-public',
    );
    // Public has HSM keys (Premium vault), confirmed.
    expect(on).toEqual({ customerManagedKeys: true, source: 'environment', hsmKeys: true });
  });

  it('a wrong type or an unknown field is an error at its line and column', () => {
    const errs = errorsFor(
      [
        {
          file: 'prod-public.yaml',
          from: '\ntier: prod\n',
          to: '\ntier: prod\nencryption:\n  customerManagedKeys: yes please\n',
        },
      ],
      ['prod-public'],
    );
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(
      /^environments\/prod-public\.yaml:7:24 encryption\.customerManagedKeys: expected true or false, found string "yes please"$/,
    );
    const unknown = errorsFor(
      [{ file: 'prod-public.yaml', from: '\ntier: prod\n', to: '\ntier: prod\nencryption:\n  cmk: true\n' }],
      ['prod-public'],
    );
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatch(/^environments\/prod-public\.yaml:7:3 encryption\.cmk: unknown field "cmk"/);
    expect(unknown[0]).toContain('customerManagedKeys');
  });

  it('the cloud default must name tiers', () => {
    const errs = errorsFor([
      { file: 'clouds/usgov.yaml', from: '    value: [prod]\n', to: '    value: [production]\n' },
    ]);
    expect(
      errs.some((e) =>
        /^environments\/clouds\/usgov\.yaml:\d+:\d+ encryption\.customerManagedKeysByDefault/.test(e),
      ),
    ).toBe(true);
  });
});
