/**
 * AKS node pool rotation in azurerm 4.55.0: changing one of the "cycle" properties of a pool makes the
 * provider create a temporary pool (`temporary_name_for_rotation`) with the new values, delete and recreate the
 * pool, then delete the temporary one. Without that name the update is refused at apply, although the plan
 * says "update" (source: hashicorp/terraform-provider-azurerm v4.55.0,
 * internal/services/containers/kubernetes_cluster_node_pool_resource.go `cycleNodePoolProperties`, and
 * kubernetes_cluster_resource.go for the default pool).
 */

/** Pool properties whose change cycles the pool (node pool resource; the default pool adds DEFAULT_POOL_EXTRA). */
export const CYCLE_NODE_POOL_PROPERTIES = [
  'fips_enabled',
  'host_encryption_enabled',
  'kubelet_config',
  'kubelet_disk_type',
  'linux_os_config',
  'max_pods',
  'node_public_ip_enabled',
  'os_disk_size_gb',
  'os_disk_type',
  'pod_subnet_id',
  'snapshot_id',
  'ultra_ssd_enabled',
  'vm_size',
  'vnet_subnet_id',
  'zones',
] as const;

/** The default pool also cycles on these (`os_sku` cycles too, except between Ubuntu or AzureLinux SKUs). */
export const DEFAULT_POOL_EXTRA = ['name', 'only_critical_addons_enabled'] as const;

/** What `temporary_name_for_rotation` (and any pool name) must match: KubernetesAgentPoolName. */
export const POOL_NAME_PATTERN = /^[a-z][a-z0-9]{0,11}$/;

/**
 * One temporary name per pool, in the order given, each valid and distinct from every pool name and every other
 * temporary name of the cluster: `<name, at most 9 chars>tmp`, else `<name, at most 8>t<n>`.
 */
export function rotationNames(poolNames: readonly string[]): string[] {
  const taken = new Set(poolNames);
  return poolNames.map((name) => {
    const candidates = [`${name.slice(0, 9)}tmp`];
    for (let n = 1; n < 100; n++) candidates.push(`${name.slice(0, 12 - 1 - String(n).length)}t${n}`);
    const pick = candidates.find((c) => !taken.has(c) && POOL_NAME_PATTERN.test(c));
    if (!pick) throw new Error(`no free temporary rotation name for node pool "${name}"`);
    taken.add(pick);
    return pick;
  });
}
