/** Facts about the environment that several rule families ask: a resource's region and whether it has zones. */
import type { Resource } from '../../contract/out';
import { get } from '../attrs';
import type { RuleContext } from '../types';

/** The ARM region of a resource: its `location`, else its stamp stack's region. */
export function regionOf(r: Resource, ctx: RuleContext): string | undefined {
  const loc = get(r.attrs, 'location');
  if (typeof loc === 'string' && !loc.includes('${')) return loc;
  return ctx.env.regions.find((x) => x.stack === r.stack)?.region;
}

/** Whether a region of the environment has availability zones (unknown regions: no, residency reports them). */
export function hasZones(region: string | undefined, ctx: RuleContext): boolean {
  return ctx.env.regions.some((x) => x.region === region && x.zones);
}
