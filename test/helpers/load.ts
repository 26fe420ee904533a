/** Loads environments in-process (no child process) for construct and stack tests. */
import { formatError } from '../../config/errors';
import { loadEnvironments, type LoadResult } from '../../config/load';
import type { Environment } from '../../config/environment';
import { REPO } from './fixture';

let shipped: LoadResult | undefined;

export function shippedConfig(): LoadResult {
  shipped ??= loadEnvironments({ root: REPO });
  if (shipped.errors.length) throw new Error(shipped.errors.map(formatError).join('\n'));
  return shipped;
}

export function shippedEnvironment(name: string): Environment {
  const env = loadEnvironments({ root: REPO, only: [name] }).environments[0];
  if (!env) throw new Error(`no environment ${name}`);
  return env;
}

export function loadFrom(dir: string): LoadResult {
  return loadEnvironments({ root: dir });
}
