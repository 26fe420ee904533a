/** What every footprint stack has: provider, backend, tags and a resource group. */
import { TerraformElement, TerraformStack } from 'cdktf';
import type { Construct, Node } from 'constructs';
import { readableLogicalId } from './logical-ids';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import type { Environment } from '../config/environment';
import { enforceDiagnostics } from '../constructs/diagnostics-aspect';
import { applyTags } from '../constructs/tags';
import { configureBackend, configureProvider } from './provider';
import type { Prerequisites } from '../model/prerequisites';
import { enforceNamespaceTable, registerProviders } from './resource-providers';
import { assemble, elementsOf, prepareElements, sameElements, type PreparedElements } from './stack-json';

export interface FootprintStackProps {
  readonly env: Environment;
  /** ARM region of the stack's resource group. */
  readonly location: string;
  /** `global` for the global layer, else the stamp's id (its region for unit 1, `<region>-u<n>` beyond). */
  readonly scope: string;
  readonly resourceGroupName: string;
}

export abstract class FootprintStack extends TerraformStack {
  readonly env: Environment;
  readonly resourceGroup: ResourceGroup;
  private readonly logicalIds = new Map<string, string>();

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
    // A resource type without a resource provider namespace fails synthesis, naming it.
    enforceNamespaceTable(this);
    this.resourceGroup = new ResourceGroup(this, 'rg', {
      name: props.env.resourceName(
        'resourceGroup',
        props.scope === 'global' ? undefined : props.scope,
        props.scope === 'global' ? 'global' : undefined,
      ),
      location: props.location,
    });
  }

  /**
   * Terraform addresses read like the construct path (`entry_front-door_origin-group`), without cdktf's hash
   * suffix: reviewers, the diff and waivers name resources by them. A collision fails synthesis.
   */
  protected override allocateLogicalId(element: TerraformElement | Node): string {
    const node = TerraformElement.isTerraformElement(element) ? element.node : element;
    const path = node.scopes.slice(node.scopes.indexOf(this) + 1).map((c) => c.node.id);
    const id = readableLogicalId(path);
    const owner = this.logicalIds.get(id);
    const full = path.join('/');
    if (owner !== undefined && owner !== full) {
      throw new Error(
        `stack ${this.node.id}: constructs ${owner} and ${full} would share the Terraform address ${id}`,
      );
    }
    this.logicalIds.set(id, full);
    return id;
  }

  /** What the subscription must have (providers, features, watchers, quota), known once synthesized. */
  get prerequisites(): Prerequisites {
    if (!this.synthesized) throw new Error(`stack ${this.node.id}: prerequisites are known after synthesis`);
    return this.synthesized;
  }
  private synthesized?: Prerequisites;

  private prepared?: PreparedElements;
  private stackOverrides = false;

  override addOverride(path: string, value: unknown): void {
    this.stackOverrides = true;
    super.addOverride(path, value);
  }

  /** cdktf's preparing pass (backend, cross-stack references), keeping its result for toTerraform (stack-json.ts). */
  override prepareStack(): void {
    if (process.env.FOOTPRINT_SINGLE_RESOLVE === '0') return super.prepareStack();
    this.ensureBackendExists();
    const elements = elementsOf(this);
    const prepared = prepareElements(this, elements);
    // A cross-stack reference found meanwhile added an element: cdktf's own path then.
    this.prepared = sameElements(prepared, elementsOf(this)) ? prepared : undefined;
  }

  /** The stack's Terraform JSON, with the provider registering exactly what its resources need. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- cdktf's own signature
  override toTerraform(): any {
    const prepared = this.prepared;
    this.prepared = undefined;
    const json =
      prepared && !this.stackOverrides && sameElements(prepared, elementsOf(this))
        ? assemble(this, prepared)
        : super.toTerraform();
    this.synthesized = registerProviders(json);
    return json;
  }

  /** Files written next to the stack's cdk.tf.json (file name → JSON content). */
  artifacts(): Record<string, unknown> {
    return {};
  }
}
