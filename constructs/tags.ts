/**
 * One Aspect tags every taggable resource of a stack (environment, cloud, region, stamp, owner, cost center and
 * the environment's own tags), so no construct repeats it and none can forget it.
 */
import type { IConstruct } from 'constructs';
import { Aspects, type IAspect } from 'cdktf';

export type Tags = Readonly<Record<string, string>>;

interface Taggable {
  tags: Record<string, string> | undefined;
  readonly tagsInput?: Record<string, string>;
}

function isTaggable(node: IConstruct): node is IConstruct & Taggable {
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
