/** `<env>-<region>`: one independent stamp, a failure domain of its own (bulkhead). */
import type { Construct } from 'constructs';
import type { Environment, Stamp } from '../environments/environment';
import { FootprintStack } from './base-stack';
import { stampResourceGroupName } from './shared-values';

export class StampStack extends FootprintStack {
  readonly stamp: Stamp;

  constructor(scope: Construct, env: Environment, stamp: Stamp) {
    super(scope, env.stampStackName(stamp.region), {
      env,
      location: stamp.region,
      scope: stamp.region,
      resourceGroupName: stampResourceGroupName(env, stamp),
    });
    this.stamp = stamp;
  }
}
