/** The result of the resilience analysis of one environment, shared by the analysis (index.ts) and render.ts. */
import type { ResilienceFloor } from '../../contract/footprint';
import type { ScenarioResult } from './simulate';
import type { Spof } from './spof';

export interface EnvironmentResilience {
  readonly name: string;
  readonly tier: string;
  readonly cloud: string;
  readonly globalEntry: string;
  /** Prod environments gate: they must pass every scenario and have no single point of failure. */
  readonly gated: boolean;
  readonly floor: ResilienceFloor;
  /** Every scenario passes and no single point of failure was found. */
  readonly pass: boolean;
  readonly scenarios: ScenarioResult[];
  readonly spofs: Spof[];
  readonly notes: string[];
}
