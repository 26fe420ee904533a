/** Scale units: stable ids and codes, address ranges carved at fixed offsets, names within Azure limits. */
import { unitAddressSpaces, MAX_UNITS } from '../../model/address-plan';
import { NAME_RULES, resourceName, unitCode, unitId, type NameKind } from '../../model/naming';

describe('unitId and unitCode', () => {
  it('keep the region id and code for unit 1 and suffix the others', () => {
    expect(unitId('eastus2', 1)).toBe('eastus2');
    expect(unitId('eastus2', 2)).toBe('eastus2-u2');
    expect(unitCode('eus2', 1)).toBe('eus2');
    expect(unitCode('eus2', 12)).toBe('eus2u12');
  });
});

describe('unitAddressSpaces', () => {
  it('is the whole space for one unit without unitPrefix (stamps before units)', () => {
    expect(unitAddressSpaces('10.30.32.0/20', 1)).toEqual({ spaces: ['10.30.32.0/20'] });
  });

  it('gives unit n the n-th block, so adding a unit only appends', () => {
    const two = unitAddressSpaces('10.30.0.0/18', 2, 20);
    const three = unitAddressSpaces('10.30.0.0/18', 3, 20);
    expect(two).toEqual({ spaces: ['10.30.0.0/20', '10.30.16.0/20'] });
    expect(three).toEqual({ spaces: ['10.30.0.0/20', '10.30.16.0/20', '10.30.32.0/20'] });
  });

  it('fits the 16 units Mission-Critical sizes for and says what a space that is too small needs', () => {
    const all = unitAddressSpaces('10.0.0.0/14', MAX_UNITS, 18);
    expect('spaces' in all && all.spaces).toHaveLength(16);
    expect(unitAddressSpaces('10.30.32.0/19', 3, 20)).toEqual({
      problem:
        '10.30.32.0/19 holds 2 units of /20, not 3; expected an addressSpace of /18 or unitPrefix 21 (unit n is the n-th /20 of the space)',
    });
    expect(unitAddressSpaces('10.30.32.0/20', 2)).toEqual({
      problem:
        '10.30.32.0/20 holds 1 unit of /20, not 2; expected unitPrefix 21 (unit n is the n-th /20 of the space)',
    });
    expect(unitAddressSpaces('10.30.32.0/20', 1, 19)).toEqual({
      problem: "unitPrefix /19 is larger than the region's space 10.30.32.0/20",
    });
  });
});

describe('unit names', () => {
  it('fit every Azure rule at the longest unit code, and differ per unit', () => {
    const scope = (region: string) => ({ prefix: 'fp', env: 'prdpub', region, seed: 'sub/prod-public' });
    // Action group short names are per environment, never per stamp.
    const stampKinds = (Object.keys(NAME_RULES) as NameKind[]).filter((k) => k !== 'actionGroupShort');
    for (const kind of stampKinds) {
      const u16 = resourceName(kind, scope(unitCode('eus2', MAX_UNITS)), 'x');
      expect(u16.length).toBeLessThanOrEqual(NAME_RULES[kind].max);
      expect(u16).not.toBe(resourceName(kind, scope('eus2'), 'x'));
    }
    // The 24-character names shorten the environment part, never the unit code or the hash.
    expect(resourceName('keyVault', scope('eus2u16'))).toMatch(/^kv-fp-prdpu-eus2u16-[0-9a-f]{4}$/);
    expect(resourceName('storageAccount', scope('eus2u16'), 'flow')).toMatch(
      /^stfpprdpufloweus2u16[0-9a-f]{4}$/,
    );
    expect(resourceName('keyVault', scope('cusu2'))).toMatch(/^kv-fp-prdpub-cusu2-[0-9a-f]{4}$/);
    expect(resourceName('storageAccount', scope('cusu2'), 'flow')).toMatch(
      /^stfpprdpubflowcusu2[0-9a-f]{4}$/,
    );
  });
});
