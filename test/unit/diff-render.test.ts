/** Rendering a diff: ranked terminal text, a capped pull-request comment, JSON. */
import { compare } from '../../tools/diff/compare';
import {
  listDelta,
  showPair,
  COMMENT_MARKER,
  MARKDOWN_CAP,
  renderJson,
  renderMarkdown,
  renderText,
} from '../../tools/diff/render';
import { envTree } from '../helpers/diff-trees';
import { synthOutput, type Resources, type TreeSpec } from '../helpers/out-tree';

const labels = { base: 'origin/main', head: 'working tree' };

/** Many environments of many resources, every one changed: far more than a comment can hold. */
function huge(suffix: string, rename = true): TreeSpec {
  const spec: TreeSpec = {};
  for (let e = 0; e < 12; e++) {
    const stacks: Record<string, Resources> = {};
    for (let s = 0; s < 6; s++) {
      const subnets: Record<string, Record<string, string | string[]>> = {};
      for (let i = 0; i < 60; i++) {
        subnets[`s${i}`] = {
          name: `snet-${i}${rename ? `-${suffix}` : ''}`,
          address_prefixes: [`10.${i}.0.0/24`],
          note: `${suffix}${i}`,
        };
      }
      stacks[`env${e}-stack${s}`] = { azurerm_subnet: subnets };
    }
    spec[`env${e}`] = { stacks };
  }
  return spec;
}

describe('markdown', () => {
  it('puts the marker, verdict and summary table before the per-stack sections', () => {
    const d = compare(
      synthOutput(envTree()),
      synthOutput(envTree({ regions: ['eastus2'], owner: 'x@example.com' })),
    );
    const md = renderMarkdown(d, labels);
    expect(md.startsWith(`${COMMENT_MARKER}\n### footprint diff: 🔴 highest risk HIGH`)).toBe(true);
    const table = md.indexOf('| environment | stacks | resources |');
    expect(table).toBeGreaterThan(0);
    expect(md).toContain('| prod-public | −1 ~2 |');
    expect(table).toBeLessThan(md.indexOf('<details>'));
    // The removed stamp and its stateful resources are listed under HIGH, before any section.
    const high = md.slice(md.indexOf('**HIGH risk**'), md.indexOf('<details>'));
    expect(high).toContain('**prod-public-centralus** stack removed: deletes 7 resources, 3 stateful');
    expect(high).toContain('  - azurerm_key_vault.kv (kv-centralus): keys, secrets and certificates');
    expect(high).toContain('azurerm_log_analytics_workspace.law');
    expect(md.match(/<details>/g)!.length).toBe(d.stacks.length);
    expect(md.match(/<\/details>/g)!.length).toBe(d.stacks.length);
    expect(md).not.toContain('Cut at');
  });

  it('stays under the cap for a huge diff, closes every section and says what it cut', () => {
    const d = compare(synthOutput(huge('a')), synthOutput(huge('b')));
    expect(d.counts.resources.update).toBe(12 * 6 * 60);
    const md = renderMarkdown(d, labels);
    expect(md.length).toBeLessThanOrEqual(MARKDOWN_CAP);
    expect(md.length).toBeGreaterThan(MARKDOWN_CAP * 0.8);
    expect(md).toMatch(/Cut at GitHub's comment size: \d+ of 72 sections not shown/);
    expect(md.match(/<details>/g)!.length).toBe(md.match(/<\/details>/g)!.length);
    // The summary still covers every environment.
    for (let e = 0; e < 12; e++) expect(md).toContain(`| env${e} |`);
  });

  it('honours a smaller cap', () => {
    const d = compare(synthOutput(huge('a')), synthOutput(huge('b')));
    const md = renderMarkdown(d, labels, 20_000);
    expect(md.length).toBeLessThanOrEqual(20_000);
    expect(md).toContain('Cut at');
  });

  it('says so when nothing changed', () => {
    const d = compare(synthOutput(envTree()), synthOutput(envTree()));
    expect(renderMarkdown(d, labels)).toContain('### footprint diff: no changes');
  });

  it('escapes pipes in values so tables keep their columns', () => {
    const base: TreeSpec = { e: { stacks: { 'e-global': { azurerm_x: { a: { note: 'a|b' } } } } } };
    const head: TreeSpec = { e: { stacks: { 'e-global': { azurerm_x: { a: { note: 'c|d' } } } } } };
    const md = renderMarkdown(compare(synthOutput(base), synthOutput(head)), labels);
    const row = md.split('\n').find((l) => l.includes('`note`'))!;
    expect(row).toContain('`"a\\|b"`');
    expect(row.split(/(?<!\\)\|/).length).toBe(5); // 3 columns
  });
});

describe('text', () => {
  it('ranks HIGH before MEDIUM before LOW, without colors unless asked', () => {
    const d = compare(
      synthOutput(envTree({ regions: ['eastus2', 'centralus', 'westus3'], cosmos: { location: 'eastus2' } })),
      synthOutput(
        envTree({
          regions: ['eastus2', 'westus3', 'centralus'],
          cosmos: { location: 'eastus2' },
          httpsPriority: 120,
          owner: 'x@example.com',
        }),
      ),
    );
    const text = renderText(d, labels);
    expect(text).not.toContain('\x1b[');
    const [high, medium, low] = ['HIGH (', 'MEDIUM (', 'LOW ('].map((h) => text.indexOf(h));
    expect(high).toBeGreaterThan(0);
    expect(medium).toBeGreaterThan(high);
    expect(low).toBeGreaterThan(medium);
    expect(text.slice(high, medium)).toContain(
      'geo_location (failover order): ["eastus2","centralus","westus3"] → ["eastus2","westus3","centralus"]',
    );
    expect(text.slice(medium, low)).toContain('security_rule[name=allow-https].priority: 100 → 120');
    expect(renderText(d, labels, { color: true })).toContain('\x1b[1;31mHIGH');
  });

  it('keeps LOW concise', () => {
    const d = compare(synthOutput(huge('a', false)), synthOutput(huge('b', false)));
    expect(d.risk).toBe('LOW');
    const text = renderText(d, labels, { maxLow: 5 });
    expect(text).toContain('more LOW changes');
    expect(text).toContain(`LOW (${12 * 6 * 60})`);
    expect(text).toContain(`… ${12 * 6 * 60 - 5} more LOW changes`);
    expect(text.split('\n').length).toBeLessThan(20);
  });
});

describe('repeated changes', () => {
  it('the same LOW change on many resources of a stack is shown once, with the resources counted', () => {
    const d = compare(
      synthOutput(envTree()),
      synthOutput(envTree({ owner: 'x@example.com', httpsPriority: 120 })),
    );
    const text = renderText(d, labels);
    expect(text).toContain(
      'prod-public-eastus2  ~ 6 resources (1 azurerm_key_vault, 1 azurerm_kubernetes_cluster, 1 azurerm_log_analytics_workspace, 1 azurerm_network_security_group, 1 azurerm_resource_group, … 1 more types)\n      tags.owner: "team@example.com" → "x@example.com"',
    );
    // The NSG's own MEDIUM change is still listed with it.
    expect(text).toContain(
      '~ azurerm_network_security_group.nsg (nsg-eastus2)\n      security_rule[name=allow-https].priority: 100 → 120',
    );
    const md = renderMarkdown(d, labels);
    expect(md).toContain('| LOW | 6 resources (1 azurerm_key_vault,');
    expect(md.match(/`tags.owner`/g)!.length).toBe(3); // once per stack
  });
});

describe('list changes', () => {
  it('show what leaves and what joins, or that only the order differs', () => {
    const c = { path: 'ids', risk: 'LOW' as const };
    expect(listDelta({ ...c, before: ['a', 'b', 'c'], after: ['a', 'c', 'd'] })).toBe('−["b"] +["d"]');
    expect(listDelta({ ...c, before: ['a', 'b'], after: ['b', 'a'] })).toBe('same values, order only');
    expect(listDelta({ ...c, path: 'x (order)', before: ['a', 'b'], after: ['b', 'a'] })).toBeUndefined();
    expect(listDelta({ ...c, before: 'a', after: ['a'] })).toBeUndefined();
  });
});

describe('json', () => {
  it('is the whole result with the labels', () => {
    const d = compare(synthOutput(envTree()), synthOutput(envTree({ regions: ['eastus2'] })));
    const j = JSON.parse(renderJson(d, labels));
    expect(j.base).toBe('origin/main');
    expect(j.risk).toBe('HIGH');
    expect(j.stacks[0].stack).toBe('prod-public-centralus');
  });
});

describe('long values that differ past the cut', () => {
  const query = (tail: string) =>
    `AzureDiagnostics\n| where Category == "FrontDoorAccessLog"\n${'| extend x = 1\n'.repeat(8)}| where httpStatusCode_d >= ${tail}`;

  it('shows a window around the first difference instead of two identical prefixes', () => {
    const [a, b] = showPair(query('500'), query('400'));
    expect(a).not.toBe(b);
    expect(a).toContain('>= 500');
    expect(b).toContain('>= 400');
    expect(a.startsWith('…')).toBe(true);
    expect(a.length).toBeLessThanOrEqual(81);
    // Short or early-differing values are shown as before.
    expect(showPair('a', 'b')).toEqual(['"a"', '"b"']);
    expect(showPair(`x${query('500')}`, `y${query('500')}`)[0]).toMatch(/^"x/);
  });

  it('the terminal and the pull-request comment both show the changed part', () => {
    const tree = (q: string): TreeSpec => ({
      'prod-public': {
        stacks: {
          'prod-public-global': {
            azurerm_monitor_scheduled_query_rules_alert_v2: { slo: { name: 'slo', criteria: { query: q } } },
          },
        },
      },
    });
    const d = compare(synthOutput(tree(query('500'))), synthOutput(tree(query('400'))));
    expect(renderText(d, labels)).toContain('>= 400');
    const md = renderMarkdown(d, labels);
    expect(md).toContain('>= 400');
    expect(md).toContain('>= 500');
  });
});
