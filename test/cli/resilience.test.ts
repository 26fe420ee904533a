/** `npm run resilience` as a user runs it, on hand-written synthesized trees: exit codes, formats, errors. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runNode } from '../helpers/fixture';
import { res, synthTree, writeTree, ZONAL3 } from '../helpers/synth-tree';

const passing = () =>
  synthTree(
    { name: 'prod-fx', regions: ZONAL3 },
    { name: 'dev-fx', tier: 'dev', regions: ZONAL3.slice(0, 1) },
  );

describe('resilience command', () => {
  it('exits 0 when every prod environment survives, with a table per environment', () => {
    const r = runNode('tools/resilience.js', [], writeTree(passing()));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('prod-fx (prod, public, frontDoor): PASS');
    expect(r.stdout).toMatch(
      /zone 2 of eastus2\s+3\/3\s+read\/write \(eastus2, centralus, westus\)\s+4 \(4\)\s+ok/,
    );
    expect(r.stdout).toMatch(/region eastus2\s+2\/3\s+read\/write \(centralus, westus\)\s+6 \(4\)\s+ok/);
    expect(r.stdout).toContain('dev-fx (dev, public, frontDoor): FAIL (not gated: tier dev)');
    expect(r.stdout).toContain(
      'SPOF_SINGLE_REGION dev-fx-eastus2 is the only stamp: losing eastus2 is an outage',
    );
    expect(r.stdout).toContain('all 1 prod environment(s) survive every single zone and region loss');
  });

  it('exits 1 when a prod environment has a single point of failure; JSON names it', () => {
    const tree = passing();
    delete res(tree, 'prod-fx-global', 'azurerm_cdn_frontdoor_origin_group', 'app').health_probe;
    const dir = writeTree(tree);
    const r = runNode('tools/resilience.js', ['--format', 'json'], dir);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.version).toBe(1);
    expect(json.pass).toBe(false);
    const prod = json.environments.find((e: { name: string }) => e.name === 'prod-fx');
    expect(prod.spofs.map((s: { id: string }) => s.id)).toEqual(['SPOF_NO_PROBE']);
    expect(prod.scenarios[0].scenario.id).toBe('baseline');
    expect(prod.scenarios[0].pass).toBe(false);

    const text = runNode('tools/resilience.js', [], dir);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(
      'FAIL prod-fx-global/azurerm_cdn_frontdoor_origin_group.app: 0 serving stamp(s), 1 required (no health probe) (every scenario)',
    );
    expect(text.stdout).toContain('1 prod environment(s) fail: prod-fx');
  });

  it('--env limits the analysis; a failing dev environment alone exits 0', () => {
    const r = runNode('tools/resilience.js', ['--env', 'dev-fx', '--format', 'json'], writeTree(passing()));
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.environments.map((e: { name: string; pass: boolean }) => [e.name, e.pass])).toEqual([
      ['dev-fx', false],
    ]);
  });

  it('renders Markdown for a PR or the report', () => {
    const r = runNode(
      'tools/resilience.js',
      ['--format', 'markdown', '--env', 'prod-fx'],
      writeTree(passing()),
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^## Resilience\n\n### prod-fx \(prod, public, frontDoor\): PASS\n/);
    expect(r.stdout).toContain('| scenario | serving origins | Cosmos | min nodes left (floor) | result |');
    expect(r.stdout).toContain(
      '| Cosmos write region eastus2 | 3/3 | read/write (centralus, westus) | 6 (4) | ok |',
    );
    expect(r.stdout).toContain('Single points of failure: none.');
  });

  it('reads --out and exits 1 without a stack trace when the tree or environment is missing', () => {
    const dir = writeTree(passing());
    const moved = runNode(
      'tools/resilience.js',
      ['--out', join(dir, 'cdktf.out'), '--env', 'prod-fx'],
      tmpdir(),
    );
    expect(moved.code).toBe(0);
    const missing = runNode('tools/resilience.js', [], mkdtempSync(join(tmpdir(), 'footprint-empty-')));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/manifest\.json not found: run `npm run synth` first/);
    const unknown = runNode('tools/resilience.js', ['--env', 'prod-nope'], dir);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('environment "prod-nope" is not in');
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on usage errors and 0 with --help', () => {
    const dir = writeTree(passing());
    const bogus = runNode('tools/resilience.js', ['--bogus'], dir);
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toContain('Usage: npm run resilience');
    const format = runNode('tools/resilience.js', ['--format', 'xml'], dir);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format must be one of text, json, markdown');
    const help = runNode('tools/resilience.js', ['--help'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes: 0 every prod environment survives');
  });
});
