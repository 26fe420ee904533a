/**
 * footprint validate: policy as code on the synthesized output, offline and without terraform. Reads cdktf.out
 * (or --out), runs every rule of policy/ per environment, applies the environments' waivers and prints a report.
 */
import { DEFAULT_MIN_SEVERITY } from '../policy/config';
import { runPolicy } from '../policy/engine';
import { FAMILIES } from '../policy/registry';
import { renderJson, renderMarkdown, renderText } from '../policy/report';
import { SEVERITIES, type Severity } from '../policy/types';
import { defineCommand, EXIT, FORMATS, UsageError, type CommandContext } from '../lib/cli';
import { analyzeResilience, renderResilience, resilienceGate } from './resilience/index';
import { readSynthOutput } from '../contract/out';

const USAGE = `Usage: npm run validate -- [--env <name>]... [--out <dir>] [--format text|json|markdown]
                            [--severity low|medium|high|critical] [--today YYYY-MM-DD] [--rules]

Checks every resource of the synthesized stacks against the security baseline (Checkov, Trivy, KICS and APRL
rules ported to azurerm 4.55), data residency (regions, DNS names, provider and backend of the environment's
cloud), tags and names. Waivers come only from the environment files (waivers: rule, resource, reason, expires).
Then runs the resilience analysis (npm run resilience): every prod environment must survive the loss of any
single zone, region or Cosmos write region.

Options:
  --env <name>        only this environment (repeatable; default: every environment in the output)
  --out <dir>         synthesized tree to read (default: $CDKTF_OUTDIR or cdktf.out)
  --format <f>        text (default), json, or markdown (for a pull-request comment)
  --severity <s>      fail on unwaived findings at or above this severity (default: ${DEFAULT_MIN_SEVERITY})
  --today <date>      judge waiver expiry on this date instead of today (UTC)
  --rules             list the rules (id, severity, family, types) and exit
  -h, --help          this help

Exit codes: 0 no unwaived finding at or above the severity and every prod environment survives, 1 findings, a\nprod environment that does not survive (or no readable output), 2 usage error.
`;

function parseSeverity(v: string | undefined): Severity {
  if (v === undefined) return DEFAULT_MIN_SEVERITY;
  if ((SEVERITIES as readonly string[]).includes(v)) return v as Severity;
  throw new UsageError(`--severity must be one of ${SEVERITIES.join(', ')} (got "${v}")`);
}

function parseToday(v: string | undefined): string {
  if (v === undefined) return new Date().toISOString().slice(0, 10);
  // Date.parse rolls 2026-02-30 over to March 2nd; a real date survives the round trip unchanged.
  const t = Date.parse(`${v}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== v)
    throw new UsageError(`--today must be a date YYYY-MM-DD (got "${v}")`);
  return v;
}

function listRules(): string {
  const lines = ['ID                                          SEVERITY  FAMILY      TYPES / TITLE'];
  for (const [family, rules] of Object.entries(FAMILIES)) {
    for (const r of rules) {
      const gate = [
        r.capability ? `capability ${r.capability}` : '',
        r.tiers ? `tiers ${r.tiers.join('/')}` : '',
      ]
        .filter(Boolean)
        .join('; ');
      lines.push(
        `${r.id.padEnd(44)}${r.severity.padEnd(10)}${family.padEnd(12)}${r.title}${gate ? ` [${gate}]` : ''}`,
      );
      if (r.aliases?.length) lines.push(`${''.padEnd(66)}also ${r.aliases.join(', ')}`);
      if (r.differs) lines.push(`${''.padEnd(66)}differs: ${r.differs}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const OPTIONS = {
  env: { type: 'string', multiple: true },
  severity: { type: 'string' },
  today: { type: 'string' },
  rules: { type: 'boolean', default: false },
} as const;

function main({ values, format, outDir }: CommandContext<typeof OPTIONS>): number {
  const minSeverity = parseSeverity(values.severity);
  const today = parseToday(values.today);
  if (values.rules) {
    process.stdout.write(listRules());
    return EXIT.ok;
  }
  const out = readSynthOutput(outDir, values.env);
  const result = runPolicy(out, { today, minSeverity });
  // Resilience is part of the gate: a prod environment that does not survive a zone or region loss fails.
  const resilience = analyzeResilience(out);
  const survives = resilienceGate(resilience);
  if (format === 'json') {
    const policy = JSON.parse(renderJson(result)) as Record<string, unknown>;
    const res = JSON.parse(renderResilience(resilience, 'json')) as unknown;
    process.stdout.write(
      `${JSON.stringify({ ...policy, resilience: res, resiliencePassed: survives }, null, 2)}\n`,
    );
  } else {
    const render = format === 'markdown' ? renderMarkdown : renderText;
    const heading =
      format === 'markdown'
        ? '\n## Resilience\n\n'
        : '\nResilience (zone, region and Cosmos write-region loss):\n\n';
    process.stdout.write(render(result) + heading + renderResilience(resilience, format));
  }
  return result.failing === 0 && survives ? EXIT.ok : EXIT.findings;
}

defineCommand({ name: 'validate', usage: USAGE, options: OPTIONS, formats: FORMATS, readsOut: true, main });
