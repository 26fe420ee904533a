/**
 * The cross-file config rules (config/cross-file-rules.ts), each at its boundary: the last accepted value and the
 * first rejected one, with the message and the field it names.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatError } from '../../config/errors';
import { configFixture, REPO, type Edit } from '../helpers/fixture';
import { loadFrom } from '../helpers/load';

function errorsFor(edits: Edit[], keep: string[]): string[] {
  return loadFrom(configFixture(edits, keep)).errors.map(formatError);
}

const space = (to: string): Edit => ({
  file: 'dev-public.yaml',
  from: 'addressSpace: 10.10.0.0/20',
  to: `addressSpace: ${to}`,
});

describe('per-region address space: a /16 to a /22', () => {
  it.each(['10.10.0.0/16', '10.10.0.0/22'])('accepts %s', (s) =>
    expect(errorsFor([space(s)], ['dev-public'])).toEqual([]),
  );
  it.each(['10.10.0.0/15', '10.10.0.0/23'])('rejects %s at regions[0].addressSpace', (s) =>
    expect(errorsFor([space(s)], ['dev-public'])).toEqual([
      `environments/dev-public.yaml:13:19 regions[0].addressSpace: ${s} must be a /16 to /22 (the stamp's subnet plan needs at least a /22)`,
    ]),
  );
});

describe('overlap with the AKS ranges', () => {
  it('names the default service and pod ranges when the file does not set them', () => {
    expect(errorsFor([space('172.16.0.0/20')], ['dev-public'])).toEqual([
      'environments/dev-public.yaml:13:19 regions[0].addressSpace: 172.16.0.0/20 overlaps 172.16.0.0/16 of aks.serviceCidr (the default)',
    ]);
    expect(errorsFor([space('192.168.16.0/20')], ['dev-public'])).toEqual([
      'environments/dev-public.yaml:13:19 regions[0].addressSpace: 192.168.16.0/20 overlaps 192.168.0.0/16 of aks.podCidr (the default)',
    ]);
  });

  it('reports at the AKS range when the file sets it', () => {
    const errs = errorsFor(
      [{ file: 'dev-public.yaml', from: 'aks:\n', to: 'aks:\n  serviceCidr: 10.10.0.0/16\n' }],
      ['dev-public'],
    );
    expect(errs).toEqual([
      'environments/dev-public.yaml:15:16 aks.serviceCidr: 10.10.0.0/16 overlaps 10.10.0.0/20 of regions[0] (eastus2)',
    ]);
  });
});

describe('Strong consistency', () => {
  const strong = (writes: string): Edit => ({
    file: 'prod-public.yaml',
    from: 'consistency: Session\n  multiRegionWrites: true',
    to: `consistency: Strong${writes}`,
  });
  const message = /cosmos\.consistency: Strong consistency needs at least 3 regions and single-region writes/;

  it('passes with 3 regions and single-region writes', () =>
    expect(errorsFor([strong('\n  multiRegionWrites: false')], ['prod-public'])).toEqual([]));

  it('fails with 2 regions even with single-region writes', () => {
    const errs = errorsFor(
      [
        strong('\n  multiRegionWrites: false'),
        { file: 'prod-public.yaml', from: /  - name: centralus\n(    .*\n)+/, to: '' },
        { file: 'prod-public.yaml', from: /\ncapacity:\n(  .*\n)+/, to: '\n' },
      ],
      ['prod-public'],
    );
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(message);
  });

  it('fails in prod with multiRegionWrites unset (prod defaults to multi-region writes)', () => {
    const errs = errorsFor([strong('')], ['prod-public']);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(message);
  });

  /** staging-public with a third region and Strong consistency; `writes` replaces its multiRegionWrites line. */
  const staging = (writes: string): Edit[] => [
    {
      file: 'staging-public.yaml',
      from: '  multiRegionWrites: true\n',
      to: `  consistency: Strong\n${writes}`,
    },
    {
      file: 'staging-public.yaml',
      from: 'regions:\n',
      to: 'regions:\n  - name: westus3\n    addressSpace: 10.20.32.0/20\n',
    },
  ];

  it('fails with multiRegionWrites: true outside prod', () => {
    const errs = errorsFor(staging('  multiRegionWrites: true\n'), ['staging-public']);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(message);
  });

  it('passes outside prod with multiRegionWrites unset (single-region writes by default)', () =>
    expect(errorsFor(staging(''), ['staging-public'])).toEqual([]));
});

describe('prod remote state', () => {
  it('rejects local state in prod at state.backend', () => {
    const errs = errorsFor(
      [
        {
          file: 'prod-public.yaml',
          from: /state:\n  backend: azurerm\n.*\n.*\n/,
          to: 'state:\n  backend: local\n',
        },
      ],
      ['prod-public'],
    );
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(
      /^environments\/prod-public\.yaml:\d+:\d+ state\.backend: a prod environment needs the azurerm backend/,
    );
  });
});

describe('custom domain certificate', () => {
  it('rejects a custom domain without certificateSecretId where Front Door has no managed certificates', () => {
    const errs = errorsFor(
      [{ file: 'prod-usgov.yaml', from: /\n    certificateSecretId: .*/, to: '' }],
      ['prod-usgov'],
    );
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(
      /^environments\/prod-usgov\.yaml:\d+:\d+ frontDoor\.customDomain: cloud usgov has no Front Door managed certificates: set certificateSecretId/,
    );
  });
});

describe('derived short names', () => {
  /** Adds environments/<name>.yaml: a copy of dev-public without a shortName. */
  function withCopy(dir: string, name: string): string {
    const src = readFileSync(join(REPO, 'environments', 'dev-public.yaml'), 'utf8');
    writeFileSync(
      join(dir, 'environments', `${name}.yaml`),
      src.replace('name: dev-public', `name: ${name}`),
    );
    return dir;
  }

  it('collide when names differ only by hyphens', () => {
    const dir = withCopy(configFixture([], ['dev-public']), 'devpublic');
    const errs = loadFrom(dir).errors.map(formatError);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(
      /name: short name "devpublic" is already used by environments\/.*in cloud public/,
    );
  });

  it('collide when names differ only after the 12th character', () => {
    const dir = withCopy(withCopy(configFixture([], ['none']), 'dev-public-aaa1'), 'dev-public-aaa2');
    const errs = loadFrom(dir).errors.map(formatError);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/short name "devpublicaaa" is already used/);
  });

  it('are truncated before the name limits are checked', () => {
    const dir = withCopy(configFixture([], ['none']), 'dev-public-with-a-very-long-name');
    expect(loadFrom(dir).errors.map(formatError)).toEqual([]);
  });
});
