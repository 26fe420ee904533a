/**
 * The cross-file rules (config/cross-file-rules.ts) on one small environment text, in process and without the
 * file system beyond the shipped cloud profiles: each test writes the YAML it checks, so a line:col in an
 * expected message is a line of that text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { CloudProfile } from '../../config/cloud-profile';
import { checkAcrossEnvironments, checkEnvironment } from '../../config/cross-file-rules';
import { formatError } from '../../config/errors';
import { cloudSchema, type CloudFile } from '../../config/schema/cloud';
import { environmentSchema, type EnvironmentFile } from '../../config/schema/environment';
import { YamlSource } from '../../config/yaml-source';
import { REPO } from './fixture';

const clouds = new Map<string, CloudFile>();

/** A shipped cloud profile (environments/clouds/<id>.yaml), parsed once. */
export function cloudFile(id: string): CloudFile {
  let data = clouds.get(id);
  if (!data) {
    const file = `environments/clouds/${id}.yaml`;
    data = cloudSchema.parse(new YamlSource(file, readFileSync(join(REPO, file), 'utf8')).data);
    clouds.set(id, data);
  }
  return data;
}

/** A cloud profile: a shipped one, or one changed from it (a cloud the shipped files do not have). */
export function cloud(id: string, change: (data: CloudFile) => CloudFile = (d) => d): CloudProfile {
  return new CloudProfile(change(cloudFile(id)), `environments/clouds/${id}.yaml`);
}

const HEADER = {
  name: 'e',
  cloud: 'public',
  tier: 'dev',
  prefix: 'fp',
  subscriptionId: '00000000-0000-0000-0000-000000000001',
  tenantId: '00000000-0000-0000-0000-00000000000a',
  owner: 'team@example.com',
  costCenter: 'CC-1',
  monitoring: '{ contacts: [team@example.com] }',
  state: '{ backend: local }',
};

/**
 * An environment file: the fields every file needs (10 lines, one per field, `header` changing some), then
 * `body` from line 11 (regions and what the test checks).
 */
export function envText(body: string, header: Partial<Record<keyof typeof HEADER, string>> = {}): string {
  const fields = { ...HEADER, ...header };
  return [...Object.entries(fields).map(([k, v]) => `${k}: ${v}`), body].join('\n');
}

/** Remote state, as prod needs. */
export const REMOTE_STATE = '{ backend: azurerm, resourceGroup: rg-state, storageAccount: fpstate }';

export function source(text: string, file = 'environments/e.yaml'): YamlSource {
  const src = new YamlSource(file, text);
  if (src.syntaxProblems.length) throw new Error(JSON.stringify(src.syntaxProblems));
  return src;
}

/** The file with the schema's defaults (it must pass the schema). */
export function parsed(src: YamlSource): EnvironmentFile {
  return environmentSchema.parse(src.data);
}

/**
 * The fields of a file that are valid on their own, as the loader passes a file that failed the schema (each
 * top-level field parsed alone, with its defaults).
 */
export function validFields(src: YamlSource): Partial<EnvironmentFile> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(environmentSchema.shape as Record<string, z.ZodType>)) {
    const r = field.safeParse((src.data as Record<string, unknown>)[key]);
    if (r.success && r.data !== undefined) out[key] = r.data;
  }
  return out as Partial<EnvironmentFile>;
}

/** The formatted errors of one file that passes the schema. */
export function check(text: string, cloudProfile = cloud('public'), fileBase = 'e'): string[] {
  const src = source(text, `environments/${fileBase}.yaml`);
  return checkEnvironment(src, parsed(src), cloudProfile, fileBase).map(formatError);
}

/** The formatted errors across files, each file given as [base name, text]. */
export function checkAcross(files: readonly (readonly [string, string])[]): string[] {
  const envs = files.map(([base, text]) => {
    const src = source(text, `environments/${base}.yaml`);
    return { src, data: parsed(src) };
  });
  return checkAcrossEnvironments(envs).map(formatError);
}
