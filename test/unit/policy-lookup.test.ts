/**
 * The indexes behind per-resource lookups (policy/lookup.ts, referrers) and the lazy-path string walk of the
 * residency rules: each must return exactly what the scan or the eager walk it replaces returns.
 */
import type { Json, JsonObject, Resource } from '../../contract/out';
import { pointsAt, referrers } from '../../policy/attrs';
import { atPositions, lastSegment, memoOn, sameStack } from '../../policy/lookup';
import { forEachString, stringLeaves } from '../../policy/rules/residency';

const res = (stack: string, type: string, name: string, attrs: JsonObject): Resource => ({
  stack,
  type,
  name,
  address: `${type}.${name}`,
  attrs,
});

const vaultId = (name: string) =>
  `/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/${name}`;

/** Vaults in three stacks, and diagnostic settings pointing at them in every way pointsAt knows, and some not. */
function fixture(): { vaults: Resource[]; settings: Resource[] } {
  const vaults: Resource[] = [];
  const settings: Resource[] = [];
  ['a', 'b', 'c'].forEach((stack) => {
    for (let i = 0; i < 4; i++) {
      vaults.push(res(stack, 'azurerm_key_vault', `kv${i}`, { name: `KV-${stack}-${i}` }));
    }
    // A vault whose name is only known at apply time: only a reference can point at it.
    vaults.push(res(stack, 'azurerm_key_vault', 'tok', { name: '${var.name}' }));
  });
  vaults.push(res('a', 'azurerm_key_vault', 'slash', { name: 'x/kv-a-1' }));
  let n = 0;
  const diag = (stack: string, target: Json) =>
    settings.push(
      res(stack, 'azurerm_monitor_diagnostic_setting', `d${n++}`, { target_resource_id: target }),
    );
  for (const stack of ['a', 'b', 'c']) {
    diag(stack, '${azurerm_key_vault.kv0.id}'); // a reference: counts in its own stack only
    diag(stack, vaultId('kv-a-1')); // an ARM id, other case: counts from any stack
    diag(stack, vaultId('KV-B-2').toUpperCase());
    diag(stack, [vaultId('kv-c-3'), '${azurerm_key_vault.tok.id}']); // a list
    diag(stack, vaultId('kv-a-11')); // a longer name: no match
    diag(stack, '${azurerm_key_vault.kv1.id}/vaults/KV-a-2'); // a token string: its ARM tail does not count
    diag(stack, { nested: vaultId('kv-a-3') }); // an object: strings() sees no string in it
    diag(stack, null);
    diag(stack, vaultId('x/kv-a-1'));
  }
  settings.push(res('a', 'azurerm_monitor_diagnostic_setting', 'none', {}));
  return { vaults, settings };
}

describe('referrers through the index', () => {
  it('names exactly the resources a scan with pointsAt names, in their order, for every target', () => {
    const { vaults, settings } = fixture();
    expect(settings.length).toBeGreaterThanOrEqual(16); // large enough to be indexed
    let matched = 0;
    for (const v of vaults) {
      const scan = settings.filter((d) => pointsAt(d.attrs.target_resource_id, d.stack, v));
      const got = referrers(settings, 'target_resource_id', v);
      expect(got).toEqual(scan);
      matched += scan.length;
    }
    // The fixture exercises references, ARM ids and lists, not only misses.
    expect(matched).toBeGreaterThan(10);
  });

  it('a small list is scanned, with the same answer', () => {
    const { vaults, settings } = fixture();
    const few = settings.slice(0, 3);
    for (const v of vaults) {
      expect(referrers(few, 'target_resource_id', v)).toEqual(
        few.filter((d) => pointsAt(d.attrs.target_resource_id, d.stack, v)),
      );
    }
  });
});

describe('lookup helpers', () => {
  it('sameStack is the filter by stack, in list order, and empty for an unknown stack', () => {
    const { settings } = fixture();
    for (const stack of ['a', 'b', 'c'])
      expect(sameStack(settings, stack)).toEqual(settings.filter((r) => r.stack === stack));
    expect(sameStack(settings, 'zzz')).toEqual([]);
  });

  it('memoOn builds once per list and key', () => {
    const list = [1, 2];
    let built = 0;
    const make = () => ++built;
    expect(memoOn(list, 'k', make)).toBe(1);
    expect(memoOn(list, 'k', make)).toBe(1);
    expect(memoOn(list, 'other', make)).toBe(2);
    expect(memoOn([1, 2], 'k', make)).toBe(3);
  });

  it('atPositions unions position lists in list order', () => {
    const list = ['a', 'b', 'c', 'd'];
    expect(atPositions(list, [3, 1], [1, 0])).toEqual(['a', 'b', 'd']);
    expect(atPositions(list, [2])).toEqual(['c']);
    expect(atPositions(list, undefined, [])).toEqual([]);
  });

  it('lastSegment is what follows the last slash', () => {
    expect(lastSegment('/a/b/c')).toBe('c');
    expect(lastSegment('abc')).toBe('abc');
    expect(lastSegment('a/')).toBe('');
  });
});

/** The eager walk forEachString replaced: every string with its path, built on the way down. */
function* eager(v: Json | undefined, path = ''): Generator<[string, string]> {
  if (typeof v === 'string') yield [path, v];
  else if (Array.isArray(v)) for (let i = 0; i < v.length; i++) yield* eager(v[i], `${path}[${i}]`);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) if (k !== '//') yield* eager(x, path ? `${path}.${k}` : k);
  }
}

describe('forEachString', () => {
  const tricky: Json = {
    '//': { metadata: 'skipped' },
    '': { '': 'under empty keys', a: ['x', ['y', { b: 'z' }]] },
    'dotted.key': { location: 'eastus2' },
    list: [{ location: 'westus' }, 'plain', 3, null, true],
    nested: { deep: { '//': 'skipped too', location: 'x', 'a.location': 'y', xlocation: 'z' } },
  };

  it('gives every string with the path the eager walk gave, at the root and under a prefix', () => {
    expect(stringLeaves(tricky)).toEqual([...eager(tricky)]);
    expect(stringLeaves(tricky, 'resource')).toEqual([...eager(tricky, 'resource')]);
    expect(stringLeaves(['a', { b: 'c' }])).toEqual([...eager(['a', { b: 'c' }])]);
    expect(stringLeaves('alone', 'p')).toEqual([['p', 'alone']]);
  });

  it('names the key a string sits under (none for a list element)', () => {
    const keys: (string | undefined)[] = [];
    forEachString({ a: 'x', l: ['y'], o: { location: 'z' } }, '', (_v, _p, key) => keys.push(key));
    expect(keys).toEqual(['a', undefined, 'location']);
  });
});
