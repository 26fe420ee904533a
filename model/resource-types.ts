/**
 * The one table from azurerm resource type to resource provider namespace(s) and ARM type
 * (model/data/azure-resource-types.json, source per row), and what a synthesized stack therefore needs
 * registered. Namespaces keep the exact spelling the Resource Providers API returns (`microsoft.insights`):
 * azurerm compares them case-sensitively and skips an unknown one with only a log line.
 */
import data from './data/azure-resource-types.json';

export interface ResourceTypeFacts {
  readonly namespaces: readonly string[];
  /** Lower-case ARM type, where the resource has one of its own. */
  readonly armType?: string;
  readonly source: string;
}

interface AttributeExtra {
  readonly type: string;
  readonly attribute: string;
  /** `true`: the attribute is true; `block`: the block is present. */
  readonly when: 'true' | 'block';
  readonly namespaces: readonly string[];
  readonly source: string;
  readonly confidence: string;
}

const TYPES: Readonly<Record<string, ResourceTypeFacts>> = data.types;
const EXTRAS: readonly AttributeExtra[] = data.attributeExtras as AttributeExtra[];

export const RESOURCE_TYPES_SOURCE = `${data.$source}, retrieved ${data.$retrieved}`;

/** What azurerm's `core` registration set holds (for reports: what `core` would have registered). */
export const AZURERM_CORE_NAMESPACES: readonly string[] = data.azurermCore.namespaces;

export function resourceTypeFacts(type: string): ResourceTypeFacts | undefined {
  return TYPES[type];
}

/** Every azurerm type the table knows. */
export function knownResourceTypes(): string[] {
  return Object.keys(TYPES).sort();
}

/** Lower-case ARM type of an azurerm type, or undefined. */
export function armTypeOf(type: string): string | undefined {
  return TYPES[type]?.armType;
}

/** A resource or data source as the stack's JSON holds it: type and attributes. */
export interface TypedBlock {
  readonly type: string;
  readonly attrs: Readonly<Record<string, unknown>>;
  /** Block name (the Terraform address is `[data.]<type>.<name>`). @default unknown */
  readonly name?: string;
  /** @default 'resource' */
  readonly section?: 'resource' | 'data';
}

export interface NamespaceNeed {
  /** Sorted, exact spelling. */
  readonly namespaces: string[];
  /** Types the table lacks (synthesis fails on them). */
  readonly unknownTypes: string[];
}

const present = (v: unknown): boolean =>
  v !== undefined && v !== null && v !== false && !(Array.isArray(v) && v.length === 0);

/** The namespaces `blocks` need: each type's, plus those an attribute adds (AKS add-ons). */
export function requiredNamespaces(blocks: Iterable<TypedBlock>): NamespaceNeed {
  const namespaces = new Set<string>();
  const unknown = new Set<string>();
  for (const b of blocks) {
    const facts = TYPES[b.type];
    if (!facts) {
      unknown.add(b.type);
      continue;
    }
    facts.namespaces.forEach((n) => namespaces.add(n));
    for (const extra of EXTRAS) {
      if (extra.type !== b.type) continue;
      const v = b.attrs[extra.attribute];
      const on = extra.when === 'true' ? v === true || v === 'true' : present(v);
      if (on) extra.namespaces.forEach((n) => namespaces.add(n));
    }
  }
  return { namespaces: [...namespaces].sort(byNamespace), unknownTypes: [...unknown].sort() };
}

/** Case-insensitive order (microsoft.insights sorts among the Microsoft.* names), ties by code point. */
export function byNamespace(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

const REF = /^\$\{(azurerm_[a-z0-9_]+)\.[A-Za-z0-9_-]+\.id\}((?:\/[^/]+\/[^/]+)*)$/;
const ARM_ID = /\/providers\/([A-Za-z0-9.]+)\/([^/]+)\/[^/]+((?:\/[^/]+\/[^/]+)*)$/;

/** `/blobServices/default/containers/x` → `/blobservices/containers` (the child type segments). */
function childSegments(rest: string): string {
  const parts = rest.split('/').filter((p) => p !== '');
  return parts
    .filter((_, i) => i % 2 === 0)
    .map((p) => `/${p.toLowerCase()}`)
    .join('');
}

/**
 * The lower-case ARM type a resource id points at: a Terraform reference `${azurerm_x.y.id}` (with optional
 * child segments, e.g. `/blobServices/default`) or a synth-time ARM id. Undefined when it cannot be told.
 */
export function armTypeOfId(value: string): string | undefined {
  const ref = REF.exec(value);
  if (ref) {
    const base = armTypeOf(ref[1]!);
    return base === undefined ? undefined : `${base}${childSegments(ref[2] ?? '')}`;
  }
  if (value.includes('${')) return undefined;
  const id = ARM_ID.exec(value);
  if (!id) return undefined;
  return `${id[1]!}/${id[2]!}${childSegments(id[3] ?? '')}`.toLowerCase();
}
