/** `npm run validate` as a user runs it, on a freshly synthesized tree: exit codes, formats, residency, waivers. */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configFixture, runNode, type Edit } from '../helpers/fixture';

function synth(edits: Edit[] = []): string {
  const dir = configFixture(edits);
  const r = runNode('main.js', ['--quiet', '--out', 'out'], dir);
  if (r.code !== 0) throw new Error(`synth failed: ${r.stderr}`);
  return dir;
}

/** The parts of a stack's cdk.tf.json these tests edit. */
interface StackFile {
  resource: { azurerm_resource_group: { rg: { location: string; tags: Record<string, string> } } };
}

function editStack(dir: string, stack: string, edit: (json: StackFile) => void): void {
  const path = join(dir, 'out', 'stacks', stack, 'cdk.tf.json');
  const json = JSON.parse(readFileSync(path, 'utf8')) as StackFile;
  edit(json);
  writeFileSync(path, JSON.stringify(json, null, 2));
}

/** Waivers in the shipped files expire; this test pins the date, CI's own \`npm run validate\` does not. */
const TODAY = '2026-12-01';

describe('validate command', () => {
  let shipped: string;
  beforeAll(() => {
    shipped = synth();
  });

  it('passes on every shipped environment (text, json, markdown)', () => {
    const text = runNode('tools/validate.js', ['--out', 'out', '--today', TODAY], shipped);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /^footprint policy: PASS: no unwaived finding at or above medium; 7 environments, 23 stacks/,
    );
    const json = JSON.parse(
      runNode('tools/validate.js', ['--out', 'out', '--format', 'json', '--today', TODAY], shipped).stdout,
    );
    expect(json).toMatchObject({ passed: true, failing: 0, minSeverity: 'medium' });
    expect(json.environments).toHaveLength(7);
    expect(json.resiliencePassed).toBe(true);
    expect(text.stdout).toMatch(
      /Resilience \(zone, region and Cosmos write-region loss\):[\s\S]*prod-usgov \(prod, usgov, frontDoor\): PASS/,
    );
    const md = runNode(
      'tools/validate.js',
      ['--out', 'out', '--format', 'markdown', '--today', TODAY],
      shipped,
    );
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^## ✅ footprint policy passed\n/);
    // prod-ussec has VNet flow logs since the 2026-12-01 cloud-facts check, so the same waiver.
    expect(md.stdout).toMatch(
      /\| prod-ussec \| `CKV2_AZURE_40` \| `\*\/azurerm_storage_account\.network_flow-log-storage` \| 2027-05-31 \| 2 \|/,
    );
    // The shipped waivers (flow-log storage keys and queue logging, customer-managed keys where they are off and
    // what they bring where they are on, China's AKS tier, the public dev API server, availability-test
    // component), each listed with its expiry.
    expect(md.stdout).toContain('### Active waivers (43)');
    expect(md.stdout).toMatch(
      /\| prod-usgov \| `CKV2_AZURE_40` \| `\*\/azurerm_storage_account\.network_flow-log-storage` \| 2027-05-31 \| 3 \|/,
    );
  });

  it('--env limits the run to one environment', () => {
    const json = JSON.parse(
      runNode('tools/validate.js', ['--out', 'out', '--env', 'prod-usgov', '--format', 'json'], shipped)
        .stdout,
    );
    expect(json.environments).toEqual(['prod-usgov']);
    expect(json.stacks).toBe(4);
  });

  it('exits 2 on usage errors and 1 when there is nothing to read', () => {
    for (const args of [
      ['--format', 'xml'],
      ['--severity', 'urgent'],
      ['--today', '2026-13-45'],
      ['--bogus'],
    ]) {
      const r = runNode('tools/validate.js', ['--out', 'out', ...args], shipped);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('Usage: npm run validate');
    }
    const missing = runNode('tools/validate.js', ['--out', 'nowhere'], shipped);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/manifest\.json not found: run `npm run synth` first/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const unknown = runNode('tools/validate.js', ['--out', 'out', '--env', 'prod-mars'], shipped);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('environment "prod-mars" is not in');
    expect(runNode('tools/validate.js', ['--help'], shipped).stdout).toContain(
      'Exit codes: 0 no unwaived finding',
    );
    const rules = runNode('tools/validate.js', ['--rules'], shipped).stdout;
    expect(rules).toMatch(/FP_RESIDENCY_DNS\s+critical\s+residency/);
    // A rule that ports a Checkov id under its own id says how it differs.
    expect(rules).toMatch(/FP_FD_WAF_COVERAGE[^\n]*\n\s+differs: ports CKV_AZURE_121 /);
  });

  it("fails on another cloud's DNS name or region in a hand-edited stack, with the rule id", () => {
    const dir = configFixture();
    cpSync(join(shipped, 'out'), join(dir, 'out'), { recursive: true });
    editStack(dir, 'prod-usgov-usgovtexas', (j) => {
      j.resource.azurerm_resource_group.rg.tags.link = 'https://kv-x.vault.azure.net/secrets/a';
      j.resource.azurerm_resource_group.rg.location = 'eastus';
    });
    const r = runNode('tools/validate.js', ['--out', 'out', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.stdout).findings.map(
      (f: Record<string, string>) => `${f.rule} ${f.stack} ${f.resource} ${f.attribute}`,
    );
    expect(findings).toEqual([
      'FP_RESIDENCY_DNS prod-usgov-usgovtexas azurerm_resource_group.rg tags.link',
      'FP_RESIDENCY_LOCATION prod-usgov-usgovtexas azurerm_resource_group.rg location',
    ]);
    const md = runNode('tools/validate.js', ['--out', 'out', '--format', 'markdown'], dir).stdout;
    expect(md).toMatch(/^## ❌ footprint policy: 2 findings at or above medium/);
    expect(md).toContain('`FP_RESIDENCY_DNS`');
    // Below the threshold nothing fails.
    expect(
      runNode('tools/validate.js', ['--out', 'out', '--severity', 'critical', '--env', 'prod-public'], dir)
        .code,
    ).toBe(0);
  });

  it('fails on a planted ${file(...)} template in a stack (a construct that copied config text verbatim)', () => {
    const dir = configFixture();
    cpSync(join(shipped, 'out'), join(dir, 'out'), { recursive: true });
    editStack(dir, 'prod-usgov-usgovtexas', (j) => {
      j.resource.azurerm_resource_group.rg.tags.team = '${file("/etc/passwd")}';
    });
    const r = runNode('tools/validate.js', ['--out', 'out', '--format', 'json', '--today', TODAY], dir);
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.stdout).findings.map(
      (f: Record<string, string>) => `${f.rule} ${f.severity} ${f.resource} ${f.attribute} ${f.found}`,
    );
    expect(findings).toEqual([
      'FP_TEMPLATE_INJECTION critical azurerm_resource_group.rg tags.team "${file(\\"/etc/passwd\\")}"',
    ]);
  });

  it("fails when a cloud profile claims another cloud's suffix (usgov keyVault = vault.azure.net)", () => {
    // Synth refuses such a profile at its line (config/cloud-rules.ts) ...
    const planted: Edit = {
      file: 'clouds/usgov.yaml',
      from: 'keyVault: vault.usgovcloudapi.net',
      to: 'keyVault: vault.azure.net',
    };
    const refused = runNode('main.js', ['--quiet', '--out', 'out'], configFixture([planted]));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^environments\/clouds\/usgov\.yaml:\d+:\d+ suffixes\.keyVault: "vault\.azure\.net" is cloud public's value/m,
    );
    // ... and validate still catches it in a hand-edited footprint.json.
    const dir = synth();
    const path = join(dir, 'out', 'footprint.json');
    const footprint = JSON.parse(readFileSync(path, 'utf8')) as {
      clouds: Record<string, { dnsNames: string[] }>;
    };
    footprint.clouds.usgov!.dnsNames.push('vault.azure.net');
    writeFileSync(path, JSON.stringify(footprint, null, 2));
    const r = runNode('tools/validate.js', ['--out', 'out', '--env', 'prod-usgov'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/critical\s+FP_RESIDENCY_PROFILE\s+prod-usgov-global\s+cloud\.usgov\s+dnsNames/);
    expect(r.stdout).toContain('vault.azure.net (also cloud public)');
  });

  it('an active waiver hides its finding and is listed; once expired it fails the run', () => {
    const dir = synth([
      {
        file: 'prod-usgov.yaml',
        from: 'waivers:\n',
        to: 'waivers:\n  - { rule: FP_TAGS_REQUIRED, resource: "prod-usgov-*/azurerm_resource_group.rg", reason: "owner tag moves to a group address", expires: 2026-06-30 }\n',
      },
    ]);
    editStack(dir, 'prod-usgov-usgovtexas', (j) => {
      delete j.resource.azurerm_resource_group.rg.tags.owner;
    });
    const active = runNode(
      'tools/validate.js',
      ['--out', 'out', '--env', 'prod-usgov', '--today', '2026-06-20'],
      dir,
    );
    expect(active.code).toBe(0);
    // 1 from this waiver, 15 from the shipped ones (3 flow-log accounts x 2 ids, 4 keys without a fixed expiry,
    // 3 clusters with managed OS disks, the global keys vault without a VNet, 1 availability component).
    expect(active.stdout).toContain('Waived findings (16):');
    expect(active.stdout).toMatch(
      /Active waivers \(7\):[\s\S]*FP_TAGS_REQUIRED\s+prod-usgov-\*\/azurerm_resource_group\.rg\s+2026-06-30 \(in 10 days\)\s+1\s+owner tag/,
    );
    const md = runNode(
      'tools/validate.js',
      ['--out', 'out', '--env', 'prod-usgov', '--today', '2026-06-20', '--format', 'markdown'],
      dir,
    ).stdout;
    expect(md).toContain(
      '| prod-usgov | `FP_TAGS_REQUIRED` | `prod-usgov-*/azurerm_resource_group.rg` | 2026-06-30 (in 10 days) | 1 |',
    );
    const expired = runNode(
      'tools/validate.js',
      ['--out', 'out', '--env', 'prod-usgov', '--today', '2026-07-01', '--format', 'json'],
      dir,
    );
    expect(expired.code).toBe(1);
    expect(
      JSON.parse(expired.stdout)
        .findings.map((f: Record<string, string>) => f.rule)
        .sort(),
    ).toEqual(['FP_TAGS_REQUIRED', 'FP_WAIVER_EXPIRED']);
  });

  it('fails when a prod environment would not survive a zone loss (resilience section)', () => {
    const dir = synth([
      {
        file: 'prod-public.yaml',
        from: '{ name: apps, vmSize: Standard_D8ds_v5, minCount: 3, maxCount: 20 }',
        to: '{ name: apps, vmSize: Standard_D8ds_v5, minCount: 1, maxCount: 20 }',
      },
    ]);
    const r = runNode('tools/validate.js', ['--out', 'out', '--env', 'prod-public'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('SPOF_POOL_BELOW_FLOOR pool apps in eastus2');
  });
});
