/**
 * footprint bootstrap-state: prints the Azure CLI script that creates an environment's Terraform state storage
 * in its own cloud, from cdktf.out/footprint.json. It never runs anything itself.
 */
import { defineCommand, EXIT, FORMATS, UsageError, type CommandContext } from '../lib/cli';
import { readInputText } from '../lib/read-input';
import { readSynthOutput } from '../contract/out';
import { InputError } from '../lib/cli';
import { checklist } from './preflight/checks';
import { bootstrapScript, loginSteps, renderScript, type BootstrapScript } from './state/bootstrap';
import { prerequisiteSteps, type PreflightResult } from './state/prerequisites';

const USAGE = `Usage: npm run -s bootstrap-state -- --env <name> [--out <dir>] [--sku <sku>] [--format text|json|markdown]

Prints, as a bash script, the az commands that prepare an environment's subscription before its first
deployment: az cloud set (or az cloud register for a metadata-host cloud), az login; the subscription
prerequisites npm run preflight checks (resource providers and features to register, Network Watchers to
create), each guarded by its own check so only what is missing changes; then the Terraform state storage: the
resource group, a StorageV2 account (Standard_GZRS, shared keys off, TLS 1.2, no public blobs), blob versioning
and soft delete, the Storage Blob Data Owner role for you, and the container (--auth-mode login).
Review it, then run it: npm run -s bootstrap-state -- --env prod-usgov > bootstrap.sh && bash bootstrap.sh
With --preflight, only the fixes for the checks that file reports failing (plus manual-action comments).

Options:
  --env <name>   the environment (as in cdktf.out/footprint.json)
  --out <dir>    the synthesized tree (default: $CDKTF_OUTDIR or cdktf.out)
  --sku <sku>    storage SKU (default: Standard_GZRS; Standard_GRS where no region of the environment has zones)
  --preflight <file>  the output of npm run -s preflight -- --env <name> --check --format json
  --format <f>   text (a bash script, default), json or markdown
  -h, --help     this help

Exit codes: 0 ok, 1 cdktf.out is missing or does not know the environment, 2 usage error.
`;

const OPTIONS = {
  env: { type: 'string' },
  sku: { type: 'string' },
  preflight: { type: 'string' },
} as const;

function readPreflight(path: string, env: string): PreflightResult {
  const text = readInputText(path, {
    missing: ` not found: write it with npm run -s preflight -- --env ${env} --check --format json > ${path}`,
  });
  let parsed: Partial<PreflightResult>;
  try {
    parsed = JSON.parse(text) as Partial<PreflightResult>;
  } catch (e) {
    throw new InputError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (parsed.environment !== env || !Array.isArray(parsed.checks))
    throw new InputError(
      `${path} is not a preflight result of ${env} (npm run -s preflight -- --env ${env} --check --format json)`,
    );
  if (parsed.mode !== 'check')
    throw new InputError(`${path} was written offline: run preflight with --check`);
  return parsed as PreflightResult;
}

function main({ values, format, outDir }: CommandContext<typeof OPTIONS>): number {
  const name = values.env;
  if (!name) throw new UsageError('name the environment with --env');
  const sku = values.sku;
  if (sku !== undefined && !/^(Standard|Premium)_[A-Z]+$/.test(sku)) {
    throw new UsageError(`--sku must be a storage SKU such as Standard_GZRS (got "${sku}")`);
  }

  const out = readSynthOutput(outDir, [name]);
  const footprint = out.footprint;
  const env = footprint.environments[name]!;
  const cloud = footprint.clouds?.[env.cloud];
  if (!cloud) {
    process.stderr.write(
      `bootstrap-state: cloud "${env.cloud}" of ${name} is not in footprint.json: run \`npm run synth\` again\n`,
    );
    return EXIT.findings;
  }
  const preflight = values.preflight === undefined ? undefined : readPreflight(values.preflight, name);
  const prerequisites = prerequisiteSteps(checklist(env, cloud, out), preflight);
  const state = bootstrapScript(env, cloud, sku);
  // Providers first (a storage account needs Microsoft.Storage registered), then the state storage.
  const [login, rest] = state
    ? [state.steps.slice(0, loginSteps(env, cloud).length), state.steps.slice(loginSteps(env, cloud).length)]
    : [loginSteps(env, cloud), []];
  const script: BootstrapScript = {
    environment: name,
    cloud: cloud.id,
    location: state?.location ?? '',
    sku: state?.sku ?? '',
    storageAccount: state?.storageAccount ?? '',
    container: state?.container ?? '',
    notes: [
      ...(state?.notes ?? [
        `${name} keeps its state in local files (state.backend: local): no state storage to create.`,
      ]),
    ],
    steps: [...login, ...prerequisites, ...rest],
  };
  if (format === 'json') process.stdout.write(`${JSON.stringify(script, null, 2)}\n`);
  else if (format === 'markdown') process.stdout.write(`\`\`\`sh\n${renderScript(script)}\`\`\`\n`);
  else process.stdout.write(renderScript(script));
  return EXIT.ok;
}

defineCommand({
  name: 'bootstrap-state',
  usage: USAGE,
  options: OPTIONS,
  formats: FORMATS,
  readsOut: true,
  main,
});
