/**
 * The engine's own mechanics, with synthetic rules so each assertion depends on the engine alone: which stacks
 * an environment sees, when a gated rule is listed as skipped, how findings are ordered, what an unused waiver
 * says.
 */
import { runPolicy } from '../../policy/engine';
import type { Issue, Rule, Severity } from '../../policy/types';
import { resourcesOf, type SynthOutput } from '../../contract/out';
import { CENTRAL, EAST, GLOBAL, golden, toOutput, type Golden } from './golden';

const rule = (id: string, over: Partial<Rule> = {}, issues: Issue[] = []): Rule => ({
  id,
  severity: 'high',
  title: id,
  types: [],
  fix: 'fix it',
  check: () => issues,
  ...over,
});
const issue = (stack: string, resource: string, attribute = 'a'): Issue => ({
  stack,
  resource,
  attribute,
  expected: 'x',
  found: 'y',
});
const run = (g: Golden | SynthOutput, rules: Rule[], minSeverity: Severity = 'low') =>
  runPolicy('stacks' in g && 'dir' in g ? g : toOutput(g as Golden), {
    today: '2026-06-01',
    minSeverity,
    rules,
  });

describe('the stacks an environment sees', () => {
  it('only its own stacks: a stack of another environment adds no resources and no findings', () => {
    const out = toOutput(golden());
    const own = out.stacks.reduce((n, s) => n + s.resources.length, 0);
    const json = structuredClone(out.stacks[1]!.json);
    out.stacks.push({
      name: 'other-eastus2',
      dir: '/fixture/stacks/other-eastus2',
      json,
      resources: resourcesOf('other-eastus2', json),
      dependencies: [],
    });
    const everyVault: Rule = {
      ...rule('FP_T_VAULTS', { types: ['azurerm_key_vault'] }),
      check: (ctx) => ctx.resources('azurerm_key_vault').map((r) => issue(r.stack, r.address)),
    };
    const r = run(out, [everyVault]);
    expect(r.resources).toBe(own);
    expect(r.stacks).toBe(4);
    expect(r.findings.map((f) => f.stack)).toEqual([EAST, CENTRAL]);
  });

  it('resources() without types is every resource of the environment, in stack order', () => {
    const g = golden();
    let seen: string[] = [];
    const all: Rule = {
      ...rule('FP_T_ALL'),
      check: (ctx) => {
        seen = [...new Set(ctx.resources().map((r) => r.stack))];
        return [];
      },
    };
    run(g, [all]);
    expect(seen).toEqual([GLOBAL, EAST, CENTRAL]);
  });
});

describe('gated rules', () => {
  const absent = 'azurerm_not_in_this_environment';

  it('a tier-gated rule is listed as skipped only when a resource it looks at is present', () => {
    const r = run(golden(), [
      rule('FP_T_PRESENT', { tiers: ['dev'], types: ['azurerm_key_vault'] }, [issue(EAST, 'x')]),
      rule('FP_T_SOME', { tiers: ['dev'], types: [absent, 'azurerm_key_vault'] }, [issue(EAST, 'x')]),
      rule('FP_T_ABSENT', { tiers: ['dev'], types: [absent] }, [issue(EAST, 'x')]),
      rule('FP_T_ANY', { tiers: ['dev', 'staging'] }, [issue(EAST, 'x')]),
      rule('FP_T_RUNS', { tiers: ['prod'], types: [absent] }, [issue(EAST, 'ran')]),
    ]);
    expect(r.skipped).toEqual([
      { environment: 'prod-x', rule: 'FP_T_PRESENT', reason: 'not checked for tier prod' },
      { environment: 'prod-x', rule: 'FP_T_SOME', reason: 'not checked for tier prod' },
      { environment: 'prod-x', rule: 'FP_T_ANY', reason: 'not checked for tier prod' },
    ]);
    expect(r.findings.map((f) => `${f.rule} ${f.resource}`)).toEqual(['FP_T_RUNS ran']);
  });

  it('a capability-gated rule runs only when the decision is on; off and unknown are listed with why', () => {
    const g = golden();
    g.env.features = {
      ...g.env.features,
      managedPrometheus: { feature: 'managedPrometheus', outcome: 'on', reason: 'available' },
      availabilityTests: { feature: 'availabilityTests', outcome: 'off', reason: '' },
    };
    delete (g.env.features as Record<string, unknown>).vnetFlowLogs;
    const r = run(g, [
      rule('FP_T_ON', { capability: 'managedPrometheus' }, [issue(EAST, 'on')]),
      rule('FP_T_OFF', { capability: 'availabilityTests' }, [issue(EAST, 'off')]),
      rule('FP_T_UNKNOWN', { capability: 'vnetFlowLogs' }, [issue(EAST, 'unknown')]),
      rule('FP_T_OFF_ABSENT', { capability: 'availabilityTests', types: [absent] }, [issue(EAST, 'x')]),
    ]);
    expect(r.findings.map((f) => f.resource)).toEqual(['on']);
    expect(r.skipped).toEqual([
      { environment: 'prod-x', rule: 'FP_T_OFF', reason: 'capability availabilityTests is off' },
      { environment: 'prod-x', rule: 'FP_T_UNKNOWN', reason: 'capability vnetFlowLogs is unknown' },
    ]);
  });
});

describe('finding order and counts', () => {
  it('environment file first, then stacks in order, resource, severity (high first), rule, attribute', () => {
    const g = golden();
    const r = run(g, [
      rule('FP_B', { severity: 'low' }, [
        issue(CENTRAL, 'azurerm_a.a'),
        issue(EAST, 'azurerm_b.b', 'z'),
        issue(EAST, 'azurerm_b.b', 'c'),
      ]),
      rule('FP_A', { severity: 'low' }, [issue(EAST, 'azurerm_b.b', 'z')]),
      rule('FP_C', { severity: 'critical' }, [
        issue(EAST, 'azurerm_b.b', 'zz'),
        issue(GLOBAL, 'azurerm_z.z'),
      ]),
      rule('FP_D', { severity: 'medium' }, [issue(g.env.file, '*'), issue(EAST, 'azurerm_a.a')]),
    ]);
    expect(r.findings.map((f) => `${f.stack} ${f.resource} ${f.rule} ${f.attribute}`)).toEqual([
      `${g.env.file} * FP_D a`,
      `${GLOBAL} azurerm_z.z FP_C a`,
      `${EAST} azurerm_a.a FP_D a`,
      `${EAST} azurerm_b.b FP_C zz`,
      `${EAST} azurerm_b.b FP_A z`,
      `${EAST} azurerm_b.b FP_B c`,
      `${EAST} azurerm_b.b FP_B z`,
      `${CENTRAL} azurerm_a.a FP_B a`,
    ]);
    expect(r.failing).toBe(8);
    expect(run(g, [rule('FP_L', { severity: 'low' }, [issue(EAST, 'r')])], 'medium').failing).toBe(0);
    expect(run(g, [rule('FP_M', { severity: 'medium' }, [issue(EAST, 'r')])], 'medium').failing).toBe(1);
  });

  it('waived findings are ordered the same way', () => {
    const g = golden();
    g.env.waivers = [{ rule: 'FP_W', resource: '*', reason: 'all of them', expires: '2027-01-01' }];
    const r = run(g, [rule('FP_W', {}, [issue(CENTRAL, 'azurerm_b.b'), issue(EAST, 'azurerm_c.c')])]);
    expect(r.findings).toEqual([]);
    expect(r.waived.map((f) => f.stack)).toEqual([EAST, CENTRAL]);
    expect(r.waivers).toMatchObject([{ matched: 2 }]);
  });

  it('an unused waiver says whether its rule exists', () => {
    const g = golden();
    g.env.waivers = [
      { rule: 'FP_KNOWN', resource: '*', reason: 'known rule, nothing to waive', expires: '2027-01-01' },
      { rule: 'FP_TYPO', resource: '*', reason: 'mistyped id', expires: '2027-01-01' },
    ];
    const r = run(g, [rule('FP_KNOWN')]);
    expect(r.findings.map((f) => [f.rule, f.attribute, f.found])).toEqual([
      ['FP_WAIVER_UNUSED', 'waivers[0]', 'no FP_KNOWN finding matches'],
      ['FP_WAIVER_UNUSED', 'waivers[1]', 'unknown rule id FP_TYPO'],
    ]);
  });

  it('summary fields: environments, stacks, rule count', () => {
    const r = run(golden(), [rule('FP_1'), rule('FP_2')]);
    expect(r).toMatchObject({ environments: ['prod-x'], stacks: 3, rules: 2, minSeverity: 'low' });
  });
});
