/**
 * azurerm provider and state backend of a stack, both pointed at the environment's own cloud (named environment
 * or metadata host), so no stack needs another cloud's credentials. Entra ID auth everywhere, no access keys.
 */
import { AzurermBackend, LocalBackend, type TerraformStack } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import type { Environment } from '../config/environment';

export function configureProvider(stack: TerraformStack, env: Environment): AzurermProvider {
  return new AzurermProvider(stack, 'azurerm', {
    // Keys live in purge-protected vaults, which refuse a purge: destroying a key soft-deletes it and stops there.
    features: [
      env.encryption.customerManagedKeys ? { keyVault: [{ purgeSoftDeletedKeysOnDestroy: false }] } : {},
    ],
    subscriptionId: env.config.subscriptionId,
    tenantId: env.config.tenantId,
    storageUseAzuread: true,
    // Exactly the namespaces the stack's resources need; stacks/resource-providers.ts fills the list from the
    // synthesized JSON (the type table in model/).
    resourceProviderRegistrations: 'none',
    ...env.provider,
  });
}

/**
 * Local state lives beside the output, never in it (synth replaces the output folder): from the stack's working
 * directory `<out>/stacks/<stack>/`, `../../../.terraform-state/` is `<repo>/.terraform-state/` for the default
 * `cdktf.out`. Relative, so the synthesized JSON is the same on every machine.
 */
export const LOCAL_STATE_DIR = '.terraform-state';

/** One state file per stack in the environment's cloud; a local file only where the environment asks. */
export function configureBackend(stack: TerraformStack, env: Environment, stackName: string): void {
  const state = env.config.state;
  if (state.backend === 'local') {
    new LocalBackend(stack, { path: `../../../${LOCAL_STATE_DIR}/${stackName}.tfstate` });
    return;
  }
  new AzurermBackend(stack, {
    resourceGroupName: state.resourceGroup,
    storageAccountName: state.storageAccount,
    containerName: state.container,
    key: `${env.name}/${stackName}.tfstate`,
    subscriptionId: env.config.subscriptionId,
    tenantId: env.config.tenantId,
    useAzureadAuth: true,
    ...env.cloud.backendTarget(),
  });
}
