/**
 * Shortcuts the checking tools take on big trees, each against what it replaces: diff's equality (what comparing
 * the stable texts said), stack files shared by two readings, simulateAll's shared no-loss stamps, and the one
 * array ctx.resources gives per list of types.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSynthOutput, type JsonObject, type StackReuse } from '../../contract/out';
import { runPolicy } from '../../policy/engine';
import type { Rule } from '../../policy/types';
import { compare, compareResource } from '../../tools/diff/compare';
import { scenariosFor, simulate, simulateAll } from '../../tools/resilience/simulate';
import { synthOutput, writeTree, type TreeSpec } from '../helpers/out-tree';
import { cosmos, envModel, originGroup, pool, stamp } from '../helpers/resilience-model';

const vault = (attrs: JsonObject) => ({
  stack: 's',
  type: 'azurerm_key_vault',
  name: 'kv',
  address: 'azurerm_key_vault.kv',
  attrs,
});
const changed = (a: JsonObject, b: JsonObject) => compareResource(vault(a), vault(b)) !== undefined;

describe('diff equality', () => {
  it('ignores key order and "//" at any depth, and nothing else', () => {
    expect(changed({ a: 1, b: { c: [1, { d: 'x' }] } }, { b: { c: [1, { d: 'x', '//': 'm' }] }, a: 1 })).toBe(
      false,
    );
    expect(changed({ a: 1 }, { a: 1, '//': { meta: true } })).toBe(false);
    expect(changed({ a: -0 }, { a: 0 })).toBe(false); // JSON.stringify writes both as 0
    expect(changed({ a: 1 }, { a: '1' })).toBe(true);
    expect(changed({ a: [1, 2] }, { a: [1, 2, 3] })).toBe(true);
    expect(changed({ a: [] }, { a: {} })).toBe(true);
    expect(changed({ a: null }, { a: {} })).toBe(true);
    expect(changed({ a: { b: 1 } }, { a: { b: 1, c: null } })).toBe(true);
    expect(changed({ a: { b: 1, c: 2 } }, { a: { b: 1, d: 2 } })).toBe(true);
    expect(changed({ a: true }, { a: 'true' })).toBe(true);
  });
});

const spec = (location: string): TreeSpec => ({
  fx: {
    stacks: {
      'fx-global': { azurerm_resource_group: { rg: { name: 'rg-g', location: 'eastus2' } } },
      'fx-eastus2': { azurerm_resource_group: { rg: { name: 'rg-e', location } } },
    },
  },
});

describe('stacks read once for two trees', () => {
  it('shares a stack whose file has the same bytes, parses one that differs, and diffs alike', () => {
    const a = writeTree(spec('eastus2'));
    const b = writeTree(spec('westus3'));
    try {
      const reuse: StackReuse = new Map();
      const base = readSynthOutput(a, undefined, reuse);
      const head = readSynthOutput(b, undefined, reuse);
      const [bg, be] = base.stacks;
      const [hg, he] = head.stacks;
      expect(hg!.json).toBe(bg!.json);
      expect(hg!.resources).toBe(bg!.resources);
      expect(hg!.dir).not.toBe(bg!.dir);
      expect(he!.json).not.toBe(be!.json);
      expect(he!.resources[0]!.attrs.location).toBe('westus3');
      expect(compare(base, head)).toEqual(compare(readSynthOutput(a), readSynthOutput(b)));
    } finally {
      rmSync(a, { recursive: true, force: true });
      rmSync(b, { recursive: true, force: true });
    }
  });

  it('a broken file is still an error on the side that has it', () => {
    const a = writeTree(spec('eastus2'));
    try {
      const reuse: StackReuse = new Map();
      readSynthOutput(a, undefined, reuse);
      writeFileSync(join(a, 'stacks', 'fx-eastus2', 'cdk.tf.json'), '{ not json');
      expect(() => readSynthOutput(a, undefined, reuse)).toThrow(/is not valid JSON/);
    } finally {
      rmSync(a, { recursive: true, force: true });
    }
  });
});

describe('simulateAll', () => {
  it('is simulate() of every scenario, where each computes every stamp itself', () => {
    const ok = () => [pool('system', 'System', ['1', '2', '3'], 3), pool('apps', 'User', ['1', '2'], 4)];
    const stamps = [
      stamp('eastus2', ok(), { unit: 1, units: 2, primary: true }),
      stamp('eastus2', [pool('system', 'System', ['1'], 1)], { unit: 2, units: 2 }), // below its floors
      stamp('centralus', ok()),
      stamp('westus3', [pool('apps', 'User', [], 2)]),
    ];
    const model = envModel(stamps, {
      floor: { minNodesPerPool: 2, minNodesPerStamp: 4, minServingStamps: 2 },
      originGroups: [originGroup(stamps, { ingressZones: ['1'] })],
      cosmos: [
        cosmos(['eastus2', 'centralus'], {
          locations: [
            { region: 'eastus2', failoverPriority: 0, zoneRedundant: false, zonal: true },
            { region: 'centralus', failoverPriority: 1, zoneRedundant: true, zonal: true },
          ],
          automaticFailover: true,
        }),
      ],
    });
    const all = simulateAll(model);
    expect(all.map((r) => r.scenario.kind)).toEqual(
      expect.arrayContaining(['baseline', 'zone', 'unit', 'region', 'cosmosWriteRegion']),
    );
    expect(all.some((r) => !r.pass)).toBe(true);
    expect(JSON.stringify(all)).toBe(JSON.stringify(scenariosFor(model).map((sc) => simulate(model, sc))));
  });
});

describe('ctx.resources', () => {
  it('gives the same array for the same types, in stack order', () => {
    const seen: unknown[] = [];
    const probe: Rule = {
      id: 'FP_T_PROBE',
      severity: 'low',
      title: 'probe',
      types: [],
      fix: '-',
      check(ctx) {
        seen.push(ctx.resources('azurerm_resource_group'), ctx.resources('azurerm_resource_group'));
        seen.push(ctx.resources('azurerm_key_vault', 'azurerm_resource_group'));
        return [];
      },
    };
    runPolicy(synthOutput(spec('eastus2')), { today: '2026-06-01', minSeverity: 'low', rules: [probe] });
    expect(seen[0]).toBe(seen[1]);
    expect((seen[0] as { stack: string }[]).map((r) => r.stack)).toEqual(['fx-global', 'fx-eastus2']);
    expect(seen[2]).toEqual(seen[0]);
  });
});
