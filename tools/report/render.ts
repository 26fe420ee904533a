/**
 * The footprint report in Markdown: for the whole matrix (environments, cloud parity) and per environment
 * (inventory, topology, warnings, unconfirmed facts, waivers). Everything comes from a synthesized tree.
 */
import type { EnvironmentSummary, FactSummary } from '../../contract/footprint';
import { evidenceDate } from '../../model/evidence-date';
import type { SynthOutput } from '../../contract/out';
import { inventory, renderInventory } from './inventory';
import { mdCell, mdCode, mdTable } from '../../lib/markdown';
import { parityTable, renderParity } from './parity';
import { topology } from './topology';
import { analyzeResilience, renderResilience } from '../resilience/index';
import { renderLiveSite, renderPolicy } from './client-policy';

export interface ReportOptions {
  /** ISO date (YYYY-MM-DD) waivers expire against. */
  readonly today: string;
}

function resourcesOf(out: SynthOutput, env: EnvironmentSummary): number {
  return out.stacks.filter((s) => env.stacks.includes(s.name)).reduce((n, s) => n + s.resources.length, 0);
}

/** Unconfirmed facts with the date of their evidence, oldest (and undated) first, then by name. */
export function factsByEvidenceDate(
  facts: readonly FactSummary[],
): { fact: FactSummary; date: string | undefined }[] {
  return facts
    .map((fact) => ({ fact, date: evidenceDate(fact.source) }))
    .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.fact.fact.localeCompare(b.fact.fact));
}

/** Regions in order with their number of scale units (footprint.json has one entry per unit). */
function regionsOf(env: EnvironmentSummary): { region: string; primary: boolean; units: number }[] {
  const out: { region: string; primary: boolean; units: number }[] = [];
  for (const r of env.regions) {
    const known = out.find((x) => x.region === r.region);
    if (known) known.units++;
    else out.push({ region: r.region, primary: r.primary, units: 1 });
  }
  return out;
}

function environmentSection(out: SynthOutput, env: EnvironmentSummary, opts: ReportOptions): string[] {
  const cloud = out.footprint.clouds[env.cloud]?.displayName ?? env.cloud;
  const lines = [
    `## ${env.name}`,
    '',
    `${mdCell(cloud)} · ${env.tier} · ${regionsOf(env).length} region${regionsOf(env).length === 1 ? '' : 's'} (${regionsOf(
      env,
    )
      .map((r) => `${r.region}${r.units > 1 ? ` ×${r.units} units` : ''}${r.primary ? ' primary' : ''}`)
      .join(
        ', ',
      )}) · global entry ${env.globalEntry} · ${env.stacks.length} stacks · ${resourcesOf(out, env)} resources · \`${env.file}\``,
    '',
    '### Topology',
    '',
    ...topology(env, out.stacks),
    '',
    '### Inventory',
    '',
    ...renderInventory(inventory(env, out.stacks)),
    '',
    '### Resilience policy',
    '',
    ...renderPolicy(env),
    '',
    '### Warnings',
    '',
  ];
  lines.push(...(env.warnings?.length ? env.warnings.map((w) => `- ${mdCell(w)}`) : ['None.']));
  lines.push('', '### Unconfirmed facts', '');
  const facts = factsByEvidenceDate(env.unconfirmedFacts ?? []);
  lines.push(
    ...(facts.length
      ? [
          'Oldest evidence first: the date is the oldest document version the source names; a source that names none comes first (its age is unknown).',
          '',
          ...mdTable(
            ['fact', 'value', 'confidence', 'evidence date', 'source'],
            facts.map(({ fact: f, date }) => [
              mdCode(f.fact),
              mdCode(String(f.value)),
              f.confidence,
              date ?? 'undated',
              mdCell(f.source),
            ]),
          ),
        ]
      : ['None: every cloud fact this environment uses is confirmed.']),
  );
  lines.push('', '### Waivers', '');
  const waivers = env.waivers ?? [];
  lines.push(
    ...(waivers.length
      ? mdTable(
          ['rule', 'resource', 'reason', 'expires'],
          waivers.map((w) => [
            mdCode(w.rule),
            mdCode(w.resource),
            mdCell(w.reason),
            w.expires < opts.today ? `**${w.expires} (expired)**` : w.expires,
          ]),
        )
      : ['None.']),
  );
  lines.push('');
  return lines;
}

export function renderReport(out: SynthOutput, opts: ReportOptions): string {
  const envs = Object.values(out.footprint.environments).sort((a, b) => a.name.localeCompare(b.name));
  const clouds = new Set(envs.map((e) => e.cloud));
  const lines = [
    '# footprint report',
    '',
    `${envs.length} environment${envs.length === 1 ? '' : 's'} in ${clouds.size} cloud${clouds.size === 1 ? '' : 's'}, ${out.stacks.length} stacks, ${out.stacks.reduce((n, s) => n + s.resources.length, 0)} resources.`,
    '',
    '## Environments',
    '',
    ...mdTable(
      [
        'environment',
        'cloud',
        'tier',
        'regions',
        'global entry',
        'stacks',
        'resources',
        'warnings',
        'unconfirmed facts',
        'waivers',
      ],
      envs.map((e) => [
        `[${e.name}](#${e.name})`,
        e.cloud,
        e.tier,
        regionsOf(e)
          .map((r) => (r.units > 1 ? `${r.region} ×${r.units}` : r.region))
          .join(', '),
        e.globalEntry,
        String(e.stacks.length),
        String(resourcesOf(out, e)),
        String(e.warnings?.length ?? 0),
        String(e.unconfirmedFacts?.filter((f) => f.confidence === 'unconfirmed').length ?? 0),
        String(e.waivers?.length ?? 0),
      ]),
    ),
    '',
    '## Cloud parity',
    '',
    '✅ on · ↪️ fallback used · ❌ off; [n] is the reason below.',
    '',
    ...renderParity(parityTable(out.footprint, envs)),
    '',
    '## Live-site numbers',
    '',
    'A sick stamp at the edge (worst case), the longest call under retries, calls reaching Cosmos DB per application call, and what is served from cache while a dependency is down. Formulas: README, "Resilience policy".',
    '',
    ...renderLiveSite(envs),
    '',
  ];
  for (const env of envs) lines.push(...environmentSection(out, env, opts));
  // The failure-mode analysis of every environment (the same as `npm run resilience`).
  lines.push(
    renderResilience(
      analyzeResilience(
        out,
        envs.map((e) => e.name),
      ),
      'markdown',
    ),
  );
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
