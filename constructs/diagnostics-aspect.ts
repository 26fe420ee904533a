/**
 * Diagnostics everywhere, enforced: every resource of a type that has something to send must be the
 * target of a `azurerm_monitor_diagnostic_setting` in the same stack (constructs/diagnostics.ts). An Aspect
 * registers one validation per stack; app.synth() runs it, and a resource without a setting fails synthesis
 * with a message naming `<stack>/<type>.<logical id>`.
 *
 * A setting matches a resource when its `target_resource_id` is the resource's `id` reference (or a
 * sub-resource of it, e.g. `<storage id>/blobServices/default`), or a synth-time ARM id whose provider type and
 * name are the resource's.
 */
import type { IConstruct } from 'constructs';
import { Aspects, TerraformResource, TerraformStack, Token, type IAspect } from 'cdktf';
// The resolver TerraformStack itself uses (public API has no stack-level resolve): turns `${TfToken[..]}` into
// `${azurerm_x.y.id}`, so a reference can be compared with another reference to the same attribute.
import { resolve } from 'cdktf/lib/_tokens';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { hasDiagnostics } from '../model/azure-monitor';
import { armTypeOf, knownResourceTypes } from '../model/resource-types';

/**
 * Terraform types whose ARM type has something a diagnostic setting can send (a log category or a metric
 * category in Microsoft's reference), with that ARM type. From the same tables the settings are built from, so a
 * type that exports nothing (private endpoints) is not required to have one.
 */
export const DIAGNOSABLE_TYPES: Readonly<Record<string, string>> = Object.fromEntries(
  knownResourceTypes()
    .map((t) => [t, armTypeOf(t)] as const)
    .filter((e): e is readonly [string, string] => e[1] !== undefined && hasDiagnostics(e[1])),
);

interface Named {
  readonly nameInput?: string;
}

/**
 * What `resource.id` resolves to in the resource's own stack: cdktf's reference to the attribute
 * (TerraformResource.interpolationForAttribute), written out. Reading `id` makes a new token on every read, and
 * resolving it costs more than the rest of the check; a mismatch would only ever report a resource as missing.
 */
export function idReference(r: TerraformResource): string {
  return `\${${r.terraformResourceType}.${r.friendlyUniqueId}${r.forEach ? '.*' : ''}.id}`;
}

/** `<stack>/<type>.<logical id>` of every diagnosable resource of `stack` without a setting targeting it. */
export function missingDiagnostics(stack: TerraformStack): string[] {
  const resources = stack.node.findAll().filter(TerraformResource.isTerraformResource);
  const str = (v: unknown): string => {
    // A name is mostly plain text, which resolves to itself.
    const r: unknown =
      v === undefined || (typeof v === 'string' && !Token.isUnresolved(v)) ? v : resolve(stack, v);
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
    const ref = idReference(r).toLowerCase();
    const name = str((r as unknown as Named).nameInput).toLowerCase();
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
