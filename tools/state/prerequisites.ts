/**
 * The fixing half of preflight, for the bootstrap script: registering resource providers and subscription
 * features and creating Network Watchers, each guarded by its own check so a run changes only what is missing
 * (or, from a `preflight --check --format json` result, only what it found failing). Printed, never run here.
 * Quota, limits and roles cannot be fixed by a script: they become comments naming the request to make.
 */
import { azLine, type Check, type Checklist } from '../preflight/checks';
import type { BootstrapStep } from './bootstrap';

/** The subset of `preflight --format json` the bootstrap reads. */
export interface PreflightResult {
  readonly environment: string;
  readonly mode: 'offline' | 'check';
  readonly checks: readonly { readonly id: string; readonly status: string }[];
}

const FIXABLE = new Set<Check['group']>(['resource providers', 'features', 'network watchers']);

function guarded(c: Check): string {
  const fix = (c.fix ?? []).flatMap((f) => f.split('\n'));
  if (c.group === 'network watchers') {
    const region = c.id.slice('network-watcher:'.length);
    const count = azLine([
      'network',
      'watcher',
      'list',
      '--query',
      `length([?location=='${region}'])`,
      '--output',
      'tsv',
    ]);
    return [`if [ "$(${count})" = 0 ]; then`, ...fix.map((f) => `  ${f}`), 'fi'].join('\n');
  }
  return [`if [ "$(${azLine(c.args)})" != ${c.expect} ]; then`, ...fix.map((f) => `  ${f}`), 'fi'].join('\n');
}

/**
 * Steps that fix the prerequisites of `list`: every fixable check guarded by itself, or, given a preflight
 * result, the failed ones unguarded. Manual items (quota, limits, roles) as comment-only steps.
 */
export function prerequisiteSteps(list: Checklist, result?: PreflightResult): BootstrapStep[] {
  const failed = result
    ? new Set(result.checks.filter((c) => c.status === 'fail').map((c) => c.id))
    : undefined;
  const steps: BootstrapStep[] = [];
  for (const c of list.checks) {
    if (failed && !failed.has(c.id)) continue;
    if (FIXABLE.has(c.group) && c.fix?.length) {
      steps.push({
        comment: `${c.group}: make sure ${c.title}.`,
        command: failed ? c.fix.join('\n') : guarded(c),
      });
    } else if (failed && (c.group === 'vCPU quota' || c.group === 'limits' || c.group === 'roles')) {
      steps.push({ comment: `MANUAL (${c.group}): ${c.title}; request it before the deploy.`, command: ':' });
    }
  }
  return steps;
}
