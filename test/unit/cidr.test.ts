import { host, isValidCidr, overlaps, parseCidr, subnet } from '../../model/cidr';
import { stampAddressPlan } from '../../model/address-plan';

const c = (t: string) => parseCidr(t)!;

describe('cidr', () => {
  it.each(['10.0.0.0/8', '10.10.0.0/20', '192.168.0.0/16', '10.0.0.0/29'])('accepts %s', (t) =>
    expect(isValidCidr(t)).toBe(true),
  );
  it.each([
    '10.0.0.1/20',
    '10.0.0.0/7',
    '10.0.0.0/30',
    '10.0.0/20',
    '300.0.0.0/8',
    'fd00::/8',
    '10.0.0.0',
    '0x10.0.0.0/8',
  ])('rejects %s', (t) => expect(isValidCidr(t)).toBe(false));

  it('detects overlap at the edges', () => {
    expect(overlaps(c('10.0.0.0/20'), c('10.0.15.0/24'))).toBe(true);
    expect(overlaps(c('10.0.0.0/20'), c('10.0.16.0/20'))).toBe(false);
    expect(overlaps(c('10.0.0.0/8'), c('10.255.255.0/24'))).toBe(true);
    // Either order: the small range inside the big one, and the big one around the small one.
    expect(overlaps(c('10.0.15.0/24'), c('10.0.0.0/20'))).toBe(true);
    expect(overlaps(c('10.0.16.0/20'), c('10.0.0.0/20'))).toBe(false);
  });

  it('carves subnets by index and refuses what does not fit', () => {
    expect(subnet(c('10.0.0.0/20'), 21, 1).text).toBe('10.0.8.0/21');
    expect(() => subnet(c('10.0.0.0/20'), 21, 2)).toThrow();
    expect(() => subnet(c('10.0.0.0/20'), 19, 0)).toThrow();
    expect(host(c('10.0.0.0/24'), 10)).toBe('10.0.0.10');
  });
});

describe('stampAddressPlan', () => {
  it('places subnets at fixed, non-overlapping offsets inside the stamp', () => {
    const plan = stampAddressPlan('10.40.0.0/20');
    expect(plan).toEqual({
      vnet: '10.40.0.0/20',
      nodes: '10.40.0.0/21',
      privateEndpoints: '10.40.8.0/23',
      ingress: '10.40.10.0/23',
      apiServer: '10.40.12.0/24',
    });
    const parts = [plan.nodes, plan.privateEndpoints, plan.ingress, plan.apiServer].map(c);
    for (let i = 0; i < parts.length; i++)
      for (let j = 0; j < i; j++) expect(overlaps(parts[i]!, parts[j]!)).toBe(false);
  });

  it('works at the smallest stamp (/22) and refuses smaller', () => {
    expect(stampAddressPlan('10.0.0.0/22').apiServer).toBe('10.0.3.0/26');
    expect(() => stampAddressPlan('10.0.0.0/23')).toThrow(/\/16 to \/22/);
  });
});

describe('cidr bounds', () => {
  it('host() refuses the network and broadcast addresses and accepts the last usable one', () => {
    const net = c('10.0.0.0/24');
    expect(() => host(net, 0)).toThrow('host 0 is outside 10.0.0.0/24');
    expect(() => host(net, -1)).toThrow(/outside/);
    expect(() => host(net, 255)).toThrow(/outside/);
    expect(host(net, 254)).toBe('10.0.0.254');
    expect(host(net, 1)).toBe('10.0.0.1');
  });

  it('subnet() at the parent prefix is the parent; index -1 and count are outside', () => {
    const p = c('10.0.0.0/20');
    expect(subnet(p, 20, 0)).toEqual(p);
    expect(() => subnet(p, 20, 1)).toThrow('subnet 1 of /20 is outside 10.0.0.0/20');
    expect(() => subnet(p, 22, -1)).toThrow(/outside/);
    expect(() => subnet(p, 22, 4)).toThrow(/outside/);
    expect(subnet(p, 22, 3).text).toBe('10.0.12.0/22');
    expect(() => subnet(p, 19, 0)).toThrow('/19 does not fit in 10.0.0.0/20');
  });
});

describe('stampAddressPlan guards', () => {
  it('accepts a /16 (the largest stamp) and refuses /15, /23 and text that is not a CIDR', () => {
    expect(stampAddressPlan('10.0.0.0/16').nodes).toBe('10.0.0.0/17');
    expect(() => stampAddressPlan('10.0.0.0/15')).toThrow(/must be \/16 to \/22, got 10\.0\.0\.0\/15/);
    expect(() => stampAddressPlan('10.0.0.0/23')).toThrow(/must be \/16 to \/22/);
    expect(() => stampAddressPlan('nonsense')).toThrow('invalid address space nonsense');
  });
});
