/**
 * Generated configurations for the scaling run: a synthetic cloud with 32 zonal regions (derived from the public
 * profile, so every fact a stamp asks for exists) and environments of 1, 2, 4 … 32 regions.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

export const SCALE_SIZES = [1, 2, 4, 8, 16, 32] as const;

/** Writes `<dir>/environments` with the bench cloud and one environment per size; returns the env names. */
export function writeScalingConfig(
  repo: string,
  dir: string,
  sizes: readonly number[] = SCALE_SIZES,
): string[] {
  const envDir = join(dir, 'environments');
  mkdirSync(join(envDir, 'clouds'), { recursive: true });
  cpSync(join(repo, 'environments', 'schema'), join(envDir, 'schema'), { recursive: true });
  const cloud = parse(readFileSync(join(repo, 'environments', 'clouds', 'public.yaml'), 'utf8')) as Record<
    string,
    unknown
  >;
  const max = Math.max(...sizes);
  const regions: Record<string, unknown> = {};
  for (let i = 0; i < max; i++) {
    const pair = i % 2 === 0 ? i + 1 : i - 1;
    regions[`benchregion${i}`] = {
      code: `b${i}`,
      displayName: `Bench Region ${i}`,
      zones: true,
      ...(pair < max ? { pair: `benchregion${pair}` } : {}),
    };
  }
  writeFileSync(
    join(envDir, 'clouds', 'bench.yaml'),
    stringify({ ...cloud, id: 'bench', displayName: 'Bench cloud', azCloudName: 'AzureCloud', regions }),
  );
  const names: string[] = [];
  for (const n of sizes) {
    const name = `scale-${n}`;
    names.push(name);
    const env = {
      name,
      cloud: 'bench',
      tier: 'staging',
      prefix: 'bn',
      shortName: `scale${n}`,
      subscriptionId: `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`,
      tenantId: '00000000-0000-0000-0000-00000000000a',
      owner: 'bench@example.com',
      costCenter: 'CC-0000',
      regions: Array.from({ length: n }, (_, i) => ({
        name: `benchregion${i}`,
        addressSpace: `10.${i}.0.0/20`,
      })),
      monitoring: { contacts: ['bench@example.com'] },
      state: { backend: 'azurerm', resourceGroup: 'rg-bench', storageAccount: `stbench${n}` },
    };
    writeFileSync(join(envDir, `${name}.yaml`), stringify(env));
  }
  return names;
}

/** Least-squares slope and intercept of y over x, with R² (1 = perfectly linear). */
export function linearFit(
  xs: readonly number[],
  ys: readonly number[],
): { slope: number; intercept: number; r2: number } {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const r2 = sxx === 0 || syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { slope, intercept: my - slope * mx, r2 };
}
