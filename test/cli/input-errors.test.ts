/**
 * What a user can get wrong with any command: a damaged or misplaced cdktf.out, an --out or --output that
 * names the wrong kind of path, a repeated --env, an impossible date. Exit 1 (or 2 for usage), one line that
 * says what is wrong, never a stack trace, and nothing of the user's overwritten.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configFixture, runNode, type RunResult } from '../helpers/fixture';

let dir: string;
let out: string;
beforeAll(() => {
  dir = configFixture();
  const r = runNode('main.js', ['--quiet'], dir);
  if (r.code !== 0) throw new Error(r.stderr);
  out = join(dir, 'cdktf.out');
});

function expectUserError(r: RunResult, code: number, message: RegExp): void {
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toContain('internal error');
  expect(r.stderr).toMatch(message);
  expect(r.code).toBe(code);
}

/** A copy of the synthesized tree with footprint.json replaced. */
function withFootprint(name: string, text: string): string {
  const copy = join(dir, name);
  cpSync(out, copy, { recursive: true });
  writeFileSync(join(copy, 'footprint.json'), text);
  return copy;
}

const READERS: [string, string[]][] = [
  ['tools/validate.js', []],
  ['tools/resilience.js', []],
  ['tools/report.js', []],
  ['tools/rollout.js', ['--env', 'prod-usgov']],
  ['tools/bootstrap-state.js', ['--env', 'prod-usgov']],
];

describe('a damaged cdktf.out', () => {
  const cases: [string, string, RegExp][] = [
    ['null', 'null', /footprint\.json is not a JSON object/],
    ['empty object', '{}', /footprint\.json has no "environments" object/],
    [
      'environment without stacks',
      JSON.stringify({ clouds: { public: {} }, environments: { 'prod-usgov': { cloud: 'public' } } }),
      /environment "prod-usgov" has no "stacks" list/,
    ],
  ];
  it.each(cases)(
    'footprint.json that is %s: every reader exits 1 with the file named',
    (label, text, msg) => {
      const tree = withFootprint(`fp-${label.replace(/\W/g, '-')}`, text);
      for (const [script, args] of READERS)
        expectUserError(runNode(script, [...args, '--out', tree], dir), 1, msg);
      expectUserError(runNode('tools/diff.js', ['--base', tree, '--head', out], dir), 1, msg);
    },
  );

  it("bootstrap-state with the environment's cloud missing from footprint.json exits 1", () => {
    const fp = JSON.parse(readFileSync(join(out, 'footprint.json'), 'utf8')) as { clouds: object };
    const tree = withFootprint('fp-no-clouds', JSON.stringify({ ...fp, clouds: {} }));
    expectUserError(
      runNode('tools/bootstrap-state.js', ['--env', 'prod-usgov', '--out', tree], dir),
      1,
      /cloud "usgov" of prod-usgov is not in footprint\.json/,
    );
  });

  it('--out naming a file says so instead of "manifest.json not found"', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    for (const [script, args] of READERS) {
      expectUserError(
        runNode(script, [...args, '--out', file], dir),
        1,
        /a-file is a file, not a synthesized/,
      );
    }
  });
});

describe('a repeated --env', () => {
  it('names the environment once: same verdict, counts and plan as a single --env', () => {
    const once = runNode('tools/validate.js', ['--env', 'prod-usgov'], dir);
    const twice = runNode('tools/validate.js', ['--env', 'prod-usgov', '--env', 'prod-usgov'], dir);
    expect(twice.stdout).toBe(once.stdout);
    expect(twice.code).toBe(once.code);
    const plan = runNode('tools/rollout.js', ['--env', 'prod-usgov', '--env', 'prod-usgov'], dir);
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(0);
  });
});

describe('writing output', () => {
  it('report --output into a missing directory or onto a directory: exit 1, nothing left behind', () => {
    expectUserError(
      runNode('tools/report.js', ['--output', 'no-such-dir/report.md'], dir),
      1,
      /no-such-dir does not exist/,
    );
    mkdirSync(join(dir, 'reports'), { recursive: true });
    expectUserError(runNode('tools/report.js', ['--output', 'reports'], dir), 1, /reports is a directory/);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('synth --out naming a file or a directory that is not an earlier output leaves it untouched', () => {
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'mine');
    expectUserError(runNode('main.js', ['--quiet', '--out', 'notes.txt'], dir), 1, /notes\.txt is a file/);
    expect(readFileSync(file, 'utf8')).toBe('mine');

    const project = join(dir, 'project');
    mkdirSync(project, { recursive: true });
    writeFileSync(join(project, 'main.ts'), 'keep');
    expectUserError(runNode('main.js', ['--quiet', '--out', 'project'], dir), 1, /refusing to replace it/);
    expect(readdirSync(project)).toEqual(['main.ts']);
  });

  it('synth --out replaces an earlier output and fills an empty directory', () => {
    // Only empty folders inside (what a bare cdktf App leaves behind) still counts as empty.
    mkdirSync(join(dir, 'empty-out', 'stacks'), { recursive: true });
    expect(runNode('main.js', ['--quiet', '--env', 'dev-public', '--out', 'empty-out'], dir).code).toBe(0);
    expect(runNode('main.js', ['--quiet', '--env', 'dev-public', '--out', 'empty-out'], dir).code).toBe(0);
    expect(existsSync(join(dir, 'empty-out', 'manifest.json'))).toBe(true);
  });
});

describe('usage', () => {
  it('validate --today rejects a date that does not exist', () => {
    expectUserError(
      runNode('tools/validate.js', ['--today', '2026-02-30'], dir),
      2,
      /--today must be a date/,
    );
  });

  it('schema has --help and rejects unknown options without writing', () => {
    const help = runNode('config/schema/export.js', ['--help'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: npm run schema');
    expectUserError(runNode('config/schema/export.js', ['--bogus'], dir), 2, /Unknown option '--bogus'/);
    expect(existsSync(join(dir, 'environments', 'schema', 'cloud.schema.json.tmp'))).toBe(false);
  });

  it('schema --check exits 0 on the committed schemas and 1 on a stale one', () => {
    expect(runNode('config/schema/export.js', ['--check'], dir).code).toBe(0);
    writeFileSync(join(dir, 'environments', 'schema', 'cloud.schema.json'), '{}\n');
    const r = runNode('config/schema/export.js', ['--check'], dir);
    expectUserError(r, 1, /cloud\.schema\.json is stale/);
    expect(readFileSync(join(dir, 'environments', 'schema', 'cloud.schema.json'), 'utf8')).toBe('{}\n');
  });
});
