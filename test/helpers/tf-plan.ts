/** Small hand-built `terraform show -json` plans for the plan-review unit tests: only the keys a review reads. */
import type { Json } from '../../contract/out';
import type { TfAction, TfChange, TfPlan, TfResourceChange } from '../../tools/plan-review/plan';
import { reviewStack, type ResourceReview, type StackReview } from '../../tools/plan-review/review';

type Obj = { [k: string]: Json };

/** A resource change of `address` (`<type>.<name>`); `change` overrides the empty masks. */
export function rc(
  address: string,
  actions: readonly TfAction[],
  before: Obj | null,
  after: Obj | null,
  more: Partial<Omit<TfResourceChange, 'change'>> & { change?: Partial<TfChange> } = {},
): TfResourceChange {
  const [type, name] = address.split('.') as [string, string];
  const { change, ...rest } = more;
  return {
    address,
    mode: 'managed',
    type,
    name,
    ...rest,
    change: {
      actions,
      before,
      after,
      after_unknown: {},
      before_sensitive: {},
      after_sensitive: {},
      ...change,
    },
  };
}

/** An in-place update of `address` from `before` to `after`. */
export const update = (address: string, before: Obj, after: Obj, change: Partial<TfChange> = {}) =>
  rc(address, ['update'], before, after, { change });

export function plan(resources: readonly TfResourceChange[], more: Partial<TfPlan> = {}): TfPlan {
  return { format_version: '1.2', terraform_version: '1.11.4', resource_changes: resources, ...more };
}

/** A configuration whose resource `address` refers to `references` (as `terraform show -json` writes it). */
export function referring(address: string, references: readonly Json[]): Json {
  return {
    root_module: {
      resources: [{ address, expressions: { some_id: { references: [...references] } } }],
    },
  };
}

export const review = (p: TfPlan, stack = 'prod-public-eastus2'): StackReview =>
  reviewStack({ stack, file: `${stack}.plan.json`, plan: p });

/** The review of the only resource of a one-change plan. */
export function one(change: TfResourceChange, more: Partial<TfPlan> = {}): ResourceReview {
  const s = review(plan([change], more));
  expect(s.resources).toHaveLength(1);
  return s.resources[0]!;
}
