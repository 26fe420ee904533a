/** Reports: the text table, JSON and the Markdown PR comment (escaping and the 65,000-character cut). */
import { runPolicy } from '../../policy/engine';
import { renderJson, renderMarkdown, renderText } from '../../policy/report';
import { EAST, golden, res, toOutput } from './golden';

function broken(count: number) {
  const g = golden();
  const kv = res(g, EAST, 'azurerm_key_vault', 'kv');
  kv.purge_protection_enabled = false;
  kv.tags = { ...(kv.tags as object), note: 'a|b' };
  for (let i = 0; i < count; i++) {
    (g.stacks[EAST]!.resource as Record<string, Record<string, unknown>>).azurerm_network_security_rule![
      `open${i}`
    ] = {
      name: `Open${i}`,
      direction: 'Inbound',
      access: 'Allow',
      protocol: 'Tcp',
      destination_port_range: String(1000 + i),
      source_address_prefix: 'Internet',
    };
  }
  g.env.waivers = [
    {
      rule: 'AVD-AZU-0047',
      resource: `${EAST}/azurerm_network_security_rule.open0`,
      reason: 'load test | until 2027',
      expires: '2027-01-01',
    },
  ];
  return runPolicy(toOutput(g), { today: '2026-06-01', minSeverity: 'medium' });
}

describe('reports', () => {
  it('text: one row per finding with its fix, waivers and the verdict', () => {
    const text = renderText(broken(2));
    expect(text).toMatch(/^footprint policy: FAIL: 2 unwaived findings at or above medium/);
    expect(text).toMatch(
      /high\s+CKV_AZURE_110\s+prod-x-eastus2\s+azurerm_key_vault.kv\s+purge_protection_enabled\s+true\s+false/,
    );
    expect(text).toContain('  fix: Set purge_protection_enabled = true.');
    expect(text).toContain('Waived findings (1):');
    expect(text).toMatch(
      /Active waivers \(1\):\n\s+ENVIRONMENT\s+RULE.*\n\s+prod-x\s+AVD-AZU-0047\s+prod-x-eastus2\/azurerm_network_security_rule.open0\s+2027-01-01\s+1\s+load test/,
    );
  });

  it('json: every field of every finding, and the verdict', () => {
    const json = JSON.parse(renderJson(broken(1)));
    expect(json).toMatchObject({ passed: false, failing: 1, minSeverity: 'medium', counts: { high: 1 } });
    expect(Object.keys(json.findings[0]).sort()).toEqual(
      [
        'attribute',
        'environment',
        'expected',
        'fix',
        'found',
        'resource',
        'rule',
        'severity',
        'stack',
        'title',
      ].sort(),
    );
    expect(json.waivers[0]).toMatchObject({ rule: 'AVD-AZU-0047', matched: 1, expired: false });
  });

  it('markdown: a table per finding with escaped cells and the active waivers', () => {
    const md = renderMarkdown(broken(1));
    expect(md.startsWith('## ❌ footprint policy: 1 finding at or above medium')).toBe(true);
    expect(md).toContain('| Severity | Rule | Stack | Resource | Attribute | Expected | Found | Fix |');
    expect(md).toContain(
      '| 🟠 high | `CKV_AZURE_110` | prod-x-eastus2 | `azurerm_key_vault.kv` | `purge_protection_enabled` | true | false |',
    );
    expect(md).toContain('load test \\| until 2027');
    const rows = md.split('\n').filter((l) => /^\| \S+ \w+ \| `/.test(l));
    expect(rows.length).toBe(1);
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length).toBe(10);
    expect(
      renderMarkdown(runPolicy(toOutput(golden()), { today: '2026-06-01', minSeverity: 'medium' })),
    ).toMatch(/^## ✅ footprint policy passed/);
  });

  it('markdown: cut below the limit with a note, the waiver table kept', () => {
    const result = broken(400);
    const full = renderMarkdown(result, 1_000_000);
    expect(full.length).toBeGreaterThan(20_000);
    const cut = renderMarkdown(result, 20_000);
    expect(cut.length).toBeLessThanOrEqual(20_000);
    expect(cut).toMatch(/Output cut at 20,000 characters: \d+ more line\(s\) not shown/);
    expect(cut).toContain('### Active waivers (1)');
    expect(renderMarkdown(broken(1), 1_000_000)).not.toContain('Output cut');
  });
});
