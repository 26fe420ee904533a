/**
 * AKS clusters and node pools: Checkov CKV_AZURE_*, Trivy AVD-AZU-*, KICS and APRL reliability rules, with the
 * azurerm 4.x attribute names (cdktf writes snake_case; single blocks as objects).
 */
import type { Resource } from '../../contract/out';
import { get, isSet, isTrue, num, show, strings } from '../attrs';
import { sameStack } from '../lookup';
import { attrRule, equals, notEquals, oneOf, resourceRule, type Violation } from '../rule';
import type { Rule } from '../types';
import { diagnosticRule } from './monitoring';
import { hasZones, regionOf } from './context';
import { CYCLE_NODE_POOL_PROPERTIES, POOL_NAME_PATTERN } from '../../model/node-pool-rotation';

const CLUSTER = 'azurerm_kubernetes_cluster';
const POOL = 'azurerm_kubernetes_cluster_node_pool';

/** Where a pool's attributes live: the cluster's default_node_pool block, or the node pool resource. */
function poolPrefix(type: string): string {
  return type === CLUSTER ? 'default_node_pool.' : '';
}

function noNodePublicIp(r: Resource): Violation | undefined {
  const p = poolPrefix(r.type);
  for (const attr of ['node_public_ip_enabled', 'enable_node_public_ip']) {
    const v = get(r.attrs, p + attr);
    if (isTrue(v)) return { attribute: p + attr, expected: 'false or absent', found: show(v) };
  }
  return undefined;
}

/** The cluster a node pool belongs to (its kubernetes_cluster_id reference), in the same stack. */
function clusterOf(pool: Resource, clusters: readonly Resource[]): Resource | undefined {
  const ref = JSON.stringify(pool.attrs.kubernetes_cluster_id ?? '');
  return sameStack(clusters, pool.stack).find((c) => ref.includes(`${c.address}.`));
}

/** Every pool name and temporary rotation name of a cluster, with who uses it. */
function namesOf(cluster: Resource, pools: readonly Resource[]): [string, string][] {
  const out: [string, string][] = [];
  const add = (v: unknown, who: string) => typeof v === 'string' && out.push([v, who]);
  add(get(cluster.attrs, 'default_node_pool.name'), `${cluster.address} default_node_pool.name`);
  add(
    get(cluster.attrs, 'default_node_pool.temporary_name_for_rotation'),
    `${cluster.address} default_node_pool.temporary_name_for_rotation`,
  );
  for (const p of pools) {
    add(p.attrs.name, `${p.address} name`);
    add(p.attrs.temporary_name_for_rotation, `${p.address} temporary_name_for_rotation`);
  }
  return out;
}

export const aksRules: Rule[] = [
  resourceRule({
    id: 'FP_AKS_POOL_ROTATION',
    severity: 'high',
    title: 'AKS pools can change VM size in place (temporary_name_for_rotation set, unique in the cluster)',
    types: [CLUSTER, POOL],
    fix:
      'Set temporary_name_for_rotation (default_node_pool.temporary_name_for_rotation on the cluster): 1-12 lower-case ' +
      `letters and digits, unlike any pool name of the cluster. Without it azurerm 4.55 refuses at apply a change of ${CYCLE_NODE_POOL_PROPERTIES.join(', ')}.`,
    test(r, ctx) {
      const attribute = `${poolPrefix(r.type)}temporary_name_for_rotation`;
      const v = get(r.attrs, attribute);
      if (typeof v !== 'string' || !POOL_NAME_PATTERN.test(v)) {
        return {
          attribute,
          expected: 'a name of 1-12 lower-case letters and digits, starting with a letter',
          found: show(v),
        };
      }
      const clusters = ctx.resources(CLUSTER);
      const cluster = r.type === CLUSTER ? r : clusterOf(r, clusters);
      if (!cluster) return undefined;
      // clusterOf only returns a cluster of the pool's own stack.
      const pools = sameStack(ctx.resources(POOL), cluster.stack).filter(
        (p) => clusterOf(p, clusters) === cluster,
      );
      const me = `${r.address} ${attribute}`;
      const clash = namesOf(cluster, pools).find(([name, who]) => name === v && who !== me);
      return clash
        ? {
            attribute,
            expected: 'a name no other pool of the cluster uses (as name or temporary name)',
            found: `${show(v)}, also ${clash[1]}`,
          }
        : undefined;
    },
  }),
  attrRule({
    id: 'CKV_AZURE_170',
    aliases: ['APRL-0611251f'],
    severity: 'high',
    title: 'AKS control plane on the paid Standard tier (uptime SLA)',
    types: [CLUSTER],
    // Like Checkov: only Standard passes (Premium fails), and clouds without the tier fail too (waive there).
    path: 'sku_tier',
    expected: 'Standard',
    ok: oneOf('Standard'),
    absent: 'fail',
    fix: 'Set sku_tier = "Standard" (the default is Free, without SLA).',
  }),
  resourceRule({
    id: 'CKV_AZURE_4',
    aliases: ['AVD-AZU-0040'],
    severity: 'medium',
    title: 'AKS sends container logs to Log Analytics',
    types: [CLUSTER],
    fix: 'Add an oms_agent block with log_analytics_workspace_id of the stamp workspace.',
    test(r) {
      // Checkov reads the legacy addon_profile flag first, when present.
      const legacy = get(r.attrs, 'addon_profile.oms_agent.enabled');
      if (legacy !== undefined && legacy !== null)
        return isTrue(legacy)
          ? undefined
          : { attribute: 'addon_profile.oms_agent.enabled', expected: 'true', found: show(legacy) };
      const v = get(r.attrs, 'oms_agent.log_analytics_workspace_id');
      return isSet(v)
        ? undefined
        : { attribute: 'oms_agent.log_analytics_workspace_id', expected: 'a workspace id', found: show(v) };
    },
  }),
  attrRule({
    id: 'APRL-dcaf8128',
    severity: 'low',
    title: 'AKS sends metrics to managed Prometheus',
    types: [CLUSTER],
    capability: 'managedPrometheus',
    path: 'monitor_metrics',
    expected: 'a monitor_metrics block',
    ok: () => true,
    absent: 'fail',
    fix: 'Add an empty monitor_metrics {} block.',
  }),
  resourceRule({
    id: 'AVD-AZU-0042',
    severity: 'high',
    differs:
      'ports CKV_AZURE_5 stricter: Checkov passes an absent role_based_access_control_enabled (provider default true); this wants it explicit, as Trivy does.',
    title: 'AKS Kubernetes RBAC enabled explicitly',
    types: [CLUSTER],
    fix: 'Set role_based_access_control_enabled = true.',
    test(r) {
      const v = r.attrs.role_based_access_control_enabled;
      if (
        isTrue(v) ||
        isTrue(get(r.attrs, 'azure_active_directory_role_based_access_control.azure_rbac_enabled'))
      )
        return undefined;
      return { attribute: 'role_based_access_control_enabled', expected: 'true', found: show(v) };
    },
  }),
  resourceRule({
    id: 'CKV_AZURE_6',
    aliases: ['AVD-AZU-0041'],
    severity: 'critical',
    title: 'AKS API server private or limited to authorized IP ranges',
    types: [CLUSTER],
    fix: 'Set private_cluster_enabled = true, or api_server_access_profile.authorized_ip_ranges.',
    test(r) {
      if (isTrue(r.attrs.private_cluster_enabled)) return undefined;
      // Checkov: any first range passes, also the 2.x top-level attribute.
      const ranges = strings(get(r.attrs, 'api_server_access_profile.authorized_ip_ranges'));
      if (ranges.length > 0 || strings(r.attrs.api_server_authorized_ip_ranges).length > 0) return undefined;
      return {
        attribute: 'private_cluster_enabled',
        expected: 'true, or non-empty api_server_access_profile.authorized_ip_ranges',
        found: `private_cluster_enabled=${show(r.attrs.private_cluster_enabled)}, authorized_ip_ranges=[]`,
      };
    },
  }),
  resourceRule({
    id: 'FP_AKS_API_OPEN_RANGE',
    severity: 'critical',
    title: 'AKS authorized IP ranges do not open the API server to everyone',
    types: [CLUSTER],
    differs: 'adds to CKV_AZURE_6, which passes any authorized range, even 0.0.0.0/0.',
    fix: "List only the operators' and CI runners' ranges in api_server_access_profile.authorized_ip_ranges.",
    test(r) {
      if (isTrue(r.attrs.private_cluster_enabled)) return undefined;
      const ranges = strings(get(r.attrs, 'api_server_access_profile.authorized_ip_ranges'));
      const open = ranges.filter((x) => x === '0.0.0.0/0' || x === '*' || x === '::/0');
      return open.length === 0
        ? undefined
        : {
            attribute: 'api_server_access_profile.authorized_ip_ranges',
            expected: 'bounded ranges',
            found: JSON.stringify(ranges),
          };
    },
  }),
  attrRule({
    id: 'CKV_AZURE_115',
    aliases: ['AVD-AZU-0065'],
    severity: 'medium',
    title: 'AKS API server is private',
    types: [CLUSTER],
    path: 'private_cluster_enabled',
    expected: 'true',
    ok: equals(true),
    absent: 'fail',
    fix: 'Set private_cluster_enabled = true (deploy from a runner inside the VNet).',
  }),
  attrRule({
    id: 'CKV_AZURE_7',
    aliases: ['AVD-AZU-0043'],
    severity: 'high',
    title: 'AKS network policy enforced',
    types: [CLUSTER],
    path: 'network_profile.network_policy',
    expected: 'a network policy (azure, calico or cilium)',
    ok: isSet,
    absent: 'fail',
    fix: 'Set network_profile.network_policy (e.g. "cilium" with the Cilium data plane, or "azure").',
  }),
  attrRule({
    id: 'CKV2_AZURE_29',
    aliases: ['APRL-c22db132'],
    severity: 'medium',
    title: 'AKS uses Azure CNI (overlay)',
    types: [CLUSTER],
    path: 'network_profile.network_plugin',
    expected: 'azure',
    ok: oneOf('azure', 'Azure'),
    absent: 'fail',
    fix: 'Set network_profile.network_plugin = "azure" (network_plugin_mode = "overlay").',
  }),
  resourceRule({
    id: 'CKV_AZURE_116',
    aliases: ['AVD-AZU-0066'],
    severity: 'medium',
    title: 'AKS Azure Policy add-on enabled',
    types: [CLUSTER],
    fix: 'Set azure_policy_enabled = true.',
    test(r) {
      const v = r.attrs.azure_policy_enabled;
      if (isTrue(v) || isTrue(get(r.attrs, 'addon_profile.azure_policy.enabled'))) return undefined;
      return { attribute: 'azure_policy_enabled', expected: 'true', found: show(v) };
    },
  }),
  attrRule({
    id: 'CKV_AZURE_141',
    severity: 'high',
    title: 'AKS local accounts disabled (Entra ID only)',
    types: [CLUSTER],
    path: 'local_account_disabled',
    expected: 'true',
    ok: equals(true),
    absent: 'fail',
    fix: 'Set local_account_disabled = true with azure_active_directory_role_based_access_control.',
  }),
  resourceRule({
    id: 'CKV_AZURE_171',
    severity: 'medium',
    title: 'AKS automatic upgrade channel set',
    types: [CLUSTER],
    fix: 'Set automatic_upgrade_channel = "stable" (absent means none).',
    test(r) {
      // Checkov reads the 3.x name too and accepts any channel but none.
      const v = r.attrs.automatic_upgrade_channel ?? r.attrs.automatic_channel_upgrade;
      return isSet(v) && v !== 'none'
        ? undefined
        : {
            attribute: 'automatic_upgrade_channel',
            expected: 'patch, stable, rapid or node-image',
            found: show(v),
          };
    },
  }),
  attrRule({
    id: 'CKV_AZURE_172',
    severity: 'low',
    title: 'AKS secrets store CSI driver rotates secrets',
    types: [CLUSTER],
    path: 'key_vault_secrets_provider.secret_rotation_enabled',
    expected: 'true',
    ok: equals(true),
    absent: 'fail',
    fix: 'Add key_vault_secrets_provider { secret_rotation_enabled = true }.',
  }),
  attrRule({
    id: 'CKV_AZURE_232',
    aliases: ['APRL-5ee083cd'],
    severity: 'medium',
    title: 'AKS system pool runs critical add-ons only',
    types: [CLUSTER],
    path: 'default_node_pool.only_critical_addons_enabled',
    expected: 'true',
    ok: equals(true),
    absent: 'fail',
    fix: 'Set default_node_pool.only_critical_addons_enabled = true and run workloads on user pools.',
  }),
  attrRule({
    id: 'CKV_AZURE_246',
    severity: 'medium',
    title: 'AKS HTTP application routing add-on disabled',
    types: [CLUSTER],
    path: 'http_application_routing_enabled',
    expected: 'false or absent',
    ok: notEquals(true),
    absent: 'pass',
    fix: 'Remove http_application_routing_enabled (not for production).',
  }),
  attrRule({
    id: 'KICS-aks_defender_profile_disabled',
    severity: 'medium',
    title: 'AKS Defender for Containers enabled',
    types: [CLUSTER],
    capability: 'defenderForContainers',
    path: 'microsoft_defender.log_analytics_workspace_id',
    expected: 'a workspace id',
    ok: isSet,
    absent: 'fail',
    fix: 'Add microsoft_defender { log_analytics_workspace_id = <stamp workspace> }.',
  }),
  attrRule({
    id: 'Azure.AKS.MaintenanceWindow',
    severity: 'low',
    title: 'AKS upgrades run in a planned maintenance window',
    types: [CLUSTER],
    path: 'maintenance_window_auto_upgrade',
    expected: 'a maintenance_window_auto_upgrade block',
    ok: () => true,
    absent: 'fail',
    fix: 'Add maintenance_window_auto_upgrade (and maintenance_window_node_os).',
  }),
  resourceRule({
    id: 'CKV_AZURE_143',
    severity: 'high',
    title: 'AKS system pool nodes have no public IP',
    types: [CLUSTER],
    fix: 'Remove node_public_ip_enabled (nodes egress through the cluster outbound).',
    test: noNodePublicIp,
  }),
  resourceRule({
    id: 'FP_AKS_POOL_PUBLIC_IP',
    severity: 'high',
    title: 'AKS user pool nodes have no public IP',
    types: [POOL],
    differs:
      'extends CKV_AZURE_143, which Checkov applies to the cluster (default pool) only, to node pools.',
    fix: 'Remove node_public_ip_enabled (nodes egress through the cluster outbound).',
    test: noNodePublicIp,
  }),
  attrRule({
    id: 'CKV_AZURE_117',
    aliases: ['AVD-AZU-0067'],
    severity: 'medium',
    title: 'AKS node and volume disks encrypted with a customer-managed key (disk encryption set)',
    types: [CLUSTER],
    path: 'disk_encryption_set_id',
    expected: 'a disk encryption set id',
    ok: isSet,
    absent: 'fail',
    fix: 'Turn on encryption.customerManagedKeys for the environment (disk_encryption_set_id; forces a new cluster).',
  }),
  attrRule({
    id: 'CKV_AZURE_226',
    severity: 'low',
    title: 'AKS system pool uses ephemeral OS disks',
    types: [CLUSTER],
    path: 'default_node_pool.os_disk_type',
    expected: 'Ephemeral',
    ok: oneOf('Ephemeral'),
    absent: 'fail',
    fix: 'Set default_node_pool.os_disk_type = "Ephemeral" with an os_disk_size_gb that fits the VM size\'s temp disk.',
  }),
  resourceRule({
    id: 'CKV_AZURE_227',
    severity: 'low',
    title: 'AKS nodes encrypt at host',
    types: [CLUSTER, POOL],
    fix: 'Set host_encryption_enabled = true (needs the EncryptionAtHost subscription feature).',
    test(r) {
      const p = poolPrefix(r.type);
      const v = get(r.attrs, `${p}host_encryption_enabled`) ?? get(r.attrs, `${p}enable_host_encryption`);
      return isTrue(v)
        ? undefined
        : { attribute: `${p}host_encryption_enabled`, expected: 'true', found: show(v) };
    },
  }),
  resourceRule({
    id: 'CKV_AZURE_168',
    severity: 'low',
    title: 'AKS pools allow at least 50 pods per node',
    types: [CLUSTER, POOL],
    fix: 'Set max_pods >= 50 (the Azure CNI default is 30; overlay allows 250).',
    test(r) {
      const p = poolPrefix(r.type);
      const v = get(r.attrs, `${p}max_pods`);
      return (num(v) ?? 30) >= 50
        ? undefined
        : { attribute: `${p}max_pods`, expected: '>= 50', found: show(v) };
    },
  }),
  resourceRule({
    id: 'APRL-4f63619f',
    severity: 'high',
    title: 'AKS pools spread across availability zones',
    types: [CLUSTER, POOL],
    fix: 'Set zones = ["1", "2", "3"] on every pool in a region with availability zones.',
    test(r, ctx) {
      if (!hasZones(regionOf(r, ctx), ctx)) return undefined;
      const p = poolPrefix(r.type);
      const zones = strings(get(r.attrs, `${p}zones`));
      return zones.length >= 2
        ? undefined
        : { attribute: `${p}zones`, expected: '>= 2 zones', found: JSON.stringify(zones) };
    },
  }),
  resourceRule({
    id: 'FP_AKS_ZONES_UNSUPPORTED',
    severity: 'high',
    title: 'AKS pools pin zones only where the region has availability zones',
    types: [CLUSTER, POOL],
    fix: 'Remove zones from pools in a region without availability zones (the create fails).',
    test(r, ctx) {
      const region = regionOf(r, ctx);
      // Regions outside the environment are the residency rule's finding, not this one's.
      if (!ctx.env.regions.some((x) => x.region === region) || hasZones(region, ctx)) return undefined;
      const p = poolPrefix(r.type);
      const zones = strings(get(r.attrs, `${p}zones`));
      return zones.length === 0
        ? undefined
        : {
            attribute: `${p}zones`,
            expected: `none (${region} has no availability zones)`,
            found: JSON.stringify(zones),
          };
    },
  }),
  resourceRule({
    id: 'APRL-902c82ff',
    severity: 'medium',
    title: 'AKS pools autoscale between min_count and max_count',
    types: [CLUSTER, POOL],
    fix: 'Set auto_scaling_enabled = true with min_count and max_count.',
    test(r) {
      const p = poolPrefix(r.type);
      const on = get(r.attrs, `${p}auto_scaling_enabled`) ?? get(r.attrs, `${p}enable_auto_scaling`);
      if (!isTrue(on)) return { attribute: `${p}auto_scaling_enabled`, expected: 'true', found: show(on) };
      if (
        num(get(r.attrs, `${p}min_count`)) === undefined ||
        num(get(r.attrs, `${p}max_count`)) === undefined
      )
        return { attribute: `${p}min_count`, expected: 'min_count and max_count set', found: '(absent)' };
      return undefined;
    },
  }),
  resourceRule({
    id: 'APRL-7f7ae535',
    severity: 'medium',
    title: 'AKS system pool keeps at least 3 nodes',
    types: [CLUSTER],
    tiers: ['staging', 'prod'],
    fix: 'Set default_node_pool.min_count >= 3.',
    test(r) {
      const v = get(r.attrs, 'default_node_pool.min_count') ?? get(r.attrs, 'default_node_pool.node_count');
      return (num(v) ?? 0) >= 3
        ? undefined
        : { attribute: 'default_node_pool.min_count', expected: '>= 3', found: show(v) };
    },
  }),
  resourceRule({
    id: 'APRL-005ccbbd',
    severity: 'medium',
    title: 'AKS has a user pool with at least 2 nodes',
    types: [CLUSTER, POOL],
    tiers: ['staging', 'prod'],
    fix: 'Add an azurerm_kubernetes_cluster_node_pool with mode = "User" and min_count >= 2.',
    test(r, ctx): Violation | undefined {
      if (r.type === POOL) {
        if (r.attrs.mode !== undefined && r.attrs.mode !== 'User') return undefined;
        const auto = isTrue(r.attrs.auto_scaling_enabled);
        const attr = auto ? 'min_count' : 'node_count';
        const v = r.attrs[attr];
        return (num(v) ?? 0) >= 2 ? undefined : { attribute: attr, expected: '>= 2', found: show(v) };
      }
      const pools = sameStack(ctx.resources(POOL), r.stack)
        .filter((p) => (p.attrs.mode ?? 'User') === 'User')
        .filter((p) => JSON.stringify(p.attrs.kubernetes_cluster_id ?? '').includes(`${r.address}.`));
      return pools.length > 0
        ? undefined
        : {
            attribute: 'azurerm_kubernetes_cluster_node_pool',
            expected: '>= 1 pool with mode User',
            found: 'none',
          };
    },
  }),
  diagnosticRule({
    id: 'KICS-aks_without_audit_logs',
    severity: 'medium',
    title: 'AKS audit logs go to Log Analytics',
    type: CLUSTER,
    categories: [['kube-audit', 'kube-audit-admin']],
    fix: 'Add a diagnostic setting on the cluster with category_group "allLogs" or category "kube-audit-admin".',
  }),
];
