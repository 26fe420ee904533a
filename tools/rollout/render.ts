/** A rollout plan as text (people), JSON (machines) or Markdown (a PR or a change ticket). */
import type { FootprintManifest } from '../../contract/footprint';
import { display, waveCommands, type EngineOptions } from './execute';
import type { Dependencies, EnvironmentPlan, RolloutPlan, Wave } from './plan';

export interface RenderContext {
  readonly footprint: FootprintManifest;
  readonly deps: Dependencies;
  readonly engine: EngineOptions;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function cloudName(ctx: RenderContext, p: EnvironmentPlan): string {
  return ctx.footprint.clouds[p.cloud]?.displayName ?? p.cloud;
}

/** Each stack with its region (and whether it is the primary), `code` wrapping the stack name. */
function stackLabel(ctx: RenderContext, p: EnvironmentPlan, w: Wave, code = (s: string) => s): string[] {
  const regions = new Map(ctx.footprint.environments[p.environment]!.regions.map((r) => [r.stack, r]));
  return w.stacks.map((s) => {
    const r = regions.get(s);
    return r ? `${code(s)} (${r.region}${r.primary ? ', primary' : ''})` : code(s);
  });
}

export function renderText(plan: RolloutPlan, ctx: RenderContext): string {
  const lines: string[] = [];
  for (const p of plan.environments) {
    lines.push(
      `${p.environment}: ${cloudName(ctx, p)}, ${p.tier}${p.order !== undefined ? `, order ${p.order}` : ''}, ${plural(p.waves.length, 'wave')}`,
    );
    lines.push(`  canary: ${p.canary.region} (${p.canary.reason})`);
    for (const n of p.notes) lines.push(`  note: ${n}`);
    for (const w of p.waves) {
      lines.push(`  wave ${w.index} ${w.kind.padEnd(7)} ${stackLabel(ctx, p, w).join(', ')}`);
      for (const n of w.notes ?? []) lines.push(`      note: ${n}`);
      for (const c of waveCommands(w, ctx.deps, ctx.engine)) lines.push(`      $ ${display(c)}`);
      if (w.bakeMinutesAfter > 0) {
        const last = w === p.waves[p.waves.length - 1];
        lines.push(`      bake ${w.bakeMinutesAfter} min${last ? ' before the next environment' : ''}`);
      }
    }
    if (p.enable) {
      lines.push(`  then    enable  ${p.enable.regions.join(', ')} (not serving yet; not run by --execute)`);
      for (const i of p.enable.instructions) lines.push(`      ${i}`);
    }
    lines.push('');
  }
  lines.push('Dry run: nothing was deployed. Add --execute to deploy wave by wave.');
  return `${lines.join('\n')}\n`;
}

export function renderMarkdown(plan: RolloutPlan, ctx: RenderContext): string {
  const lines: string[] = ['# Rollout plan', ''];
  for (const p of plan.environments) {
    lines.push(`## ${p.environment} (${cloudName(ctx, p)}, ${p.tier})`, '');
    lines.push(`Canary: \`${p.canary.region}\` (${p.canary.reason}).`, '');
    for (const n of p.notes) lines.push(`> ${n}`, '');
    lines.push('| wave | kind | stacks | bake after |', '|---|---|---|---|');
    for (const w of p.waves) {
      const stacks = [
        ...stackLabel(ctx, p, w, (s) => `\`${s}\``),
        ...(w.notes ?? []).map((n) => `_${n}_`),
      ].join('<br>');
      lines.push(
        `| ${w.index} | ${w.kind} | ${stacks} | ${w.bakeMinutesAfter ? `${w.bakeMinutesAfter} min` : '—'} |`,
      );
    }
    if (p.enable) {
      lines.push(
        `| then | enable | ${p.enable.regions.map((r) => `\`${r}\``).join('<br>')}: ${p.enable.instructions.join('; ')} | — |`,
      );
    }
    lines.push('', '```sh');
    for (const w of p.waves) for (const c of waveCommands(w, ctx.deps, ctx.engine)) lines.push(display(c));
    lines.push('```', '');
  }
  return `${lines.join('\n')}`;
}

export function renderJson(plan: RolloutPlan, ctx: RenderContext): string {
  const environments = plan.environments.map((p) => ({
    ...p,
    cloudName: cloudName(ctx, p),
    waves: p.waves.map((w) => ({ ...w, commands: waveCommands(w, ctx.deps, ctx.engine).map(display) })),
  }));
  return `${JSON.stringify({ version: 1, engine: ctx.engine.engine, environments }, null, 2)}\n`;
}
