/**
 * stacks/stack-json.ts resolvePlain: resolving a value with cdktf doing only its token parts gives what cdktf's
 * own resolve gives, for plain JSON, every kind of token cdktf encodes, strings with tokens in literal text and
 * cross-stack references (whose preparation adds outputs). Each case runs in two identical apps, one per way,
 * since preparation changes the app. The shipped matrix is compared as a whole in test/cli/creation-stacks.test.ts.
 */
import {
  App,
  DefaultTokenResolver,
  Fn,
  Lazy,
  StringConcat,
  TerraformOutput,
  TerraformStack,
  TerraformVariable,
  Token,
  Tokenization,
} from 'cdktf';
import { Construct } from 'constructs';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { hasNumberText, resolvePlain } from '../../stacks/stack-json';

const RESOLVER = new DefaultTokenResolver(new StringConcat());

interface Case {
  readonly stack: TerraformStack;
  readonly value: unknown;
}

/** Two stacks, a resource in each, and `make` building the value to resolve in the second stack. */
function inApp(make: (own: ResourceGroup, other: ResourceGroup, stack: TerraformStack) => unknown): Case {
  const app = new App({ outdir: '/tmp/unused', stackTraces: false });
  const global = new TerraformStack(app, 'env-global');
  const stamp = new TerraformStack(app, 'env-eastus2');
  const other = new ResourceGroup(global, 'rg', { name: 'rg-global', location: 'eastus2' });
  const own = new ResourceGroup(stamp, 'rg', { name: 'rg-stamp', location: 'eastus2' });
  return { stack: stamp, value: make(own, other, stamp) };
}

const cdktfIn = (c: Case, preparing: boolean) => (v: unknown) =>
  Tokenization.resolve(v, { scope: c.stack, preparing, resolver: RESOLVER });

/**
 * Ours, then cdktf's, on the same value in the same app (token numbers are global, so another app would encode
 * them differently): the two results, and the app's elements after each (preparation adds cross-stack ones).
 */
function both(make: Parameters<typeof inApp>[0], preparing = true) {
  const c = inApp(make);
  const cdktf = cdktfIn(c, preparing);
  const app = c.stack.node.root;
  const paths = () => app.node.findAll().map((n) => n.node.path);
  const before = paths();
  const ours = resolvePlain(c.value, cdktf);
  const afterOurs = paths();
  const theirs = cdktf(c.value);
  return {
    ours,
    theirs,
    added: afterOurs.filter((p) => !before.includes(p)),
    afterOurs,
    afterTheirs: paths(),
  };
}

const BIG_JSON = (ref: string) =>
  JSON.stringify({
    version: 'Notebook/1.0',
    items: Array.from({ length: 300 }, (_, i) => ({ name: `tile-${i}`, query: `T | where x == {Param}` })),
    fallbackResourceIds: [ref],
    last: `${ref}/sub`,
  });

const CASES: Record<string, Parameters<typeof inApp>[0]> = {
  'plain JSON with undefined, null, dates, empty and sparse parts': () => ({
    a: 'eastus2',
    b: 1.5,
    c: true,
    d: null,
    e: undefined,
    f: [1, undefined, 'x', [], {}, [undefined]],
    g: [1, , 3],
    h: { i: { j: { k: 'deep' } }, u: undefined },
    date: new Date(0),
    '10': 'numeric key',
  }),
  'text that looks like a number token': () => ({
    sizes: ['1e5', 'v1.2e-3', '-e-', 'eastus2', 'Standard_E4s_v5', '|e|'],
    n: [1e300, -1e290, 1e279],
  }),
  'escapes and interpolations without tokens': () => ({
    a: '${var.location}',
    b: 'prefix-${var.x}-}{',
    c: '{"a":{"b":1}}',
  }),
  'a lone token, a token in text, several tokens, a token in JSON': (own) => ({
    lone: own.id,
    suffixed: `${own.id}/blobServices/default`,
    two: `${own.name}:${own.location}:${own.id}`,
    json: BIG_JSON(own.id),
  }),
  'a token after an open escape': (own) => ({ a: `\${upper(${own.name})}`, b: `x-\${${own.id}}-y` }),
  'number, list and map tokens': (own) => ({
    n: Token.asNumber(own.getNumberAttribute('n')),
    nInText: `count-${Token.asNumber(own.getNumberAttribute('n'))}`,
    list: own.getListAttribute('l'),
    listOfRefs: [own.id, own.name, 'plain'],
    numberList: own.getNumberListAttribute('nl'),
    map: own.getStringMapAttribute('m'),
    anyMap: Token.asAnyMap(own.getAnyMapAttribute('am')),
  }),
  'functions, lazy values and variables': (own, _other, stack) => {
    const v = new TerraformVariable(stack, 'v', { type: 'string' });
    return {
      join: Fn.join(',', [own.id, own.name]),
      encoded: Fn.jsonencode({ id: own.id, plain: 'x' }),
      lazy: Lazy.stringValue({ produce: () => `lazy-${own.name}` }),
      lazyAny: Lazy.anyValue({ produce: () => ({ nested: [own.id, undefined, 2] }) }),
      variable: v.stringValue,
      // In text, cdktf drops a part that resolves to undefined and writes others as text.
      lazyInText: `a-${Lazy.stringValue({ produce: () => undefined })}-${Token.asString(Lazy.anyValue({ produce: () => 5 }))}`,
      resolvable: { resolve: () => ({ x: own.id }) },
    };
  },
  'a cross-stack reference': (_own, other) => ({ id: other.id, inText: `${other.name}-suffix` }),
};

describe('resolvePlain gives what cdktf gives', () => {
  for (const [name, make] of Object.entries(CASES)) {
    it(`${name} (preparing)`, () => {
      const { ours, theirs, afterOurs, afterTheirs } = both(make);
      expect(ours).toEqual(theirs);
      expect(afterTheirs).toEqual(afterOurs);
    });
    it(`${name} (final)`, () => {
      const { ours, theirs } = both(make, false);
      expect(ours).toEqual(theirs);
    });
  }

  it('adds the cross-stack output and remote state that cdktf adds', () => {
    const { ours, added } = both(CASES['a cross-stack reference']!);
    expect(added).toEqual(
      expect.arrayContaining([
        'env-global/cross-stack-output-azurerm_resource_group.rg.id',
        'env-global/cross-stack-output-azurerm_resource_group.rg.name',
        'env-eastus2/cross-stack-reference-input-env-global',
      ]),
    );
    expect(JSON.stringify(ours)).toContain('data.terraform_remote_state');
  });

  it('refuses what cdktf refuses', () => {
    const c = inApp((_own, _other, stack) => stack);
    const cdktf = cdktfIn(c, true);
    expect(() => resolvePlain({ a: new Construct(c.stack, 'x') }, cdktf)).toThrow(/construct/i);
    expect(() => resolvePlain({ f: () => 1 }, cdktf)).toThrow(/function/i);
    expect(() => resolvePlain({ a: Token.STRING_MAP_TOKEN_VALUE }, cdktf)).toThrow();
  });

  it('keeps resolving the plain parts of a stack output', () => {
    const { ours, theirs } = both((own, _other, stack) => {
      const out = new TerraformOutput(stack, 'out', { value: { id: own.id, tags: { a: 'b' } } });
      return out.toTerraform();
    });
    expect(ours).toEqual(theirs);
  });
});

describe('hasNumberText', () => {
  // cdktf's NUMBER_TOKEN_REGEX (lib/tokens/private/encoding.ts), which hasNumberText stands for.
  const NUMBER_TOKEN_REGEX = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/;
  const ALPHABET = 'e-|.+09Ea x';

  it('agrees with cdktf’s regex on every string of up to 4 characters over its alphabet', () => {
    const strings = [''];
    for (let len = 1; len <= 4; len++)
      for (const s of strings.filter((x) => x.length === len - 1))
        for (const ch of ALPHABET) strings.push(s + ch);
    expect(strings.length).toBeGreaterThan(10000);
    const disagree = strings.filter((s) => hasNumberText(s) !== NUMBER_TOKEN_REGEX.test(s));
    expect(disagree).toEqual([]);
  });

  it('finds a number token written into text', () => {
    const n = Token.asNumber(Lazy.numberValue({ produce: () => 1 }));
    expect(hasNumberText(`size-${n}`)).toBe(true);
    expect(hasNumberText('eastus2-e')).toBe(false);
  });
});
