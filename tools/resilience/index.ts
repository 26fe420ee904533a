/**
 * Failure-mode analysis of a synthesized tree, for `npm run resilience`, the validate tool and the report:
 *
 *   const results = analyzeResilience(readSynthOutput('cdktf.out'));
 *   resilienceGate(results);            // false when a prod environment fails a scenario or has a SPOF
 *   renderResilience(results, 'markdown');
 *
 * Pure: reads only the SynthOutput it is given (contract/out.ts), never the config or the constructs.
 */
import type { SynthOutput } from '../../contract/out';
import { environmentModel, type EnvironmentModel } from './model';
import { simulateAll } from './simulate';
import { singlePointsOfFailure } from './spof';
import type { EnvironmentResilience } from './types';

export { environmentModel, type EnvironmentModel } from './model';
export { scenariosFor, simulate, simulateAll, type Scenario, type ScenarioResult } from './simulate';
export { singlePointsOfFailure, SPOF_IDS, type Spof, type SpofId } from './spof';
export { renderResilience } from './render';
export type { EnvironmentResilience } from './types';

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
