/** Whole environments via synthesized JSON: each stack targets its own cloud, with its own backend. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
    expect(stacks.slice(1)).toEqual(fp().regions.map((r: { region: string }) => `${env}-${r.region}`));
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
