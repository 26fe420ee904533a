/**
 * Failure-mode analysis of a synthesized tree, for `npm run resilience`, the validate tool and the report:
 *
 *   const results = analyzeResilience(readSynthOutput('cdktf.out'));
 *   resilienceGate(results);            // false when a prod environment fails a scenario or has a SPOF
 *   renderResilience(results, 'markdown');
 *
 * Pure: reads only the SynthOutput it is given (tools/lib/out.ts), never the config or the constructs.
 */
import type { ResilienceFloor } from '../../stacks/manifest';
import type { SynthOutput } from '../lib/out';
import { environmentModel, type EnvironmentModel } from './model';
import { simulateAll, type ScenarioResult } from './simulate';
import { singlePointsOfFailure, type Spof } from './spof';

export { environmentModel, environmentModels, type EnvironmentModel } from './model';
export { scenariosFor, simulate, simulateAll, type Scenario, type ScenarioResult } from './simulate';
export { singlePointsOfFailure, SPOF_IDS, type Spof, type SpofId } from './spof';
export { renderResilience } from './render';

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

export function analyzeModel(model: EnvironmentModel): EnvironmentResilience {
  const scenarios = simulateAll(model);
  const spofs = singlePointsOfFailure(model);
  return {
    name: model.name,
    tier: model.tier,
    cloud: model.cloud,
    globalEntry: model.globalEntry,
    gated: model.tier === 'prod',
    floor: model.floor,
    pass: spofs.length === 0 && scenarios.every((s) => s.pass),
    scenarios,
    spofs,
    notes: model.notes,
  };
}

/** One result per environment of `out` (all of footprint.json, or `only`), in footprint.json order. */
export function analyzeResilience(out: SynthOutput, only?: readonly string[]): EnvironmentResilience[] {
  const names = only ?? Object.keys(out.footprint.environments);
  return names.map((n) => analyzeModel(environmentModel(out, n)));
}

/** True when every gated (prod) environment passes. */
export function resilienceGate(results: readonly EnvironmentResilience[]): boolean {
  return results.every((r) => !r.gated || r.pass);
}
