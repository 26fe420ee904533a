/**
 * Private access to a PaaS resource from one stamp's VNet: the private endpoint, the private DNS zone with the
 * cloud's zone name (from the cloud profile, never a hard-coded suffix), its link to the VNet, and the zone
 * group that keeps the A records in step with the endpoint. Each stamp has its own zone: the VNets are not
 * peered, so each must resolve the resource to its own endpoint's addresses. No diagnostic setting: private
 * endpoints have no resource logs and no exportable metrics (model/data/azure-monitor.json).
 */
import { Construct } from 'constructs';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { PrivateEndpoint as AzPrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';

export interface PrivateEndpointProps {
  readonly resourceGroupName: string;
  readonly location: string;
  /** Name of the private endpoint. */
  readonly name: string;
  /** Resource id of the target (a token or a synth-time id of a resource in another stack). */
  readonly targetResourceId: string;
  /** Sub-resource (group id), e.g. `vault` or `Sql`. */
  readonly subresource: string;
  /** Private DNS zone name from the cloud profile (`cloud.privateDnsZone(...)`). */
  readonly zoneName: string;
  readonly subnetId: string;
  readonly virtualNetworkId: string;
  /** Short name of the VNet, used in the link name. */
  readonly virtualNetworkName: string;
}

export class PrivateEndpoint extends Construct {
  readonly endpoint: AzPrivateEndpoint;
  readonly zone: PrivateDnsZone;

  constructor(scope: Construct, id: string, props: PrivateEndpointProps) {
    super(scope, id);
    this.zone = new PrivateDnsZone(this, 'zone', {
      name: props.zoneName,
      resourceGroupName: props.resourceGroupName,
    });
    new PrivateDnsZoneVirtualNetworkLink(this, 'link', {
      name: `${props.virtualNetworkName}-link`,
      resourceGroupName: props.resourceGroupName,
      privateDnsZoneName: this.zone.name,
      virtualNetworkId: props.virtualNetworkId,
      registrationEnabled: false,
    });
    this.endpoint = new AzPrivateEndpoint(this, 'endpoint', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      subnetId: props.subnetId,
      customNetworkInterfaceName: `${props.name}-nic`,
      privateServiceConnection: {
        name: `${props.name}-connection`,
        privateConnectionResourceId: props.targetResourceId,
        subresourceNames: [props.subresource],
        isManualConnection: false,
      },
      privateDnsZoneGroup: { name: 'default', privateDnsZoneIds: [this.zone.id] },
    });
  }
}
