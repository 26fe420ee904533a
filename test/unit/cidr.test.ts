import { host, isValidCidr, overlaps, parseCidr, subnet } from '../../model/cidr';
import { stampAddressPlan } from '../../model/address-plan';

const c = (t: string) => parseCidr(t)!;

describe('cidr', () => {
  it.each(['10.0.0.0/8', '10.10.0.0/20', '192.168.0.0/16', '10.0.0.0/29'])('accepts %s', (t) =>
    expect(isValidCidr(t)).toBe(true),
  );
  it.each(['10.0.0.1/20', '10.0.0.0/7', '10.0.0.0/30', '10.0.0/20', '300.0.0.0/8', 'fd00::/8', '10.0.0.0'])(
    'rejects %s',
    (t) => expect(isValidCidr(t)).toBe(false),
  );

  it('detects overlap at the edges', () => {
    expect(overlaps(c('10.0.0.0/20'), c('10.0.15.0/24'))).toBe(true);
    expect(overlaps(c('10.0.0.0/20'), c('10.0.16.0/20'))).toBe(false);
    expect(overlaps(c('10.0.0.0/8'), c('10.255.255.0/24'))).toBe(true);
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
