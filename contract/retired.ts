/**
 * Stamps removed from an environment file but perhaps still deployed. Synth cannot forget them: it keeps the
 * last synthesized stack of each in `<out>/retired/<stack>/` (the rollout destroys it from there, with
 * `--allow-destroy`) and lists it in footprint.json `retired`, until the rollout marks it destroyed.
 */
import { cpSync, existsSync } from 'node:fs';
import { readInputText } from '../lib/read-input';
import { join } from 'node:path';
import type { FootprintManifest, RetiredStack } from './footprint';
import { resourcesOf, type JsonObject, type Resource } from './out';

export const RETIRED_DIR = 'retired';
/** Written by the rollout into a retired stack's folder once `terraform destroy` succeeded. */
export const DESTROYED_MARKER = 'DESTROYED';

export interface Synthesized {
  readonly name: string;
  /** Regions in the new environment file. */
  readonly regions: readonly string[];
  /** Stamp stacks of the new file (a removed scale unit retires although its region stays). @default by region */
  readonly stacks?: readonly string[];
}

export interface Retirement extends RetiredStack {
  /** Where its last configuration is in the previous output, relative to it. */
  readonly from: string;
}

/**
 * The stamps of `previous` that the new synthesis no longer writes, per synthesized environment: regions
 * removed since, and earlier retirements not destroyed yet (whose folder still holds the configuration).
 */
export function retirements(
  previous: FootprintManifest | undefined,
  previousDir: string,
  envs: readonly Synthesized[],
): Map<string, Retirement[]> {
  const out = new Map<string, Retirement[]>();
  for (const env of envs) {
    const prev = previous?.environments[env.name];
    if (!prev) continue;
    const list: Retirement[] = [];
    const kept = (r: { region: string; stack: string }) =>
      env.stacks ? env.stacks.includes(r.stack) : env.regions.includes(r.region);
    for (const r of prev.regions ?? []) {
      if (kept(r)) continue;
      list.push({
        region: r.region,
        stack: r.stack,
        dir: join(RETIRED_DIR, r.stack),
        servingBefore: r.serving ?? true,
        from: join('stacks', r.stack),
      });
    }
    for (const r of prev.retired ?? []) {
      if (kept(r) || list.some((x) => x.stack === r.stack)) continue;
      const dir = join(previousDir, r.dir);
      if (!existsSync(join(dir, 'cdk.tf.json')) || existsSync(join(dir, DESTROYED_MARKER))) continue;
      list.push({ ...r, from: r.dir });
    }
    if (list.length) out.set(env.name, list);
  }
  return out;
}

const TERRAFORM_WORK = new Set(['.terraform', '.terraform.lock.hcl']);

/** Copies each retired stack's configuration into the new tree (terraform's working files are moved later). */
export function carryRetired(previousDir: string, nextDir: string, list: readonly Retirement[]): void {
  for (const r of list) {
    cpSync(join(previousDir, r.from), join(nextDir, r.dir), {
      recursive: true,
      filter: (src) => !src.split(/[\\/]/).some((part) => TERRAFORM_WORK.has(part)),
    });
  }
}

/**
 * Where terraform's working files of the previous output go in the new one: a removed stamp's move with its
 * configuration to `retired/`; a destroyed retired stack's may be dropped (null).
 */
export function relocateWork(previousDir: string, retired: readonly Retirement[]) {
  return (rel: string): string | null | undefined => {
    for (const r of retired) {
      if (rel.startsWith(`${r.from}/`)) return join(r.dir, rel.slice(r.from.length + 1));
    }
    const m = new RegExp(`^${RETIRED_DIR}/([^/]+)/`).exec(rel);
    if (m && existsSync(join(previousDir, RETIRED_DIR, m[1]!, DESTROYED_MARKER))) return null;
    return undefined;
  };
}

/** The resources of a retired stack's configuration, for the destroy step. */
export function readRetiredResources(outDir: string, r: RetiredStack): Resource[] {
  const json = JSON.parse(readInputText(join(outDir, r.dir, 'cdk.tf.json'))) as JsonObject;
  return resourcesOf(r.stack, json);
}
