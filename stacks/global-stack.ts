/**
 * `<env>-global`: the long-lived layer shared by all stamps (global entry, Cosmos DB, edge logs). Deployed
 * first; stamps depend on it.
 */
import type { Construct } from 'constructs';
import type { Environment } from '../environments/environment';
import { FootprintStack } from './base-stack';
import { globalResourceGroupName } from './shared-values';

export class GlobalStack extends FootprintStack {
  constructor(scope: Construct, env: Environment) {
    super(scope, env.globalStackName, {
      env,
      location: env.stamps[0]!.region,
      scope: 'global',
      resourceGroupName: globalResourceGroupName(env),
    });
  }
}
