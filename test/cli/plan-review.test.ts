/**
 * `npm run plan-review` on real plans of footprint's own stacks (test/fixtures/plans: terraform 1.11.4,
 * azurerm 4.55.0, see its README): what each mutation's plan says, exit codes, and that no sensitive value is
 * ever printed (canaries planted in copies of the fixtures).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInputs } from '../../tools/plan-review/plan';
import {
  reviewPlans,
  type PlanReview,
  type ResourceReview,
  type StackReview,
} from '../../tools/plan-review/review';
import { disagreements, readSynthDiff } from '../../tools/plan-review/synth-diff';
import { REPO, runNode } from '../helpers/fixture';

// The plan JSON is edited freely in tests: a loose type keeps the edits short.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

const PLANS = join(REPO, 'test', 'fixtures', 'plans');
const M = join(PLANS, 'mutations');
const plan = (label: string) => join(M, `${label}.plan.json`);

/** The review as `--format json` prints it, computed in process (the CLI runs below check codes and formats). */
function review(files: readonly string[], synthDiff?: string) {
  const rv = reviewPlans(loadInputs(files));
  return {
    review: {
      ...rv,
      ...(synthDiff ? { disagreements: disagreements(rv, readSynthDiff(synthDiff)) } : {}),
    } as PlanReview & { disagreements?: { stack: string; address?: string; note: string }[] },
  };
}

/** The exit code of `plan-review <files> --exit-code`, as a user runs it. */
function exitCode(files: readonly string[]): number {
  return runNode('tools/plan-review.js', [...files, '--exit-code'], REPO).code;
}

const stackOf = (rv: PlanReview, name: string): StackReview => rv.stacks.find((s) => s.stack === name)!;
const res = (s: StackReview, address: string): ResourceReview =>
  s.resources.find((r) => r.address === address)!;

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'plan-review-'));
}

/** A copy of a fixture plan, edited, written as `<stack>.plan.json` in `dir`. */
function edited(label: string, stack: string, dir: string, edit: (p: Loose) => void): string {
  const p = JSON.parse(readFileSync(plan(label), 'utf8'));
  edit(p);
  const file = join(dir, `${stack}.plan.json`);
  writeFileSync(file, JSON.stringify(p));
  return file;
}

describe('plan-review on the mutation fixtures', () => {
  it('b: the custom domain is replaced, forced by host_name; its association too; the routes only follow', () => {
    const { review: rv } = review([plan('b-frontdoor-custom-domain-host')]);
    const s = stackOf(rv, 'b-frontdoor-custom-domain-host');
    expect(s.risk).toBe('HIGH');
    expect(s.counts).toMatchObject({ replace: 2, update: 3, create: 0, delete: 0 });
    const domain = res(s, 'azurerm_cdn_frontdoor_custom_domain.entry_front-door_custom-domain');
    expect(domain).toMatchObject({ action: 'replace', risk: 'HIGH', replacePaths: ['host_name'] });
    expect(domain.changes).toContainEqual(
      expect.objectContaining({
        path: 'host_name',
        before: 'footprint.example.com',
        after: 'footprint2.example.com',
      }),
    );
    const assoc = res(
      s,
      'azurerm_cdn_frontdoor_custom_domain_association.entry_front-door_custom-domain-routes',
    );
    expect(assoc).toMatchObject({ action: 'replace', replacePaths: ['cdn_frontdoor_custom_domain_id'] });
    const route = res(s, 'azurerm_cdn_frontdoor_route.entry_front-door_route-cached');
    expect(route).toMatchObject({ action: 'update', risk: 'LOW', follows: [domain.address] });
    expect(s.summary).toMatch(/2 to replace.*forced by host_name/);
  });

  it('a2: the Cosmos write region moves (HIGH), and moving westus3 to priority 0 fails at apply', () => {
    const { review: rv } = review([plan('a2-cosmos-geo-swap-priority')]);
    const cosmos = res(stackOf(rv, 'a2-cosmos-geo-swap-priority'), 'azurerm_cosmosdb_account.cosmos_account');
    expect(cosmos).toMatchObject({ action: 'update', risk: 'HIGH' });
    expect(cosmos.changes).toContainEqual(
      expect.objectContaining({
        path: 'write region',
        before: 'eastus2',
        after: 'westus3',
        risk: 'HIGH',
      }),
    );
    const zero = cosmos.changes.find((c) => c.trap === 'cosmos-priority-zero')!;
    expect(zero).toMatchObject({
      path: 'geo_location[westus3].failover_priority',
      before: 1,
      after: 0,
      risk: 'HIGH',
    });
    expect(zero.why).toMatch(/apply will fail/);
    // Keyed by location: the artefact null → 0 of consistency_policy is not reported.
    expect(cosmos.changes.map((c) => c.path).join()).not.toMatch(/consistency_policy/);
  });

  it('c: the node pool vm_size update needs rotation and fails at apply without temporary_name_for_rotation', () => {
    const { review: rv } = review([plan('c-aks-nodepool-vmsize')]);
    const s = stackOf(rv, 'c-aks-nodepool-vmsize');
    const pool = res(s, 'azurerm_kubernetes_cluster_node_pool.aks_pool-apps');
    expect(pool).toMatchObject({ action: 'update', risk: 'HIGH' });
    expect(pool.changes).toEqual([
      expect.objectContaining({ path: 'vm_size', trap: 'aks-node-pool-rotation', risk: 'HIGH' }),
    ]);
    expect(pool.why[0]).toMatch(/rotat.*temporary_name_for_rotation/);
    expect(pool.changes[0]!.failsAtApply).toBe(true);
    expect(s.summary).toMatch(
      /^1 to update — azurerm_kubernetes_cluster_node_pool.aks_pool-apps: vm_size: apply will fail/,
    );

    // With the rotation name set the same change applies, by rotating every node: MEDIUM.
    const dir = tmp();
    const f = edited('c-aks-nodepool-vmsize', 'prod-public-eastus2', dir, (p) => {
      const rc = p.resource_changes.find((r: Loose) => r.address === pool.address);
      rc.change.after.temporary_name_for_rotation = 'appstmp';
    });
    const named = res(stackOf(review([f]).review, 'prod-public-eastus2'), pool.address);
    expect(named.risk).toBe('MEDIUM');
    expect(named.changes[0]).toMatchObject({ trap: 'aks-node-pool-rotation', risk: 'MEDIUM' });
    expect(named.changes[0]!.why).toMatch(/rotates the pool/);
    expect(named.changes[0]!.failsAtApply).toBeUndefined();
  });

  it('d: a subnet prefix is an in-place update that fails while the subnet is in use; e: a threshold is LOW', () => {
    const { review: rv } = review([plan('d-subnet-prefix'), plan('e-metric-alert-threshold')]);
    const subnet = res(stackOf(rv, 'd-subnet-prefix'), 'azurerm_subnet.network_subnet-ingress');
    expect(subnet).toMatchObject({ action: 'update', risk: 'HIGH' });
    expect(subnet.changes[0]).toMatchObject({ trap: 'subnet-prefix-in-use' });
    const e = stackOf(rv, 'e-metric-alert-threshold');
    expect(e.risk).toBe('LOW');
    expect(e.resources[0]!.changes).toEqual([
      expect.objectContaining({ path: 'criteria[0].threshold', before: 75, after: 80 }),
    ]);
  });

  it('no-op plans are no change (exit 0), also the baseline whose only changes are outputs', () => {
    const { review: rv } = review([plan('a1-cosmos-geo-reorder'), join(PLANS, 'prior-state')]);
    expect(rv.risk).toBeNull();
    for (const s of rv.stacks) expect(s).toMatchObject({ status: 'no-change', risk: null, resources: [] });
    const eastus2 = stackOf(rv, 'prod-public-eastus2.baseline-noop');
    expect(eastus2.outputs.map((o) => o.name)).toEqual([
      'aks_oidc_issuer_url',
      'app_insights_connection_string',
      'workload_identity_client_id',
    ]);
    expect(eastus2.summary).toBe('no change (61 resources unchanged); outputs: 3 to create');
  });

  it('f, z: a plan that failed is HIGH with the error and the resource it names', () => {
    const { review: rv } = review([M]);
    const f = stackOf(rv, 'f-waf-sku');
    expect(f).toMatchObject({ status: 'failed', risk: 'HIGH' });
    expect(f.errors[0]).toEqual({
      message: expect.stringContaining('downgrading from the "Premium_AzureFrontDoor" sku'),
      address: 'azurerm_cdn_frontdoor_firewall_policy.entry_front-door_waf_policy',
    });
    expect(stackOf(rv, 'z-location-check').errors[0]!.address).toBe('azurerm_resource_group.rg');
    expect(rv.counts.stacks).toEqual({ changes: 5, noChange: 1, failed: 2 });
  });

  it('a Front Door origin disabled is MEDIUM; the last enabled origin of its group disabled is HIGH', () => {
    const dir = tmp();
    const disable = (n: number) => (p: Loose) => {
      const origins = p.resource_changes.filter((r: Loose) => r.type === 'azurerm_cdn_frontdoor_origin');
      expect(origins.length).toBe(3);
      for (const o of origins.slice(0, n)) {
        o.change.actions = ['update'];
        o.change.after.enabled = false;
      }
    };
    const one = edited('b-frontdoor-custom-domain-host', 'one', dir, disable(1));
    const all = edited('b-frontdoor-custom-domain-host', 'all', dir, disable(3));
    const { review: rv } = review([one, all]);
    const origin = (s: string) =>
      stackOf(rv, s).resources.filter((r) => r.type === 'azurerm_cdn_frontdoor_origin');
    expect(origin('one').map((r) => r.risk)).toEqual(['MEDIUM']);
    expect(origin('one')[0]!.changes[0]).toMatchObject({
      path: 'enabled',
      trap: 'front-door-origin-disabled',
    });
    expect(origin('all').map((r) => r.risk)).toEqual(['HIGH', 'HIGH', 'HIGH']);
    expect(origin('all')[0]!.why.join()).toMatch(/no enabled origin is left/);
  });

  it('--exit-code: 0 no resource change (outputs only included), 4 changes, 5 HIGH or a failed plan', () => {
    expect(exitCode([plan('a1-cosmos-geo-reorder'), join(PLANS, 'prior-state')])).toBe(0);
    expect(exitCode([plan('e-metric-alert-threshold')])).toBe(4);
    expect(exitCode([plan('e-metric-alert-threshold'), plan('c-aks-nodepool-vmsize')])).toBe(5);
    expect(exitCode([join(M, 'f-waf-sku.plan.log')])).toBe(5);
    expect(runNode('tools/plan-review.js', [plan('c-aks-nodepool-vmsize')], REPO).code).toBe(0);
  });

  it('is byte-identical for the same input, in every format', () => {
    for (const format of ['text', 'markdown', 'json']) {
      const a = runNode('tools/plan-review.js', [M, '--format', format], REPO);
      const b = runNode('tools/plan-review.js', [M, '--format', format], REPO);
      expect(a.code).toBe(0);
      expect(a.stdout).toBe(b.stdout);
      if (format === 'json')
        expect(JSON.parse(a.stdout)).toEqual(JSON.parse(JSON.stringify(review([M]).review)));
    }
  });

  it('markdown is one sticky comment: marker, summary table, failed plans and HIGH sections open', () => {
    const r = runNode('tools/plan-review.js', [M, '--format', 'markdown'], REPO);
    expect(r.stdout.startsWith('<!-- footprint-plan -->\n## Terraform plan review: HIGH')).toBe(true);
    expect(r.stdout).toContain('| f-waf-sku | HIGH (failed) |');
    expect(r.stdout).toContain('<details open><summary><b>b-frontdoor-custom-domain-host</b>');
  });
});

describe('sensitive values', () => {
  const CANARIES = [
    'CANARY-before-key',
    'CANARY-after-key',
    'CANARY-block',
    'CANARY-output',
    'CANARY-nested',
  ];

  /** a2 with secrets planted where the plan's masks say they are sensitive, and changed so they are shown. */
  function planted(dir: string): string {
    return edited('a2-cosmos-geo-swap-priority', 'prod-public-global', dir, (p) => {
      const rc = p.resource_changes.find((r: Loose) => r.type === 'azurerm_cosmosdb_account');
      expect(rc.change.before_sensitive.primary_key).toBe(true);
      rc.change.before.primary_key = 'CANARY-before-key';
      rc.change.after.primary_key = 'CANARY-after-key';
      // A whole block marked sensitive, and a sensitive leaf inside a new block.
      rc.change.before.connection_strings = ['CANARY-block'];
      rc.change.after.connection_strings = [];
      rc.change.before_sensitive.connection_strings = true;
      rc.change.after.capabilities = [{ name: 'x', secret: 'CANARY-nested' }];
      rc.change.after_sensitive.capabilities = [{ secret: true }];
      p.output_changes = {
        app_insights_connection_string: {
          actions: ['update'],
          before: 'x',
          after: 'CANARY-output',
          after_unknown: false,
          before_sensitive: true,
          after_sensitive: true,
        },
      };
    });
  }

  it('no format prints a planted secret or the provider block secret, yet the change is reported', () => {
    const dir = tmp();
    const f = planted(dir);
    for (const format of ['text', 'markdown', 'json']) {
      const r = runNode('tools/plan-review.js', [f, '--format', format], REPO);
      expect(r.code).toBe(0);
      for (const c of [...CANARIES, 'mock-secret']) expect(r.stdout).not.toContain(c);
      expect(r.stdout).toContain('primary_key');
      expect(r.stdout).toContain('(sensitive)');
    }
    const key = review([f]).review.stacks[0]!.resources[0]!.changes.find((c) => c.path === 'primary_key');
    expect(key).toMatchObject({ before: '(sensitive)', after: '(sensitive)' });
  });

  it('--redact writes a plan without secrets that reviews the same', () => {
    const dir = tmp();
    const f = planted(dir);
    expect(readFileSync(f, 'utf8')).toContain('mock-secret');
    const r = runNode('tools/plan-review.js', ['--redact', f], REPO);
    expect(r.code).toBe(0);
    for (const c of [...CANARIES, 'mock-secret']) expect(r.stdout).not.toContain(c);
    cpSync(f, join(dir, 'orig.plan.json'));
    writeFileSync(join(dir, 'prod-public-global.redacted.plan.json'), r.stdout);
    const a = review([f]).review.stacks[0]!.resources[0]!;
    const b = review([join(dir, 'prod-public-global.redacted.plan.json')]).review.stacks[0]!.resources[0]!;
    expect(b).toMatchObject({ address: a.address, action: a.action, risk: a.risk, why: a.why });
    // A changed secret stays a change, shown only as (sensitive).
    expect(b.changes).toContainEqual(
      expect.objectContaining({ path: 'primary_key', before: '(sensitive)', after: '(sensitive)' }),
    );
    // b's routes still follow the replaced domain: the references survive the redaction.
    const rb = runNode('tools/plan-review.js', ['--redact', plan('b-frontdoor-custom-domain-host')], REPO);
    writeFileSync(join(dir, 'b.plan.json'), rb.stdout);
    const route = review([join(dir, 'b.plan.json')]).review.stacks[0]!.resources.find(
      (x) => x.type === 'azurerm_cdn_frontdoor_route',
    );
    expect(route?.follows).toEqual(['azurerm_cdn_frontdoor_custom_domain.entry_front-door_custom-domain']);
  });
});

describe('plan-review and the synth diff', () => {
  it('lists where the synth diff and the plan disagree', () => {
    const dir = tmp();
    const c = edited('c-aks-nodepool-vmsize', 'prod-public-eastus2', dir, () => undefined);
    const b = edited('b-frontdoor-custom-domain-host', 'prod-public-global', dir, () => undefined);
    const diff = {
      risk: 'HIGH',
      environments: [],
      counts: {},
      stacks: [
        {
          stack: 'prod-public-eastus2',
          resources: [
            {
              address: 'azurerm_kubernetes_cluster_node_pool.aks_pool-apps',
              type: 'azurerm_kubernetes_cluster_node_pool',
              action: 'update',
              replaces: true,
            },
          ],
        },
        {
          stack: 'prod-public-global',
          resources: [
            {
              address: 'azurerm_cdn_frontdoor_custom_domain.entry_front-door_custom-domain',
              type: 'azurerm_cdn_frontdoor_custom_domain',
              action: 'update',
              replaces: false,
            },
            {
              address: 'azurerm_cosmosdb_account.cosmos_account',
              type: 'azurerm_cosmosdb_account',
              action: 'update',
              replaces: false,
            },
          ],
        },
        { stack: 'prod-public-westus3', resources: [] },
      ],
    };
    writeFileSync(join(dir, 'diff.json'), JSON.stringify(diff));
    const { review: rv } = review([c, b], join(dir, 'diff.json'));
    const notes = rv.disagreements!.map((d) => `${d.stack} ${d.address ?? ''}: ${d.note}`);
    expect(notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /aks_pool-apps: the synth diff calls it a replacement; the plan updates it in place/,
        ),
        expect.stringMatching(
          /custom-domain: the plan replaces it \(forced by host_name\).*azurerm_cdn_frontdoor_custom_domain: \['host_name'\]/,
        ),
        expect.stringMatching(/cosmos_account: the synth diff updates it; the plan leaves it unchanged/),
        expect.stringMatching(/route-cached: the plan updates it, the synth diff does not \(it follows/),
        expect.stringMatching(/prod-public-westus3 : .*no plan was given/),
      ]),
    );
  });
});

describe('plan-review input errors', () => {
  it('no plan is a usage error (2); a missing file or a non-plan is invalid input (1), one line', () => {
    const none = runNode('tools/plan-review.js', [], REPO);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^plan-review: name at least one plan/);
    const missing = runNode('tools/plan-review.js', ['nope.plan.json'], REPO);
    expect(missing).toMatchObject({
      code: 1,
      stderr: 'plan-review: nope.plan.json: no such file or folder\n',
    });
    const dir = tmp();
    writeFileSync(join(dir, 'x.plan.json'), '{"version": 4}');
    const bad = runNode('tools/plan-review.js', [join(dir, 'x.plan.json')], REPO);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/no "format_version"; expected terraform show -json/);
    writeFileSync(join(dir, 'y.plan.json'), '{"format_version": "2.0"}');
    expect(runNode('tools/plan-review.js', [join(dir, 'y.plan.json')], REPO).stderr).toMatch(
      /format 2.0 is not supported/,
    );
  });
});
