/** Composes one environment: its global stack, then one stamp stack per region, ordered by dependencies. */
import type { Construct } from 'constructs';
import type { TerraformStack } from 'cdktf';
import type { Environment } from '../config/environment';
import { GlobalStack } from './global-stack';
import { StampStack } from './stamp-stack';

/** Wraps each stack's construction (the bench times it). */
export type BuildStack = <T extends TerraformStack>(make: () => T) => T;

export class Footprint {
  readonly global: GlobalStack;
  readonly stamps: StampStack[];

  /** @param build wraps each stack's constructor; @default runs it as is */
  constructor(
    scope: Construct,
    readonly env: Environment,
    build: BuildStack = (make) => make(),
  ) {
    this.global = build(() => new GlobalStack(scope, env));
    this.stamps = env.stamps.map((stamp) => {
      const s = build(() => new StampStack(scope, env, stamp));
      // Stamps reach the global Cosmos account by private endpoint: the account must exist first.
      s.addDependency(this.global);
      return s;
    });
  }
}
