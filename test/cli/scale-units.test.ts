/**
 * Scale units as a user meets them: prod-public ships a region of two units whose stacks, origins, alerts,
 * workbook, resilience scenarios and rollout waves show both; a third unit added in a test only adds (tools/diff
 * on two synthesized trees), and leaves units 1 and 2 byte-identical.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DiffResult } from '../../tools/diff/compare';
import { asList, readSynthOutput } from '../../contract/out';
import { configFixture, runNode, type Edit } from '../helpers/fixture';

const ENV = 'prod-public';
const CENTRALUS = '    addressSpace: 10.30.32.0/19\n    unitPrefix: 20\n    units: 2\n';
// Room for a third /20 unit: a /18 of its own (the shipped /19 holds two).
const roomy = (units: number): Edit => ({
  file: `${ENV}.yaml`,
  from: CENTRALUS,
  to: `    addressSpace: 10.30.64.0/18\n    unitPrefix: 20\n    units: ${units}\n`,
});

function synth(edits: readonly Edit[]): string {
  const dir = configFixture(edits, [ENV]);
  const r = runNode('main.js', ['--quiet', '--env', ENV, '--out', 'out'], dir);
  if (r.code !== 0) throw new Error(r.stderr);
  return join(dir, 'out');
}

let shipped: string;
beforeAll(() => {
  shipped = synth([]);
});

describe('prod-public with two scale units in centralus', () => {
  it('has one stack per unit, one origin per unit with its own weight, per-unit alerts and workbook rows', () => {
    expect(readdirSync(join(shipped, 'stacks')).sort()).toEqual([
      'prod-public-centralus',
      'prod-public-centralus-u2',
      'prod-public-eastus2',
      'prod-public-global',
      'prod-public-westus3',
    ]);
    const out = readSynthOutput(shipped, [ENV]);
    const all = out.stacks.flatMap((s) => s.resources);
    const origins = all.filter((r) => r.type === 'azurerm_cdn_frontdoor_origin');
    expect(origins.map((o) => [o.attrs.name, o.attrs.weight]).sort()).toEqual([
      ['origin-centralus', 1000],
      ['origin-centralus-u2', 1000],
      ['origin-eastus2', 1000],
      ['origin-westus3', 1000],
    ]);
    expect(origins.map((o) => o.attrs.host_name)).toContainEqual(
      expect.stringMatching(/^ing-fp-prdpub-cusu2-[0-9a-f]{4}\.centralus\.cloudapp\.azure\.com$/),
    );
    // Cosmos DB keeps one location per region.
    const cosmos = all.find((r) => r.type === 'azurerm_cosmosdb_account')!;
    expect(asList(cosmos.attrs.geo_location).map((g) => g.location)).toEqual([
      'eastus2',
      'westus3',
      'centralus',
    ]);
    const u2 = out.stacks.find((s) => s.name === 'prod-public-centralus-u2')!;
    const alerts = u2.resources.filter((r) => r.type === 'azurerm_monitor_metric_alert');
    expect(alerts.length).toBeGreaterThan(0);
    for (const a of alerts) expect(a.attrs.name).toMatch(/-cusu2$/);
    const vnet = u2.resources.find((r) => r.type === 'azurerm_virtual_network')!;
    expect(vnet.attrs.address_space).toEqual(['10.30.48.0/20']);
    const workbook = all.find((r) => r.type === 'azurerm_application_insights_workbook')!;
    expect(String(workbook.attrs.data_json)).toContain('Central US u2');
    const config = JSON.parse(
      readFileSync(join(shipped, 'stacks', 'prod-public-centralus-u2', 'service-config.json'), 'utf8'),
    ) as { stack: string; cosmos: { preferredRegions: string[] } };
    expect(config.stack).toBe('prod-public-centralus-u2');
    expect(config.cosmos.preferredRegions).toEqual(['centralus', 'eastus2', 'westus3']);
  });

  it('the rollout deploys one unit first (the canary) and the other in a later wave', () => {
    const r = runNode('tools/rollout.js', ['--env', ENV, '--out', shipped, '--format', 'json'], shipped);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as { environments: { waves: { kind: string; stacks: string[] }[] }[] };
    const waves = plan.environments[0]!.waves;
    const at = (s: string) => waves.findIndex((w) => w.stacks.includes(s));
    expect(waves[at('prod-public-centralus')]!.kind).toBe('canary');
    expect(at('prod-public-centralus-u2')).toBeGreaterThan(at('prod-public-centralus'));
  });

  it('resilience simulates each unit lost, and a region loss takes both', () => {
    const r = runNode('tools/resilience.js', ['--env', ENV, '--out', shipped, '--format', 'json'], shipped);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as {
      environments: { scenarios: { scenario: { id: string }; stamps: { id: string; lost: boolean }[] }[] }[];
    };
    const scenarios = json.environments[0]!.scenarios;
    const lost = (id: string) =>
      scenarios
        .find((s) => s.scenario.id === id)!
        .stamps.filter((s) => s.lost)
        .map((s) => s.id);
    expect(lost('unit:prod-public-centralus-u2')).toEqual(['centralus-u2']);
    expect(lost('region:centralus')).toEqual(['centralus', 'centralus-u2']);
    expect(scenarios.filter((s) => s.scenario.id === 'zone:centralus:1')).toHaveLength(1);
  });
});

describe('a third unit', () => {
  it('changes nothing about units 1 and 2: the diff only adds', () => {
    const base = synth([roomy(2)]);
    const head = synth([roomy(3)]);
    for (const stack of ['prod-public-centralus', 'prod-public-centralus-u2', 'prod-public-eastus2']) {
      for (const file of readdirSync(join(base, 'stacks', stack)))
        expect(readFileSync(join(head, 'stacks', stack, file), 'utf8')).toBe(
          readFileSync(join(base, 'stacks', stack, file), 'utf8'),
        );
    }
    const r = runNode('tools/diff.js', ['--base', base, '--head', head, '--format', 'json'], head);
    const d = JSON.parse(r.stdout) as DiffResult;
    expect(d.stacks.map((s) => [s.stack, s.status]).sort()).toEqual([
      ['prod-public-centralus-u3', 'added'],
      ['prod-public-global', 'changed'],
    ]);
    const global = d.stacks.find((s) => s.stack === 'prod-public-global')!;
    expect(global.counts.delete).toBe(0);
    // What changes in place is a list gaining the new unit: the routes' origins and the workbook's stamps.
    const updated = global.resources.filter((x) => x.action !== 'create');
    expect(updated.map((x) => x.type).sort()).toEqual([
      'azurerm_application_insights_workbook',
      'azurerm_cdn_frontdoor_route',
      'azurerm_cdn_frontdoor_route',
    ]);
    for (const c of updated.flatMap((x) => x.changes)) expect(c.risk).toBe('LOW');
    expect(global.resources.filter((x) => x.action === 'create').map((x) => x.azureName)).toEqual([
      'origin-centralus-u3',
    ]);
  });
});

describe('npm run capacity', () => {
  it('prints the units needed per region of prod-public for its stated peak, with the arithmetic', () => {
    const r = runNode('tools/capacity.js', ['--env', ENV, '--out', shipped], shipped);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('prod-public (prod): enough units (5000 rps per unit, survives: region)');
    expect(r.stdout).toContain('  centralus: ok: 2 unit(s), needs 2\n');
    expect(r.stdout).toContain('    unit loss: ceil(4500 / 5000) + 1 = 2\n');
    expect(r.stdout).toContain('  eastus2: not sized\n');
    const md = runNode(
      'tools/capacity.js',
      ['--env', ENV, '--out', shipped, '--format', 'markdown'],
      shipped,
    );
    expect(md.stdout).toMatch(/^## prod-public \(prod\): enough units\n/);
    expect(md.stdout).toContain('| centralus | 4500 | 2 | 2 | 2 | 1 | 2 | ok |');
  });

  it('flags a short region (exit 1) of an environment whose tier does not fail validation', () => {
    const edit: Edit = {
      file: 'staging-public.yaml',
      from: /\nrollout:/,
      to: '\ncapacity: { unitRps: 1000, peakRps: { eastus2: 2500, centralus: 900 } }\nrollout:',
    };
    const dir = configFixture([edit], ['staging-public']);
    expect(runNode('main.js', ['--quiet', '--out', 'out'], dir).code).toBe(0);
    const r = runNode('tools/capacity.js', ['--out', 'out', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as {
      environments: { result: { survive: string; short: string[]; regions: { arithmetic: string[] }[] } }[];
    };
    const result = json.environments[0]!.result;
    expect(result).toMatchObject({ survive: 'unit', short: ['eastus2', 'centralus'] });
    expect(result.regions[0]!.arithmetic).toContain('unit loss: ceil(2500 / 1000) + 1 = 4');
    const text = runNode('tools/capacity.js', ['--out', 'out'], dir);
    expect(text.stdout).toContain('  eastus2: SHORT: 1 unit(s), needs 4\n');
  });

  it('answers a usage error with exit 2', () => {
    const r = runNode('tools/capacity.js', ['--bogus'], shipped);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^capacity: /);
  });
});
