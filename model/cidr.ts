/** CIDR arithmetic for the address plan, on ipaddr.js. Pure functions. */
import ipaddr from 'ipaddr.js';

export interface Cidr {
  readonly text: string;
  readonly first: number; // first address as an unsigned 32-bit integer
  readonly prefix: number;
}

function toInt(addr: ipaddr.IPv4): number {
  return addr.octets.reduce((n, o) => n * 256 + o, 0);
}

function fromInt(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** Parses an IPv4 CIDR whose address is the network address; undefined otherwise. */
export function parseCidr(text: string): Cidr | undefined {
  if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(text) || !ipaddr.IPv4.isValidCIDR(text)) return undefined;
  const [addr, prefix] = ipaddr.IPv4.parseCIDR(text);
  if (prefix < 8 || prefix > 29) return undefined;
  if (ipaddr.IPv4.networkAddressFromCIDR(text).toString() !== addr.toString()) return undefined;
  return { text, first: toInt(addr), prefix };
}

export function isValidCidr(text: string): boolean {
  return parseCidr(text) !== undefined;
}

export function size(c: Cidr): number {
  return 2 ** (32 - c.prefix);
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.first < b.first + size(b) && b.first < a.first + size(a);
}

/** The `index`-th subnet of `newPrefix` inside `parent`; throws when it does not fit. */
export function subnet(parent: Cidr, newPrefix: number, index: number): Cidr {
  if (newPrefix < parent.prefix) throw new Error(`/${newPrefix} does not fit in ${parent.text}`);
  const count = 2 ** (newPrefix - parent.prefix);
  if (index < 0 || index >= count)
    throw new Error(`subnet ${index} of /${newPrefix} is outside ${parent.text}`);
  const first = parent.first + index * 2 ** (32 - newPrefix);
  return { text: `${fromInt(first)}/${newPrefix}`, first, prefix: newPrefix };
}

/** The n-th host address of a CIDR (n=10 gives x.x.x.10 for a /24). */
export function host(c: Cidr, n: number): string {
  if (n <= 0 || n >= size(c) - 1) throw new Error(`host ${n} is outside ${c.text}`);
  return fromInt(c.first + n);
}
