/**
 * `npm run preflight` as a user runs it: offline a complete checklist with the az command of each item, for
 * every shipped environment; with --check against a stub az (on PATH, answering from fixtures) it reports the
 * missing provider, feature and short quota with exit 1, and passes with exit 0 when the subscription has all.
 */
import { configFixture, runNode } from '../helpers/fixture';
import { stubAz, type AzAnswer } from '../helpers/stub-az';

let dir: string;
const preflight = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  runNode('tools/preflight.js', [...args, '--out', 'out'], dir, env);

beforeAll(() => {
  dir = configFixture();
  expect(runNode('main.js', ['--quiet', '--out', 'out'], dir).code).toBe(0);
});

const usage = (rows: [string, number, number][]) =>
  JSON.stringify(rows.map(([value, currentValue, limit]) => ({ name: { value }, currentValue, limit })));

/** A US Government subscription that has everything prod-usgov needs. */
function healthy(): AzAnswer[] {
  return [
    { match: '^cloud set --name AzureUSGovernment$' },
    { match: '^account set --subscription 00000000-0000-0000-0000-000000000004$' },
    { match: '^provider show --namespace \\S+ --query registrationState', stdout: 'Registered\n' },
    { match: '^feature show --namespace Microsoft.Compute --name EncryptionAtHost', stdout: 'Registered\n' },
    ...['usgovvirginia', 'usgovtexas', 'usgovarizona'].map((r) => ({
      match: `^network watcher list --query \\[\\?location=='${r}'\\]`,
      stdout: JSON.stringify([{ name: `NetworkWatcher_${r}`, resourceGroup: 'NetworkWatcherRG' }]),
    })),
    {
      match: '^vm list-usage',
      stdout: usage([
        ['cores', 10, 350],
        ['standardDDSv5Family', 10, 350],
      ]),
    },
    { match: '^network list-usages', stdout: usage([['StandardPublicIPAddresses', 1, 20]]) },
    { match: '^cosmosdb list', stdout: '0\n' },
    { match: '^afd profile list', stdout: '0\n' },
    { match: '^account show --query user.name', stdout: 'deployer@example.com\n' },
    {
      match:
        '^role assignment list --assignee deployer@example.com --scope /subscriptions/00000000-0000-0000-0000-000000000004 ',
      stdout: 'Contributor\nUser Access Administrator\n',
    },
    { match: '^storage account show --name stfpstateprdgov', stdout: 'false\n' },
    { match: '^storage container show --name tfstate', stdout: 'tfstate\n' },
  ];
}

describe('preflight command', () => {
  it.each([
    'dev-public',
    'staging-public',
    'prod-public',
    'prod-usgov',
    'prod-dod',
    'prod-china',
    'prod-ussec',
  ])('%s: offline, prints every group with the az command of each check and exits 0', (env) => {
    const r = preflight(['--env', env]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const g of ['resource providers:', 'features:', 'vCPU quota:', 'limits:', 'roles:'])
      expect(r.stdout).toContain(g);
    expect(r.stdout).toContain('az provider show --namespace microsoft.insights --query registrationState');
    expect(r.stdout).toContain('az feature show --namespace Microsoft.Compute --name EncryptionAtHost');
    expect(r.stdout).toMatch(/az vm list-usage --location \S+ --output json/);
    expect(r.stdout).not.toMatch(/PASS|FAIL/);
  });

  it('prod-usgov json: providers from the stacks, watchers per region, quota per family from pool maxima', () => {
    const r = preflight(['--env', 'prod-usgov', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ environment: 'prod-usgov', azCloudName: 'AzureUSGovernment', mode: 'offline' });
    const ids: string[] = j.checks.map((c: { id: string }) => c.id);
    expect(ids).toContain('provider:Microsoft.ContainerService');
    expect(ids).toContain('feature:Microsoft.Compute/EncryptionAtHost');
    expect(ids.filter((i) => i.startsWith('network-watcher:')).sort()).toEqual([
      'network-watcher:usgovarizona',
      'network-watcher:usgovtexas',
      'network-watcher:usgovvirginia',
    ]);
    // system 5 x 4 vCPUs + apps 15 x 8 vCPUs per region.
    const quota = j.checks.find((c: { id: string }) => c.id === 'quota:usgovvirginia:standardDDSv5Family');
    expect(quota.expect).toBe('"standardDDSv5Family": limit - currentValue >= 140');
    expect(j.setup).toEqual([
      'az cloud set --name AzureUSGovernment',
      'az account set --subscription 00000000-0000-0000-0000-000000000004',
    ]);
  });

  it('prod-ussec: registers the metadata-host cloud before selecting it', () => {
    const r = preflight(['--env', 'prod-ussec']);
    expect(r.stdout).toContain(
      'az cloud show --name USSec --output none 2>/dev/null || az cloud register --name USSec --endpoint-resource-manager https://management.azure.microsoft.scloud',
    );
    // VNet flow logs are on in USSec since the 2026-12-01 cloud-facts check: each stamp reads its Network Watcher.
    expect(r.stdout).toContain('network watchers:');
    expect(r.stdout).toContain('NetworkWatcher_usseceast');
    const md = preflight(['--env', 'prod-ussec', '--format', 'markdown']);
    expect(md.stdout).toMatch(/^### preflight prod-ussec /);
    expect(md.stdout).toContain('| status | check | command | expect / result |');
    expect(md.stdout).toContain('| TO CHECK | feature Microsoft.Compute/EncryptionAtHost is registered');
  });

  it('--check passes with exit 0 when the subscription has everything, in the cloud of the environment', () => {
    const az = stubAz(dir, 'healthy', healthy());
    const r = preflight(['--env', 'prod-usgov', '--check'], az.env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^preflight prod-usgov .*: ok: 34 pass, 0 fail, 0 could not be checked/);
    const calls = az.calls();
    expect(calls.slice(0, 2)).toEqual([
      'cloud set --name AzureUSGovernment',
      'account set --subscription 00000000-0000-0000-0000-000000000004',
    ]);
    // One usage list per region serves both vCPU checks.
    expect(calls.filter((c) => c.startsWith('vm list-usage'))).toHaveLength(3);
  });

  it('--check reports the missing provider, feature and short quota with exit 1', () => {
    const az = stubAz(dir, 'broken', [
      { match: '^provider show --namespace Microsoft.ContainerService ', stdout: 'NotRegistered\n' },
      {
        match: '^feature show --namespace Microsoft.Compute --name EncryptionAtHost',
        stdout: 'NotRegistered\n',
      },
      {
        match: '^vm list-usage --location usgovtexas',
        stdout: usage([
          ['cores', 300, 350],
          ['standardDDSv5Family', 0, 100],
        ]),
      },
      ...healthy(),
    ]);
    const r = preflight(['--env', 'prod-usgov', '--check', '--format', 'json'], az.env);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    const failed = j.checks.filter((c: { status: string }) => c.status === 'fail');
    expect(failed.map((c: { id: string; detail: string }) => `${c.id}: ${c.detail}`)).toEqual([
      'provider:Microsoft.ContainerService: NotRegistered: register it (the stacks register only with */register/action rights)',
      'feature:Microsoft.Compute/EncryptionAtHost: NotRegistered',
      'quota:usgovtexas:cores: only 50 of 350 free, 140 needed',
      'quota:usgovtexas:standardDDSv5Family: only 100 of 100 free, 140 needed',
    ]);
    expect(j.summary).toEqual({ pass: 30, fail: 4, couldNotCheck: 0 });
    expect(failed[0].fix).toEqual(['az provider register --namespace Microsoft.ContainerService --wait']);
  });

  it('--check: what az cannot answer is could-not-check, not a pass', () => {
    const az = stubAz(dir, 'partial', [
      { match: '^cloud set' },
      { match: '^account set' },
      { match: '^provider show', stdout: 'Registered\n' },
    ]);
    const r = preflight(['--env', 'prod-usgov', '--check'], az.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/COULD NOT CHECK +feature Microsoft.Compute\/EncryptionAtHost/);
    expect(r.stdout).toContain('-> az exited 1: stub az: no answer for feature show');
  });

  it('usage errors exit 2', () => {
    expect(preflight([]).code).toBe(2);
    expect(preflight(['--env', 'prod-usgov', '--format', 'xml']).code).toBe(2);
    expect(preflight(['--env', 'nope']).code).toBe(1);
  });
});
