/**
 * `npm run scanner-waivers` on the shipped matrix, as a user runs it, checked against the real Checkov 3.3.13 run
 * on main 747d3a2 (test/fixtures/checkov-3.3.13-main-747d3a2.json): what Checkov failed there, less the ids fixed
 * since, is exactly what our Checkov-id rules find now and exactly what the exported baselines suppress.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSynthOutput } from '../../contract/out';
import { runPolicy } from '../../policy/engine';
import { findRule } from '../../policy/registry';
import { checkovIds, checkovResource, type CheckovBaseline } from '../../policy/scanner-export';
import { configFixture, REPO, runNode } from '../helpers/fixture';

interface Measured {
  readonly failed: { check: string; resource: string; stacks: string[] }[];
}
const MEASURED = JSON.parse(
  readFileSync(join(REPO, 'test/fixtures/checkov-3.3.13-main-747d3a2.json'), 'utf8'),
) as Measured;
/** Fixed in the synthesized output since main 747d3a2 (flow-log storage and AKS OS disks). */
const FIXED = ['CKV_AZURE_59', 'CKV2_AZURE_41', 'CKV_AZURE_226'];
const TODAY = '2026-12-01';
/** Environments with customer-managed keys (their clouds' default for prod): usgov, dod and ussec. */
const CMK_ENVS = ['prod-usgov', 'prod-dod', 'prod-ussec'];
const CMK_IDS = ['CKV_AZURE_100', 'CKV_AZURE_117', 'CKV2_AZURE_1'];
const inCmkEnv = (stack: string) => CMK_ENVS.some((e) => stack.startsWith(`${e}-`));
const CMK_STAMPS = [
  'prod-usgov-usgovvirginia',
  'prod-usgov-usgovtexas',
  'prod-usgov-usgovarizona',
  'prod-dod-usdodeast',
  'prod-dod-usdodcentral',
  'prod-ussec-usseceast',
  'prod-ussec-ussecwest',
];
/**
 * Added to the output since that run: prod-ussec has VNet flow logs since the 2026-12-01 cloud-facts check, so
 * its stamps carry the flow-log storage account that the other environments' Checkov results already show
 * (encrypted with its key, so CKV2_AZURE_1 passes there).
 */
const ADDED = ['CKV2_AZURE_40', 'CKV_AZURE_33']
  .flatMap((check) =>
    ['prod-ussec-usseceast', 'prod-ussec-ussecwest'].map((stack) => ({
      check,
      stack,
      resource: 'azurerm_storage_account.network_flow-log-storage',
    })),
  )
  // prod-public-centralus-u2, the second scale unit of centralus, is built like unit 1: Checkov's unit-1 results.
  .concat(
    MEASURED.failed
      .filter((f) => !FIXED.includes(f.check) && f.stacks.includes('prod-public-centralus'))
      .map((f) => ({ check: f.check, stack: 'prod-public-centralus-u2', resource: f.resource })),
  );
/**
 * What customer-managed keys add in their environments: managed OS disks again (CKV_AZURE_226: ephemeral OS
 * disks cannot take a key rotation), keys without a fixed expiration_date (CKV_AZURE_40), software keys where
 * the cloud has no HSM keys (CKV_AZURE_112, ussec) and the global keys vault without a VNet (CKV2_AZURE_32).
 */
const CMK_ADDED = [
  ...CMK_STAMPS.map((stack) => ({
    check: 'CKV_AZURE_226',
    stack,
    resource: 'azurerm_kubernetes_cluster.aks_cluster',
  })),
  ...CMK_STAMPS.map((stack) => ({ check: 'CKV_AZURE_40', stack, resource: 'azurerm_key_vault_key.cmk_key' })),
  ...CMK_ENVS.map((e) => ({
    check: 'CKV_AZURE_40',
    stack: `${e}-global`,
    resource: 'azurerm_key_vault_key.cosmos-key_key',
  })),
  ...CMK_ENVS.map((e) => ({
    check: 'CKV2_AZURE_32',
    stack: `${e}-global`,
    resource: 'azurerm_key_vault.key-vault_vault',
  })),
  ...['prod-ussec-global', 'prod-ussec-usseceast', 'prod-ussec-ussecwest'].map((stack) => ({
    check: 'CKV_AZURE_112',
    stack,
    resource: stack.endsWith('-global')
      ? 'azurerm_key_vault_key.cosmos-key_key'
      : 'azurerm_key_vault_key.cmk_key',
  })),
];
const NOW_FAILING = [...ADDED, ...CMK_ADDED];
/** A measured failure that still fails: not a fixed id, and not a CMK id where the environment has CMK. */
const stillFails = (check: string, stack: string) =>
  !FIXED.includes(check) && !(CMK_IDS.includes(check) && inCmkEnv(stack));

describe('scanner-waivers on the shipped matrix', () => {
  const dir = configFixture();
  const synth = runNode('main.js', ['--quiet', '--out', 'out'], dir);
  const run = runNode('tools/scanner-waivers.js', ['--out', 'out', '--today', TODAY], dir);
  const dest = join(dir, 'out', 'scanners');
  const expected = MEASURED.failed
    .flatMap((f) =>
      f.stacks.filter((s) => stillFails(f.check, s)).map((s) => `${f.check} ${s}/${f.resource}`),
    )
    .concat(NOW_FAILING.map((a) => `${a.check} ${a.stack}/${a.resource}`))
    .sort();

  it('synthesizes and exports with exit 0', () => {
    expect(synth.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/wrote 23 Checkov baseline\(s\)/);
  });

  it('our Checkov-id rules fail exactly what Checkov failed on main, less the fixed ids', () => {
    const result = runPolicy(readSynthOutput(join(dir, 'out')), { today: TODAY, minSeverity: 'low' });
    const ours = [...result.findings, ...result.waived]
      .flatMap((f) => checkovIds(findRule(f.rule)).map((id) => `${id} ${f.stack}/${f.resource}`))
      .sort();
    expect(ours).toEqual(expected);
    // 105 measured, less the fixed ids (13 + 13 + 15), less the CMK ids in the CMK environments (Cosmos 3, AKS 7,
    // storage 5 measured there), plus what was added since.
    expect(expected).toHaveLength(105 - 13 - 13 - 15 - (3 + 7 + 5) + NOW_FAILING.length);
    // The CMK ids are fixed there, not waived: no finding at all, and no waiver of them left in those files.
    const cmkFindings = [...result.findings, ...result.waived].filter(
      (f) => CMK_IDS.some((id) => checkovIds(findRule(f.rule)).includes(id)) && inCmkEnv(f.stack),
    );
    expect(cmkFindings).toEqual([]);
    for (const e of CMK_ENVS) {
      const text = readFileSync(join(REPO, 'environments', `${e}.yaml`), 'utf8');
      for (const id of CMK_IDS) expect(text).not.toContain(`rule: ${id}\n`);
    }
  });

  it('the per-stack baselines suppress exactly those failures, in Checkov terraform_json resource names', () => {
    const suppressed: string[] = [];
    for (const f of MEASURED.failed) {
      for (const stack of f.stacks.filter((x) => stillFails(f.check, x))) {
        const b = JSON.parse(
          readFileSync(join(dest, 'checkov', `${stack}.baseline.json`), 'utf8'),
        ) as CheckovBaseline;
        const entries = b.failed_checks.flatMap((c) => c.findings);
        const name = checkovResource(f.check, f.resource);
        if (entries.some((e) => e.resource === name && e.check_ids.includes(f.check)))
          suppressed.push(`${f.check} ${stack}/${f.resource}`);
      }
    }
    for (const a of NOW_FAILING) {
      const b = JSON.parse(
        readFileSync(join(dest, 'checkov', `${a.stack}.baseline.json`), 'utf8'),
      ) as CheckovBaseline;
      const name = checkovResource(a.check, a.resource);
      if (
        b.failed_checks
          .flatMap((c) => c.findings)
          .some((e) => e.resource === name && e.check_ids.includes(a.check))
      )
        suppressed.push(`${a.check} ${a.stack}/${a.resource}`);
    }
    expect(suppressed.sort()).toEqual(expected);
    // And nothing more: every entry of every baseline is one of them.
    const all = readdirSync(join(dest, 'checkov'))
      .filter((f) => f.endsWith('.baseline.json'))
      .flatMap((f) => {
        const b = JSON.parse(readFileSync(join(dest, 'checkov', f), 'utf8')) as CheckovBaseline;
        const stack = f.replace('.baseline.json', '');
        return b.failed_checks.flatMap((c) =>
          c.findings.flatMap((e) => e.check_ids.map((id) => `${id} ${stack} ${e.resource}`)),
        );
      })
      .sort();
    const want = expected
      .map((x) => {
        const [id, path] = x.split(' ') as [string, string];
        const [stack, address] = path.split('/') as [string, string];
        return `${id} ${stack} ${checkovResource(id, address)}`;
      })
      .sort();
    expect(all).toEqual(want);
    const entries = JSON.parse(
      readFileSync(join(dest, 'checkov', 'prod-china-chinaeast2.baseline.json'), 'utf8'),
    );
    expect(entries).toEqual({
      failed_checks: [
        {
          file: '/cdk.tf.json',
          findings: [
            {
              resource: 'azurerm_storage_account.network_flow-log-storage',
              check_ids: ['CKV2_AZURE_1', 'CKV2_AZURE_40'],
            },
            { resource: 'resource.aks_cluster', check_ids: ['CKV_AZURE_117', 'CKV_AZURE_170'] },
            { resource: 'resource.network_flow-log-storage', check_ids: ['CKV_AZURE_33'] },
          ],
        },
      ],
    });
  });

  it('skip-check items name the stack file, and their regex matches both path forms Checkov tests', () => {
    const items = readFileSync(join(dest, 'checkov', 'skip-checks.txt'), 'utf8')
      .trim()
      .split('\n');
    const china = items.filter((l) => l.startsWith('CKV_AZURE_170:'));
    expect(china).toHaveLength(2);
    for (const item of china) {
      const re = new RegExp(item.slice(item.indexOf(':') + 1));
      expect(
        re.test('/prod-china-chinaeast2/cdk.tf.json') || re.test('/prod-china-chinanorth3/cdk.tf.json'),
      ).toBe(true);
      expect(re.test('/work/x/cdktf.out/stacks/prod-public-eastus2/cdk.tf.json')).toBe(false);
    }
    expect(items.every((l) => l.split(':').length === 2)).toBe(true);
  });

  it("writes a Trivy ignore file with the waivers' expiry, reason and stack files", () => {
    const text = readFileSync(join(dest, '.trivyignore.yaml'), 'utf8');
    expect(text).toMatch(/^misconfigurations:$/m);
    expect(text).toContain('  - id: AVD-AZU-0067\n    paths:\n      - "**/dev-public-eastus2/cdk.tf.json"');
    expect(text).toMatch(/expired_at: 2027-03-31\n {4}statement: "Customer-managed keys/);
  });

  it('is byte-identical on a second run', () => {
    const before = readFileSync(join(dest, 'checkov', 'skip-checks.txt'), 'utf8');
    const again = runNode('tools/scanner-waivers.js', ['--out', 'out', '--today', TODAY], dir);
    expect(again.code).toBe(0);
    expect(readFileSync(join(dest, 'checkov', 'skip-checks.txt'), 'utf8')).toBe(before);
  });

  it('leaves expired waivers out and exits 1, naming what Checkov would report', () => {
    const later = runNode(
      'tools/scanner-waivers.js',
      ['--out', 'out', '--today', '2027-04-01', '--dest', 'later'],
      dir,
    );
    expect(later.code).toBe(1);
    expect(later.stdout).toContain(
      'unwaived: CKV_AZURE_117 prod-public-eastus2/azurerm_kubernetes_cluster.aks_cluster',
    );
    // Fixed by customer-managed keys, so no expiry can bring it back there.
    expect(later.stdout).not.toContain('unwaived: CKV_AZURE_117 prod-usgov-');
    const b = readFileSync(join(dir, 'later', 'checkov', 'prod-china-chinaeast2.baseline.json'), 'utf8');
    expect(b).not.toContain('CKV_AZURE_117');
    expect(b).toContain('CKV2_AZURE_40');
  });

  it('rejects a bad date with exit 2 and writes nothing', () => {
    const bad = runNode(
      'tools/scanner-waivers.js',
      ['--out', 'out', '--today', '2027-02-30', '--dest', 'bad'],
      dir,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--today must be a date/);
    expect(existsSync(join(dir, 'bad'))).toBe(false);
  });
});
