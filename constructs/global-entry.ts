/**
 * The environment's single public entry: Front Door (edge WAF, rate limits, health-probed origins) or Traffic
 * Manager (DNS failover only). Exactly one of the two props is given; the choice is made once, in config
 * (`Environment.globalEntry`), and stacks/global-entry.ts maps the environment onto these props.
 */
import { Construct } from 'constructs';
import { FrontDoor, type FrontDoorProps } from './front-door';
import { TrafficManager, type TrafficManagerProps } from './traffic-manager';

export type GlobalEntryProps =
  | { readonly frontDoor: FrontDoorProps; readonly trafficManager?: undefined }
  | { readonly trafficManager: TrafficManagerProps; readonly frontDoor?: undefined };

export class GlobalEntry extends Construct {
  readonly kind: 'frontDoor' | 'trafficManager';
  readonly frontDoor?: FrontDoor;
  readonly trafficManager?: TrafficManager;

  constructor(scope: Construct, id: string, props: GlobalEntryProps) {
    super(scope, id);
    if (props.frontDoor) {
      this.kind = 'frontDoor';
      this.frontDoor = new FrontDoor(this, 'front-door', props.frontDoor);
    } else {
      this.kind = 'trafficManager';
      this.trafficManager = new TrafficManager(this, 'traffic-manager', props.trafficManager);
    }
  }
}
