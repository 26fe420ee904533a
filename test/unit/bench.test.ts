import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BARREL, toBarrel } from '../../bench/default-way';
import { median, runOnce } from '../../bench/measure';
import { InputError } from '../../lib/cli';
import { linearFit, writeScalingConfig } from '../../bench/scaling';
import { HYPER_FULL, writeHyperScaleConfig } from '../../bench/hyper-scale';
import { summarizeStackTimings } from '../../bench/stack-timings';
import { loadEnvironments } from '../../config/load';
import { REPO } from '../helpers/fixture';

describe('bench helpers', () => {
  it('a measured command that fails is an input error (exit 1, no stack trace)', () => {
    const run = () => runOnce(['-e', 'process.exit(1)'], REPO);
    expect(run).toThrow(InputError);
    expect(run).toThrow(/exited 1:/);
  });

  it('rewrites deep provider imports to the barrel, keeping types and values', () => {
    const src =
      "import { A, type B } from '@cdktf/provider-azurerm/lib/resource-group';\nimport { C as D } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-profile';\nconst x = 1;\n";
    expect(toBarrel(src)).toBe(
      `import { cdnFrontdoorProfile, resourceGroup } from '${BARREL}';\n` +
        'import A = resourceGroup.A;\nimport B = resourceGroup.B;\nimport D = cdnFrontdoorProfile.C;\n\n\nconst x = 1;\n',
    );
    expect(toBarrel('const y = 2;\n')).toBe('const y = 2;\n');
  });

  it('fits a line and reports how linear it is', () => {
    const fit = linearFit([1, 2, 4, 8], [12, 14, 18, 26]);
    expect(fit.slope).toBeCloseTo(2);
    expect(fit.intercept).toBeCloseTo(10);
    expect(fit.r2).toBeCloseTo(1);
    expect(linearFit([1, 2, 3], [1, 5, 2]).r2).toBeLessThan(0.5);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('generates scaling environments that pass validation', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fp-scale-'));
    const names = writeScalingConfig(REPO, dir, [1, 32]);
    const r = loadEnvironments({ root: dir, only: names });
    expect(r.errors).toEqual([]);
    expect(r.environments.map((e) => e.stamps.length)).toEqual([1, 32]);
  });

  it('generates a hyper-scale matrix of at least 2,000 stamps that passes validation, units in every region', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fp-hyper-'));
    const envs = writeHyperScaleConfig(REPO, dir, HYPER_FULL);
    expect(envs.reduce((n, e) => n + e.stamps, 0)).toBeGreaterThanOrEqual(2000);
    const r = loadEnvironments({ root: dir, only: envs.map((e) => e.name) });
    expect(r.errors).toEqual([]);
    expect(r.environments.map((e) => e.stamps.length)).toEqual(envs.map((e) => e.stamps));
    const big = r.environments[r.environments.length - 1]!;
    expect(big.stamps.filter((s) => s.region === 'hyperregion0').map((s) => s.addressSpace)).toEqual([
      '10.0.0.0/20',
      '10.0.16.0/20',
      '10.0.32.0/20',
      '10.0.48.0/20',
    ]);
  });

  it('summarizes per-stack timings: median and spread of build + synth, stacks in first-seen order', () => {
    const t = summarizeStackTimings([
      { stack: 'b', buildMs: 1, synthMs: 1 },
      { stack: 'a', buildMs: 5, synthMs: 5 },
      { stack: 'b', buildMs: 2, synthMs: 2 },
      { stack: 'b', buildMs: 10, synthMs: 0 },
    ]);
    expect(t.map((x) => x.stack)).toEqual(['b', 'a']);
    expect(t[0]).toMatchObject({ medianMs: 4, minMs: 2, maxMs: 10, buildMs: 2, synthMs: 1 });
    expect(t[1]).toMatchObject({ medianMs: 10, minMs: 10, maxMs: 10 });
  });
});
