/**
 * Formulas for values that cross stacks, from names alone: every stack computes them at synth time, so each plans
 * on its own and none reads another's state. Pure; stacks/shared-values.ts applies them to an environment.
 */

/** A stamp's public ingress host name: `<label>.<region>.<cloudapp suffix>`, the DNS name Azure gives the IP. */
export function originHostname(dnsLabel: string, region: string, cloudappSuffix: string): string {
  return `${dnsLabel}.${region}.${cloudappSuffix}`;
}

export function resourceGroupId(subscriptionId: string, resourceGroup: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`;
}

/** An ARM id under a resource group, e.g. `Microsoft.DocumentDB/databaseAccounts`. */
export function resourceId(resourceGroupId: string, type: string, name: string): string {
  return `${resourceGroupId}/providers/${type}/${name}`;
}
