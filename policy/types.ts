/** The vocabulary of policy as code: severities, rules, the issues a check reports and the findings a run keeps. */
import type { Capability } from '../model/capabilities';
import type { CloudSummary, EnvironmentSummary, FootprintManifest } from '../contract/footprint';
import type { Resource, StackJson, SynthOutput } from '../contract/out';

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** What a check reports about one resource (or provider/backend block). */
export interface Issue {
  readonly stack: string;
  /** Terraform address inside the stack (`<type>.<name>`), or `provider.azurerm` / `terraform.backend`. */
  readonly resource: string;
  readonly attribute: string;
  readonly expected: string;
  readonly found: string;
  /** Overrides the rule's one-line fix when the issue needs a more specific one. */
  readonly fix?: string;
}

export interface Finding extends Issue {
  readonly rule: string;
  readonly severity: Severity;
  readonly environment: string;
  readonly title: string;
  readonly fix: string;
}

/** Everything a check may look at: one environment's stacks, plus the whole output for cross-env rules. */
export interface RuleContext {
  readonly env: EnvironmentSummary;
  readonly cloud: CloudSummary | undefined;
  readonly footprint: FootprintManifest;
  readonly out: SynthOutput;
  /** The environment's stacks, global first. */
  readonly stacks: readonly StackJson[];
  /** The environment's resources of these types (all types when none given), in stack order; the same array for
   * the same types, so a rule may index it once (policy/lookup.ts) but must not change it. */
  resources(...types: string[]): readonly Resource[];
}

export interface Rule {
  /** Stable id; the public scanner's id where one exists (CKV_AZURE_*, AVD-AZU-*, APRL-*, KICS-*), else FP_*. */
  readonly id: string;
  /**
   * Other scanners' ids for the same intent (waivers accept them too). A Checkov id (CKV_*, CKV2_*) as id or alias
   * promises Checkov 3.3.13's verdict on the same resource (test/policy/checkov-parity.test.ts holds each one to
   * it), so a waiver of the rule can be exported to Checkov's own suppressions.
   */
  readonly aliases?: readonly string[];
  /** For a rule that ports a scanner id it does not carry: which id and how (and why) its verdict differs. */
  readonly differs?: string;
  readonly severity: Severity;
  readonly title: string;
  /** Resource types the rule looks at (it is skipped when none is present); empty: all resources, or a rule on
   * provider, backend or the stack's text. */
  readonly types: readonly string[];
  readonly fix: string;
  /** Only where the environment uses this capability (feature decision `on`). */
  readonly capability?: Capability;
  /** Only for these tiers (reliability rules that a one-region dev environment cannot meet). */
  readonly tiers?: readonly EnvironmentSummary['tier'][];
  check(ctx: RuleContext): Issue[];
}
