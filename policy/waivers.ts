/**
 * Waivers live only in the environment file (`waivers:`): rule id, `<stack>/<type>.<name>` (with `*` globbing),
 * reason and expiry date. An active waiver hides matching findings; an expired one hides nothing.
 */
import type { EnvironmentSummary } from '../contract/footprint';
import type { Finding, Rule } from './types';

export type Waiver = EnvironmentSummary['waivers'][number];

export interface WaiverStatus {
  readonly environment: string;
  readonly file: string;
  /** Position in the environment file's `waivers:` list. */
  readonly index: number;
  readonly waiver: Waiver;
  readonly expired: boolean;
  /** Days left (0 = expires today); negative when expired. */
  readonly daysLeft: number;
  /** Findings it hides. */
  matched: number;
}

/** `*` matches any characters (including `/` and `.`); everything else literally. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}

function days(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function waiverStatuses(env: EnvironmentSummary, today: string): WaiverStatus[] {
  return (env.waivers ?? []).map((waiver, index) => {
    const daysLeft = days(today, waiver.expires);
    return {
      environment: env.name,
      file: env.file,
      index,
      waiver,
      expired: daysLeft < 0,
      daysLeft,
      matched: 0,
    };
  });
}

/** Compiled globs: a waiver is matched against every finding of its rule. */
const globs = new Map<string, RegExp>();

function globOnce(glob: string): RegExp {
  let re = globs.get(glob);
  if (!re) globs.set(glob, (re = globToRegExp(glob)));
  return re;
}

/** Whether `w` covers finding `f` of rule `rule` (by id or one of its aliases). */
export function covers(w: Waiver, f: Finding, rule: Rule | undefined): boolean {
  const ids = [f.rule, ...(rule?.aliases ?? [])];
  return ids.includes(w.rule) && globOnce(w.resource).test(`${f.stack}/${f.resource}`);
}
