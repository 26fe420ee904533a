/**
 * Every shipped stack's provider block registers exactly the namespaces its own resources need (through the one
 * table in model/), with the spelling the Resource Providers API returns, and nothing through azurerm's sets.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requiredNamespaces } from '../../model/resource-types';
import { configFixture, runNode } from '../helpers/fixture';

const dir = configFixture();
const out = join(dir, 'out');
beforeAll(() => {
  const r = runNode('main.js', ['--quiet', '--out', 'out'], dir);
  if (r.code !== 0) throw new Error(r.stderr);
});
const footprint = () => JSON.parse(readFileSync(join(out, 'footprint.json'), 'utf8'));
const stack = (name: string) => JSON.parse(readFileSync(join(out, 'stacks', name, 'cdk.tf.json'), 'utf8'));

/** Resource and data source blocks of a stack, read independently of the synthesizer's own pass. */
const blocks = (json: Record<string, Record<string, Record<string, Record<string, unknown>>>>) =>
  (['resource', 'data'] as const).flatMap((s) =>
    Object.entries(json[s] ?? {}).flatMap(([type, byName]) =>
      Object.values(byName).map((attrs) => ({ type, attrs })),
    ),
  );

describe('resource provider registration of every shipped stack', () => {
  const all = () =>
    Object.values(footprint().environments as Record<string, { stacks: string[] }>).flatMap((e) => e.stacks);

  it('covers all 22 stacks', () => expect(all()).toHaveLength(22));

  it('registers none implicitly and exactly the namespaces of its resource types', () => {
    for (const name of all()) {
      const json = stack(name);
      const p = json.provider.azurerm[0];
      const need = requiredNamespaces(blocks(json));
      expect({ name, unknown: need.unknownTypes }).toEqual({ name, unknown: [] });
      expect({ name, mode: p.resource_provider_registrations }).toEqual({ name, mode: 'none' });
      expect({ name, list: p.resource_providers_to_register }).toEqual({ name, list: need.namespaces });
    }
  });

  it('spells Insights as the API returns it and registers what a stamp needs beyond azurerm core', () => {
    const stamp = stack('prod-usgov-usgovvirginia').provider.azurerm[0].resource_providers_to_register;
    expect(stamp).toContain('microsoft.insights');
    expect(JSON.stringify(stamp)).not.toContain('Microsoft.Insights');
    for (const ns of [
      'Microsoft.ContainerService',
      'Microsoft.DocumentDB',
      'Microsoft.KeyVault',
      'Microsoft.Monitor',
    ])
      expect(stamp).toContain(ns);
    // Defender (Microsoft.Security) and managed Prometheus (Microsoft.Monitor) are off in USSec.
    const ussec = stack('prod-ussec-usseceast').provider.azurerm[0].resource_providers_to_register;
    expect(ussec).not.toContain('Microsoft.Monitor');
    expect(ussec).not.toContain('Microsoft.Security');
    const global = stack('prod-usgov-global').provider.azurerm[0].resource_providers_to_register;
    expect(global).toEqual([
      'Microsoft.AlertsManagement',
      'Microsoft.Cdn',
      'Microsoft.DocumentDB',
      'microsoft.insights',
      'Microsoft.Network',
      'Microsoft.OperationalInsights',
      'Microsoft.Resources',
    ]);
  });
});
