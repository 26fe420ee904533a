/**
 * What an application needs to run in one stamp, as typed JSON written next to the stack's Terraform
 * (`service-config.json`). Everything known at synth time is a value; what only exists after apply is a
 * reference to a Terraform output of the same stack (`{ "fromTerraformOutput": "<name>" }`), sensitive ones
 * marked so deploy tooling reads them with `terraform output -raw` and never logs them. One cloud profile thus
 * drives both the infrastructure and the application's configuration.
 */

export const SERVICE_CONFIG_VERSION = 1;
export const SERVICE_CONFIG_FILE = 'service-config.json';

/** A value that exists only after `terraform apply`: read it from the stack's outputs. */
export interface OutputRef {
  readonly fromTerraformOutput: string;
  /** @default not sensitive */
  readonly sensitive?: true;
}

export interface ServiceConfig {
  readonly version: number;
  readonly environment: string;
  readonly stack: string;
  readonly cloud: {
    readonly id: string;
    /** `az cloud set --name` value. */
    readonly azCloudName: string;
    /** ARM, Entra ID and Graph endpoints of the cloud (https URLs). */
    readonly endpoints: { readonly resourceManager: string; readonly login: string; readonly graph: string };
    /** DNS suffixes SDKs need (`vault.azure.net`, `documents.azure.com`, ...). */
    readonly suffixes: { readonly keyVault: string; readonly cosmos: string; readonly storage: string };
  };
  readonly region: { readonly name: string; readonly code: string; readonly displayName: string };
  readonly tenantId: string;
  readonly cosmos: {
    readonly endpoint: string;
    readonly databases: readonly string[];
    /** ARM region names, this stamp's region first, then the other stamps in the environment's order. */
    readonly preferredRegions: readonly string[];
    /** The same regions by display name (what the Cosmos SDKs' `preferredLocations` take). */
    readonly preferredLocations: readonly string[];
  };
  readonly keyVault: { readonly uri: string };
  readonly workloadIdentity: { readonly clientId: OutputRef; readonly tenantId: string };
  readonly appInsights: { readonly connectionString: OutputRef };
  readonly ingress: { readonly hostname: string };
}

export interface ServiceConfigInput {
  readonly environment: string;
  readonly stack: string;
  readonly cloud: ServiceConfig['cloud'];
  readonly tenantId: string;
  /** The stamp's region. */
  readonly region: ServiceConfig['region'];
  /** All stamps' regions in the environment's order (the stamp's own included). */
  readonly regions: readonly RegionName[];
  readonly cosmosEndpoint: string;
  readonly cosmosDatabases: readonly string[];
  readonly keyVaultUri: string;
  readonly ingressHostname: string;
  /** Names of the stack's Terraform outputs. */
  readonly outputs: {
    readonly workloadIdentityClientId: string;
    readonly appInsightsConnectionString: string;
  };
}

type RegionName = { readonly name: string; readonly displayName: string };

/** Preferred regions: the stamp's own first, then the others in the environment's order. */
export function preferredRegions<R extends RegionName>(own: string, regions: readonly R[]): R[] {
  const first = regions.filter((r) => r.name === own);
  if (!first.length) throw new Error(`${own} is not one of the environment's regions`);
  return [...first, ...regions.filter((r) => r.name !== own)];
}

export function buildServiceConfig(i: ServiceConfigInput): ServiceConfig {
  const preferred = preferredRegions(i.region.name, i.regions);
  return {
    version: SERVICE_CONFIG_VERSION,
    environment: i.environment,
    stack: i.stack,
    cloud: i.cloud,
    region: i.region,
    tenantId: i.tenantId,
    cosmos: {
      endpoint: i.cosmosEndpoint,
      databases: [...i.cosmosDatabases],
      preferredRegions: preferred.map((r) => r.name),
      preferredLocations: preferred.map((r) => r.displayName),
    },
    keyVault: { uri: i.keyVaultUri },
    workloadIdentity: {
      clientId: { fromTerraformOutput: i.outputs.workloadIdentityClientId },
      tenantId: i.tenantId,
    },
    appInsights: {
      connectionString: { fromTerraformOutput: i.outputs.appInsightsConnectionString, sensitive: true },
    },
    ingress: { hostname: i.ingressHostname },
  };
}
