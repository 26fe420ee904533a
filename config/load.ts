/**
 * Reads `environments/clouds/*.yaml` and `environments/*.yaml` once, validates them (schema, then rules across
 * files) and returns typed, frozen Environments, or every error at once. Never throws for bad input.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import type { z } from 'zod';
import { basename, join, relative } from 'node:path';
import { CloudProfile } from './cloud-profile';
import { buildEnvironment, type Environment } from './environment';
import { quote } from '../lib/quote';
import { errorAt, sortErrors, type ConfigError } from './errors';
import { readConfigText } from './read-file';
import { templateErrors } from './templates';
import { choices } from './suggestions';
import { fromZodIssues } from './zod-issues';
import { decideEncryption, decideFeatures, decisionWarnings } from './features';
import {
  checkAcrossEnvironments,
  checkEnvironment,
  type ParsedEnvironment,
  type PartialEnvironment,
} from './cross-file-rules';
import { checkAcrossClouds, type ParsedCloud } from './cloud-rules';
import { cloudSchema } from './schema/cloud';
import { environmentSchema } from './schema/environment';
import { YamlSource, type ParsedCache } from './yaml-source';
import { parseCache } from './parse-cache';

export interface LoadResult {
  readonly environments: Environment[];
  readonly clouds: CloudProfile[];
  readonly errors: ConfigError[];
}

export interface LoadOptions {
  /** Repository root: file names in errors are relative to it. */
  readonly root: string;
  /** Folder of the data files; defaults to `<root>/environments`. */
  readonly dir?: string;
  /** Load only these environments (the clouds are always all loaded and checked). */
  readonly only?: readonly string[];
  /** Folder of parsed files kept between runs (config/parse-cache.ts). @default none: every file is parsed */
  readonly cacheDir?: string;
}

function yamlFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

/** A config folder (clouds/ counted in) holds at most this many YAML files; the shipped one has 11. */
export const MAX_CONFIG_FILES = 1000;
/** Their sizes add up to at most this (each is also at most MAX_FILE_BYTES): everything is parsed at once. */
export const MAX_CONFIG_BYTES = 32 * 1024 * 1024;

/**
 * The folder-wide bounds, checked before any file is read: a folder of thousands of files, or of many files
 * at the 1 MiB limit, would otherwise be read, parsed and held in memory at once.
 */
function folderProblem(paths: readonly string[]): string | undefined {
  if (paths.length > MAX_CONFIG_FILES)
    return `${paths.length} YAML files with clouds/; expected at most ${MAX_CONFIG_FILES} in one config folder`;
  let bytes = 0;
  for (const p of paths) {
    try {
      bytes += statSync(p).size;
    } catch {
      // Not readable: reading it reports why, at its own name.
    }
  }
  if (bytes > MAX_CONFIG_BYTES)
    return `${bytes} bytes of YAML with clouds/; expected at most ${MAX_CONFIG_BYTES} bytes (32 MiB) in one config folder`;
  return undefined;
}

function readSource(
  path: string,
  root: string,
  dir: string,
  errors: ConfigError[],
  cache?: ParsedCache,
): YamlSource | undefined {
  const file = relative(root, path) || path;
  const read = readConfigText(path, dir);
  if (!('text' in read)) {
    errors.push({ file, line: read.line ?? 1, col: read.col ?? 1, field: '', message: read.problem });
    return undefined;
  }
  const src = new YamlSource(file, read.text, cache);
  for (const p of src.syntaxProblems)
    errors.push({ file, line: p.line, col: p.col, field: '', message: p.message });
  if (src.syntaxProblems.length) return undefined;
  if (src.data === null || typeof src.data !== 'object' || Array.isArray(src.data)) {
    errors.push({
      file,
      line: 1,
      col: 1,
      field: '',
      message: 'expected a mapping of fields at the top of the file',
    });
    return undefined;
  }
  return src;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Schema errors plus template sequences (which the schema alone would let through in free-text fields); a
 * field with a template sequence gets that error only.
 */
function validate<T>(
  src: YamlSource,
  schema: z.ZodType<T>,
): { data: T; errors: [] } | { data?: undefined; errors: ConfigError[]; besides(e: ConfigError): boolean } {
  const guarded = templateErrors(src);
  const parsed = schema.safeParse(src.data);
  if (parsed.success && !guarded.length) return { data: parsed.data, errors: [] };
  const fields = new Set(guarded.map((e) => e.field));
  const besides = (e: ConfigError) => !fields.has(e.field);
  const schemaErrors = parsed.success ? [] : fromZodIssues(src, schema, parsed.error.issues);
  return { errors: [...guarded, ...schemaErrors.filter(besides)], besides };
}

/** The top-level fields that are valid on their own, with their defaults (for rules on a file with errors). */
function validFields(raw: object): PartialEnvironment {
  const shape = environmentSchema.shape as Record<string, z.ZodType>;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(shape)) {
    const r = field.safeParse((raw as Record<string, unknown>)[key]);
    if (r.success && r.data !== undefined) out[key] = r.data;
  }
  return out as PartialEnvironment;
}

/** Errors shown per file: all a person fixes in one pass, not a flood from a generated or garbage file. */
export const MAX_ERRORS_PER_FILE = 50;

function capPerFile(sorted: ConfigError[]): ConfigError[] {
  const out: ConfigError[] = [];
  const count = new Map<string, number>();
  for (const e of sorted) count.set(e.file, (count.get(e.file) ?? 0) + 1);
  const shown = new Map<string, number>();
  for (const e of sorted) {
    const n = (shown.get(e.file) ?? 0) + 1;
    shown.set(e.file, n);
    if (n <= MAX_ERRORS_PER_FILE) out.push(e);
    else if (n === MAX_ERRORS_PER_FILE + 1) {
      const rest = count.get(e.file)! - MAX_ERRORS_PER_FILE;
      out.push({
        ...e,
        field: '',
        message: `${rest} more errors in this file are not shown; fix the ones above first`,
      });
    }
  }
  return out;
}

export function loadEnvironments(options: LoadOptions): LoadResult {
  const root = options.root;
  const dir = options.dir ?? join(root, 'environments');
  const errors: ConfigError[] = [];
  const cache = options.cacheDir === undefined ? undefined : parseCache(options.cacheDir);

  if (!isDirectory(dir)) {
    const file = relative(root, dir) || dir;
    return {
      environments: [],
      clouds: [],
      errors: [
        {
          file,
          line: 1,
          col: 1,
          field: '',
          message: `${existsSync(dir) ? 'not a folder' : 'no such folder'}; expected the folder of the environment files and clouds/ (--config)`,
        },
      ],
    };
  }
  const cloudPaths = yamlFiles(join(dir, 'clouds'));
  const envPaths = yamlFiles(dir);
  const tooMuch = folderProblem([...cloudPaths, ...envPaths]);
  if (tooMuch) {
    const file = relative(root, dir) || dir;
    return { environments: [], clouds: [], errors: [{ file, line: 1, col: 1, field: '', message: tooMuch }] };
  }
  const clouds = new Map<string, CloudProfile>();
  // Clouds whose file exists but is invalid: their environments are not blamed for it.
  const brokenClouds = new Set<string>();
  const parsedClouds: ParsedCloud[] = [];
  for (const path of cloudPaths) {
    const src = readSource(path, root, dir, errors, cache);
    if (!src) {
      brokenClouds.add(basename(path).replace(/\.ya?ml$/, ''));
      continue;
    }
    const parsed = validate(src, cloudSchema);
    if (!parsed.data) {
      errors.push(...parsed.errors);
      brokenClouds.add(basename(path).replace(/\.ya?ml$/, ''));
      continue;
    }
    const id = basename(path).replace(/\.ya?ml$/, '');
    if (parsed.data.id !== id) {
      errors.push(errorAt(src, ['id'], `${quote(parsed.data.id)} must equal the file name ${quote(id)}`));
      brokenClouds.add(id);
      continue;
    }
    clouds.set(id, new CloudProfile(parsed.data, src.file));
    parsedClouds.push({ src, data: parsed.data });
  }
  // A value another cloud names too (an endpoint, zone, audience, region...) was copied from it.
  errors.push(...checkAcrossClouds(parsedClouds));
  if (clouds.size === 0 && errors.length === 0) {
    errors.push({
      file: relative(root, join(dir, 'clouds')) || dir,
      line: 1,
      col: 1,
      field: '',
      message: 'no cloud profiles found (*.yaml)',
    });
  }

  const wanted = options.only ? new Set(options.only) : undefined;
  if (wanted) {
    const names = envPaths.map((p) => basename(p).replace(/\.ya?ml$/, ''));
    for (const w of wanted) {
      if (!names.includes(w)) {
        errors.push({
          file: relative(root, dir) || dir,
          line: 1,
          col: 1,
          field: '',
          message: `no environment ${quote(w)}${choices(w, names)}`,
        });
      }
    }
  }

  const parsedEnvs: ParsedEnvironment[] = [];
  const environments: Environment[] = [];
  for (const path of envPaths) {
    const base = basename(path).replace(/\.ya?ml$/, '');
    const src = readSource(path, root, dir, errors, cache);
    if (!src) continue;
    const parsed = validate(src, environmentSchema);
    if (!parsed.data) {
      errors.push(...parsed.errors);
      // Cloud and regions are still checked, so one run reports residency errors with the schema errors.
      const raw = src.data as { cloud?: unknown };
      const more: ConfigError[] = [];
      if (typeof raw.cloud === 'string' && !brokenClouds.has(raw.cloud) && clouds.size) {
        const cloud = clouds.get(raw.cloud);
        if (!cloud)
          more.push(
            errorAt(
              src,
              ['cloud'],
              `${quote(raw.cloud)} is not a cloud profile${choices(raw.cloud, [...clouds.keys()])}`,
            ),
          );
        else
          more.push(...checkEnvironment(src, validFields(src.data as object), cloud.forEnvironment(), base));
      }
      errors.push(...more.filter(parsed.besides));
      continue;
    }
    const data = parsed.data;
    const cloudBase = clouds.get(data.cloud);
    if (!cloudBase && (brokenClouds.has(data.cloud) || clouds.size === 0)) continue;
    if (!cloudBase) {
      errors.push(
        errorAt(
          src,
          ['cloud'],
          `${quote(data.cloud)} is not a cloud profile${choices(data.cloud, [...clouds.keys()])}`,
        ),
      );
      continue;
    }
    const cloud = cloudBase.forEnvironment();
    parsedEnvs.push({ src, data });
    // Includes a required capability the cloud lacks.
    const ruleErrors = checkEnvironment(src, data, cloud, base);
    const decisions = decideFeatures(data, cloud);
    errors.push(...ruleErrors);
    if (ruleErrors.length || (wanted && !wanted.has(data.name))) continue;
    environments.push(
      buildEnvironment(
        src.file,
        data,
        cloud,
        decisions,
        decisionWarnings(decisions),
        decideEncryption(data, cloud, decisions),
      ),
    );
  }
  errors.push(...checkAcrossEnvironments(parsedEnvs));
  if (envPaths.length === 0 && errors.length === 0) {
    errors.push({
      file: relative(root, dir) || dir,
      line: 1,
      col: 1,
      field: '',
      message: 'no environment files found (*.yaml)',
    });
  }

  return {
    environments: errors.length ? [] : environments,
    clouds: [...clouds.values()],
    errors: capPerFile(sortErrors(errors)),
  };
}
