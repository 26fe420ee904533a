/**
 * What the plan review makes of each resource action, on small hand-built plans: create and read are LOW,
 * delete is MEDIUM (HIGH for stateful types, with what is lost), replace is HIGH with how and why, an update
 * lists its changes, and updates that only follow a replaced or created resource say so.
 */
import type { TfPlan } from '../../tools/plan-review/plan';
import { actionOf } from '../../tools/plan-review/review';
import { one, plan, rc, referring, review, update } from '../helpers/tf-plan';

describe('actions', () => {
  it('create + delete in either order is a replacement; no-op and an empty list change nothing', () => {
    expect(actionOf(['delete', 'create'])).toBe('replace');
    expect(actionOf(['create', 'delete'])).toBe('replace');
    expect(actionOf(['no-op'])).toBe('no-op');
    expect(actionOf([])).toBe('no-op');
    for (const a of ['create', 'update', 'delete', 'read'] as const) expect(actionOf([a])).toBe(a);
  });

  it('an action list the review does not know is shown as an update, with its changes', () => {
    expect(actionOf(['read', 'update'])).toBe('update');
    const r = one(rc('azurerm_subnet.a', ['forget' as never], { name: 'a' }, { name: 'b' }));
    expect(r).toMatchObject({ action: 'update', changes: [expect.objectContaining({ path: 'name' })] });
  });
});

describe('create, read and delete', () => {
  it('a create is LOW with nothing to list', () => {
    expect(one(rc('azurerm_subnet.a', ['create'], null, { name: 'a' }))).toEqual({
      address: 'azurerm_subnet.a',
      type: 'azurerm_subnet',
      action: 'create',
      risk: 'LOW',
      why: [],
      changes: [],
      unknown: [],
    });
  });

  it('a data read is LOW with Terraform’s reason in words; an unknown reason is kept as it is', () => {
    const read = (reason: string) =>
      one(rc('azurerm_client_config.c', ['read'], null, {}, { mode: 'data', action_reason: reason }));
    expect(read('read_because_config_unknown')).toMatchObject({
      action: 'read',
      risk: 'LOW',
      reason: 'its configuration is known only at apply',
    });
    expect(read('read_because_dependency_pending').reason).toBe('a dependency changes');
    expect(read('read_because_something_new').reason).toBe('read_because_something_new');
  });

  it('deleting a stateful resource is HIGH and says what it loses; anything else deleted is MEDIUM', () => {
    const vault = one(
      rc('azurerm_key_vault.kv', ['delete'], { name: 'kv' }, null, {
        action_reason: 'delete_because_no_resource_config',
      }),
    );
    expect(vault).toEqual({
      address: 'azurerm_key_vault.kv',
      type: 'azurerm_key_vault',
      action: 'delete',
      risk: 'HIGH',
      why: ['deleted: loses keys, secrets and certificates'],
      reason: 'it is no longer in the configuration',
      loses: 'keys, secrets and certificates',
      changes: [],
      unknown: [],
    });
    const subnet = one(rc('azurerm_subnet.a', ['delete'], { name: 'a' }, null));
    expect(subnet).toMatchObject({ risk: 'MEDIUM', why: ['deleted'] });
    expect(JSON.parse(JSON.stringify(subnet))).not.toHaveProperty('loses');
    expect(JSON.parse(JSON.stringify(subnet))).not.toHaveProperty('reason');
  });

  it('each delete reason in words', () => {
    const reason = (r: string) =>
      one(rc('azurerm_subnet.a', ['delete'], { name: 'a' }, null, { action_reason: r })).reason;
    expect(reason('delete_because_wrong_repetition')).toBe('count/for_each changed');
    expect(reason('delete_because_count_index')).toBe('its count index is gone');
    expect(reason('delete_because_each_key')).toBe('its for_each key is gone');
    expect(reason('delete_because_no_module')).toBe('its module is gone');
    expect(reason('delete_because_no_move_target')).toBe('its moved target does not exist');
  });
});

describe('replace', () => {
  const domain = 'azurerm_cdn_frontdoor_custom_domain.entry';

  it('create before destroy, forced by the paths Terraform names (list positions in brackets)', () => {
    const r = one(
      rc(
        domain,
        ['create', 'delete'],
        { host_name: 'a.example.com', tls: [{ x: 1 }] },
        { host_name: 'b.example.com', tls: [{ x: 2 }] },
        {
          action_reason: 'replace_because_cannot_update',
          change: { replace_paths: [['host_name'], ['tls', 0, 'x']] },
        },
      ),
    );
    expect(r).toMatchObject({
      action: 'replace',
      risk: 'HIGH',
      why: ['replaced (create, then destroy), forced by host_name, tls[0].x'],
      replacePaths: ['host_name', 'tls[0].x'],
      reason: 'the provider cannot update it in place',
    });
    expect(r.changes.map((c) => [c.path, c.before, c.after])).toEqual([
      ['host_name', 'a.example.com', 'b.example.com'],
      ['tls[0].x', 1, 2],
    ]);
  });

  it('destroy before create is down in between; a stateful replacement says what it loses', () => {
    const r = one(
      rc(
        'azurerm_storage_account.st',
        ['delete', 'create'],
        { name: 'a' },
        { name: 'b' },
        {
          action_reason: 'replace_because_tainted',
        },
      ),
    );
    expect(r.why).toEqual([
      'replaced (destroy, then create: down in between): loses blobs, files, queues and tables',
    ]);
    expect(r).toMatchObject({ reason: 'it is tainted', loses: 'blobs, files, queues and tables' });
    // Without replace_paths there is nothing to name.
    expect(r).not.toHaveProperty('replacePaths');
    const requested = (why: string) =>
      one(rc('azurerm_subnet.a', ['delete', 'create'], {}, {}, { action_reason: why })).reason;
    expect(requested('replace_by_request')).toBe('replacement was requested (-replace)');
    expect(requested('replace_by_triggers')).toBe('replace_triggered_by');
  });

  it('attributes known only after apply are listed apart from the known changes', () => {
    const r = one(
      rc(
        domain,
        ['delete', 'create'],
        { id: 'x', host_name: 'a' },
        { host_name: 'b' },
        {
          change: { after_unknown: { id: true } },
        },
      ),
    );
    expect(r.unknown).toEqual(['id']);
    expect(r.changes.map((c) => c.path)).toEqual(['host_name']);
  });
});

describe('updates that only follow a replacement', () => {
  const route = 'azurerm_cdn_frontdoor_route.r';
  const domain = 'azurerm_cdn_frontdoor_custom_domain.d';
  const replacedDomain = rc(domain, ['delete', 'create'], { host_name: 'a' }, { host_name: 'b' });
  const routeUpdate = update(route, { ids: ['old'] }, { ids: [] }, { after_unknown: { ids: true } });

  it('a bare reference to the resource (for_each, a whole object) counts as well', () => {
    const s = review(plan([replacedDomain, routeUpdate], { configuration: referring(route, [domain]) }));
    expect(s.resources.find((x) => x.address === route)!.follows).toEqual([domain]);
  });

  it('an update with values known after apply follows the replaced resource it refers to', () => {
    const s = review(
      plan([replacedDomain, routeUpdate], {
        configuration: referring(route, [`${domain}.id`, domain, 'azurerm_cdn_frontdoor_profile.p.id']),
      }),
    );
    const r = s.resources.find((x) => x.address === route)!;
    expect(r).toMatchObject({ action: 'update', risk: 'LOW', unknown: ['ids'], follows: [domain] });
  });

  it('a created resource is followed too; references reach into nested blocks and lists', () => {
    const created = rc('azurerm_cdn_frontdoor_rule_set.rs', ['create'], null, { name: 'rs' });
    const configuration = {
      root_module: {
        resources: [
          {
            address: route,
            expressions: {
              cdn_frontdoor_rule_set_ids: { references: ['azurerm_cdn_frontdoor_rule_set.rs.id', 7] },
              cache: [{ references: { constant_value: 'an attribute named references' } }, null],
              origin: [{ group: { references: [`${domain}.id`] } }],
            },
          },
        ],
      },
    };
    const s = review(plan([replacedDomain, created, routeUpdate], { configuration }));
    expect(s.resources.find((x) => x.address === route)!.follows).toEqual([
      domain,
      'azurerm_cdn_frontdoor_rule_set.rs',
    ]);
  });

  it('a reference that only shares a prefix, an unchanged resource, or itself is not followed', () => {
    const other = rc('azurerm_cdn_frontdoor_custom_domain.dx', ['no-op'], {}, {});
    const s = review(
      plan([replacedDomain, other, routeUpdate], {
        configuration: referring(route, [
          `${domain}x.id`,
          route,
          'azurerm_cdn_frontdoor_custom_domain.dx.id',
        ]),
      }),
    );
    expect(s.resources.find((x) => x.address === route)).not.toHaveProperty('follows');
  });

  it('a replacement follows the other replacements it refers to, not itself', () => {
    const assoc = 'azurerm_cdn_frontdoor_custom_domain_association.a';
    const s = review(
      plan([replacedDomain, rc(assoc, ['delete', 'create'], { x: 1 }, { x: 2 })], {
        configuration: {
          root_module: {
            resources: [
              { address: assoc, expressions: { id: { references: [`${domain}.id`, `${assoc}.id`] } } },
            ],
          },
        },
      }),
    );
    expect(s.resources.find((x) => x.address === assoc)!.follows).toEqual([domain]);
    expect(s.resources.find((x) => x.address === domain)).not.toHaveProperty('follows');
  });

  it('an update without unknown values does not follow anything, even if it refers to a replacement', () => {
    const s = review(
      plan([replacedDomain, update(route, { ids: ['a'] }, { ids: ['b'] })], {
        configuration: referring(route, [`${domain}.id`]),
      }),
    );
    expect(s.resources.find((x) => x.address === route)).not.toHaveProperty('follows');
  });

  it('a plan without configuration (or without its resources) follows nothing, and does not fail', () => {
    const configurations: Partial<TfPlan>[] = [
      {},
      { configuration: {} },
      { configuration: { root_module: {} } },
    ];
    for (const more of configurations)
      expect(
        review(plan([replacedDomain, routeUpdate], more)).resources.find((x) => x.address === route),
      ).not.toHaveProperty('follows');
  });
});
