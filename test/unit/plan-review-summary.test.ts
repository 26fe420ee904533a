/**
 * The plan review per stack and over all stacks, on small hand-built plans: the one-line summary a reviewer
 * reads first (failed plans, no change, outputs only, counts, what fails at apply, the top risk), the order of
 * resources and stacks, and the totals.
 */
import { reviewPlans, reviewStack } from '../../tools/plan-review/review';
import { plan, rc, review, update } from '../helpers/tf-plan';

const pool = (name: string) =>
  update(`azurerm_kubernetes_cluster_node_pool.${name}`, { vm_size: 'D4' }, { vm_size: 'D8' });
const replaced = (address: string) => rc(address, ['delete', 'create'], { name: 'a' }, { name: 'b' });
const created = (address: string) => rc(address, ['create'], null, { name: 'a' });
const unchanged = (address: string) => rc(address, ['no-op'], { name: 'a' }, { name: 'a' });

describe('a plan that failed', () => {
  const failed = (errors?: { message: string; address?: string }[]) =>
    reviewStack({ stack: 'f', file: 'f.plan.log', ...(errors ? { errors } : {}) });

  it('is HIGH, with its errors and the first one in the summary', () => {
    const errors = [
      {
        message: 'downgrading the sku is not supported',
        address: 'azurerm_cdn_frontdoor_firewall_policy.waf',
      },
      { message: 'second' },
    ];
    expect(failed(errors)).toEqual({
      stack: 'f',
      file: 'f.plan.log',
      status: 'failed',
      risk: 'HIGH',
      counts: { create: 0, update: 0, replace: 0, delete: 0, read: 0, 'no-op': 0 },
      resources: [],
      outputs: [],
      errors,
      summary: 'plan failed: downgrading the sku is not supported',
    });
  });

  it('a message over 160 characters is cut to 159 and an ellipsis; without errors, see the log', () => {
    const exactly = 'x'.repeat(160);
    expect(failed([{ message: exactly }]).summary).toBe(`plan failed: ${exactly}`);
    expect(failed([{ message: `${'y'.repeat(159)}zz` }]).summary).toBe(`plan failed: ${'y'.repeat(159)}…`);
    expect(failed().summary).toBe('plan failed: see the log');
    expect(failed().errors).toEqual([]);
  });
});

describe('no change', () => {
  it('counts the unchanged resources, not unchanged data sources', () => {
    const s = review(
      plan([
        unchanged('azurerm_subnet.a'),
        unchanged('azurerm_subnet.b'),
        { ...unchanged('azurerm_client_config.c'), mode: 'data' },
      ]),
    );
    expect(s).toMatchObject({ status: 'no-change', risk: null, resources: [], outputs: [], errors: [] });
    expect(s.counts['no-op']).toBe(2);
    expect(s.summary).toBe('no change (2 resources unchanged)');
    expect(review(plan([unchanged('azurerm_subnet.a')])).summary).toBe('no change (1 resource unchanged)');
    expect(review(plan([])).summary).toBe('no change (0 resources unchanged)');
    expect(review({ format_version: '1.2' }).summary).toBe('no change (0 resources unchanged)');
  });

  it('outputs only: no resource change, the outputs listed by name, sensitive when either side is', () => {
    const out = (actions: readonly ('create' | 'update' | 'delete' | 'no-op')[], more = {}) => ({
      actions,
      before: null,
      after: null,
      ...more,
    });
    const s = review(
      plan([unchanged('azurerm_subnet.a')], {
        output_changes: {
          zone: out(['create']),
          key: out(['update'], { before_sensitive: true, after_sensitive: false }),
          conn: out(['update'], { before_sensitive: false, after_sensitive: true }),
          same: out(['no-op']),
          gone: out(['delete']),
        },
      }),
    );
    expect(s.status).toBe('no-change');
    expect(s.risk).toBeNull();
    expect(s.outputs).toEqual([
      { name: 'conn', action: 'update', sensitive: true },
      { name: 'gone', action: 'delete', sensitive: false },
      { name: 'key', action: 'update', sensitive: true },
      { name: 'zone', action: 'create', sensitive: false },
    ]);
    expect(s.summary).toBe(
      'no change (1 resource unchanged); outputs: 1 to create, 2 to update, 1 to delete',
    );
  });
});

describe('the summary of changes', () => {
  it('counts each action in a fixed order, then the top risk’s why, and how many more share it', () => {
    const s = review(
      plan([
        { ...rc('azurerm_client_config.c', ['read'], null, {}), mode: 'data' },
        rc('azurerm_key_vault.kv', ['delete'], { name: 'kv' }, null),
        replaced('azurerm_subnet.b'),
        update('azurerm_monitor_metric_alert.m', { severity: 1 }, { severity: 2 }),
        // A lower risk with a why of its own is not counted among the HIGH.
        update('azurerm_storage_account.st', { min_tls_version: 'TLS1_2' }, { min_tls_version: 'TLS1_0' }),
        update('azurerm_monitor_metric_alert.n', { severity: 1 }, { severity: 2 }),
        created('azurerm_subnet.c'),
        unchanged('azurerm_subnet.d'),
      ]),
    );
    expect(s.counts).toEqual({ create: 1, update: 3, replace: 1, delete: 1, read: 1, 'no-op': 1 });
    expect(s.risk).toBe('HIGH');
    expect(s.summary).toBe(
      '1 to create, 3 to update, 1 to replace, 1 to delete, 1 to read — azurerm_key_vault.kv: deleted: loses keys, secrets and certificates (and 1 more HIGH)',
    );
  });

  it('a change that fails at apply comes first, with how many more fail', () => {
    const one = review(plan([replaced('azurerm_subnet.a'), pool('p1')]));
    const fails =
      'apply will fail: the provider changes this only by rotating the pool, and the pool has no temporary_name_for_rotation';
    expect(one.summary).toBe(
      `1 to update, 1 to replace — azurerm_kubernetes_cluster_node_pool.p1: vm_size: ${fails}`,
    );
    const two = review(plan([pool('p2'), pool('p1')]));
    expect(two.summary).toBe(
      `2 to update — azurerm_kubernetes_cluster_node_pool.p1: vm_size: ${fails} (and 1 more that fail at apply)`,
    );
  });

  it('a single top risk has no count of more; LOW changes have no why to show; outputs come last', () => {
    const medium = review(
      plan([
        update('azurerm_storage_account.st', { min_tls_version: 'TLS1_2' }, { min_tls_version: 'TLS1_0' }),
        created('azurerm_subnet.a'),
      ]),
    );
    expect(medium.summary).toBe(
      '1 to create, 1 to update — azurerm_storage_account.st: min_tls_version: security or availability',
    );
    const low = review(
      plan([created('azurerm_subnet.a')], {
        output_changes: { id: { actions: ['delete'], before: 'x', after: null } },
      }),
    );
    expect(low).toMatchObject({ status: 'changes', risk: 'LOW', errors: [] });
    expect(low.summary).toBe('1 to create; outputs: 1 to delete');
  });

  it('resources: highest risk first, then by address', () => {
    const s = review(
      plan([
        created('azurerm_subnet.a'),
        replaced('azurerm_subnet.z'),
        update('azurerm_storage_account.c', { min_tls_version: 'TLS1_2' }, { min_tls_version: 'TLS1_0' }),
        replaced('azurerm_subnet.b'),
        created('azurerm_subnet.0'),
      ]),
    );
    expect(s.resources.map((r) => `${r.risk} ${r.address}`)).toEqual([
      'HIGH azurerm_subnet.b',
      'HIGH azurerm_subnet.z',
      'MEDIUM azurerm_storage_account.c',
      'LOW azurerm_subnet.0',
      'LOW azurerm_subnet.a',
    ]);
  });
});

describe('all stacks', () => {
  const stack = (name: string, p: Parameters<typeof plan>[0]) => ({
    stack: name,
    file: `${name}.plan.json`,
    plan: plan(p),
  });

  it('highest risk first (a failed plan is HIGH, no change last), then by name; totals per action and risk', () => {
    const rv = reviewPlans([
      stack('b-none', [unchanged('azurerm_subnet.a')]),
      stack('a-none', []),
      stack('c-low', [created('azurerm_subnet.a'), created('azurerm_subnet.b')]),
      stack('d-medium', [rc('azurerm_subnet.a', ['delete'], {}, null)]),
      { stack: 'z-failed', file: 'z-failed.plan.log', errors: [{ message: 'boom' }] },
      stack('e-high', [replaced('azurerm_subnet.a'), update('azurerm_subnet.b', { x: 1 }, { x: 2 })]),
      stack('y-read', [{ ...rc('azurerm_client_config.c', ['read'], null, {}), mode: 'data' }]),
    ]);
    expect(rv.stacks.map((s) => s.stack)).toEqual([
      'e-high',
      'z-failed',
      'd-medium',
      'c-low',
      'y-read',
      'a-none',
      'b-none',
    ]);
    expect(rv.risk).toBe('HIGH');
    expect(rv.counts).toEqual({
      stacks: { changes: 4, noChange: 2, failed: 1 },
      resources: { create: 2, update: 1, replace: 1, delete: 1, read: 1 },
      risk: { HIGH: 2, MEDIUM: 1, LOW: 4 },
    });
  });

  it('no change anywhere: no risk', () => {
    const rv = reviewPlans([stack('a', [unchanged('azurerm_subnet.a')]), stack('b', [])]);
    expect(rv.risk).toBeNull();
    expect(rv.counts.risk).toEqual({ HIGH: 0, MEDIUM: 0, LOW: 0 });
    expect(reviewPlans([stack('c', [created('azurerm_subnet.a')])]).risk).toBe('LOW');
    expect(reviewPlans([]).risk).toBeNull();
  });
});
