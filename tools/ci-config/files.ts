/** The generated CI files of one format, path (relative to the repository) → text: a pure function of the tree. */
import type { SynthOutput } from '../../contract/out';
import { atlantisConfig } from './atlantis';
import { actionlintConfig, applyWorkflow, planWorkflow } from './github';
import { ciModel } from './targets';

export const CI_FORMATS = ['github', 'atlantis'] as const;
export type CiFormat = (typeof CI_FORMATS)[number];

export function ciFiles(out: SynthOutput, format: CiFormat): Record<string, string> {
  const m = ciModel(out);
  return format === 'atlantis'
    ? { 'atlantis.yaml': atlantisConfig(m) }
    : {
        '.github/workflows/plan.yml': planWorkflow(m),
        '.github/workflows/apply.yml': applyWorkflow(m),
        '.github/actionlint.yaml': actionlintConfig(m),
      };
}
