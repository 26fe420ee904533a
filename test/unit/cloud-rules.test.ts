/**
 * Residency of the cloud profiles themselves: a value another cloud names (not only a DNS name: audiences,
 * the az cloud name, regions, ...) fails validation at its file:line:col.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SAME_IN_EVERY_CLOUD, profileValues } from '../../config/cloud-rules';
import { formatError } from '../../config/errors';
import { cloudSchema } from '../../config/schema/cloud';
import { configFixture, type Edit } from '../helpers/fixture';
import { loadFrom } from '../helpers/load';

function load(edits: Edit[]) {
  const dir = configFixture(edits);
  return { dir, errors: loadFrom(dir).errors.map(formatError) };
}

/** 1-based line and column of `text` in a fixture file (where the planted value now is). */
function at(dir: string, file: string, text: string): string {
  const lines = readFileSync(join(dir, 'environments', file), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(text));
  if (line < 0) throw new Error(`${text} not in ${file}`);
  return `environments/${file}:${line + 1}:${lines[line]!.indexOf(text) + 1}`;
}

describe('values another cloud names', () => {
  it('accepts the shipped profiles', () => {
    expect(load([]).errors).toEqual([]);
  });

  it('rejects the public workload identity audience in ussec, at its line', () => {
    const { dir, errors } = load([
      {
        file: 'clouds/ussec.yaml',
        from: 'value: api://AzureADTokenExchangeUSSec',
        to: 'value: api://AzureADTokenExchange',
      },
    ]);
    expect(errors).toEqual([
      `${at(dir, 'clouds/ussec.yaml', 'api://AzureADTokenExchange')} identity.workloadIdentityAudience: "api://AzureADTokenExchange" is cloud public's value (environments/clouds/public.yaml:${at(dir, 'clouds/public.yaml', 'api://AzureADTokenExchange').split(':')[1]} identity.workloadIdentityAudience); expected the identity.workloadIdentityAudience of cloud ussec`,
    ]);
  });

  it('rejects public values that are not host names: the az cloud name and a region', () => {
    const { dir, errors } = load([
      { file: 'clouds/china.yaml', from: 'azCloudName: AzureChinaCloud', to: 'azCloudName: AzureCloud' },
      { file: 'clouds/ussec.yaml', from: '  ussecwestcentral:', to: '  westus3:' },
    ]);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(
      new RegExp(
        `^${at(dir, 'clouds/china.yaml', 'AzureCloud')} azCloudName: "AzureCloud" is cloud public's value`,
      ),
    );
    expect(errors[1]).toMatch(
      new RegExp(
        `^${at(dir, 'clouds/ussec.yaml', 'westus3')} regions\\.westus3: .*expected a region of cloud ussec`,
      ),
    );
  });

  it('rejects a public endpoint and a list item of another cloud', () => {
    const { dir, errors } = load([
      {
        file: 'clouds/china.yaml',
        from: 'graph: https://microsoftgraph.chinacloudapi.cn',
        to: 'graph: https://graph.microsoft.com',
      },
      {
        file: 'clouds/ussec.yaml',
        from: '- privatelink.ods.opinsights.azure.microsoft.scloud',
        to: '- privatelink.ods.opinsights.azure.com',
      },
    ]);
    expect(errors).toEqual([
      expect.stringMatching(
        new RegExp(`^${at(dir, 'clouds/china.yaml', 'https://graph.microsoft.com')} endpoints\\.graph: `),
      ),
      expect.stringMatching(
        new RegExp(
          `^${at(dir, 'clouds/ussec.yaml', 'privatelink.ods.opinsights.azure.com')} privateDnsZones\\.monitor\\[2\\]: .*cloud public's value`,
        ),
      ),
    ]);
  });

  it('rejects a host name that ends in another cloud name', () => {
    const { dir, errors } = load([
      {
        file: 'clouds/ussec.yaml',
        from: 'privatelink.vaultcore.cloudapi.microsoft.scloud',
        to: 'privatelink.vault.azure.net',
      },
    ]);
    expect(errors).toEqual([
      `${at(dir, 'clouds/ussec.yaml', 'privatelink.vault.azure.net')} privateDnsZones.keyVault: "privatelink.vault.azure.net" ends in vault.azure.net, a name of cloud public (environments/clouds/public.yaml:${at(dir, 'clouds/public.yaml', 'keyVault: vault.azure.net').split(':')[1]} suffixes.keyVault); expected a name of cloud ussec`,
    ]);
  });

  it('blames both sovereign clouds that share a value, and public never for a copy of its own', () => {
    const { errors } = load([
      {
        file: 'clouds/china.yaml',
        from: '- privatelink.agentsvc.azure-automation.cn',
        to: '- privatelink.agentsvc.azure-automation.us',
      },
      { file: 'clouds/ussec.yaml', from: 'azCloudName: USSec', to: 'azCloudName: AzureCloud' },
    ]);
    expect(errors.map((e) => e.split(':')[0])).toEqual([
      'environments/clouds/china.yaml',
      'environments/clouds/usgov.yaml',
      'environments/clouds/ussec.yaml',
    ]);
  });
});

describe('which fields are compared', () => {
  const shipped = ['public', 'usgov', 'china', 'ussec'].map((id) =>
    cloudSchema.parse(
      parse(readFileSync(join(__dirname, '../../environments/clouds', `${id}.yaml`), 'utf8')),
    ),
  );

  it('covers every endpoint, suffix and private DNS zone the schema has', () => {
    const fields = new Set(shipped.flatMap((c) => profileValues(c).map((v) => v.field)));
    const shape = cloudSchema.shape;
    for (const group of ['endpoints', 'suffixes', 'privateDnsZones'] as const) {
      for (const name of Object.keys(shape[group].shape)) expect(fields).toContain(`${group}.${name}`);
    }
    expect(fields).toContain('identity.workloadIdentityAudience');
    expect(fields).toContain('azCloudName');
  });

  it('exempts only fields that exist, and only values the shipped clouds really share', () => {
    for (const field of Object.keys(SAME_IN_EVERY_CLOUD)) {
      const [group, name] = field.split('.') as [keyof typeof cloudSchema.shape, string];
      expect(Object.keys((cloudSchema.shape[group] as unknown as { shape: object }).shape)).toContain(name);
      const values = new Set(
        shipped.map((c) => {
          const f = (c[group] as Record<string, unknown>)[name];
          return typeof f === 'object' && f !== null && 'value' in f ? f.value : f;
        }),
      );
      expect(values.size).toBe(1);
    }
  });
});
