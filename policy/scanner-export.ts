/**
 * The environments' waivers in the scanners' own suppression formats, from the findings they waive (so a glob
 * waiver becomes exactly the resources it hides, and an expired one becomes nothing):
 * - Checkov 3.3.13 baseline per stack (`--baseline`): it matches on resource and check id only, ignoring the file,
 *   so run Checkov once per stack with that stack's baseline. Python checks (CKV_*) name a terraform_json resource
 *   `resource.<name>`, graph checks (CKV2_*) `<type>.<name>`. A baseline has no expiry: expired waivers are left out.
 * - Checkov `--skip-check ID:<regex>` items, for one run over all stacks: per stack file, coarser than the baseline
 *   (it also hides resources added later).
 * - Trivy `.trivyignore.yaml` (`--ignorefile`): per file, with the waiver's expiry and reason.
 * Only Checkov ids a rule carries (same verdict, see test/policy/checkov-parity.test.ts) and Trivy AVD ids are
 * exported; a waiver of any other rule has no scanner counterpart.
 */
import { findRule } from './registry';
import type { PolicyResult, WaivedFinding } from './engine';
import type { Rule } from './types';

export interface CheckovBaseline {
  readonly failed_checks: {
    readonly file: string;
    readonly findings: { readonly resource: string; readonly check_ids: string[] }[];
  }[];
}

export interface TrivyIgnoreEntry {
  readonly id: string;
  readonly paths: string[];
  readonly expired_at: string;
  readonly statement: string;
}

export interface ScannerSuppressions {
  /** Per stack name, only stacks with something to suppress. */
  readonly checkovBaselines: Record<string, CheckovBaseline>;
  /** `ID:regex` items, sorted. */
  readonly checkovSkipChecks: string[];
  readonly trivy: TrivyIgnoreEntry[];
  /** Waived findings of rules without a scanner id (validate only). */
  readonly notExported: { readonly rule: string; readonly stack: string; readonly resource: string }[];
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function checkovIds(rule: Rule | undefined): string[] {
  return rule ? [rule.id, ...(rule.aliases ?? [])].filter((id) => /^CKV2?_/.test(id)) : [];
}

export function trivyIds(rule: Rule | undefined): string[] {
  return rule ? [rule.id, ...(rule.aliases ?? [])].filter((id) => id.startsWith('AVD-')) : [];
}

/** Checkov's name for a resource in a terraform_json report (and so in its baseline). */
export function checkovResource(checkId: string, address: string): string {
  return checkId.startsWith('CKV2_') ? address : `resource.${address.slice(address.indexOf('.') + 1)}`;
}

const regexEscape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Checkov tests the regex on "/<stack>/cdk.tf.json" (Python checks) and on the absolute path (graph checks). */
export function stackFileRegex(stack: string): string {
  return `/${regexEscape(stack)}/cdk\\.tf\\.json$`;
}

export function scannerSuppressions(result: PolicyResult, rules?: readonly Rule[]): ScannerSuppressions {
  const baseline = new Map<string, Map<string, Set<string>>>();
  const skips = new Set<string>();
  const trivy = new Map<string, { id: string; paths: Set<string>; expired_at: string; statement: string }>();
  const notExported: ScannerSuppressions['notExported'] = [];

  for (const f of result.waived as readonly WaivedFinding[]) {
    const rule = findRule(f.rule, rules);
    const ckv = checkovIds(rule);
    const avd = trivyIds(rule);
    if (ckv.length === 0 && avd.length === 0) {
      notExported.push({ rule: f.rule, stack: f.stack, resource: f.resource });
      continue;
    }
    for (const id of ckv) {
      const perStack = baseline.get(f.stack) ?? new Map<string, Set<string>>();
      baseline.set(f.stack, perStack);
      const name = checkovResource(id, f.resource);
      perStack.set(name, (perStack.get(name) ?? new Set()).add(id));
      skips.add(`${id}:${stackFileRegex(f.stack)}`);
    }
    for (const id of avd) {
      const key = `${id}\n${f.waiver.expires}\n${f.waiver.reason}`;
      const e = trivy.get(key) ?? {
        id,
        paths: new Set(),
        expired_at: f.waiver.expires,
        statement: f.waiver.reason,
      };
      e.paths.add(`**/${f.stack}/cdk.tf.json`);
      trivy.set(key, e);
    }
  }

  const checkovBaselines: Record<string, CheckovBaseline> = {};
  for (const stack of [...baseline.keys()].sort(byString)) {
    const perStack = baseline.get(stack)!;
    checkovBaselines[stack] = {
      failed_checks: [
        {
          file: '/cdk.tf.json',
          findings: [...perStack.keys()]
            .sort(byString)
            .map((resource) => ({ resource, check_ids: [...perStack.get(resource)!].sort(byString) })),
        },
      ],
    };
  }
  return {
    checkovBaselines,
    checkovSkipChecks: [...skips].sort(byString),
    trivy: [...trivy.values()]
      .map((e) => ({ ...e, paths: [...e.paths].sort(byString) }))
      .sort(
        (a, b) =>
          byString(a.id, b.id) || byString(a.expired_at, b.expired_at) || byString(a.statement, b.statement),
      ),
    notExported,
  };
}

const yamlString = (s: string) => JSON.stringify(s);

/** `.trivyignore.yaml` text (strings JSON-quoted, which YAML reads as double-quoted scalars). */
export function renderTrivyIgnore(entries: readonly TrivyIgnoreEntry[]): string {
  const lines = [
    "# Generated by npm run scanner-waivers from the environments' waivers; do not edit.",
    'misconfigurations:',
  ];
  if (entries.length === 0) return `${lines[0]}\nmisconfigurations: []\n`;
  for (const e of entries) {
    lines.push(`  - id: ${e.id}`, '    paths:');
    for (const p of e.paths) lines.push(`      - ${yamlString(p)}`);
    lines.push(`    expired_at: ${e.expired_at}`, `    statement: ${yamlString(e.statement)}`);
  }
  return `${lines.join('\n')}\n`;
}
