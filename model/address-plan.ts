/**
 * The subnet plan of one stamp, carved from the region's address space. Fixed offsets (not "next free") so that
 * adding a subnet later never moves an existing one. Needs at least a /22.
 */
import { parseCidr, subnet, type Cidr } from './cidr';

export const MIN_STAMP_PREFIX = 16;
export const MAX_STAMP_PREFIX = 22;

export interface StampAddressPlan {
  readonly vnet: string;
  /** AKS nodes (pods use the overlay CIDR): half of the space. */
  readonly nodes: string;
  /** Private endpoints for Key Vault, Cosmos and monitoring. */
  readonly privateEndpoints: string;
  /** Ingress load balancer frontends. */
  readonly ingress: string;
  /** AKS API server VNet integration (delegated). */
  readonly apiServer: string;
}

export function stampAddressPlan(addressSpace: string): StampAddressPlan {
  const space: Cidr | undefined = parseCidr(addressSpace);
  if (!space) throw new Error(`invalid address space ${addressSpace}`);
  if (space.prefix < MIN_STAMP_PREFIX || space.prefix > MAX_STAMP_PREFIX) {
    throw new Error(
      `a stamp's address space must be /${MIN_STAMP_PREFIX} to /${MAX_STAMP_PREFIX}, got ${addressSpace}`,
    );
  }
  const p = space.prefix;
  return {
    vnet: space.text,
    nodes: subnet(space, p + 1, 0).text,
    privateEndpoints: subnet(space, p + 3, 4).text,
    ingress: subnet(space, p + 3, 5).text,
    apiServer: subnet(space, p + 4, 12).text,
  };
}
