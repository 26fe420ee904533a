/** `npm run report` on the synthesized matrix and on hand-written trees with the global layer's resources. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSynthOutput } from '../../contract/out';
import { evidenceDate } from '../../model/evidence-date';
import { envTree } from '../helpers/diff-trees';
import { configFixture, REPO, runNode } from '../helpers/fixture';
import { writeTree } from '../helpers/out-tree';

let dir: string;
beforeAll(() => {
  dir = configFixture();
  const r = runNode('main.js', ['--quiet'], dir);
  if (r.code !== 0) throw new Error(r.stderr);
});

/** The lines of one `## <env>` section. */
function section(md: string, env: string): string {
  const start = md.indexOf(`\n## ${env}\n`);
  const next = md.indexOf('\n## ', start + 1);
  return md.slice(start, next < 0 ? undefined : next);
}

describe('report of the shipped matrix', () => {
  it('has the parity matrix: every feature × cloud, with fallbacks and reasons', () => {
    const r = runNode('tools/report.js', [], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = readSynthOutput(join(dir, 'cdktf.out'));
    const envs = Object.values(out.footprint.environments);
    const clouds = [...new Set(envs.map((e) => e.cloud))].sort();
    const header = r.stdout.split('\n').find((l) => l.startsWith('| feature |'))!;
    expect(header).toBe(
      `| feature | ${clouds.map((c) => out.footprint.clouds[c]!.displayName).join(' | ')} |`,
    );
    const ussec = clouds.indexOf('ussec');
    for (const feature of Object.keys(envs[0]!.features)) {
      const row = r.stdout.split('\n').find((l) => l.startsWith(`| ${feature} |`));
      expect(row).toBeDefined();
      const cell = row!.split(' | ')[ussec + 1]!;
      const d = out.footprint.environments['prod-ussec']!.features[feature]!;
      if (d.outcome === 'fallback') expect(cell).toContain(`↪️ ${d.fallback}`);
      if (d.outcome === 'off') expect(cell).toContain('❌ off');
      if (d.outcome === 'on') expect(cell).toContain('✅ on');
      // Every reason is printed as a numbered note the cell points at.
      const note = cell.match(/\[(\d+)\]/);
      if (d.reason) expect(r.stdout).toContain(`\n${note![1]}. ${d.reason}`);
    }
  });

  it('shows which clouds and environments have customer-managed keys, and how the keys are protected', () => {
    const r = runNode('tools/report.js', [], dir);
    const out = readSynthOutput(join(dir, 'cdktf.out'));
    const clouds = [...new Set(Object.values(out.footprint.environments).map((e) => e.cloud))].sort();
    const row = r.stdout.split('\n').find((l) => l.startsWith('| customerManagedKeys |'))!;
    expect(row).toBeDefined();
    const cell = (cloud: string) => row.split(' | ')[clouds.indexOf(cloud) + 1]!.replace(/ \|$/, '');
    const note = (c: string) => {
      const n = c.match(/\[(\d+)\]/)![1];
      return r.stdout.split('\n').find((l) => l.startsWith(`${n}. `))!;
    };
    // usgov (prod-usgov and prod-dod) and ussec on by their clouds' default; public and China off.
    expect(cell('usgov')).toMatch(/^✅ on \[\d+\]$/);
    expect(note(cell('usgov'))).toContain('RSA-HSM keys, Premium vault; cloud default for its tier');
    expect(cell('ussec')).toMatch(/^✅ on \[\d+\]$/);
    expect(note(cell('ussec'))).toContain('software RSA keys; cloud default for its tier');
    expect(cell('public')).toMatch(/^❌ off \[\d+\]$/);
    expect(cell('china')).toMatch(/^❌ off \[\d+\]$/);
    expect(note(cell('public'))).toContain('Microsoft-managed keys');
  });

  it('shows which outside-in signal (and alert) each cloud uses, from footprint.json', () => {
    const r = runNode('tools/report.js', [], dir);
    expect(r.code).toBe(0);
    const out = readSynthOutput(join(dir, 'cdktf.out'));
    const envs = Object.values(out.footprint.environments);
    const clouds = [...new Set(envs.map((e) => e.cloud))].sort();
    const row = r.stdout.split('\n').find((l) => l.startsWith('| outside-in signal |'))!;
    const cells = row.split(' | ').slice(1);
    expect(cells[clouds.indexOf('china')]).toBe('Front Door health probes (alert outsideInFrontDoor)');
    expect(cells[clouds.indexOf('ussec')]).toBe(
      'Traffic Manager health probes (alert outsideInTrafficManager) |',
    );
    expect(cells[clouds.indexOf('public')]).toBe('availability tests (alert globalAvailability)');
    // Each signal is what footprint.json records for the cloud's environments.
    for (const e of envs) expect(e.liveSite?.outsideIn.alert).toMatch(/^(globalAvailability|outsideIn)/);
  });

  it('per environment: topology with one stamp per region, inventory counts from the stacks, warnings, facts', () => {
    const r = runNode('tools/report.js', [], dir);
    const out = readSynthOutput(join(dir, 'cdktf.out'));
    for (const env of Object.values(out.footprint.environments)) {
      const s = section(r.stdout, env.name);
      expect(s).toContain('```mermaid\nflowchart LR');
      for (const [i, region] of env.regions.entries()) {
        const unit = (region.unit ?? 1) > 1 ? ` unit ${region.unit}` : '';
        expect(s).toContain(`    s${i}["${region.region}${unit}${region.primary ? ' (primary)' : ''}<br/>`);
      }
      const total = out.stacks
        .filter((x) => env.stacks.includes(x.name))
        .reduce((n, x) => n + x.resources.length, 0);
      expect(s).toMatch(new RegExp(`\\| \\*\\*total\\*\\* \\|.* \\| \\*\\*${total}\\*\\* \\|`));
      for (const w of env.warnings) expect(s).toContain(`- ${w}`);
      for (const f of env.unconfirmedFacts) expect(s).toContain(`| \`${f.fact}\` |`);
    }
  });

  it('lists unconfirmed facts with the date of their evidence, oldest (and undated) first', () => {
    const r = runNode('tools/report.js', [], dir);
    const out = readSynthOutput(join(dir, 'cdktf.out'));
    let dated = 0;
    for (const env of Object.values(out.footprint.environments)) {
      const s = section(r.stdout, env.name);
      const table = s.slice(s.indexOf('### Unconfirmed facts'), s.indexOf('### Waivers'));
      const rows = table.split('\n').filter((l) => l.startsWith('| `'));
      expect(rows).toHaveLength(env.unconfirmedFacts.length);
      const dates = rows.map((l) => l.split(' | ')[3]!);
      for (const f of env.unconfirmedFacts) {
        const row = rows.find((l) => l.startsWith(`| \`${f.fact}\` |`))!;
        expect(row.split(' | ')[3]).toBe(evidenceDate(f.source) ?? 'undated');
      }
      const keys = dates.map((d) => (d === 'undated' ? '' : d));
      expect(keys).toEqual([...keys].sort());
      dated += keys.filter(Boolean).length;
    }
    // The shipped sources do name dates (2023-06-08 for Front Door in US Gov, for one).
    expect(dated).toBeGreaterThan(0);
    expect(section(r.stdout, 'prod-usgov')).toMatch(
      /\| `capabilities\.frontDoor` \| `preview` \| unconfirmed \| 2023-06-08 \|/,
    );
  });

  it('ends with the resilience analysis of every environment', () => {
    const r = runNode('tools/report.js', [], dir);
    const res = r.stdout.slice(r.stdout.indexOf('\n## Resilience\n'));
    expect(res.length).toBeGreaterThan(20);
    for (const env of ['prod-public', 'prod-usgov', 'prod-dod', 'prod-china', 'prod-ussec']) {
      expect(res).toMatch(new RegExp(`### ${env} \\(prod, [a-z]+, [a-zA-Z]+\\): PASS`));
    }
    expect(res).toContain('| zone 1 of eastus2 |');
  });

  it('live-site numbers for every environment: detect and drain, worst case, amplification, stale', () => {
    const r = runNode('tools/report.js', [], dir);
    const out = readSynthOutput(join(dir, 'cdktf.out'));
    const table = r.stdout.slice(
      r.stdout.indexOf('\n## Live-site numbers\n'),
      r.stdout.indexOf('\n## ', r.stdout.indexOf('\n## Live-site numbers\n') + 5),
    );
    for (const env of Object.values(out.footprint.environments)) {
      const p = env.clientPolicy!;
      const row = table.split('\n').find((l) => l.startsWith(`| ${env.name} |`))!;
      const cells = row.split(' | ');
      expect(cells[2]).toBe(p.edge.failover ? `${p.edge.detectSeconds} s` : '—');
      expect(cells[4]).toBe(p.edge.failover ? `${p.edge.inFlightSeconds} s` : '—');
      expect(cells[3]).toMatch(
        p.edge.failover
          ? new RegExp(`^${p.edge.drainSeconds} s \\(${p.edge.probesToUnhealthy} × `)
          : /no failover/,
      );
      const slowest = Math.max(...p.dependencies.map((d) => d.worstCaseMs));
      expect(cells[6]).toMatch(new RegExp(`^${slowest / 1000} s \\(`));
      const cosmos = p.dependencies.find((d) => d.kind === 'cosmos')!;
      expect(cells[7]).toMatch(new RegExp(`^×${cosmos.amplification} Cosmos DB`));
      for (const d of p.dependencies.filter((x) => x.staleTtlSeconds > 0))
        expect(cells[8]).toContain(`${d.name}: ${d.staleTtlSeconds} s past ${d.freshTtlSeconds} s fresh`);
      // The Front Door numbers are the ones synthesized into the global stack.
      const profile = out.stacks
        .find((x) => x.name === env.globalStack)!
        .resources.find((x) => x.type === 'azurerm_cdn_frontdoor_profile');
      if (profile)
        expect(cells[1]).toBe(
          `Front Door (origin timeout ${String(profile.attrs.response_timeout_seconds)} s)`,
        );
      else expect(cells[1]).toBe('Traffic Manager');
      // And the environment's section tables every dependency.
      const s = section(r.stdout, env.name);
      for (const d of p.dependencies) expect(s).toContain(`| ${d.name} | ${d.kind} | ${d.attempts} |`);
    }
  });

  it('the README shows the live-site numbers the report computes for the shipped matrix', () => {
    const r = runNode('tools/report.js', [], dir);
    const table = (md: string) => {
      const lines = md.split('\n');
      const start = lines.findIndex((l) => l.startsWith('| environment | edge | detect |'));
      const end = lines.findIndex((l, i) => i > start && !l.startsWith('|'));
      return lines.slice(start, end);
    };
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    expect(table(readme)).toEqual(table(r.stdout));
    expect(table(readme).length).toBe(
      2 + Object.keys(readSynthOutput(join(dir, 'cdktf.out')).footprint.environments).length,
    );
  });

  it('--env limits the report; --output writes the file', () => {
    const r = runNode('tools/report.js', ['--env', 'prod-ussec', '--output', 'report.md'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Wrote report.md\n');
    const md = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(md).toContain('\n## prod-ussec\n');
    expect(md).not.toContain('\n## prod-usgov\n');
    expect(md).toContain('| feature | Azure US Secret (air-gapped) |');
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('exits 1 for an unknown environment or a missing tree, 2 for usage', () => {
    const unknown = runNode('tools/report.js', ['--env', 'nope'], dir);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('environment "nope" is not in');
    const missing = runNode('tools/report.js', ['--out', 'nowhere'], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('run `npm run synth` first');
    expect(runNode('tools/report.js', ['--bogus'], dir).code).toBe(2);
  });
});

describe('report of a tree with the global layer', () => {
  it('draws the entry, the stamps and the Cosmos regions in failover order', () => {
    const tree = writeTree(envTree({ regions: ['eastus2', 'centralus', 'westus3'] }));
    const r = runNode('tools/report.js', ['--out', tree], dir);
    expect(r.code).toBe(0);
    const mermaid = r.stdout.slice(
      r.stdout.indexOf('```mermaid'),
      r.stdout.indexOf('```\n', r.stdout.indexOf('```mermaid')),
    );
    expect(mermaid).toContain('e0["Front Door Premium_AzureFrontDoor"]');
    expect(mermaid).toContain('s0["eastus2 (primary)<br/>7 resources · AKS"]');
    expect(mermaid).toContain('c0[("eastus2<br/>priority 0 · write")]');
    expect(mermaid).toContain('c2[("westus3<br/>priority 2 · read")]');
    for (const i of [0, 1, 2]) {
      expect(mermaid).toContain(`e0 --> s${i}`);
      expect(mermaid).toContain(`s${i} --> c${i}`);
    }
    expect(r.stdout).toContain('| `azurerm_cosmosdb_account` | 1 | · | · | · | 1 |');
  });

  it('marks expired waivers', () => {
    const spec = envTree();
    const tree = writeTree({
      'prod-public': {
        ...spec['prod-public']!,
        summary: {
          waivers: [
            {
              rule: 'FP-001',
              resource: 'prod-public-*/azurerm_key_vault.*',
              reason: 'migration in progress',
              expires: '2000-01-01',
            },
            {
              rule: 'FP-002',
              resource: 'prod-public-global/*',
              reason: 'accepted until the redesign',
              expires: '2999-12-31',
            },
          ],
        },
      },
    });
    const r = runNode('tools/report.js', ['--out', tree], dir);
    expect(r.stdout).toContain(
      '| `FP-001` | `prod-public-*/azurerm_key_vault.*` | migration in progress | **2000-01-01 (expired)** |',
    );
    expect(r.stdout).toContain('| 2999-12-31 |');
  });
});
