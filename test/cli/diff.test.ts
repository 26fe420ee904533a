/**
 * `npm run diff` as a reviewer runs it: base/head pairs built by editing environment files (the head is the
 * fixture's working tree, synthesized by the command), exit codes, and the pull-request comment's size cap.
 * Assertions look for resource types rather than counts, so they hold as the stacks grow.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DiffResult } from '../../tools/diff/compare';
import { MARKDOWN_CAP } from '../../tools/diff/render';
import { STATEFUL } from '../../tools/diff/risk';
import { asList, readSynthOutput, type JsonObject } from '../../contract/out';
import { envTree } from '../helpers/diff-trees';
import { configFixture, REPO, runNode, type Edit } from '../helpers/fixture';
import { gitRepo } from '../helpers/git-repo';
import { stubNpm } from '../helpers/stub-npm';
import { writeTree } from '../helpers/out-tree';

// The shipped matrix, synthesized once: the base of every edit-based test.
let base: string;
beforeAll(() => {
  const dir = configFixture();
  const r = runNode('main.js', ['--quiet', '--out', 'base'], dir);
  if (r.code !== 0) throw new Error(r.stderr);
  base = join(dir, 'base');
});

/** Diffs the shipped matrix against the shipped config with `edits`, as JSON, with --exit-code. */
function diffEdits(edits: readonly Edit[], extra: readonly string[] = []) {
  const dir = configFixture(edits);
  const r = runNode('tools/diff.js', ['--base', base, '--format', 'json', '--exit-code', ...extra], dir);
  if (!r.stdout.startsWith('{')) throw new Error(`diff failed (${r.code}): ${r.stderr}`);
  return { code: r.code, d: JSON.parse(r.stdout) as DiffResult, dir };
}

function cosmosOf(tree: string, env: string): JsonObject | undefined {
  const out = readSynthOutput(tree, [env]);
  return out.stacks.flatMap((s) => s.resources).find((r) => r.type === 'azurerm_cosmosdb_account')?.attrs;
}

describe('diff of the shipped matrix', () => {
  it('finds no change without edits (exit 0) and leaves no cdktf.out behind', () => {
    const dir = configFixture();
    const r = runNode('tools/diff.js', ['--base', base, '--exit-code'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No changes.');
    expect(readdirSync(dir)).toEqual(['environments']);
  });

  it('a region added: its stamp stack is added, nothing is HIGH, exit 4', () => {
    const { code, d } = diffEdits([
      {
        file: 'dev-public.yaml',
        from: '  - name: eastus2\n    addressSpace: 10.10.0.0/20\n',
        to: '  - name: eastus2\n    addressSpace: 10.10.0.0/20\n  - name: centralus\n    addressSpace: 10.10.16.0/20\n',
      },
    ]);
    expect(code).toBe(4);
    expect(d.risk).not.toBe('HIGH');
    const added = d.stacks.find((s) => s.stack === 'dev-public-centralus');
    expect(added).toMatchObject({ status: 'added', risk: 'LOW', environment: 'dev-public' });
    expect(added!.resources.map((r) => r.type)).toContain('azurerm_resource_group');
    expect(d.stacks.filter((s) => s.environment !== 'dev-public')).toEqual([]);
    // The global stack's Cosmos DB gets a new replica, appended to the failover order.
    const cosmos = d.stacks
      .find((s) => s.stack === 'dev-public-global')
      ?.resources.find((r) => r.type === 'azurerm_cosmosdb_account');
    expect(cosmos).toBeDefined();
    expect(cosmos!.changes).toContainEqual(
      expect.objectContaining({ path: 'geo_location[location=centralus]', risk: 'MEDIUM' }),
    );
  });

  it('a rate-limit threshold changed is LOW at its path in the WAF, exit 4', () => {
    const { code, d } = diffEdits([
      { file: 'prod-usgov.yaml', from: 'threshold: 2000', to: 'threshold: 5000' },
    ]);
    expect(code).toBe(4);
    expect(d.risk).toBe('LOW');
    const changed = d.stacks.flatMap((s) => s.resources.filter((r) => r.changes.length));
    expect(changed.map((r) => r.type)).toEqual(['azurerm_cdn_frontdoor_firewall_policy']);
    const changes = changed.flatMap((r) => r.changes);
    for (const c of changes) expect(c.path).toMatch(/threshold/);
    expect(changes).toContainEqual(expect.objectContaining({ before: 2000, after: 5000, risk: 'LOW' }));
  });

  it('the Cosmos regions reordered (primary swapped) is HIGH, exit 5', () => {
    const { code, d, dir } = diffEdits([
      {
        file: 'prod-usgov.yaml',
        from: '  - name: usgovvirginia\n    addressSpace: 10.40.0.0/20\n  - name: usgovtexas\n    addressSpace: 10.40.16.0/20\n',
        to: '  - name: usgovtexas\n    addressSpace: 10.40.16.0/20\n  - name: usgovvirginia\n    addressSpace: 10.40.0.0/20\n',
      },
    ]);
    expect(code).toBe(5);
    expect(d.risk).toBe('HIGH');
    expect(d.stacks.find((s) => s.stack === 'prod-usgov-global')!.risk).toBe('HIGH');
    // Where the output has the Cosmos account, the failover order change is named explicitly.
    const out = join(dir, 'head');
    expect(runNode('main.js', ['--quiet', '--out', 'head', '--env', 'prod-usgov'], dir).code).toBe(0);
    const cosmos = cosmosOf(out, 'prod-usgov');
    expect(cosmos).toBeDefined();
    const locations = asList(cosmos!.geo_location)
      .sort((a, b) => Number(a.failover_priority) - Number(b.failover_priority))
      .map((g) => g.location);
    expect(locations.slice(0, 2)).toEqual(['usgovtexas', 'usgovvirginia']);
    const change = d.stacks
      .flatMap((s) => s.resources)
      .find((r) => r.type === 'azurerm_cosmosdb_account')!
      .changes.find((c) => c.path === 'geo_location (failover order)');
    expect(change).toMatchObject({ risk: 'HIGH' });
    expect(change!.why).toContain('write region moves usgovvirginia → usgovtexas');
  });

  it('customer-managed keys turned off in one environment remove only the key resources and settings', () => {
    const { d } = diffEdits([
      {
        file: 'prod-dod.yaml',
        from: '\ncosmos:\n',
        to: '\nencryption:\n  customerManagedKeys: false\ncosmos:\n',
      },
    ]);
    // Only prod-dod's stacks change, and nothing is created.
    expect([...new Set(d.stacks.map((s) => s.environment))]).toEqual(['prod-dod']);
    expect(d.stacks.map((s) => s.stack).sort()).toEqual([
      'prod-dod-global',
      'prod-dod-usdodcentral',
      'prod-dod-usdodeast',
    ]);
    const all = d.stacks.flatMap((s) => s.resources.map((r) => ({ ...r, stack: s.stack })));
    expect(all.filter((r) => r.action === 'create')).toEqual([]);
    // Deleted: the key, its identities and roles, the disk encryption set, and the global keys vault (with its
    // diagnostic setting); the stamp vaults stay.
    const deleted = [...new Set(all.filter((r) => r.action === 'delete').map((r) => r.type))].sort();
    expect(deleted).toEqual([
      'azurerm_disk_encryption_set',
      'azurerm_key_vault',
      'azurerm_key_vault_key',
      'azurerm_monitor_diagnostic_setting',
      'azurerm_role_assignment',
      'azurerm_user_assigned_identity',
    ]);
    expect(
      all.filter((r) => r.action === 'delete' && r.type === 'azurerm_key_vault').map((r) => r.stack),
    ).toEqual(['prod-dod-global']);
    // Updated: only the consumers losing their key settings, and the stamp vaults back to Standard.
    const updated = all.filter((r) => r.action === 'update');
    const byType = (t: string) => updated.filter((r) => r.type === t);
    expect([...new Set(updated.map((r) => r.type))].sort()).toEqual([
      'azurerm_cosmosdb_account',
      'azurerm_key_vault',
      'azurerm_kubernetes_cluster',
      'azurerm_storage_account',
    ]);
    const paths = (t: string) => [...new Set(byType(t).flatMap((r) => r.changes.map((c) => c.path)))].sort();
    expect(paths('azurerm_cosmosdb_account')).toEqual([
      'default_identity_type',
      'depends_on',
      'identity',
      'key_vault_key_id',
    ]);
    expect(paths('azurerm_kubernetes_cluster')).toEqual([
      'default_node_pool.os_disk_size_gb',
      'default_node_pool.os_disk_type',
      'depends_on',
      'disk_encryption_set_id',
    ]);
    expect(paths('azurerm_storage_account')).toEqual(['customer_managed_key', 'depends_on', 'identity']);
    expect(paths('azurerm_key_vault')).toEqual(['sku_name']);
    // The provider's key purge setting goes with the keys; the only other settings are the registrations.
    const settings = d.stacks.flatMap((s) => s.settings);
    expect(settings.map((c) => c.path)).toContain('provider.azurerm.features.key_vault');
    const other = settings.filter(
      (c) =>
        c.path !== 'provider.azurerm.features.key_vault' &&
        c.path !== 'provider.azurerm.resource_providers_to_register',
    );
    // And the deployer's client config data source (the global stack has no other data source).
    for (const c of other) {
      expect(c.path === 'data' || c.path.startsWith('data.azurerm_client_config')).toBe(true);
      expect(JSON.stringify(c.before)).toContain('deployer');
      expect(c.after).toBeUndefined();
    }
    // Taking the key off replaces the Cosmos account and the clusters (ForceNew): HIGH.
    expect(byType('azurerm_cosmosdb_account').every((r) => r.replaces)).toBe(true);
    expect(byType('azurerm_kubernetes_cluster').every((r) => r.replaces)).toBe(true);
    expect(byType('azurerm_storage_account').some((r) => r.replaces)).toBe(false);
  });

  it('a stamp removed is HIGH and names every stateful resource of the removed stack', () => {
    const dir = configFixture([
      { file: 'prod-usgov.yaml', from: '  - name: usgovarizona\n    addressSpace: 10.40.32.0/20\n', to: '' },
    ]);
    const json = runNode('tools/diff.js', ['--base', base, '--format', 'json', '--exit-code'], dir);
    const text = runNode('tools/diff.js', ['--base', base], dir);
    const md = runNode('tools/diff.js', ['--base', base, '--format', 'markdown'], dir);
    expect(json.code).toBe(5);
    expect(text.code).toBe(0);
    const d = JSON.parse(json.stdout) as DiffResult;
    const gone = d.stacks.find((s) => s.stack === 'prod-usgov-usgovarizona')!;
    expect(gone).toMatchObject({ status: 'removed', risk: 'HIGH' });
    // Independently: the stateful resources the base's stack contains.
    const stateful = readSynthOutput(base, ['prod-usgov'])
      .stacks.find((s) => s.name === 'prod-usgov-usgovarizona')!
      .resources.filter((r) => STATEFUL[r.type]);
    // The stamp's data-bearing resources, listed independently of the risk table: each must count as stateful.
    expect([...new Set(stateful.map((r) => r.type))].sort()).toEqual(
      expect.arrayContaining([
        'azurerm_application_insights',
        'azurerm_key_vault',
        'azurerm_log_analytics_workspace',
        'azurerm_resource_group',
        'azurerm_storage_account',
      ]),
    );
    const high = text.stdout.slice(text.stdout.indexOf('HIGH ('), text.stdout.indexOf('\nMEDIUM (') >>> 0);
    for (const r of stateful) {
      expect(gone.resources.find((x) => x.address === r.address)).toMatchObject({
        action: 'delete',
        risk: 'HIGH',
      });
      expect(high).toContain(r.address);
      expect(md.stdout).toContain(r.address);
    }
  });

  it('a diff of the whole matrix stays under the comment size cap', () => {
    // Every environment changes (owner tag on every resource) and one environment disappears entirely.
    const edits: Edit[] = readdirSync(join(REPO, 'environments'))
      .filter((f) => f.endsWith('.yaml'))
      .map((file) => ({ file, from: /owner: .*/, to: 'owner: someone-else@example.com' }));
    const dir = configFixture(edits);
    const r = runNode('tools/diff.js', ['--base', base, '--format', 'markdown', '--exit-code'], dir);
    expect(r.code).toBe(4);
    expect(r.stdout.length).toBeLessThanOrEqual(MARKDOWN_CAP);
    expect(r.stdout).toContain('| prod-ussec |');
    // And the whole matrix removed (an empty head).
    const empty = writeTree({});
    const all = runNode(
      'tools/diff.js',
      ['--base', base, '--head', empty, '--format', 'markdown', '--exit-code'],
      dir,
    );
    expect(all.code).toBe(5);
    expect(all.stdout.length).toBeLessThanOrEqual(MARKDOWN_CAP);
    expect(all.stdout).toMatch(/stacks: 0 added, \d+ removed, 0 changed, 0 unchanged/);
  });

  it('--env limits the diff to one environment', () => {
    const { code, d } = diffEdits(
      [{ file: 'prod-usgov.yaml', from: /owner: .*/, to: 'owner: x@example.com' }],
      ['--env', 'prod-public'],
    );
    expect(code).toBe(0);
    expect(d.stacks).toEqual([]);
  });
});

describe('diff of hand-written trees', () => {
  it('a Cosmos region reordered between two directories: HIGH, exit 5, the order named', () => {
    const cosmos = { location: 'eastus2' };
    const a = writeTree(envTree({ regions: ['eastus2', 'centralus', 'westus3'], cosmos }));
    const b = writeTree(envTree({ regions: ['eastus2', 'westus3', 'centralus'], cosmos }));
    const r = runNode('tools/diff.js', ['--base', a, '--head', b, '--exit-code'], tmpdir());
    expect(r.code).toBe(5);
    expect(r.stdout).toContain(
      'geo_location (failover order): ["eastus2","centralus","westus3"] → ["eastus2","westus3","centralus"]',
    );
  });

  it('a MEDIUM change exits 4 with --exit-code, 0 without', () => {
    const a = writeTree(envTree());
    const b = writeTree(envTree({ httpsPriority: 120 }));
    expect(runNode('tools/diff.js', ['--base', a, '--head', b, '--exit-code'], tmpdir()).code).toBe(4);
    expect(runNode('tools/diff.js', ['--base', a, '--head', b], tmpdir()).code).toBe(0);
  });
});

describe('diff against a git ref', () => {
  it('synthesizes the ref in a temporary worktree with its own code and removes the worktree', () => {
    const { dir: repo, git } = gitRepo();
    git('add', '-A');
    git('commit', '--quiet', '-m', 'base');
    // The base's lockfile is the working tree's: its node_modules is reused, npm is never run.
    const npm = stubNpm(mkdtempSync(join(tmpdir(), 'footprint-npm-')), 'unused', {
      fail: 'npm must not run',
    });
    const file = join(repo, 'environments', 'prod-usgov.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('  - name: usgovarizona\n    addressSpace: 10.40.32.0/20\n', ''),
    );

    const r = runNode('tools/diff.js', ['--base', 'HEAD', '--exit-code'], repo, npm.env);
    expect(r.stderr).toBe('');
    expect(npm.calls()).toEqual([]);
    expect(r.code).toBe(5);
    expect(r.stdout).toContain('footprint diff: HEAD → working tree');
    expect(r.stdout).toContain('prod-usgov-usgovarizona  stack removed');
    expect(git('worktree', 'list').trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(repo, 'cdktf.out'))).toBe(false);

    const bad = runNode('tools/diff.js', ['--base', 'no-such-ref'], repo);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('diff: no-such-ref is neither a directory nor a git ref\n');
  });
});

describe('diff usage', () => {
  it('needs --base (exit 2), documents itself (exit 0), rejects a directory that is not a tree (exit 1)', () => {
    const dir = configFixture();
    const none = runNode('tools/diff.js', [], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--base is required');
    expect(none.stderr).toContain('Usage: npm run diff');
    const help = runNode('tools/diff.js', ['--help'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(
      '--exit-code        exit 0 without changes, 4 with changes, 5 with any HIGH change',
    );
    expect(help.stdout).toContain(
      '2 usage error, 4 (with --exit-code) changes,\n5 (with --exit-code) HIGH changes.',
    );
    expect(help.stdout).toContain('npm ci');
    const notTree = runNode('tools/diff.js', ['--base', 'environments'], dir);
    expect(notTree.code).toBe(1);
    expect(notTree.stderr).toContain('environments is a directory but not a synthesized tree');
    const badFormat = runNode('tools/diff.js', ['--base', 'environments', '--format', 'html'], dir);
    expect(badFormat.code).toBe(2);
  });

  it('exits 1 with the synth errors when the head does not synthesize', () => {
    const dir = configFixture([{ file: 'dev-public.yaml', from: 'tier: dev', to: 'tier: qa' }]);
    const r = runNode('tools/diff.js', ['--base', base], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('diff: synthesizing the working tree failed:');
    expect(r.stderr).toContain('tier: "qa" is not allowed');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
