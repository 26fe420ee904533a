/**
 * One Aspect tags every taggable resource of a stack (environment, cloud, region, stamp, owner, cost center and
 * the environment's own tags), so no construct repeats it and none can forget it. Types whose `tags` the
 * provider marks ForceNew (a saved search) are left untagged: an owner change would replace them.
 */
import type { IConstruct } from 'constructs';
import { Aspects, TerraformResource, type IAspect } from 'cdktf';
import { FORCE_NEW } from '../model/provider-facts';

export type Tags = Readonly<Record<string, string>>;

interface Taggable {
  tags: Record<string, string> | undefined;
  readonly tagsInput?: Record<string, string>;
}

/** A tag edit would replace a resource of this type. */
export function tagsForceNew(type: string): boolean {
  return FORCE_NEW[type]?.forceNew.includes('tags') ?? false;
}

function isTaggable(node: IConstruct): node is IConstruct & Taggable {
  if (node instanceof TerraformResource && tagsForceNew(node.terraformResourceType)) return false;
  return 'tags' in node && 'tagsInput' in node;
}

export class TagAspect implements IAspect {
  constructor(private readonly tags: Tags) {}

  visit(node: IConstruct): void {
    // Read tagsInput, not tags: the latter is a token and would make the tags refer to themselves.
    if (isTaggable(node)) node.tags = { ...this.tags, ...(node.tagsInput ?? {}) };
  }
}

export function applyTags(scope: IConstruct, tags: Tags): void {
  Aspects.of(scope).add(new TagAspect(tags));
}
