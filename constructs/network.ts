/**
 * A stamp's network: one VNet from the environment's address plan, a subnet per role, an NSG on every subnet,
 * and VNet flow logs where the cloud has them. The only inbound traffic from outside the VNet is HTTPS to the
 * ingress, and only from the global entry (the Front Door backend service tag, or the internet behind Traffic
 * Manager, which resolves DNS but does not proxy).
 */
import { Construct } from 'constructs';
import { dependable, type ITerraformDependable } from 'cdktf';
import { DataAzurermNetworkWatcher } from '@cdktf/provider-azurerm/lib/data-azurerm-network-watcher';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkWatcherFlowLog } from '@cdktf/provider-azurerm/lib/network-watcher-flow-log';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import type { StampAddressPlan } from '../model/address-plan';
import { Diagnostics } from './diagnostics';

export type SubnetRole = 'nodes' | 'privateEndpoints' | 'ingress';
export const SUBNET_ROLES: readonly SubnetRole[] = ['nodes', 'privateEndpoints', 'ingress'];

/** Service tag of Front Door's backend in Azure public (stacks take the cloud's name: `cloud.serviceTag(...)`). */
export const FRONT_DOOR_BACKEND_TAG = 'AzureFrontDoor.Backend';

export interface FlowLogProps {
  readonly storageAccountName: string;
  /**
   * Days flow logs are kept (at least 90).
   * @default 90
   */
  readonly retentionDays?: number;
  /** Traffic analytics target: the workspace's resource id, its workspace (customer) id and its region. */
  readonly workspaceResourceId: string;
  readonly workspaceCustomerId: string;
  readonly workspaceRegion: string;
  /**
   * The region's Network Watcher: an explicit prerequisite, read with a data source so `terraform plan` fails
   * clearly when it is missing (never the asynchronous auto-creation, which policies often switch off; not
   * created here either: one per region and subscription, shared with whatever else lives there). `npm run
   * preflight` checks it; `npm run bootstrap-state` prints its creation.
   * @default `NetworkWatcher_<location>` (Azure's own naming) in `NetworkWatcherRG`
   */
  readonly networkWatcherName?: string;
  /** @default `NetworkWatcherRG` */
  readonly networkWatcherResourceGroup?: string;
}

export interface StampNetworkProps {
  readonly resourceGroupName: string;
  readonly location: string;
  readonly plan: StampAddressPlan;
  readonly vnetName: string;
  /** Name of a subnet (and of its NSG, given the NSG kind) by role. */
  readonly subnetName: (role: SubnetRole) => string;
  readonly nsgName: (role: SubnetRole) => string;
  /** Source allowed to reach the ingress on 443: a service tag (`AzureFrontDoor.Backend`) or `Internet`. */
  readonly ingressSource: string;
  /** Ingress public IP address (a token): the destination the load balancer rule is evaluated against. */
  readonly ingressAddress: string;
  /** Workspace that receives NSG and VNet diagnostics. */
  readonly workspaceId: string;
  /** VNet flow logs. @default none (for clouds without them) */
  readonly flowLogs?: FlowLogProps;
}

interface Rule {
  name: string;
  priority: number;
  direction: 'Inbound' | 'Outbound';
  access: 'Allow' | 'Deny';
  protocol: string;
  sourceAddressPrefix: string;
  sourcePortRange: string;
  destinationAddressPrefix: string;
  destinationPortRange: string;
  description: string;
}

/** A customer-managed key for a storage account, used through a user-assigned identity. */
export interface StorageCustomerManagedKey {
  /** Versionless: the account follows rotation to the newest version. */
  readonly keyVaultKeyId: string;
  /** Identity holding "Key Vault Crypto Service Encryption User" on the key. */
  readonly identityId: string;
  /** Its role assignment and the key. */
  readonly dependsOn: readonly ITerraformDependable[];
}

export class StampNetwork extends Construct {
  readonly vnet: VirtualNetwork;
  readonly subnets: Readonly<Record<SubnetRole, Subnet>>;
  readonly nsgs: Readonly<Record<SubnetRole, NetworkSecurityGroup>>;
  readonly flowLog?: NetworkWatcherFlowLog;
  /** The flow logs' storage account (reached by private endpoint like every data store). */
  flowLogStorage?: StorageAccount;

  /**
   * Encrypt the flow-log account with a customer-managed key (in place: customer_managed_key is not ForceNew).
   * Applied after construction because the key lives in the stamp's vault, built after the network.
   */
  encryptFlowLogStorage(cmk: StorageCustomerManagedKey): void {
    const storage = this.flowLogStorage;
    if (!storage) return;
    storage.putIdentity({ type: 'UserAssigned', identityIds: [cmk.identityId] });
    storage.putCustomerManagedKey({
      keyVaultKeyId: cmk.keyVaultKeyId,
      userAssignedIdentityId: cmk.identityId,
    });
    storage.dependsOn = [...(storage.dependsOn ?? []), ...cmk.dependsOn.map((d) => dependable(d))];
  }

  constructor(scope: Construct, id: string, props: StampNetworkProps) {
    super(scope, id);
    const { resourceGroupName, location, plan } = props;
    this.vnet = new VirtualNetwork(this, 'vnet', {
      name: props.vnetName,
      resourceGroupName,
      location,
      addressSpace: [plan.vnet],
    });
    new Diagnostics(this, 'vnet-diagnostics', {
      targetResourceId: this.vnet.id,
      resourceType: 'Microsoft.Network/virtualNetworks',
      workspaceId: props.workspaceId,
    });

    const denyInternet: Rule = {
      name: 'DenyInternetInbound',
      priority: 4096,
      direction: 'Inbound',
      access: 'Deny',
      protocol: '*',
      sourceAddressPrefix: 'Internet',
      sourcePortRange: '*',
      destinationAddressPrefix: '*',
      destinationPortRange: '*',
      description: 'Nothing else reaches the stamp from outside the VNet',
    };
    const https = (destination: string, description: string): Rule => ({
      name: 'AllowIngressHttps',
      priority: 100,
      direction: 'Inbound',
      access: 'Allow',
      protocol: 'Tcp',
      sourceAddressPrefix: props.ingressSource,
      sourcePortRange: '*',
      destinationAddressPrefix: destination,
      destinationPortRange: '443',
      description,
    });
    const rules: Record<SubnetRole, Rule[]> = {
      // The load balancer delivers to the nodes; NSGs see the frontend address as the destination.
      nodes: [
        https(props.ingressAddress, 'HTTPS to the ingress public IP from the global entry'),
        denyInternet,
      ],
      // Internal load balancer or Private Link Service frontends of the ingress.
      ingress: [https(plan.ingress, 'HTTPS to ingress frontends from the global entry'), denyInternet],
      privateEndpoints: [
        {
          name: 'AllowVnetHttps',
          priority: 100,
          direction: 'Inbound',
          access: 'Allow',
          protocol: 'Tcp',
          sourceAddressPrefix: 'VirtualNetwork',
          sourcePortRange: '*',
          destinationAddressPrefix: plan.privateEndpoints,
          destinationPortRange: '443',
          description: 'Key Vault and Cosmos DB private endpoints, from inside the VNet only',
        },
        denyInternet,
      ],
    };
    const prefixes: Record<SubnetRole, string> = {
      nodes: plan.nodes,
      privateEndpoints: plan.privateEndpoints,
      ingress: plan.ingress,
    };

    const subnets = {} as Record<SubnetRole, Subnet>;
    const nsgs = {} as Record<SubnetRole, NetworkSecurityGroup>;
    for (const role of SUBNET_ROLES) {
      const nsg = new NetworkSecurityGroup(this, `nsg-${role}`, {
        name: props.nsgName(role),
        resourceGroupName,
        location,
        securityRule: rules[role],
      });
      const subnet = new Subnet(this, `subnet-${role}`, {
        name: props.subnetName(role),
        resourceGroupName,
        virtualNetworkName: this.vnet.name,
        addressPrefixes: [prefixes[role]],
        // No implicit outbound: AKS egresses through its load balancer, endpoints never egress.
        defaultOutboundAccessEnabled: false,
        // Apply NSGs to private endpoints too.
        ...(role === 'privateEndpoints' ? { privateEndpointNetworkPolicies: 'Enabled' } : {}),
      });
      new SubnetNetworkSecurityGroupAssociation(this, `nsg-association-${role}`, {
        subnetId: subnet.id,
        networkSecurityGroupId: nsg.id,
      });
      new Diagnostics(this, `nsg-diagnostics-${role}`, {
        targetResourceId: nsg.id,
        resourceType: 'Microsoft.Network/networkSecurityGroups',
        workspaceId: props.workspaceId,
      });
      subnets[role] = subnet;
      nsgs[role] = nsg;
    }
    this.subnets = subnets;
    this.nsgs = nsgs;

    if (props.flowLogs) this.flowLog = this.addFlowLogs(props, props.flowLogs);
  }

  private addFlowLogs(props: StampNetworkProps, f: FlowLogProps): NetworkWatcherFlowLog {
    const retention = Math.max(90, f.retentionDays ?? 90);
    const storage = new StorageAccount(this, 'flow-log-storage', {
      name: f.storageAccountName,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      accountKind: 'StorageV2',
      accountTier: 'Standard',
      accountReplicationType: 'GRS',
      minTlsVersion: 'TLS1_2',
      httpsTrafficOnlyEnabled: true,
      allowNestedItemsToBePublic: false,
      // Network Watcher writes as a trusted Azure service: the bypass stays in force with public access disabled
      // (storage-network-security-overview.md, 2025); nothing else gets in.
      publicNetworkAccessEnabled: false,
      networkRules: { defaultAction: 'Deny', bypass: ['AzureServices'] },
      // Network Watcher authenticates with the account key (flow logs stop when keys rotate), so keys stay on,
      // written out, and any SAS signed with them is bounded (logged when longer than a day).
      sharedAccessKeyEnabled: true,
      sasPolicy: { expirationPeriod: '1.00:00:00', expirationAction: 'Log' },
      blobProperties: {
        versioningEnabled: true,
        deleteRetentionPolicy: { days: 7 },
        containerDeleteRetentionPolicy: { days: 7 },
      },
    });
    this.flowLogStorage = storage;
    new Diagnostics(this, 'flow-log-storage-diagnostics', {
      targetResourceId: storage.id,
      resourceType: 'Microsoft.Storage/storageAccounts',
      workspaceId: props.workspaceId,
    });
    new Diagnostics(this, 'flow-log-blob-diagnostics', {
      targetResourceId: `${storage.id}/blobServices/default`,
      resourceType: 'Microsoft.Storage/storageAccounts/blobServices',
      workspaceId: props.workspaceId,
    });
    const watcher = new DataAzurermNetworkWatcher(this, 'network-watcher', {
      name: f.networkWatcherName ?? `NetworkWatcher_${props.location}`,
      resourceGroupName: f.networkWatcherResourceGroup ?? 'NetworkWatcherRG',
    });
    return new NetworkWatcherFlowLog(this, 'flow-log', {
      name: `${props.vnetName}-flowlog`,
      networkWatcherName: watcher.name,
      resourceGroupName: watcher.resourceGroupName,
      location: props.location,
      targetResourceId: this.vnet.id,
      storageAccountId: storage.id,
      enabled: true,
      version: 2,
      retentionPolicy: { enabled: true, days: retention },
      trafficAnalytics: {
        enabled: true,
        workspaceId: f.workspaceCustomerId,
        workspaceRegion: f.workspaceRegion,
        workspaceResourceId: f.workspaceResourceId,
        intervalInMinutes: 10,
      },
    });
  }
}
