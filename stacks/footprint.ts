/** Composes one environment: its global stack, then one stamp stack per region, ordered by dependencies. */
import type { Construct } from 'constructs';
import type { Environment } from '../environments/environment';
import { GlobalStack } from './global-stack';
import { StampStack } from './stamp-stack';
import { timeBuild } from './timings';

export class Footprint {
  readonly global: GlobalStack;
  readonly stamps: StampStack[];

  constructor(
    scope: Construct,
    readonly env: Environment,
  ) {
    this.global = timeBuild(() => new GlobalStack(scope, env));
    this.stamps = env.stamps.map((stamp) => {
      const s = timeBuild(() => new StampStack(scope, env, stamp));
      // Stamps reach the global Cosmos account by private endpoint: the account must exist first.
      s.addDependency(this.global);
      return s;
    });
  }
}
