/**
 * Text from the config (tag values, waiver reasons) echoed by validate, diff and the Markdown comments: it can
 * neither start a line of its own nor reorder or hide what a reviewer reads.
 */
import { mdCell, mdCode } from '../../lib/markdown';
import { oneLineDeep } from '../../lib/quote';
import { runPolicy } from '../../policy/engine';
import { renderMarkdown as policyMarkdown, renderText as policyText } from '../../policy/report';
import { compare } from '../../tools/diff/compare';
import { renderMarkdown, renderText, show, showPair } from '../../tools/diff/render';
import { envTree } from '../helpers/diff-trees';
import { synthOutput } from '../helpers/out-tree';
import { EAST, golden, toOutput } from '../policy/golden';

/** A right-to-left override, a newline and a forged verdict after them. */
const HOSTILE = 'ok\u202e\nFORGED: all clear';
const FORGED = /^FORGED/m;

describe('oneLineDeep', () => {
  it('escapes every string at any depth, keys too, and keeps numbers, booleans and null', () => {
    expect(oneLineDeep({ 'a\nb': ['x\u202ey', { n: 1, t: true, z: null }] })).toEqual({
      'a\\u000ab': ['x\\u202ey', { n: 1, t: true, z: null }],
    });
  });
});

describe('validate text', () => {
  it('a waiver reason with a line break and a bidi override stays in its row', () => {
    const g = golden();
    g.env.waivers = [
      {
        rule: 'CKV_AZURE_4',
        resource: `${EAST}/azurerm_kubernetes_cluster.aks`,
        reason: HOSTILE,
        expires: '2027-01-01',
      },
    ];
    const text = policyText(runPolicy(toOutput(g), { today: '2026-06-01', minSeverity: 'medium' }));
    expect(text).not.toMatch(FORGED);
    expect(text).not.toContain('\u202e');
    expect(text).toMatch(/2027-01-01\s+0\s+ok\\u202e\\u000aFORGED: all clear$/m);
  });
});

describe('markdown cells and code spans', () => {
  it('show invisible and direction-changing characters as \\uXXXX; whitespace still collapses', () => {
    expect(mdCell('a\u202eb\u200bc\nd')).toBe('a\\u202eb\\u200bc d');
    expect(mdCode('x\u2066y')).toBe('`x\\u2066y`');
    expect(mdCell('✅ on · ↪️ fallback')).toBe('✅ on · ↪\\ufe0f fallback');
  });

  it('the policy comment never carries the override raw', () => {
    const g = golden();
    g.env.waivers = [{ rule: 'CKV_AZURE_4', resource: '*/x', reason: HOSTILE, expires: '2027-01-01' }];
    const md = policyMarkdown(runPolicy(toOutput(g), { today: '2026-06-01', minSeverity: 'medium' }));
    expect(md).not.toContain('\u202e');
  });
});

describe('diff values', () => {
  it('a tag value shows the override and the line break escaped, in text and in the comment', () => {
    expect(show('a\u202eb\nc')).toBe('"a\\u202eb\\nc"');
    expect(showPair('x', 'y\u2067')).toEqual(['"x"', '"y\\u2067"']);
    const d = compare(synthOutput(envTree()), synthOutput(envTree({ owner: HOSTILE })));
    for (const out of [
      renderText(d, { base: 'a', head: 'b' }),
      renderMarkdown(d, { base: 'a', head: 'b' }),
    ]) {
      expect(out).not.toContain('\u202e');
      expect(out).not.toMatch(FORGED);
      expect(out).toContain('ok\\u202e\\nFORGED: all clear');
    }
  });
});
