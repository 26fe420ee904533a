/**
 * Values that cross stacks, computed at synth time from the environment alone (names and deterministic resource
 * ids), so every stack plans on its own and no stack reads another's state. The formulas are model/shared-values.
 */
import type { Environment, Stamp } from '../config/environment';
import { originHostname, resourceGroupId as rgId, resourceId } from '../model/shared-values';

/** The global stack's resource group name. */
export function globalResourceGroupName(env: Environment): string {
  return env.resourceName('resourceGroup', undefined, 'global');
}

/** A stamp stack's resource group name. */
export function stampResourceGroupName(env: Environment, stamp: Stamp): string {
  return env.resourceName('resourceGroup', stamp.id);
}

export function resourceGroupId(env: Environment, resourceGroup: string): string {
  return rgId(env.config.subscriptionId, resourceGroup);
}

/** The environment's Cosmos DB account (in the global stack). */
export function cosmosAccountName(env: Environment): string {
  return env.resourceName('cosmosAccount');
}

export function cosmosAccountId(env: Environment): string {
  return resourceId(
    resourceGroupId(env, globalResourceGroupName(env)),
    'Microsoft.DocumentDB/databaseAccounts',
    cosmosAccountName(env),
  );
}

/** `https://<account>.<cosmos suffix>:443/` in the environment's cloud. */
export function cosmosEndpoint(env: Environment): string {
  return `https://${cosmosAccountName(env)}.${env.cloud.suffix('cosmos')}:443/`;
}

/** DNS label of a stamp's ingress public IP. */
export function ingressDnsLabel(env: Environment, stamp: Stamp): string {
  return env.resourceName('dnsLabel', stamp.id);
}

/** The stamp's origin host name, known at synth time: `<label>.<region>.<cloudapp suffix>`. */
export function stampOriginHostname(env: Environment, stamp: Stamp): string {
  return originHostname(ingressDnsLabel(env, stamp), stamp.region, env.cloud.suffix('cloudapp'));
}

/** The global Log Analytics workspace (edge and data-plane logs). */
export function globalWorkspaceName(env: Environment): string {
  return env.resourceName('logAnalyticsWorkspace', undefined, 'global');
}

export function globalWorkspaceId(env: Environment): string {
  return resourceId(
    resourceGroupId(env, globalResourceGroupName(env)),
    'Microsoft.OperationalInsights/workspaces',
    globalWorkspaceName(env),
  );
}
