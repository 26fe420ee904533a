/** Whole environments via synthesized JSON: each stack targets its own cloud, with its own backend. */
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
const stack = (name: string) => JSON.parse(readFileSync(join(out, 'stacks', name, 'cdk.tf.json'), 'utf8'));
const manifest = () => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));

const expected: Record<
  string,
  { provider: Record<string, string>; backend: Record<string, string> | 'local' }
> = {
  'dev-public': { provider: { environment: 'public' }, backend: 'local' },
  'staging-public': { provider: { environment: 'public' }, backend: { environment: 'public' } },
  'prod-public': { provider: { environment: 'public' }, backend: { environment: 'public' } },
  'prod-usgov': { provider: { environment: 'usgovernment' }, backend: { environment: 'usgovernment' } },
  'prod-dod': { provider: { environment: 'dod' }, backend: { environment: 'usgovernment' } },
  'prod-china': { provider: { environment: 'china' }, backend: { environment: 'china' } },
  'prod-ussec': {
    provider: { metadata_host: 'management.azure.microsoft.scloud' },
    backend: { metadata_host: 'management.azure.microsoft.scloud' },
  },
};

describe.each(Object.entries(expected))('%s', (env, want) => {
  const fp = () => JSON.parse(readFileSync(join(out, 'footprint.json'), 'utf8')).environments[env];

  it('has a global stack and one stamp stack per region, stamps after global', () => {
    const stacks: string[] = fp().stacks;
    expect(stacks[0]).toBe(`${env}-global`);
    expect(stacks.slice(1)).toEqual(
      fp().regions.map((r: { region: string; unit: number }) =>
        r.unit === 1 ? `${env}-${r.region}` : `${env}-${r.region}-u${r.unit}`,
      ),
    );
    for (const s of stacks.slice(1)) expect(manifest().stacks[s].dependencies).toEqual([`${env}-global`]);
  });

  it("points provider and backend at the environment's cloud, with Entra ID auth", () => {
    for (const name of fp().stacks as string[]) {
      const json = stack(name);
      const provider = json.provider.azurerm[0];
      expect(provider).toMatchObject({ ...want.provider, subscription_id: expect.stringMatching(/^0{8}-/) });
      expect(Object.keys(provider)).not.toContain(
        want.provider.environment ? 'metadata_host' : 'environment',
      );
      if (want.backend === 'local') {
        // Outside the output folder synth replaces: <repo>/.terraform-state/<stack>.tfstate.
        expect(json.terraform.backend.local.path).toBe(`../../../.terraform-state/${name}.tfstate`);
      } else {
        expect(json.terraform.backend.azurerm).toMatchObject({
          ...want.backend,
          use_azuread_auth: true,
          key: `${env}/${name}.tfstate`,
        });
        expect(JSON.stringify(json.terraform.backend)).not.toMatch(/access_key|sas_token|client_secret/);
      }
    }
  });
});

// Every stack registers exactly the namespaces its own resources need (one table in model/), spelled as the
// Resource Providers API returns them, and nothing through azurerm's predefined sets.
/** Resource and data source blocks of a stack, read independently of the synthesizer's own pass. */
const blocks = (json: Record<string, Record<string, Record<string, Record<string, unknown>>>>) =>
  (['resource', 'data'] as const).flatMap((s) =>
    Object.entries(json[s] ?? {}).flatMap(([type, byName]) =>
      Object.values(byName).map((attrs) => ({ type, attrs })),
    ),
  );

describe('resource provider registration of every shipped stack', () => {
  const all = () =>
    Object.values(
      JSON.parse(readFileSync(join(out, 'footprint.json'), 'utf8')).environments as Record<
        string,
        { stacks: string[] }
      >,
    ).flatMap((e) => e.stacks);

  it('covers all 23 stacks', () => expect(all()).toHaveLength(23));

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
    const global = stack('prod-public-global').provider.azurerm[0].resource_providers_to_register;
    const base = [
      'Microsoft.AlertsManagement',
      'Microsoft.Cdn',
      'Microsoft.DocumentDB',
      'microsoft.insights',
      'Microsoft.Network',
      'Microsoft.OperationalInsights',
      'Microsoft.Resources',
    ];
    expect(global).toEqual(base);
    // Customer-managed keys add the global vault, its identity and role (prod-usgov has them by default).
    const cmk = stack('prod-usgov-global').provider.azurerm[0].resource_providers_to_register;
    expect([...cmk].sort()).toEqual(
      [...base, 'Microsoft.Authorization', 'Microsoft.KeyVault', 'Microsoft.ManagedIdentity'].sort(),
    );
  });
});
