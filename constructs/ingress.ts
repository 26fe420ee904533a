/**
 * The stamp's only internet-facing address: a Standard static public IP for the ingress load balancer, with a
 * DNS label so the origin host name `<label>.<region>.<cloudapp suffix>` is known at synth time and the global
 * layer (Front Door or Traffic Manager) can point at it without reading this stack's state.
 */
import { Construct } from 'constructs';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { originHostname } from '../model/shared-values';
import { Diagnostics } from './diagnostics';

export interface IngressProps {
  readonly resourceGroupName: string;
  /** ARM region name; part of the origin host name. */
  readonly location: string;
  readonly name: string;
  /** DNS label of the public IP, unique in the region. */
  readonly dnsLabel: string;
  /** The cloud's public IP DNS suffix (`cloud.suffix('cloudapp')`). */
  readonly cloudappSuffix: string;
  /** Availability zones of the region. @default [] (the region has none) */
  readonly zones?: readonly string[];
  /** Workspace that receives the IP's logs and metrics. */
  readonly workspaceId: string;
}

export class Ingress extends Construct {
  readonly publicIp: PublicIp;
  /** Origin host name, known at synth time. */
  readonly hostname: string;

  constructor(scope: Construct, id: string, props: IngressProps) {
    super(scope, id);
    const zones = props.zones ?? [];
    this.publicIp = new PublicIp(this, 'public-ip', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      sku: 'Standard',
      allocationMethod: 'Static',
      ipVersion: 'IPv4',
      domainNameLabel: props.dnsLabel,
      // Zone-redundant where the region has zones; a zonal-less region takes no zones at all.
      ...(zones.length ? { zones: [...zones] } : {}),
    });
    this.hostname = originHostname(props.dnsLabel, props.location, props.cloudappSuffix);
    new Diagnostics(this, 'diagnostics', {
      targetResourceId: this.publicIp.id,
      resourceType: 'Microsoft.Network/publicIPAddresses',
      workspaceId: props.workspaceId,
    });
  }
}
