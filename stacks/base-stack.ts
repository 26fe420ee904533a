/** What every footprint stack has: provider, backend, tags and a resource group. */
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import type { Environment } from '../environments/environment';
import { enforceDiagnostics } from '../constructs/diagnostics-aspect';
import { applyTags } from '../constructs/tags';
import { configureBackend, configureProvider } from './provider';

export interface FootprintStackProps {
  readonly env: Environment;
  /** ARM region of the stack's resource group. */
  readonly location: string;
  /** `global` for the global layer, else the stamp's region. */
  readonly scope: string;
  readonly resourceGroupName: string;
}

export abstract class FootprintStack extends TerraformStack {
  readonly env: Environment;
  readonly resourceGroup: ResourceGroup;

  protected constructor(scope: Construct, id: string, props: FootprintStackProps) {
    super(scope, id);
    this.env = props.env;
    configureProvider(this, props.env);
    configureBackend(this, props.env, id);
    const { config } = props.env;
    applyTags(this, {
      ...config.tags,
      environment: config.name,
      cloud: props.env.cloud.id,
      region: props.location,
      stamp: props.scope,
      owner: config.owner,
      costCenter: config.costCenter,
      managedBy: 'footprint',
    });
    // A diagnosable resource without a diagnostic setting fails synthesis, naming it.
    enforceDiagnostics(this);
    this.resourceGroup = new ResourceGroup(this, 'rg', {
      name: props.env.resourceName(
        'resourceGroup',
        props.scope === 'global' ? undefined : props.location,
        props.scope === 'global' ? 'global' : undefined,
      ),
      location: props.location,
    });
  }

  /** Files written next to the stack's cdk.tf.json (file name → JSON content). */
  artifacts(): Record<string, unknown> {
    return {};
  }
}
