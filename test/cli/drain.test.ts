/**
 * `npm run drain` as an on-call engineer runs it: the exact az commands for a Front Door environment
 * (prod-public) and a Traffic Manager environment (prod-dod) in their clouds, executed against a stub az that
 * records the calls; the refusal to drain the last serving stamp (by config and, with --execute, live); and
 * `regions[].serving: false` as the permanent change (the edge member synthesized disabled).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configFixture, runNode } from '../helpers/fixture';
import { stubAz } from '../helpers/stub-az';

let dir: string;
const drain = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  runNode('tools/drain.js', [...args, '--out', 'out'], dir, env);

const FD = '--resource-group rg-fp-prdpub-global --profile-name afd-fp-prdpub --origin-group-name stamps';
const TM = '--resource-group rg-fp-prddod-global --profile-name traf-fp-prddod-7b23';

beforeAll(() => {
  // prod-dod's usdodeast is drained in the config: the permanent change drain prints.
  dir = configFixture([
    {
      file: 'prod-dod.yaml',
      from: '  - name: usdodeast\n    addressSpace: 10.50.0.0/20\n',
      to: '  - name: usdodeast\n    addressSpace: 10.50.0.0/20\n    serving: false\n',
    },
  ]);
  const r = runNode('main.js', ['--quiet', '--out', 'out'], dir);
  if (r.code !== 0) throw new Error(r.stderr);
});

describe('drain command', () => {
  it('prints the Front Door commands in the environment cloud, the permanent change and the warning', () => {
    const r = drain(['--env', 'prod-public', '--stamp', 'prod-public-eastus2']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines).toContain('az cloud set --name AzureCloud');
    expect(lines).toContain('az account set --subscription 00000000-0000-0000-0000-000000000003');
    expect(lines).toContain(
      `az afd origin update ${FD} --origin-name origin-eastus2 --enabled-state Disabled`,
    );
    expect(r.stdout).toContain('# serving after: westus3, centralus');
    expect(r.stdout).toContain('set "serving: false"');
    expect(r.stdout).toContain(
      'the next apply of prod-public-global re-enables Front Door origin origin-eastus2',
    );
  });

  it('executes the Front Door drain through az after checking that other stamps serve', () => {
    const az = stubAz(dir, 'fd', [
      { match: '^afd origin show .*--origin-name origin-(centralus|westus3) ', stdout: 'Enabled\n' },
      { match: '^afd origin update ' },
      { match: '^afd origin show .*--origin-name origin-eastus2 ', stdout: 'Disabled\n' },
      { match: '^(cloud|account) set ' },
    ]);
    const r = drain(['--env', 'prod-public', '--stamp', 'eastus2', '--execute'], az.env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('eastus2: Disabled\n');
    const show = (o: string) => `afd origin show ${FD} --origin-name ${o} --query enabledState --output tsv`;
    expect(az.calls()).toEqual([
      'cloud set --name AzureCloud',
      'account set --subscription 00000000-0000-0000-0000-000000000003',
      show('origin-westus3'),
      show('origin-centralus'),
      show('origin-centralus-u2'),
      `afd origin update ${FD} --origin-name origin-eastus2 --enabled-state Disabled`,
      show('origin-eastus2'),
    ]);
  });

  it('refuses with --execute when no other stamp is enabled live, and changes nothing', () => {
    const az = stubAz(dir, 'fd-dark', [
      { match: '^afd origin show ', stdout: 'Disabled\n' },
      { match: '^(cloud|account) set ' },
    ]);
    const r = drain(['--env', 'prod-public', '--stamp', 'eastus2', '--execute'], az.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('refusing to drain eastus2: no other stamp of prod-public is enabled');
    expect(az.calls().filter((c) => c.includes(' update '))).toEqual([]);
  });

  it('restores a Traffic Manager stamp in the US Government cloud, warning that the config still drains it', () => {
    const az = stubAz(dir, 'tm', [
      { match: '^network traffic-manager endpoint show ', stdout: 'Enabled\n' },
      { match: '^' },
    ]);
    const r = drain(['--env', 'prod-dod', '--stamp', 'usdodeast', '--restore', '--execute'], az.env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'the next apply of prod-dod-global disables Traffic Manager endpoint usdodeast again',
    );
    expect(r.stdout).toContain('remove "serving: false"');
    expect(az.calls()).toEqual([
      'cloud set --name AzureUSGovernment',
      'account set --subscription 00000000-0000-0000-0000-000000000005',
      `network traffic-manager endpoint update ${TM} --name usdodeast --type ExternalEndpoints --endpoint-status Enabled`,
      `network traffic-manager endpoint show ${TM} --name usdodeast --type ExternalEndpoints --query endpointStatus --output tsv`,
    ]);
  });

  it('synthesizes a drained region as a disabled edge member and refuses to drain the last serving one', () => {
    const global = JSON.parse(
      readFileSync(join(dir, 'out', 'stacks', 'prod-dod-global', 'cdk.tf.json'), 'utf8'),
    );
    const endpoints = global.resource.azurerm_traffic_manager_external_endpoint;
    expect(endpoints['entry_traffic-manager_endpoint-usdodeast'].enabled).toBe(false);
    expect(endpoints['entry_traffic-manager_endpoint-usdodcentral'].enabled).toBe(true);
    const az = stubAz(dir, 'tm-last', [{ match: '^' }]);
    const r = drain(['--env', 'prod-dod', '--stamp', 'usdodcentral', '--execute'], az.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'drain: refusing to drain usdodcentral: it is the last serving stamp of prod-dod (serving: usdodcentral); draining it takes the whole environment offline\n',
    );
    expect(r.stdout).toBe('');
    expect(az.calls()).toEqual([]);
  });

  it('refuses the only stamp of a one-stamp environment', () => {
    const r = drain(['--env', 'dev-public', '--stamp', 'eastus2']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('it is the last serving stamp of dev-public');
  });

  it('answers --format json for automation, with the USSec cloud registered first', () => {
    const r = drain(['--env', 'prod-ussec', '--stamp', 'usseceast', '--format', 'json']);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan).toMatchObject({
      environment: 'prod-ussec',
      stamp: 'usseceast',
      action: 'drain',
      edge: 'trafficManager',
    });
    expect(plan.setup[0].slice(0, 4)).toEqual(['cloud', 'register', '--name', 'USSec']);
    expect(plan.setup[1]).toEqual(['cloud', 'set', '--name', 'USSec']);
    expect(plan.commands[0]).toContain('Disabled');
  });

  it('rejects an unknown stamp with the choices (exit 2)', () => {
    const r = drain(['--env', 'prod-public', '--stamp', 'northeurope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '--stamp northeurope is not a stamp of prod-public: one of eastus2 (prod-public-eastus2)',
    );
  });
});
