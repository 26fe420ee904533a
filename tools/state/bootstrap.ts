/**
 * The Azure CLI commands that create an environment's Terraform state storage before its first deployment:
 * resource group, a geo-zone-redundant StorageV2 account that only accepts Entra ID (no shared keys), TLS 1.2,
 * no public blobs, blob versioning and soft delete, the state container, and the data-plane role that
 * `use_azuread_auth` needs. Pure: footprint.json in, commands out.
 */
import type { CloudSummary, EnvironmentSummary, RegionSummary } from '../../contract/footprint';
import { shellQuote as q } from '../../lib/shell';

export interface BootstrapStep {
  /** Why, printed as a comment above the command. */
  readonly comment: string;
  /** A shell command line, ready to paste. */
  readonly command: string;
}

export interface BootstrapScript {
  readonly environment: string;
  readonly cloud: string;
  readonly location: string;
  readonly sku: string;
  readonly storageAccount: string;
  readonly container: string;
  readonly notes: string[];
  readonly steps: BootstrapStep[];
}

/** Days a deleted or overwritten state blob (or a deleted container) can be restored. */
export const RETENTION_DAYS = 30;

function redundancy(sku: string): string {
  if (sku.endsWith('GZRS')) return 'geo-zone-redundant';
  if (sku.endsWith('GRS')) return 'geo-redundant';
  return sku;
}

/** The state account's region: the first zoned region (GZRS needs availability zones), else the primary. */
function stateRegion(env: EnvironmentSummary): { region: RegionSummary; zoned: boolean } {
  const zoned = env.regions.find((r) => r.zones);
  if (zoned) return { region: zoned, zoned: true };
  const primary = env.regions.find((r) => r.primary) ?? env.regions[0]!;
  return { region: primary, zoned: false };
}

/** The login steps for a cloud: a built-in az cloud by name, or one registered from its metadata host. */
export function loginSteps(env: EnvironmentSummary, cloud: CloudSummary): BootstrapStep[] {
  const steps: BootstrapStep[] = [];
  const host = env.provider.metadataHost;
  if (host) {
    steps.push({
      comment: `${cloud.displayName} is not built into the Azure CLI everywhere: register it from its ARM metadata (https://${host}/metadata/endpoints) unless it is already known.`,
      command: `az cloud show --name ${q(cloud.azCloudName)} --output none 2>/dev/null || az cloud register --name ${q(cloud.azCloudName)} --endpoint-resource-manager ${q(`https://${host}`)}`,
    });
  }
  steps.push({
    comment: `Point the Azure CLI at ${cloud.displayName} and sign in to the environment's tenant.`,
    command: `az cloud set --name ${q(cloud.azCloudName)}`,
  });
  if (env.state.backend === 'azurerm') {
    steps.push({ comment: '', command: `az login --tenant ${q(env.state.tenantId)}` });
    steps.push({ comment: '', command: `az account set --subscription ${q(env.state.subscriptionId)}` });
  } else {
    steps.push({ comment: '', command: 'az login' });
  }
  return steps;
}

/** The bootstrap script, or undefined for an environment whose state is a local file. */
export function bootstrapScript(
  env: EnvironmentSummary,
  cloud: CloudSummary,
  skuOverride?: string,
): BootstrapScript | undefined {
  const state = env.state;
  if (state.backend !== 'azurerm') return undefined;
  const { region, zoned } = stateRegion(env);
  const sku = skuOverride ?? (zoned ? 'Standard_GZRS' : 'Standard_GRS');
  const notes: string[] = [];
  if (!zoned && !skuOverride) {
    notes.push(
      `no region of ${env.name} has availability zones in ${cloud.file}, and GZRS needs them: using ${sku} in ${region.region} (override with --sku)`,
    );
  }
  const rg = q(state.resourceGroup);
  const account = q(state.storageAccount);
  const scope = `/subscriptions/${state.subscriptionId}/resourceGroups/${state.resourceGroup}/providers/Microsoft.Storage/storageAccounts/${state.storageAccount}`;
  const steps: BootstrapStep[] = [
    ...loginSteps(env, cloud),
    {
      comment: `Resource group of the state account, in ${region.region}.`,
      command: `az group create --name ${rg} --location ${q(region.region)} --tags purpose=terraform-state environment=${q(env.name)}`,
    },
    {
      comment: `The state account: ${redundancy(sku)}, Entra ID only (shared keys off), TLS 1.2, HTTPS only, no public blobs.`,
      command: [
        `az storage account create --name ${account} --resource-group ${rg} --location ${q(region.region)}`,
        `--kind StorageV2 --sku ${q(sku)} --allow-shared-key-access false --min-tls-version TLS1_2`,
        '--allow-blob-public-access false --https-only true --allow-cross-tenant-replication false',
      ].join(' \\\n    '),
    },
    {
      comment: `Blob versioning and ${RETENTION_DAYS}-day soft delete of blobs and containers, so a bad state write can be undone.`,
      command: [
        `az storage account blob-service-properties update --account-name ${account} --resource-group ${rg}`,
        `--enable-versioning true --enable-delete-retention true --delete-retention-days ${RETENTION_DAYS}`,
        `--enable-container-delete-retention true --container-delete-retention-days ${RETENTION_DAYS}`,
      ].join(' \\\n    '),
    },
    {
      comment:
        'Data-plane access through Entra ID (the backend sets use_azuread_auth): Storage Blob Data Owner for you. Give the deploying pipeline identity the same role (--assignee <its object id>). The role can take a few minutes to apply.',
      command: [
        `az role assignment create --role 'Storage Blob Data Owner'`,
        `--assignee-object-id "$(az ad signed-in-user show --query id --output tsv)" --assignee-principal-type User`,
        `--scope ${q(scope)}`,
      ].join(' \\\n    '),
    },
    {
      comment:
        'The state container, created with your Entra ID token (never an account key); retried while the new role assignment takes effect.',
      command: [
        `for attempt in 1 2 3 4 5 6 7 8 9 10; do`,
        `  if az storage container create --name ${q(state.container)} --account-name ${account} --auth-mode login; then break; fi`,
        `  if [ "$attempt" -eq 10 ]; then echo 'container create still denied after 5 minutes' >&2; exit 1; fi`,
        `  echo 'waiting 30 s for the role assignment to take effect' >&2; sleep 30`,
        'done',
      ].join('\n'),
    },
  ];
  return {
    environment: env.name,
    cloud: cloud.id,
    location: region.region,
    sku,
    storageAccount: state.storageAccount,
    container: state.container,
    notes,
    steps,
  };
}

/** A bash script that stops at the first failing command; comments say why each step is there. */
export function renderScript(s: BootstrapScript): string {
  const lines = [
    '#!/usr/bin/env bash',
    s.storageAccount
      ? `# Subscription prerequisites and Terraform state storage of ${s.environment} (cloud ${s.cloud}): ${s.storageAccount}/${s.container}, ${s.sku} in ${s.location}.`
      : `# Subscription prerequisites of ${s.environment} (cloud ${s.cloud}).`,
    '# Generated by `npm run bootstrap-state`; review, then run once per environment.',
    'set -euo pipefail',
  ];
  for (const n of s.notes) lines.push(`# NOTE: ${n}`);
  for (const step of s.steps) {
    if (step.comment) lines.push('', `# ${step.comment}`);
    lines.push(step.command);
  }
  return `${lines.join('\n')}\n`;
}
