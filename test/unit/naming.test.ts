import {
  deriveShortName,
  NAME_RULES,
  NameError,
  resourceName,
  uniqueHash,
  type NameKind,
} from '../../model/naming';

const scope = { prefix: 'fp', env: 'prdgov', region: 'ugv', seed: 'sub/prod-usgov' };

describe('resourceName', () => {
  it('is deterministic and carries prefix, environment and region', () => {
    expect(resourceName('keyVault', scope)).toBe(resourceName('keyVault', scope));
    expect(resourceName('resourceGroup', scope)).toBe('rg-fp-prdgov-ugv');
    expect(resourceName('subnet', scope, 'nodes')).toBe('snet-fp-prdgov-nodes-ugv');
  });

  it('adds a 4-character hash of the seed to globally unique names only', () => {
    const h = uniqueHash(scope.seed);
    expect(h).toMatch(/^[0-9a-f]{4}$/);
    expect(resourceName('keyVault', scope)).toBe(`kv-fp-prdgov-ugv-${h}`);
    expect(resourceName('resourceGroup', scope)).not.toContain(h);
    expect(resourceName('keyVault', { ...scope, seed: 'other' })).not.toBe(resourceName('keyVault', scope));
  });

  it('writes storage accounts as 3-24 lower-case alphanumerics', () => {
    const n = resourceName('storageAccount', { ...scope, env: 'staging-public' });
    expect(n).toMatch(/^[a-z0-9]{3,24}$/);
  });

  it('shortens the environment part, never the region or hash, to fit the limit', () => {
    const long = { prefix: 'abcdef', env: 'averyveryverylongenv', region: 'usgva', seed: 's' };
    const kv = resourceName('keyVault', long);
    expect(kv.length).toBeLessThanOrEqual(24);
    expect(kv.endsWith(`-usgva-${uniqueHash('s')}`)).toBe(true);
    expect(kv.startsWith('kv-abcdef-a')).toBe(true);
  });

  it('names exactly at the limit are kept whole; one over is shortened', () => {
    // kv-ab-<env>-r1-<hash>: 3+3+len+4+4 = 14 + len; 24 => len 10
    const exact = resourceName('keyVault', { prefix: 'ab', env: 'abcdefghij', region: 'r1', seed: 's' });
    expect(exact).toHaveLength(24);
    expect(exact).toContain('abcdefghij');
    const over = resourceName('keyVault', { prefix: 'ab', env: 'abcdefghijk', region: 'r1', seed: 's' });
    expect(over).toHaveLength(24);
    expect(over).toContain('-abcdefghij-');
  });

  it('throws NameError when even a one-letter environment cannot fit', () => {
    expect(() => resourceName('actionGroupShort', { prefix: 'abcdefghijkl', env: 'x', seed: 's' })).toThrow(
      NameError,
    );
  });

  it.each(Object.keys(NAME_RULES) as NameKind[])('%s fits its rule for every shipped-style scope', (kind) => {
    const rule = NAME_RULES[kind];
    for (const env of ['dev', 'stgpub', 'prdgov', 'devpublic12']) {
      const n = resourceName(kind, { ...scope, env });
      expect(n.length).toBeGreaterThanOrEqual(rule.min);
      expect(n.length).toBeLessThanOrEqual(rule.max);
      expect(n).toMatch(rule.pattern);
    }
  });
});

describe('Azure limits, stated independently of NAME_RULES', () => {
  // Microsoft Learn, "Naming rules and restrictions for Azure resources".
  const LIMITS: [NameKind, number, RegExp][] = [
    ['keyVault', 24, /^[a-zA-Z][a-zA-Z0-9-]*[a-zA-Z0-9]$/],
    ['storageAccount', 24, /^[a-z0-9]{3,}$/],
    ['cosmosAccount', 44, /^[a-z0-9][a-z0-9-]*[a-z0-9]$/],
    ['aksDnsPrefix', 54, /^[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]$/],
    ['kubernetesCluster', 63, /^[a-zA-Z0-9][a-zA-Z0-9_-]*[a-zA-Z0-9]$/],
    ['logAnalyticsWorkspace', 63, /^[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]$/],
    ['actionGroupShort', 12, /^.{1,}$/],
  ];
  const long = { prefix: 'fp', env: 'a'.repeat(80), region: 'usgva', seed: 's' };

  it.each(LIMITS)(
    '%s stays within %i characters when the environment part is far too long',
    (kind, max, re) => {
      const n = resourceName(kind, long);
      expect(n.length).toBeLessThanOrEqual(max);
      expect(n.length).toBeGreaterThanOrEqual(3);
      expect(n).toMatch(re);
    },
  );
});

describe('name parts', () => {
  it('derives the short name: hyphens dropped, cut to 12 characters, unless one is set', () => {
    expect(deriveShortName('dev-public')).toBe('devpublic');
    expect(deriveShortName('dev-public-with-a-long-name')).toBe('devpublicwit');
    expect(deriveShortName('dev-public', 'dev')).toBe('dev');
  });

  it('lower-cases and drops illegal characters, keeping hyphens only where the kind uses them', () => {
    const odd = { prefix: 'F_P', env: 'Prd-Gov!', region: 'ugv', seed: 's' };
    expect(resourceName('resourceGroup', odd)).toBe('rg-fp-prd-gov-ugv');
    expect(resourceName('storageAccount', odd)).toBe(`stfpprdgovugv${uniqueHash('s')}`);
  });

  it('trims the hyphens left at the end of a shortened environment', () => {
    // 10 characters of env fit: "ab-cdefg--jk" is cut to "ab-cdefg--", then trimmed to "ab-cdefg".
    const kv = resourceName('keyVault', { prefix: 'ab', env: 'ab-cdefg--jk', region: 'r1', seed: 's' });
    expect(kv).toBe(`kv-ab-ab-cdefg-r1-${uniqueHash('s')}`);
  });

  it('a part that cleans to nothing leaves no empty slot', () => {
    expect(resourceName('subnet', scope, '!!!')).toBe('snet-fp-prdgov-ugv');
    expect(resourceName('subnet', scope, '')).toBe('snet-fp-prdgov-ugv');
    expect(resourceName('resourceGroup', { ...scope, env: '__' })).toBe('rg-fp-ugv');
  });

  it('a name below the kind’s minimum length is refused; exactly the minimum is kept', () => {
    // alnumDash carries no length, so only the minimum catches "id" (userAssignedIdentity: 3-128).
    expect(() => resourceName('userAssignedIdentity', { prefix: '', env: '', seed: 's' })).toThrow(
      `userAssignedIdentity name "id" breaks Azure's rule: 3-128 characters`,
    );
    expect(resourceName('dataCollectionEndpoint', { prefix: '', env: '', seed: 's' })).toBe('dce');
  });

  it('says which name breaks which rule', () => {
    expect(() => resourceName('actionGroupShort', { prefix: 'abcdefghijkl', env: 'x', seed: 's' })).toThrow(
      `actionGroupShort name "agabcdefghijklx" breaks Azure's rule: 1-12 letters and digits`,
    );
  });
});
