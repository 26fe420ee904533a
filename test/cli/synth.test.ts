/** `npm run synth` as a user runs it: exit codes, messages, atomic output, determinism. */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { configFixture, runNode, type Edit } from '../helpers/fixture';

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else out[`${rel}${e.name}`] = readFileSync(join(d, e.name), 'utf8');
    }
  };
  walk(dir, '');
  return out;
}

describe('synth command', () => {
  it('synthesizes every environment, and twice gives byte-identical output', () => {
    const dir = configFixture();
    const a = runNode('main.js', ['--quiet', '--out', 'a'], dir);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/Synthesized 23 stacks for 7 environments/);
    const b = runNode('main.js', ['--quiet', '--out', 'b'], dir);
    expect(b.code).toBe(0);
    const ta = tree(join(dir, 'a'));
    expect(Object.keys(ta)).toContain('stacks/prod-usgov-usgovvirginia/cdk.tf.json');
    expect(ta).toEqual(tree(join(dir, 'b')));
    expect(JSON.stringify(ta)).not.toContain(dir);
  });

  it('with --env writes only that environment', () => {
    const dir = configFixture();
    const r = runNode('main.js', ['--quiet', '--env', 'prod-usgov'], dir);
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'cdktf.out', 'stacks')).sort()).toEqual([
      'prod-usgov-global',
      'prod-usgov-usgovarizona',
      'prod-usgov-usgovtexas',
      'prod-usgov-usgovvirginia',
    ]);
  });

  it('warns about fallbacks and unconfirmed facts the environment uses', () => {
    const dir = configFixture();
    const r = runNode('main.js', ['--env', 'prod-ussec'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning prod-ussec: frontDoor: fallback to trafficManager');
    expect(r.stderr).toMatch(
      /warning prod-ussec: relies on \d+ unconfirmed or observed cloud facts of ussec: .*provider\.metadataHost/,
    );
    const verbose = runNode('main.js', ['--env', 'prod-ussec', '--verbose'], dir);
    expect(verbose.stderr).toMatch(
      /warning prod-ussec: observed fact provider\.metadataHost = management\.azure\.microsoft\.scloud \(clouds\.md/,
    );
    // A fully confirmed cloud and environment synthesizes without a single warning.
    expect(runNode('main.js', ['--env', 'prod-public'], dir).stderr).toBe('');
  });

  it('on bad config exits 1 with every error and leaves the previous output untouched', () => {
    const dir = configFixture([
      { file: 'prod-usgov.yaml', from: 'name: usgovtexas', to: 'name: eastus' },
      { file: 'dev-public.yaml', from: 'tier: dev', to: 'tier: qa' },
    ]);
    const out = join(dir, 'cdktf.out');
    mkdirSync(join(out, 'stacks', 'old'), { recursive: true });
    writeFileSync(join(out, 'stacks', 'old', 'cdk.tf.json'), '{"previous":true}');
    const before = tree(out);
    const r = runNode('main.js', [], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      'environments/dev-public.yaml:5:7 tier: "qa" is not allowed; expected one of (dev, staging, prod)',
    );
    expect(r.stderr).toContain(
      'environments/prod-usgov.yaml:15:11 regions[1].name: "eastus" is not a region of cloud usgov (usgovvirginia, usgovtexas, usgovarizona, usdodeast, usdodcentral)',
    );
    expect(r.stderr).toContain('2 configuration errors in 2 files; nothing was written.');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(tree(out)).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(['cdktf.out', 'environments']);
  });

  // Each class of bad config, as a user meets it: exit 1, file:line:col, the field, what was expected (and the
  // choices where few), and the previous cdktf.out byte for byte.
  it.each<[string, Edit | Edit[], string]>([
    [
      'a region of another cloud',
      { file: 'prod-usgov.yaml', from: 'name: usgovtexas', to: 'name: eastus' },
      'environments/prod-usgov.yaml:15:11 regions[1].name: "eastus" is not a region of cloud usgov (usgovvirginia, usgovtexas, usgovarizona, usdodeast, usdodcentral)',
    ],
    [
      'a duplicate region',
      { file: 'staging-public.yaml', from: 'name: centralus', to: 'name: eastus2' },
      'environments/staging-public.yaml:15:11 regions[1].name: "eastus2" is listed twice (first at regions[0])',
    ],
    [
      'an invalid CIDR',
      { file: 'prod-public.yaml', from: 'addressSpace: 10.30.16.0/20', to: 'addressSpace: 10.30.16.1/20' },
      'environments/prod-public.yaml:16:19 regions[1].addressSpace: expected an IPv4 CIDR such as 10.10.0.0/20',
    ],
    [
      'overlapping CIDRs',
      { file: 'staging-public.yaml', from: 'addressSpace: 10.20.16.0/20', to: 'addressSpace: 10.20.8.0/21' },
      'environments/staging-public.yaml:16:19 regions[1].addressSpace: 10.20.8.0/21 overlaps 10.20.0.0/20 of regions[0] (eastus2)',
    ],
    [
      'prod with one region',
      { file: 'prod-china.yaml', from: /  - name: chinaeast2\n    addressSpace: 10.60.16.0\/20\n/, to: '' },
      'environments/prod-china.yaml:13:3 regions: a prod environment needs at least 2 regions',
    ],
    [
      'a name that cannot fit its Azure limit',
      [
        { file: 'prod-usgov.yaml', from: 'prefix: fp', to: 'prefix: abcdef' },
        { file: 'clouds/usgov.yaml', from: 'code: ugv', to: 'code: abcdef' },
      ],
      'environments/prod-usgov.yaml:6:9 prefix: keyVault name "',
    ],
    [
      'a required capability the cloud lacks',
      { file: 'prod-ussec.yaml', from: 'trafficManager:\n', to: 'requires: [frontDoor]\ntrafficManager:\n' },
      'environments/prod-ussec.yaml:18:12 requires[0]: "frontDoor" is required by this environment but unavailable in cloud ussec',
    ],
    [
      "another cloud's value in a cloud profile (not a DNS name)",
      {
        file: 'clouds/ussec.yaml',
        from: 'value: api://AzureADTokenExchangeUSSec',
        to: 'value: api://AzureADTokenExchange',
      },
      'environments/clouds/ussec.yaml:108:12 identity.workloadIdentityAudience: "api://AzureADTokenExchange" is cloud public\'s value (environments/clouds/public.yaml:120 identity.workloadIdentityAudience)',
    ],
    [
      'a value outside its choices',
      { file: 'dev-public.yaml', from: 'tier: dev', to: 'tier: qa' },
      'environments/dev-public.yaml:5:7 tier: "qa" is not allowed; expected one of (dev, staging, prod)',
    ],
    [
      'a circuit breaker that outlasts the edge drain by more than the slack',
      { file: 'prod-public.yaml', from: 'breakSeconds: 10', to: 'breakSeconds: 120' },
      "environments/prod-public.yaml:52:103 clientPolicy.http.catalog.circuitBreaker.breakSeconds: catalog: break duration 120 s outlasts the edge's drain of a stamp (2 probes × 30 s = 60 s) by more than the slack 30 s",
    ],
    [
      'a total timeout above the Front Door origin timeout',
      { file: 'prod-usgov.yaml', from: 'totalSeconds: 25', to: 'totalSeconds: 58' },
      'environments/prod-usgov.yaml:39:52 clientPolicy.http.identity.timeouts.totalSeconds: identity: total timeout 58 s + margin 5 s exceeds the Front Door origin response timeout 60 s',
    ],
  ])('%s: exit 1, the located message, cdktf.out untouched', (_class, edit, message) => {
    const dir = configFixture(Array.isArray(edit) ? edit : [edit]);
    const out = join(dir, 'cdktf.out');
    mkdirSync(join(out, 'stacks', 'old'), { recursive: true });
    writeFileSync(join(out, 'stacks', 'old', 'cdk.tf.json'), '{"previous":true}');
    writeFileSync(join(out, 'manifest.json'), '{"version":"previous"}');
    const before = tree(out);
    const r = runNode('main.js', [], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('nothing was written.');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(tree(out)).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(['cdktf.out', 'environments']);
  });

  it('names an unknown --env with the choices and exits 1', () => {
    const r = runNode('main.js', ['--env', 'prod-usgob'], configFixture());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no environment "prod-usgob"; did you mean "prod-usgov"?');
  });

  it('exits 2 with usage on an unknown option, 0 with --help', () => {
    const dir = configFixture();
    const bad = runNode('main.js', ['--bogus'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Unknown option '--bogus'");
    expect(bad.stderr).toContain('Usage: npm run synth');
    const both = runNode('main.js', ['--quiet', '--verbose'], dir);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--quiet and --verbose exclude each other');
    const help = runNode('main.js', ['--help'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes: 0 synthesized, 1 invalid configuration');
  });

  it('names a missing config folder once, and a missing clouds/ folder without blaming each environment', () => {
    const dir = configFixture();
    const none = runNode('main.js', ['--config', 'nowhere'], dir);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('nowhere:1:1 no such folder');
    rmSync(join(dir, 'environments', 'clouds'), { recursive: true });
    const r = runNode('main.js', [], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('1 configuration error in 1 file');
  });

  it('on a write failure during synthesis exits 1 without a stack trace and keeps the previous output', () => {
    const dir = configFixture([], ['dev-public']);
    expect(runNode('main.js', ['--quiet'], dir).code).toBe(0);
    const before = tree(join(dir, 'cdktf.out'));
    // Simulates a full disk while the new output is written.
    const hook = join(dir, 'enospc.js');
    writeFileSync(
      hook,
      `const fs = require('fs'); const w = fs.writeFileSync;
fs.writeFileSync = function (p, ...r) {
  if (String(p).endsWith('footprint.json')) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
  return w.call(this, p, ...r);
};`,
    );
    const r = runNode('main.js', ['--quiet'], dir, { NODE_OPTIONS: `--require ${hook}` });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^synth: cannot write .*cdktf\.out: ENOSPC: no space left on device; the previous output is untouched\.\n$/,
    );
    expect(tree(join(dir, 'cdktf.out'))).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(['cdktf.out', 'enospc.js', 'environments']);
  });

  describe('Terraform state and working files', () => {
    const stackDir = (dir: string, stack: string) => join(dir, 'cdktf.out', 'stacks', stack);

    it('a dev deploy keeps its local state outside the output, and a synth after it keeps the state file', () => {
      const dir = configFixture();
      expect(runNode('main.js', ['--quiet', '--env', 'dev-public'], dir).code).toBe(0);
      const json = JSON.parse(readFileSync(join(stackDir(dir, 'dev-public-global'), 'cdk.tf.json'), 'utf8'));
      // terraform runs in the stack folder: the backend path resolves to <repo>/.terraform-state/.
      const state = resolve(stackDir(dir, 'dev-public-global'), json.terraform.backend.local.path);
      expect(state).toBe(join(dir, '.terraform-state', 'dev-public-global.tfstate'));
      mkdirSync(dirname(state), { recursive: true });
      writeFileSync(state, '{"version":4,"serial":7}');
      // What terraform init writes into the stack folder moves into the new tree.
      mkdirSync(join(stackDir(dir, 'dev-public-global'), '.terraform'));
      writeFileSync(
        join(stackDir(dir, 'dev-public-global'), '.terraform', 'terraform.tfstate'),
        '{"backend":1}',
      );
      writeFileSync(join(stackDir(dir, 'dev-public-global'), '.terraform.lock.hcl'), '# lock');
      const again = runNode('main.js', ['--quiet', '--env', 'dev-public'], dir);
      expect(again.stderr).toBe('');
      expect(again.code).toBe(0);
      expect(readFileSync(state, 'utf8')).toBe('{"version":4,"serial":7}');
      const t = tree(stackDir(dir, 'dev-public-global'));
      expect(t['.terraform/terraform.tfstate']).toBe('{"backend":1}');
      expect(t['.terraform.lock.hcl']).toBe('# lock');
    });

    it('refuses to replace an output that holds a state file (exit 1, nothing changed)', () => {
      const dir = configFixture();
      expect(runNode('main.js', ['--quiet', '--env', 'dev-public'], dir).code).toBe(0);
      // Where the local backend used to write: inside the folder synth replaces.
      const legacy = join(stackDir(dir, 'dev-public-eastus2'), 'terraform.dev-public-eastus2.tfstate');
      writeFileSync(legacy, '{"version":4}');
      const before = tree(join(dir, 'cdktf.out'));
      const r = runNode('main.js', ['--quiet'], dir);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('holds Terraform state that synth did not write');
      expect(r.stderr).toContain(
        join('stacks', 'dev-public-eastus2', 'terraform.dev-public-eastus2.tfstate'),
      );
      expect(r.stderr).toContain('.terraform-state/<stack>.tfstate');
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(tree(join(dir, 'cdktf.out'))).toEqual(before);
      expect(readdirSync(dir).filter((f) => f.startsWith('.cdktf.out'))).toEqual([]);
    });

    it('refuses to drop the Terraform working folder of a stack it no longer writes', () => {
      const dir = configFixture();
      expect(runNode('main.js', ['--quiet', '--env', 'dev-public'], dir).code).toBe(0);
      mkdirSync(join(stackDir(dir, 'dev-public-global'), '.terraform'));
      writeFileSync(join(stackDir(dir, 'dev-public-global'), '.terraform', 'terraform.tfstate'), '{}');
      const before = tree(join(dir, 'cdktf.out'));
      const r = runNode('main.js', ['--quiet', '--env', 'prod-usgov'], dir);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`no longer writes: ${join('stacks', 'dev-public-global', '.terraform')}`);
      expect(tree(join(dir, 'cdktf.out'))).toEqual(before);
    });
  });
});
