/**
 * Diagnostics everywhere, enforced: every resource of a type that supports diagnostic settings must be the
 * target of a `azurerm_monitor_diagnostic_setting` in the same stack (constructs/diagnostics.ts). An Aspect
 * registers one validation per stack; app.synth() runs it, and a resource without a setting fails synthesis
 * with a message naming `<stack>/<type>.<logical id>`.
 *
 * A setting matches a resource when its `target_resource_id` is the resource's `id` reference (or a
 * sub-resource of it, e.g. `<storage id>/blobServices/default`), or a synth-time ARM id whose provider type and
 * name are the resource's.
 */
import type { IConstruct } from 'constructs';
import { Aspects, TerraformResource, TerraformStack, type IAspect } from 'cdktf';
// The resolver TerraformStack itself uses (public API has no stack-level resolve): turns `${TfToken[..]}` into
// `${azurerm_x.y.id}`, so a reference can be compared with another reference to the same attribute.
import { resolve } from 'cdktf/lib/_tokens';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';

/** Terraform types that support diagnostic settings, with their ARM resource type. */
export const DIAGNOSABLE_TYPES: Readonly<Record<string, string>> = {
  azurerm_application_gateway: 'Microsoft.Network/applicationGateways',
  azurerm_application_insights: 'Microsoft.Insights/components',
  azurerm_bastion_host: 'Microsoft.Network/bastionHosts',
  azurerm_cdn_frontdoor_profile: 'Microsoft.Cdn/profiles',
  azurerm_container_registry: 'Microsoft.ContainerRegistry/registries',
  azurerm_cosmosdb_account: 'Microsoft.DocumentDB/databaseAccounts',
  azurerm_eventhub_namespace: 'Microsoft.EventHub/namespaces',
  azurerm_firewall: 'Microsoft.Network/azureFirewalls',
  azurerm_key_vault: 'Microsoft.KeyVault/vaults',
  azurerm_kubernetes_cluster: 'Microsoft.ContainerService/managedClusters',
  azurerm_lb: 'Microsoft.Network/loadBalancers',
  azurerm_log_analytics_workspace: 'Microsoft.OperationalInsights/workspaces',
  azurerm_network_security_group: 'Microsoft.Network/networkSecurityGroups',
  azurerm_public_ip: 'Microsoft.Network/publicIPAddresses',
  azurerm_redis_cache: 'Microsoft.Cache/redis',
  azurerm_servicebus_namespace: 'Microsoft.ServiceBus/namespaces',
  azurerm_storage_account: 'Microsoft.Storage/storageAccounts',
  azurerm_traffic_manager_profile: 'Microsoft.Network/trafficManagerProfiles',
  azurerm_virtual_network: 'Microsoft.Network/virtualNetworks',
};

interface Addressable {
  readonly id?: string;
  readonly nameInput?: string;
}

/** `<stack>/<type>.<logical id>` of every diagnosable resource of `stack` without a setting targeting it. */
export function missingDiagnostics(stack: TerraformStack): string[] {
  const resources = stack.node.findAll().filter(TerraformResource.isTerraformResource);
  const str = (v: unknown): string => {
    const r: unknown = v === undefined ? undefined : resolve(stack, v);
    return typeof r === 'string' ? r : '';
  };
  const targets = resources
    .filter((r): r is MonitorDiagnosticSetting => r instanceof MonitorDiagnosticSetting)
    .map((s) => str(s.targetResourceIdInput).toLowerCase())
    .filter((t) => t !== '');
  const missing: string[] = [];
  for (const r of resources) {
    const armType = DIAGNOSABLE_TYPES[r.terraformResourceType];
    if (!armType) continue;
    const ref = str((r as unknown as Addressable).id).toLowerCase();
    const name = str((r as unknown as Addressable).nameInput).toLowerCase();
    const armSuffix = `/providers/${armType}/${name}`.toLowerCase();
    const covered = targets.some(
      (t) =>
        (ref !== '' && (t === ref || t.startsWith(`${ref}/`))) ||
        (name !== '' && (t.endsWith(armSuffix) || t.includes(`${armSuffix}/`))),
    );
    if (!covered) missing.push(`${stack.node.id}/${r.terraformResourceType}.${stack.getLogicalId(r)}`);
  }
  return missing.sort();
}

export class DiagnosticsAspect implements IAspect {
  private readonly registered = new WeakSet<TerraformStack>();

  visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node) || this.registered.has(node)) return;
    this.registered.add(node);
    const stack = node;
    stack.node.addValidation({
      validate: () =>
        missingDiagnostics(stack).map(
          (address) =>
            `${address} has no diagnostic setting: its type supports one, so add a Diagnostics (constructs/diagnostics.ts) targeting its id to the stack's workspace`,
        ),
    });
  }
}

/** Fails synthesis of `stack` for any diagnosable resource without a diagnostic setting. */
export function enforceDiagnostics(stack: TerraformStack): void {
  Aspects.of(stack).add(new DiagnosticsAspect());
}
