/**
 * `npm run bootstrap-state` as a user runs it: the printed script is valid bash and, run against a stub `az`
 * that records its calls, creates the state storage of the environment in its own cloud.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configFixture, runNode } from '../helpers/fixture';

let dir: string;
const bootstrap = (args: string[]) => runNode('tools/bootstrap-state.js', [...args, '--out', 'out'], dir);

/** Runs a script with a stub az first on PATH; the az calls it made, one line each. */
/** What a subscription that has every prerequisite answers (the guards then skip every fix). */
const READY = [
  '  "provider show"*) echo Registered ;;',
  '  "feature show"*) echo Registered ;;',
  '  "network watcher list"*) echo 1 ;;',
];
const CHECKS = /^(provider show|feature show|network watcher list)/;

function runWithStubAz(
  script: string,
  name: string,
  answers: readonly string[] = READY,
): { code: number; calls: string[] } {
  const bin = join(dir, `bin-${name}`);
  mkdirSync(bin);
  const log = join(dir, `${name}.log`);
  writeFileSync(
    join(bin, 'az'),
    [
      '#!/bin/sh',
      'printf "%s\\n" "$*" >> "$AZ_LOG"',
      'case "$*" in',
      '  "cloud show"*) exit 3 ;;', // not registered yet
      ...answers,
      '  "ad signed-in-user show"*) echo 11111111-2222-3333-4444-555555555555 ;;',
      'esac',
      'exit 0',
      '',
    ].join('\n'),
  );
  chmodSync(join(bin, 'az'), 0o755);
  const path = join(dir, `${name}.sh`);
  writeFileSync(path, script);
  const r = spawnSync('bash', [path], {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, AZ_LOG: log },
  });
  return { code: r.status ?? -1, calls: readFileSync(log, 'utf8').trimEnd().split('\n') };
}

beforeAll(() => {
  dir = configFixture();
  expect(runNode('main.js', ['--quiet', '--out', 'out'], dir).code).toBe(0);
});

describe('bootstrap-state command', () => {
  it('prod-usgov: signs in to US Government and creates GZRS storage that accepts Entra ID only', () => {
    const r = bootstrap(['--env', 'prod-usgov']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(spawnSync('bash', ['-n'], { input: r.stdout }).status).toBe(0);
    expect(r.stdout).not.toContain('az cloud register');
    const { code, calls } = runWithStubAz(r.stdout, 'usgov');
    expect(code).toBe(0);
    const account = 'stfpstateprdgov';
    // Every prerequisite is checked first (and, present, left alone), then the state storage is created.
    expect(calls.filter((c) => CHECKS.test(c))).toHaveLength(16 + 1 + 3);
    expect(calls.filter((c) => !CHECKS.test(c))).toEqual([
      'cloud set --name AzureUSGovernment',
      'login --tenant 00000000-0000-0000-0000-00000000000b',
      'account set --subscription 00000000-0000-0000-0000-000000000004',
      'group create --name rg-footprint-tfstate --location usgovvirginia --tags purpose=terraform-state environment=prod-usgov',
      `storage account create --name ${account} --resource-group rg-footprint-tfstate --location usgovvirginia --kind StorageV2 --sku Standard_GZRS --allow-shared-key-access false --min-tls-version TLS1_2 --allow-blob-public-access false --https-only true --allow-cross-tenant-replication false`,
      `storage account blob-service-properties update --account-name ${account} --resource-group rg-footprint-tfstate --enable-versioning true --enable-delete-retention true --delete-retention-days 30 --enable-container-delete-retention true --container-delete-retention-days 30`,
      'ad signed-in-user show --query id --output tsv',
      `role assignment create --role Storage Blob Data Owner --assignee-object-id 11111111-2222-3333-4444-555555555555 --assignee-principal-type User --scope /subscriptions/00000000-0000-0000-0000-000000000004/resourceGroups/rg-footprint-tfstate/providers/Microsoft.Storage/storageAccounts/${account}`,
      `storage container create --name tfstate --account-name ${account} --auth-mode login`,
    ]);
  });

  it('prod-usgov: registers what the subscription lacks before creating the state storage', () => {
    const r = bootstrap(['--env', 'prod-usgov']);
    const { code, calls } = runWithStubAz(r.stdout, 'usgov-fresh', [
      '  "provider show --namespace Microsoft.ContainerService "*) echo NotRegistered ;;',
      '  "provider show"*) echo Registered ;;',
      '  "feature show"*) if [ -f "$AZ_LOG.feature" ]; then echo Registered; else echo NotRegistered; touch "$AZ_LOG.feature"; fi ;;',
      '  "network watcher list --query length([?location==\'usgovtexas\'])"*) echo 0 ;;',
      '  "network watcher list"*) echo 1 ;;',
    ]);
    expect(code).toBe(0);
    const fixes = calls.filter((c) =>
      /^(provider register|feature register|group create --name NetworkWatcherRG|network watcher configure)/.test(
        c,
      ),
    );
    expect(fixes).toEqual([
      'provider register --namespace Microsoft.ContainerService --wait',
      'feature register --namespace Microsoft.Compute --name EncryptionAtHost',
      'provider register --namespace Microsoft.Compute --wait',
      'group create --name NetworkWatcherRG --location usgovtexas',
      'network watcher configure --resource-group NetworkWatcherRG --locations usgovtexas --enabled true',
    ]);
    expect(calls.indexOf(fixes[0]!)).toBeLessThan(
      calls.findIndex((c) => c.startsWith('storage account create')),
    );
  });

  it('--preflight: only the fixes of what a preflight --check found failing, plus manual items', () => {
    const result = {
      environment: 'prod-usgov',
      mode: 'check',
      checks: [
        { id: 'provider:Microsoft.Cdn', status: 'fail' },
        { id: 'provider:Microsoft.Network', status: 'pass' },
        { id: 'quota:usgovtexas:standardDDSv5Family', status: 'fail' },
      ],
    };
    writeFileSync(join(dir, 'preflight.json'), JSON.stringify(result));
    const r = bootstrap(['--env', 'prod-usgov', '--preflight', 'preflight.json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\naz provider register --namespace Microsoft.Cdn --wait\n');
    expect(r.stdout).not.toContain('Microsoft.Network --wait');
    expect(r.stdout).toMatch(/# MANUAL \(vCPU quota\): standardDDSv5Family in usgovtexas: 140 free/);
    writeFileSync(join(dir, 'offline.json'), JSON.stringify({ ...result, mode: 'offline' }));
    const offline = bootstrap(['--env', 'prod-usgov', '--preflight', 'offline.json']);
    expect(offline.code).toBe(1);
    expect(offline.stderr).toContain('was written offline: run preflight with --check');
  });

  it('prod-ussec: registers the metadata-host cloud, and uses GRS where no region has zones', () => {
    const r = bootstrap(['--env', 'prod-ussec']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# NOTE: no region of prod-ussec has availability zones');
    const { code, calls } = runWithStubAz(r.stdout, 'ussec');
    expect(code).toBe(0);
    expect(calls.slice(0, 4)).toEqual([
      'cloud show --name USSec --output none',
      'cloud register --name USSec --endpoint-resource-manager https://management.azure.microsoft.scloud',
      'cloud set --name USSec',
      'login --tenant 00000000-0000-0000-0000-00000000000d',
    ]);
    expect(calls.find((c) => c.startsWith('storage account create'))).toContain('--sku Standard_GRS');
    expect(r.stdout).not.toMatch(/usgovcloudapi|chinacloudapi|management\.azure\.com/);
  });

  it('prod-china signs in to AzureChinaCloud; --sku overrides; json lists the steps', () => {
    const china = bootstrap(['--env', 'prod-china', '--format', 'json']);
    expect(china.code).toBe(0);
    const json = JSON.parse(china.stdout) as { location: string; sku: string; steps: { command: string }[] };
    expect(json).toMatchObject({ location: 'chinanorth3', sku: 'Standard_GZRS' });
    expect(json.steps[0]!.command).toBe('az cloud set --name AzureChinaCloud');
    const dod = bootstrap(['--env', 'prod-dod', '--sku', 'Standard_RAGRS']);
    expect(dod.stdout).toContain('--sku Standard_RAGRS');
    expect(dod.stdout).toContain('az cloud set --name AzureUSGovernment');
    expect(dod.stdout).not.toContain('NOTE');
  });

  it('prepares only the subscription for a local backend, and rejects bad input', () => {
    const local = bootstrap(['--env', 'dev-public']);
    expect(local.code).toBe(0);
    expect(local.stdout).toContain('# NOTE: dev-public keeps its state in local files');
    expect(local.stdout).toContain('az provider register --namespace Microsoft.ContainerService --wait');
    expect(local.stdout).not.toContain('storage account create');
    expect(bootstrap([]).code).toBe(2);
    expect(bootstrap(['--env', 'prod-usgov', '--sku', 'cheap']).code).toBe(2);
    const unknown = bootstrap(['--env', 'prod-mars']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/environment "prod-mars" is not in/);
  });
});
