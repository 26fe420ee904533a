/** unitAddressSpaces() and parseCidr() on text that is not a canonical IPv4 CIDR. */
import { unitAddressSpaces } from '../../model/address-plan';
import { parseCidr } from '../../model/cidr';

describe('address spaces that are not canonical CIDRs', () => {
  it('unitAddressSpaces names an address space it cannot parse', () => {
    expect(unitAddressSpaces('10.0.0.0', 1)).toEqual({ problem: '10.0.0.0 is not a valid address space' });
    expect(unitAddressSpaces('10.0.0.0/016', 2, 17)).toEqual({
      problem: '10.0.0.0/016 is not a valid address space',
    });
  });

  it('parseCidr refuses a prefix length with a leading zero (it would be emitted as written)', () => {
    expect(parseCidr('10.0.0.0/016')).toBeUndefined();
    expect(parseCidr('10.0.0.0/16')).toEqual({ text: '10.0.0.0/16', first: 10 * 2 ** 24, prefix: 16 });
  });
});
