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

/** Scale units a region may hold: the region's space carved into equal blocks (Mission-Critical sizes for 16). */
export const MAX_UNITS = 16;

/**
 * The address range of each of a region's `units` scale units, in unit order: the n-th block of `/unitPrefix`
 * of the region's space (unit 1 first). Adding a unit only appends a block, so units 1..n-1 never move.
 * Without `unitPrefix` the unit size is the whole space, which holds exactly one unit (today's stamps).
 */
export function unitAddressSpaces(
  addressSpace: string,
  units: number,
  unitPrefix?: number,
): { spaces: string[] } | { problem: string } {
  const space = parseCidr(addressSpace);
  if (!space) return { problem: `${addressSpace} is not a valid address space` };
  const prefix = unitPrefix ?? space.prefix;
  if (prefix < space.prefix)
    return { problem: `unitPrefix /${prefix} is larger than the region's space ${addressSpace}` };
  const fits = 2 ** Math.min(prefix - space.prefix, 16);
  if (units > fits) {
    const bits = Math.ceil(Math.log2(units));
    const bigger = unitPrefix === undefined ? '' : ` an addressSpace of /${prefix - bits} or`;
    return {
      problem: `${addressSpace} holds ${fits} unit${fits === 1 ? '' : 's'} of /${prefix}, not ${units}; expected${bigger} unitPrefix ${space.prefix + bits} (unit n is the n-th /${prefix} of the space)`,
    };
  }
  return { spaces: Array.from({ length: units }, (_, i) => subnet(space, prefix, i).text) };
}
