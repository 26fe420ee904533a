/**
 * What azurerm 4.55.0 itself says about replacement: per resource type, the attribute paths its schema marks
 * ForceNew (`block.attribute`, no list positions) and whether a CustomizeDiff can also force a replacement
 * conditionally. Data, with its provenance, in data/azurerm-force-new.json; only the types our constructs use.
 */
import facts from './data/azurerm-force-new.json';

export interface ProviderResourceFacts {
  readonly forceNew: readonly string[];
  readonly customizeDiff: boolean;
}

export const PROVIDER_FACTS_PROVENANCE: Readonly<Record<string, string>> = facts.provenance;

export const FORCE_NEW: Readonly<Record<string, ProviderResourceFacts>> = facts.resources;

/**
 * The ForceNew path of `type` that a change at `path` touches: the path itself, a block above it that is
 * ForceNew and whose own attributes the provider does not enumerate (a map or a list of values changes as a
 * whole), or a ForceNew attribute inside a block at `path` that is added or removed. Undefined: in place, or
 * the type is not in the data.
 */
export function forceNewPath(type: string, path: string): string | undefined {
  const paths = FORCE_NEW[type]?.forceNew;
  if (!paths) return undefined;
  return paths.find((p) => {
    if (p === path || p.startsWith(`${path}.`)) return true;
    // A ForceNew block with ForceNew children: the provider replaces only when those (or its count) change.
    if (!path.startsWith(`${p}.`)) return false;
    return !paths.some((q) => q.startsWith(`${p}.`));
  });
}
