/**
 * A stamp's AKS cluster: a system pool for critical add-ons only and user pools for the workload, autoscaled and
 * spread over the region's zones (none where the region has none), Azure CNI overlay with network policy,
 * Entra ID + Azure RBAC with local accounts off, workload identity, Azure Policy, the Key Vault secrets provider
 * with rotation, monitoring and Defender where the cloud has them, automatic upgrades in maintenance windows,
 * host encryption, no node public IPs, and a private (or IP-restricted) API server.
 */
import { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';
import {
  KubernetesCluster,
  type KubernetesClusterConfig,
  type KubernetesClusterMaintenanceWindowAutoUpgrade,
} from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { KubernetesClusterNodePool } from '@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { host, parseCidr } from '../model/cidr';
import { ephemeralOsDiskGb } from '../model/vm-disks';
import { rotationNames } from '../model/node-pool-rotation';
import { Diagnostics } from './diagnostics';

/** One autoscaled node pool. */
export interface NodePoolSettings {
  readonly name: string;
  readonly vmSize: string;
  readonly minCount: number;
  readonly maxCount: number;
}

/** A weekly maintenance window in UTC. */
export interface MaintenanceWindow {
  readonly dayOfWeek: 'Monday' | 'Tuesday' | 'Wednesday' | 'Thursday' | 'Friday' | 'Saturday' | 'Sunday';
  readonly startHourUtc: number;
  readonly durationHours: number;
}

/** The cluster's settings (pools, API server, CIDRs, upgrade channels, maintenance); defaults live in the schema. */
export interface AksSettings {
  /** @default the version AKS picks for the region */
  readonly kubernetesVersion?: string;
  readonly systemPool: NodePoolSettings;
  readonly userPools: readonly NodePoolSettings[];
  readonly apiServer: { readonly private: true } | { readonly authorizedIpRanges: readonly string[] };
  readonly podCidr: string;
  readonly serviceCidr: string;
  readonly upgradeChannel: 'patch' | 'stable' | 'rapid' | 'node-image';
  readonly nodeOsUpgradeChannel: 'NodeImage' | 'SecurityPatch';
  readonly maintenance: MaintenanceWindow;
}

/** Control-plane log categories: kube-audit-admin carries every change without the volume of reads. */
export const AKS_LOG_CATEGORIES = [
  'kube-apiserver',
  'kube-audit-admin',
  'kube-controller-manager',
  'kube-scheduler',
  'cluster-autoscaler',
  'guard',
] as const;

export interface StampClusterProps {
  readonly resourceGroupName: string;
  readonly location: string;
  readonly name: string;
  readonly dnsPrefix: string;
  readonly nodeResourceGroupName: string;
  readonly tenantId: string;
  /** Pools, API server, CIDRs, upgrade channels, maintenance. */
  readonly config: AksSettings;
  /** Zones of the region (`['1','2','3']`); empty where the region has none. */
  readonly zones: readonly string[];
  readonly nodeSubnetId: string;
  /** Scope the cluster identity may manage networking in (the stamp's resource group: VNet and ingress IP). */
  readonly networkScopeId: string;
  readonly workspaceId: string;
  /** `Standard` where the cloud offers it, else `Free`. */
  readonly skuTier: 'Standard' | 'Free';
  readonly containerInsights: boolean;
  readonly managedPrometheus: boolean;
  readonly defender: boolean;
  /**
   * Network policy engine on the overlay.
   * @default 'calico'
   */
  readonly networkPolicy?: 'calico' | 'azure' | 'cilium';
  /**
   * Maximum pods per node (policy wants at least 50).
   * @default 110
   */
  readonly maxPods?: number;
  /**
   * Ephemeral OS disk on the system pool where its VM size's local disk holds the OS disk (model/vm-disks.ts),
   * with an explicit os_disk_size_gb; otherwise a managed OS disk. The system pool changes by rotation
   * (temporary_name_for_rotation); user pools stay managed until they rotate too (a changed os_disk_type
   * replaces a pool without it). Off where disks use a customer-managed key: key rotation is not supported on
   * ephemeral OS disks.
   * @default false
   */
  readonly ephemeralOsDisks?: boolean;
  /**
   * OS and data disks encrypted with a customer-managed key: the disk encryption set, and what the cluster must
   * wait for on a first deploy (the set's role on the key). Forces a new cluster when added or removed.
   * @default platform-managed keys (host encryption still on)
   */
  readonly diskEncryption?: {
    readonly diskEncryptionSetId: string;
    readonly dependsOn: readonly ITerraformDependable[];
  };
  /**
   * Diagnostic log categories of the cluster.
   * @default AKS_LOG_CATEGORIES
   */
  readonly logCategories?: readonly string[];
}

/** Maintenance window in UTC from the environment's `aks.maintenance`. */
function window(m: MaintenanceWindow): KubernetesClusterMaintenanceWindowAutoUpgrade {
  return {
    frequency: 'Weekly',
    interval: 1,
    dayOfWeek: m.dayOfWeek,
    startTime: `${String(m.startHourUtc).padStart(2, '0')}:00`,
    utcOffset: '+00:00',
    duration: m.durationHours,
  };
}

export class StampCluster extends Construct {
  readonly cluster: KubernetesCluster;
  readonly userPools: KubernetesClusterNodePool[];

  constructor(scope: Construct, id: string, props: StampClusterProps) {
    super(scope, id);
    const c = props.config;
    // azurerm rejects any other node OS channel with the node-image cluster channel (both upgrade node images).
    if (c.upgradeChannel === 'node-image' && c.nodeOsUpgradeChannel !== 'NodeImage') {
      throw new Error(
        `AKS upgrade channel node-image needs nodeOsUpgradeChannel NodeImage, got ${c.nodeOsUpgradeChannel}`,
      );
    }
    const zones = props.zones.length ? { zones: [...props.zones] } : {};
    const maxPods = props.maxPods ?? 110;
    const serviceCidr = parseCidr(c.serviceCidr);
    if (!serviceCidr) throw new Error(`invalid service CIDR ${c.serviceCidr}`);
    const osDisk = (vmSize: string) => {
      const size = props.ephemeralOsDisks ? ephemeralOsDiskGb(vmSize) : undefined;
      return size === undefined ? {} : { osDiskType: 'Ephemeral', osDiskSizeGb: size };
    };
    // Every pool can rotate (a VM size change applies instead of failing): one temporary name each, unique in the cluster.
    const [systemTmp, ...userTmp] = rotationNames([c.systemPool.name, ...c.userPools.map((p) => p.name)]);
    const pool = (p: NodePoolSettings) => ({
      vmSize: p.vmSize,
      autoScalingEnabled: true,
      minCount: p.minCount,
      maxCount: p.maxCount,
      maxPods,
      hostEncryptionEnabled: true,
      nodePublicIpEnabled: false,
      vnetSubnetId: props.nodeSubnetId,
      ...(c.kubernetesVersion ? { orchestratorVersion: c.kubernetesVersion } : {}),
      ...zones,
    });
    const api: Partial<KubernetesClusterConfig> =
      'private' in c.apiServer
        ? { privateClusterEnabled: true, privateDnsZoneId: 'System', privateClusterPublicFqdnEnabled: false }
        : {
            privateClusterEnabled: false,
            apiServerAccessProfile: { authorizedIpRanges: [...c.apiServer.authorizedIpRanges] },
          };

    this.cluster = new KubernetesCluster(this, 'cluster', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      dnsPrefix: props.dnsPrefix,
      nodeResourceGroup: props.nodeResourceGroupName,
      ...(c.kubernetesVersion ? { kubernetesVersion: c.kubernetesVersion } : {}),
      skuTier: props.skuTier,
      // System-assigned: user-assigned cluster identities are not available at create in every region.
      identity: { type: 'SystemAssigned' },
      defaultNodePool: {
        name: c.systemPool.name,
        temporaryNameForRotation: systemTmp,
        onlyCriticalAddonsEnabled: true,
        upgradeSettings: { maxSurge: '33%' },
        ...pool(c.systemPool),
        ...osDisk(c.systemPool.vmSize),
      },
      ...api,
      localAccountDisabled: true,
      roleBasedAccessControlEnabled: true,
      azureActiveDirectoryRoleBasedAccessControl: { azureRbacEnabled: true, tenantId: props.tenantId },
      oidcIssuerEnabled: true,
      workloadIdentityEnabled: true,
      azurePolicyEnabled: true,
      keyVaultSecretsProvider: { secretRotationEnabled: true, secretRotationInterval: '2m' },
      networkProfile: {
        networkPlugin: 'azure',
        networkPluginMode: 'overlay',
        networkPolicy: props.networkPolicy ?? 'calico',
        podCidr: c.podCidr,
        serviceCidr: c.serviceCidr,
        dnsServiceIp: host(serviceCidr, 10),
        loadBalancerSku: 'standard',
        outboundType: 'loadBalancer',
      },
      automaticUpgradeChannel: c.upgradeChannel,
      nodeOsUpgradeChannel: c.nodeOsUpgradeChannel,
      maintenanceWindowAutoUpgrade: window(c.maintenance),
      maintenanceWindowNodeOs: window(c.maintenance),
      ...(props.containerInsights
        ? { omsAgent: { logAnalyticsWorkspaceId: props.workspaceId, msiAuthForMonitoringEnabled: true } }
        : {}),
      ...(props.managedPrometheus ? { monitorMetrics: {} } : {}),
      ...(props.defender ? { microsoftDefender: { logAnalyticsWorkspaceId: props.workspaceId } } : {}),
      ...(props.diskEncryption
        ? {
            diskEncryptionSetId: props.diskEncryption.diskEncryptionSetId,
            dependsOn: [...props.diskEncryption.dependsOn],
          }
        : {}),
    });

    this.userPools = c.userPools.map(
      (p, i) =>
        new KubernetesClusterNodePool(this, `pool-${p.name}`, {
          name: p.name,
          temporaryNameForRotation: userTmp[i],
          kubernetesClusterId: this.cluster.id,
          mode: 'User',
          upgradeSettings: { maxSurge: '33%' },
          ...pool(p),
        }),
    );

    // The cloud provider binds the ingress IP and manages load balancer rules in the stamp's resource group.
    new RoleAssignment(this, 'network-contributor', {
      scope: props.networkScopeId,
      roleDefinitionName: 'Network Contributor',
      principalId: this.cluster.identity.principalId,
      principalType: 'ServicePrincipal',
    });

    if (props.diskEncryption) {
      // AKS asks that the cluster identity can read the set (azure-disk-customer-managed-keys.md@0f20e41e); the
      // system-assigned identity exists only after the cluster, so this follows it.
      new RoleAssignment(this, 'disk-encryption-reader', {
        scope: props.diskEncryption.diskEncryptionSetId,
        roleDefinitionName: 'Reader',
        principalId: this.cluster.identity.principalId,
        principalType: 'ServicePrincipal',
      });
    }

    new Diagnostics(this, 'diagnostics', {
      targetResourceId: this.cluster.id,
      resourceType: 'Microsoft.ContainerService/managedClusters',
      workspaceId: props.workspaceId,
      logCategories: props.logCategories ?? AKS_LOG_CATEGORIES,
    });
  }

  /** OIDC issuer URL of the cluster (apply-time), for federated credentials. */
  get oidcIssuerUrl(): string {
    return this.cluster.oidcIssuerUrl;
  }
}
