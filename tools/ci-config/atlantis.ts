/**
 * atlantis.yaml (repo config version 3) for teams on Atlantis: one project per stack in the synthesized tree
 * `ci-cdktf.out` (Atlantis asks for a synth output outside the git-ignored cdktf.out), a workflow per cloud,
 * `depends_on` the previous rollout wave of the same environment (and the manifest's dependencies),
 * `execution_order_group` the wave's position in the whole rollout, and autoplan when the stack's Terraform
 * JSON, its environment file or its cloud profile changes. Server side (documented in the README): a
 * pre_workflow_hook runs `npm ci && CDKTF_OUTDIR=ci-cdktf.out npm run synth`, with allow_custom_workflows,
 * allowed_overrides [workflow, depends_on] and include-git-untracked-files.
 */
import { HEADER, TERRAFORM_VERSION, yamlText } from './github';
import type { CiCloud, CiModel } from './targets';

export const ATLANTIS_OUT_DIR = 'ci-cdktf.out';

type Obj = Record<string, unknown>;

/** `from` (a stack's dir) up to the repository root. */
function up(dir: string): string {
  return dir
    .split('/')
    .map(() => '..')
    .join('/');
}

/** The server's environment variable with the client id of the cloud's managed identity. */
export function clientIdVar(cloud: string): string {
  return `FOOTPRINT_CLIENT_ID_${cloud.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

function workflow(c: CiCloud, local: boolean): Obj {
  // The Atlantis server of that cloud logs in with its managed identity, named per cloud in its environment.
  const auth = [
    { env: { name: 'ARM_USE_MSI', value: 'true' } },
    { env: { name: 'ARM_CLIENT_ID', command: `echo "$${clientIdVar(c.cloud)}"` } },
  ];
  return {
    plan: {
      steps: [...auth, 'init', 'plan', { run: 'terraform show -json $PLANFILE > $SHOWFILE' }],
    },
    apply: {
      steps: local
        ? [{ run: 'echo "local state: apply this stack from a workstation (npm run rollout)" && exit 1' }]
        : [...auth, 'apply'],
    },
  };
}

export function atlantisConfig(m: CiModel): string {
  const stackOf = new Map(m.clouds.flatMap((c) => c.stacks.map((s) => [s.stack, { s, c }] as const)));
  const projects: Obj[] = [];
  const workflows: Obj = {};
  const previousWave = new Map<string, readonly string[]>();
  for (const w of m.waves) {
    for (const name of w.stacks) {
      const { s, c } = stackOf.get(name)!;
      const wf = `footprint-${c.cloud}${s.localState ? '-local-state' : ''}`;
      workflows[wf] ??= workflow(c, s.localState);
      const dir = `${ATLANTIS_OUT_DIR}/${s.dir}`;
      const root = up(dir);
      const dependsOn = [...new Set(previousWave.get(w.environment) ?? [])];
      projects.push({
        name,
        dir,
        workflow: wf,
        terraform_version: `v${TERRAFORM_VERSION}`,
        execution_order_group: w.order,
        ...(dependsOn.length ? { depends_on: dependsOn } : {}),
        autoplan: { enabled: true, when_modified: ['cdk.tf.json', ...s.files.map((f) => `${root}/${f}`)] },
      });
    }
    previousWave.set(w.environment, w.stacks);
  }
  const header = HEADER(
    'Atlantis repo config: one project per stack of the rollout, in rollout order.\n' +
      ` Synthesize into ${ATLANTIS_OUT_DIR}/ in a pre_workflow_hook; see README "Reviewing a change".`,
  );
  const doc = {
    version: 3,
    automerge: false,
    parallel_plan: true,
    parallel_apply: false,
    abort_on_execution_order_fail: true,
    projects,
    workflows,
  };
  return yamlText(doc, header);
}
