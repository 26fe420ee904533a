/** `npm run synth` warns when an environment's region order differs from the previous output. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configFixture, runNode } from '../helpers/fixture';

const PROD_PUBLIC_REGIONS = `  - name: eastus2
    addressSpace: 10.30.0.0/20
  - name: westus3
    addressSpace: 10.30.16.0/20
`;
const SWAPPED = `  - name: westus3
    addressSpace: 10.30.16.0/20
  - name: eastus2
    addressSpace: 10.30.0.0/20
`;

describe('synth: global layer warnings', () => {
  it('warns (even with --quiet) when a previous output has another order, and records the new one', () => {
    const dir = configFixture([], ['prod-public']);
    const first = runNode('main.js', ['--quiet'], dir);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    const fp = () => JSON.parse(readFileSync(join(dir, 'cdktf.out', 'footprint.json'), 'utf8'));
    expect(fp().environments['prod-public'].failoverOrder).toEqual(['eastus2', 'westus3', 'centralus']);

    const again = runNode('main.js', ['--quiet'], dir);
    expect(again.stderr).toBe('');

    const file = join(dir, 'environments', 'prod-public.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(PROD_PUBLIC_REGIONS);
    writeFileSync(file, text.replace(PROD_PUBLIC_REGIONS, SWAPPED));
    const swapped = runNode('main.js', ['--quiet'], dir);
    expect(swapped.code).toBe(0);
    expect(swapped.stderr).toContain(
      'warning prod-public: region order changed (eastus2, westus3, centralus → westus3, eastus2, centralus): Cosmos DB failover priorities change',
    );
    expect(swapped.stderr).toContain('warning prod-public: primary region changed (eastus2 → westus3)');
    expect(fp().environments['prod-public'].failoverOrder).toEqual(['westus3', 'eastus2', 'centralus']);
    const cosmos = JSON.parse(
      readFileSync(join(dir, 'cdktf.out', 'stacks', 'prod-public-global', 'cdk.tf.json'), 'utf8'),
    ).resource.azurerm_cosmosdb_account;
    const [account] = Object.values(cosmos) as { geo_location: { location: string }[] }[];
    expect(account!.geo_location.map((g) => g.location)).toEqual(['westus3', 'eastus2', 'centralus']);
  });

  it('says the Traffic Manager fallback has no edge WAF, for the cloud and the environment opt-out', () => {
    const r = runNode('main.js', ['--env', 'prod-dod', '--env', 'prod-ussec'], configFixture());
    expect(r.code).toBe(0);
    for (const env of ['prod-dod', 'prod-ussec']) {
      expect(r.stderr).toMatch(
        new RegExp(
          `warning ${env}: frontDoor: fallback to trafficManager \\(.*no edge WAF or rate limiting\\)`,
        ),
      );
    }
  });
});
