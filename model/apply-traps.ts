/**
 * Changes that Terraform plans as an in-place `update` but that the provider refuses (or that disrupt the
 * service) at apply, for the resource types footprint ships, with azurerm 4.55.0. A plan review (and anyone
 * reading a diff) cannot see these from the plan's actions alone; this table names them.
 *
 * `paths` are attribute names joined by "." without list positions (`default_node_pool.vm_size`); blocks that are
 * sets in Terraform (Cosmos `geo_location`) are matched by their key, so `geo_location.failover_priority` is the
 * priority of one location.
 */
import { CYCLE_NODE_POOL_PROPERTIES, DEFAULT_POOL_EXTRA } from './node-pool-rotation';

/** When a change of one of the paths is a trap. */
export type TrapWhen =
  /** any change */
  | 'changed'
  /** a value that was set (not null) changes */
  | 'changed-once-set'
  /** true → false */
  | 'turned-off'
  /** an existing entry's value becomes 0 (Cosmos failover priority) */
  | 'to-zero';

export interface ApplyTrap {
  readonly id: string;
  readonly type: string;
  readonly paths: readonly string[];
  readonly when: TrapWhen;
  /** `fails`: the apply errors; `disrupts`: it applies but takes capacity or traffic away. */
  readonly outcome: 'fails' | 'disrupts';
  readonly risk: 'HIGH' | 'MEDIUM';
  readonly why: string;
  /** An attribute whose non-empty value in the planned state defuses the trap, and what remains then. */
  readonly unless?: {
    readonly attribute: string;
    readonly risk: 'HIGH' | 'MEDIUM';
    readonly why: string;
  };
  readonly source: string;
}

const ROTATES =
  'rotates the pool through its temporary pool: every node is replaced, without cordon and drain';

export const APPLY_TRAPS: readonly ApplyTrap[] = [
  {
    id: 'aks-node-pool-rotation',
    type: 'azurerm_kubernetes_cluster_node_pool',
    paths: CYCLE_NODE_POOL_PROPERTIES,
    when: 'changed',
    outcome: 'fails',
    risk: 'HIGH',
    why: 'apply will fail: the provider changes this only by rotating the pool, and the pool has no temporary_name_for_rotation',
    unless: { attribute: 'temporary_name_for_rotation', risk: 'MEDIUM', why: ROTATES },
    source: 'azurerm v4.55.0 kubernetes_cluster_node_pool_resource.go (cycleNodePoolProperties)',
  },
  {
    id: 'aks-default-pool-rotation',
    type: 'azurerm_kubernetes_cluster',
    paths: [...CYCLE_NODE_POOL_PROPERTIES, ...DEFAULT_POOL_EXTRA].map((p) => `default_node_pool.${p}`),
    when: 'changed',
    outcome: 'fails',
    risk: 'HIGH',
    why: 'apply will fail: the provider changes this only by rotating the system pool, and it has no temporary_name_for_rotation',
    unless: { attribute: 'default_node_pool.temporary_name_for_rotation', risk: 'MEDIUM', why: ROTATES },
    source: 'azurerm v4.55.0 kubernetes_cluster_resource.go (default_node_pool cycle properties)',
  },
  {
    id: 'cosmos-priority-zero',
    type: 'azurerm_cosmosdb_account',
    paths: ['geo_location.failover_priority'],
    when: 'to-zero',
    outcome: 'fails',
    risk: 'HIGH',
    why: "apply will fail: azurerm 4.55 cannot change an existing location's failover priority to 0 (the write region); fail over first (az cosmosdb failover-priority-change), then align the configuration",
    source: 'azurerm v4.55.0 cosmosdb_account_resource.go ("cannot change the failover priority of … to 0")',
  },
  {
    id: 'cosmos-priority-change',
    type: 'azurerm_cosmosdb_account',
    paths: ['geo_location.failover_priority'],
    when: 'changed',
    outcome: 'disrupts',
    risk: 'MEDIUM',
    why: 'the location is removed and re-added (its replica is re-provisioned)',
    source:
      'azurerm v4.55.0 cosmosdb_account_resource.go ("Removing renamed Locations"); cosmosdb_account docs',
  },
  {
    id: 'key-vault-retention',
    type: 'azurerm_key_vault',
    paths: ['soft_delete_retention_days'],
    when: 'changed-once-set',
    outcome: 'fails',
    risk: 'HIGH',
    why: 'apply will fail: soft_delete_retention_days cannot be modified once configured',
    source: 'azurerm v4.55.0 key_vault_resource.go',
  },
  {
    id: 'key-vault-purge-protection',
    type: 'azurerm_key_vault',
    paths: ['purge_protection_enabled'],
    when: 'turned-off',
    outcome: 'fails',
    risk: 'HIGH',
    why: 'apply will fail: purge protection cannot be disabled once enabled',
    source: 'azurerm v4.55.0 key_vault_resource.go',
  },
  {
    id: 'storage-large-file-share',
    type: 'azurerm_storage_account',
    paths: ['large_file_share_enabled'],
    when: 'turned-off',
    outcome: 'fails',
    risk: 'HIGH',
    why: 'apply will fail: large file shares cannot be disabled once enabled',
    source: 'azurerm v4.55.0 storage_account_resource.go',
  },
  {
    id: 'subnet-prefix-in-use',
    type: 'azurerm_subnet',
    paths: ['address_prefixes'],
    when: 'changed',
    outcome: 'fails',
    risk: 'HIGH',
    why: 'apply fails while the old prefix has allocations (AKS nodes, private endpoints, ingress IP): InUseSubnetCannotBeUpdated',
    source: 'hashicorp/terraform-provider-azurerm issues #11211, #7687, #19781',
  },
  {
    id: 'front-door-origin-disabled',
    type: 'azurerm_cdn_frontdoor_origin',
    paths: ['enabled'],
    when: 'turned-off',
    outcome: 'disrupts',
    risk: 'MEDIUM',
    why: 'takes the origin (a region) out of Front Door rotation: the other origins take its traffic',
    source: 'azurerm v4.55.0 cdn_frontdoor_origin docs',
  },
];

/** The traps of a type whose paths cover `path` (equal, or a sub-attribute), in table order. */
export function trapsFor(type: string, path: string): ApplyTrap[] {
  return APPLY_TRAPS.filter(
    (t) => t.type === type && t.paths.some((p) => path === p || path.startsWith(`${p}.`)),
  );
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || v === false;

/** Whether a change of `path` from `before` to `after` (undefined: absent) meets the trap's condition. */
export function trapApplies(trap: ApplyTrap, before: unknown, after: unknown): boolean {
  switch (trap.when) {
    case 'changed':
      return true;
    case 'changed-once-set':
      return !isEmpty(before);
    case 'turned-off':
      return before === true && after === false;
    case 'to-zero':
      return before !== undefined && before !== null && before !== 0 && after === 0;
  }
}

/** The first trap that a change meets, with the risk and why that hold given the planned state's `defused`. */
export function applyTrap(
  type: string,
  path: string,
  before: unknown,
  after: unknown,
  defusedBy: (attribute: string) => unknown,
): { trap: ApplyTrap; risk: 'HIGH' | 'MEDIUM'; why: string } | undefined {
  const trap = trapsFor(type, path).find((t) => trapApplies(t, before, after));
  if (!trap) return undefined;
  if (trap.unless && !isEmpty(defusedBy(trap.unless.attribute))) {
    return { trap, risk: trap.unless.risk, why: trap.unless.why };
  }
  return { trap, risk: trap.risk, why: trap.why };
}
