/**
 * footprint bootstrap-state: prints the Azure CLI script that creates an environment's Terraform state storage
 * in its own cloud, from cdktf.out/footprint.json. It never runs anything itself.
 */
import { defineCommand, EXIT, FORMATS, UsageError, type CommandContext } from '../lib/cli';
import { readSynthOutput } from '../contract/out';
import { bootstrapScript, renderScript } from './state/bootstrap';

const USAGE = `Usage: npm run -s bootstrap-state -- --env <name> [--out <dir>] [--sku <sku>] [--format text|json|markdown]

Prints, as a bash script, the az commands that create the Terraform state storage of an environment before
its first deployment: az cloud set (or az cloud register for a metadata-host cloud), az login, the resource
group, a StorageV2 account (Standard_GZRS, shared keys off, TLS 1.2, no public blobs), blob versioning and
soft delete, the Storage Blob Data Owner role for you, and the container (--auth-mode login).
Review it, then run it: npm run -s bootstrap-state -- --env prod-usgov > bootstrap.sh && bash bootstrap.sh

Options:
  --env <name>   the environment (as in cdktf.out/footprint.json)
  --out <dir>    the synthesized tree (default: $CDKTF_OUTDIR or cdktf.out)
  --sku <sku>    storage SKU (default: Standard_GZRS; Standard_GRS where no region of the environment has zones)
  --format <f>   text (a bash script, default), json or markdown
  -h, --help     this help

Exit codes: 0 ok, 1 cdktf.out is missing or does not know the environment, 2 usage error.
`;

const OPTIONS = {
  env: { type: 'string' },
  sku: { type: 'string' },
} as const;

function main({ values, format, outDir }: CommandContext<typeof OPTIONS>): number {
  const name = values.env;
  if (!name) throw new UsageError('name the environment with --env');
  const sku = values.sku;
  if (sku !== undefined && !/^(Standard|Premium)_[A-Z]+$/.test(sku)) {
    throw new UsageError(`--sku must be a storage SKU such as Standard_GZRS (got "${sku}")`);
  }

  const footprint = readSynthOutput(outDir, [name]).footprint;
  const env = footprint.environments[name]!;
  const cloud = footprint.clouds?.[env.cloud];
  if (!cloud) {
    process.stderr.write(
      `bootstrap-state: cloud "${env.cloud}" of ${name} is not in footprint.json: run \`npm run synth\` again\n`,
    );
    return EXIT.findings;
  }
  const script = bootstrapScript(env, cloud, sku);
  if (!script) {
    const msg = `${name} keeps its state in local files (state.backend: local): nothing to bootstrap.`;
    process.stdout.write(
      format === 'json'
        ? `${JSON.stringify({ environment: name, steps: [] })}\n`
        : format === 'markdown'
          ? `${msg}\n`
          : `# ${msg}\n`, // text is a bash script: the note is a comment
    );
    return EXIT.ok;
  }
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
