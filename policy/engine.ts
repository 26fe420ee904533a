/**
 * Runs the rules over a synthesized tree, per environment: rules gated by capability or tier are skipped (and
 * listed), findings are matched against the environment's waivers, and waiver hygiene is itself checked.
 */
import type { Resource, SynthOutput } from '../contract/out';
import { findRule, RULES, WAIVER_EXPIRED, WAIVER_UNUSED } from './registry';
import { severityRank, type Finding, type Issue, type Rule, type RuleContext, type Severity } from './types';
import { covers, waiverStatuses, type Waiver, type WaiverStatus } from './waivers';

export interface PolicyOptions {
  /** ISO date the waivers are judged against. */
  readonly today: string;
  readonly minSeverity: Severity;
  readonly rules?: readonly Rule[];
}

export interface WaivedFinding extends Finding {
  readonly waiver: Waiver;
}

export interface SkippedRule {
  readonly environment: string;
  readonly rule: string;
  readonly reason: string;
}

export interface PolicyResult {
  readonly today: string;
  readonly minSeverity: Severity;
  readonly environments: string[];
  readonly stacks: number;
  readonly resources: number;
  readonly rules: number;
  /** Unwaived findings, every severity. */
  readonly findings: Finding[];
  readonly waived: WaivedFinding[];
  readonly waivers: WaiverStatus[];
  readonly skipped: SkippedRule[];
  /** Unwaived findings at or above minSeverity: the exit code is 1 when this is not 0. */
  readonly failing: number;
}

function toFinding(rule: Rule, environment: string, i: Issue): Finding {
  return {
    rule: rule.id,
    severity: rule.severity,
    environment,
    stack: i.stack,
    resource: i.resource,
    attribute: i.attribute,
    expected: i.expected,
    found: i.found,
    title: rule.title,
    fix: i.fix ?? rule.fix,
  };
}

export function runPolicy(out: SynthOutput, opts: PolicyOptions): PolicyResult {
  const rules = opts.rules ?? RULES;
  const findings: Finding[] = [];
  const waived: WaivedFinding[] = [];
  const skipped: SkippedRule[] = [];
  const allWaivers: WaiverStatus[] = [];
  let resources = 0;

  for (const env of Object.values(out.footprint.environments)) {
    const names = new Set(env.stacks);
    const stacks = out.stacks.filter((s) => names.has(s.name));
    const byType = new Map<string, Resource[]>();
    const all: Resource[] = stacks.flatMap((s) => s.resources);
    resources += all.length;
    for (const r of all) {
      const list = byType.get(r.type);
      if (list) list.push(r);
      else byType.set(r.type, [r]);
    }
    // One array per list of types, so rules that ask per resource share it (and the indexes built on it).
    const byTypes = new Map<string, readonly Resource[]>();
    const ctx: RuleContext = {
      env,
      cloud: out.footprint.clouds[env.cloud],
      footprint: out.footprint,
      out,
      stacks,
      resources: (...types) => {
        if (types.length === 0) return all;
        const key = types.join('\u0000');
        let list = byTypes.get(key);
        if (!list) byTypes.set(key, (list = types.flatMap((t) => byType.get(t) ?? [])));
        return list;
      },
    };

    const envFindings: Finding[] = [];
    for (const rule of rules) {
      const present = rule.types.length === 0 || rule.types.some((t) => byType.has(t));
      if (rule.tiers && !rule.tiers.includes(env.tier)) {
        if (present)
          skipped.push({ environment: env.name, rule: rule.id, reason: `not checked for tier ${env.tier}` });
        continue;
      }
      const decision = rule.capability ? env.features[rule.capability] : undefined;
      if (rule.capability && decision?.outcome !== 'on') {
        if (present) {
          skipped.push({
            environment: env.name,
            rule: rule.id,
            reason: `capability ${rule.capability} is ${decision?.outcome ?? 'unknown'}${decision?.reason ? `: ${decision.reason}` : ''}`,
          });
        }
        continue;
      }
      for (const i of rule.check(ctx)) envFindings.push(toFinding(rule, env.name, i));
    }

    const statuses = waiverStatuses(env, opts.today);
    allWaivers.push(...statuses);
    for (const f of envFindings) {
      const w = statuses.find((s) => !s.expired && covers(s.waiver, f, findRule(f.rule, rules)));
      if (w) {
        w.matched++;
        waived.push({ ...f, waiver: w.waiver });
      } else findings.push(f);
    }
    for (const s of statuses) {
      const base = { stack: env.file, resource: s.waiver.resource, attribute: `waivers[${s.index}]` };
      if (s.expired) {
        findings.push(
          toFinding(WAIVER_EXPIRED, env.name, {
            ...base,
            attribute: `${base.attribute}.expires`,
            expected: `on or after ${opts.today}`,
            found: `${s.waiver.expires} (rule ${s.waiver.rule}: ${s.waiver.reason})`,
          }),
        );
      } else if (s.matched === 0) {
        const known = findRule(s.waiver.rule, rules) !== undefined;
        findings.push(
          toFinding(WAIVER_UNUSED, env.name, {
            ...base,
            expected: 'a finding to waive',
            found: known ? `no ${s.waiver.rule} finding matches` : `unknown rule id ${s.waiver.rule}`,
          }),
        );
      }
    }
  }

  const stackOrder = new Map<string, number>();
  for (const env of Object.values(out.footprint.environments)) {
    stackOrder.set(env.file, stackOrder.size);
    for (const s of env.stacks) stackOrder.set(s, stackOrder.size);
  }
  const order = (a: Finding, b: Finding) =>
    (stackOrder.get(a.stack) ?? 0) - (stackOrder.get(b.stack) ?? 0) ||
    a.resource.localeCompare(b.resource) ||
    severityRank(b.severity) - severityRank(a.severity) ||
    a.rule.localeCompare(b.rule) ||
    a.attribute.localeCompare(b.attribute);
  findings.sort(order);
  waived.sort(order);

  return {
    today: opts.today,
    minSeverity: opts.minSeverity,
    environments: Object.keys(out.footprint.environments),
    stacks: out.stacks.length,
    resources,
    rules: rules.length,
    findings,
    waived,
    waivers: allWaivers,
    skipped,
    failing: findings.filter((f) => severityRank(f.severity) >= severityRank(opts.minSeverity)).length,
  };
}
