import { CYCLE_NODE_POOL_PROPERTIES, POOL_NAME_PATTERN, rotationNames } from '../../model/node-pool-rotation';

it('vm_size is one of the properties that cycle a pool (the shipped stacks: test/stacks/stamp.test.ts)', () => {
  expect(CYCLE_NODE_POOL_PROPERTIES).toContain('vm_size');
});

describe('rotationNames', () => {
  it('is <name>tmp for short names, as the system pool has always had', () => {
    expect(rotationNames(['system', 'apps'])).toEqual(['systemtmp', 'appstmp']);
  });

  it('stays valid and unique when names are long, share a prefix, or are taken', () => {
    const pools = ['workloadpla', 'workloadplb', 'workloadptmp', 'a'];
    const tmp = rotationNames(pools);
    expect(tmp).toEqual(['workloadplt1', 'workloadplt2', 'workloadptt1', 'atmp']);
    for (const t of tmp) expect(t).toMatch(POOL_NAME_PATTERN);
    expect(new Set([...pools, ...tmp]).size).toBe(pools.length * 2);
  });
});
