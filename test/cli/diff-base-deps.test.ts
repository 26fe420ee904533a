/**
 * A git-ref base is built with its own locked dependencies: a throwaway repository (dev-public only, to keep
 * the synth small) whose committed lockfile differs from the working tree's, and a stub npm whose "install"
 * synthesizes another azurerm version. The diff must show the provider bump, install once per lockfile, and
 * fail cleanly when npm ci fails.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CACHE_KEEP, provideModules } from '../../tools/diff/base-deps';
import type { DiffResult } from '../../tools/diff/compare';
import { runNode } from '../helpers/fixture';
import { gitRepo, type GitRepo } from '../helpers/git-repo';
import { stubNpm } from '../helpers/stub-npm';

const HEAD_VERSION = JSON.parse(
  readFileSync(
    join(__dirname, '..', '..', 'node_modules', '@cdktf', 'provider-azurerm', 'package.json'),
    'utf8',
  ),
) as { cdktf: { provider: { version: string } } };

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

let repo: GitRepo;
let baseLock: string;
let tmp: string;
beforeAll(() => {
  repo = gitRepo(['dev-public']);
  const lock = join(repo.dir, 'package-lock.json');
  const headLock = readFileSync(lock, 'utf8');
  // The base commit locks something else (as before a dependency bump); the working tree is the head.
  baseLock = headLock.replace('"lockfileVersion": 3', '"lockfileVersion": 3,\n  "requires": true');
  expect(baseLock).not.toBe(headLock);
  writeFileSync(lock, baseLock);
  repo.git('add', '-A');
  repo.git('commit', '--quiet', '-m', 'base');
  writeFileSync(lock, headLock);
  // A cdktf.out of the user's that no diff may touch.
  mkdirSync(join(repo.dir, 'cdktf.out'));
  writeFileSync(join(repo.dir, 'cdktf.out', 'manifest.json'), '{"mine":true}\n');
  tmp = mkdtempSync(join(tmpdir(), 'footprint-npm-'));
});

function diff(env: NodeJS.ProcessEnv) {
  return runNode('tools/diff.js', ['--base', 'HEAD', '--format', 'json', '--exit-code'], repo.dir, env);
}

function untouched() {
  expect(readFileSync(join(repo.dir, 'cdktf.out', 'manifest.json'), 'utf8')).toBe('{"mine":true}\n');
  expect(readdirSync(join(repo.dir, 'cdktf.out'))).toEqual(['manifest.json']);
  expect(repo.git('worktree', 'list').trim().split('\n')).toHaveLength(1);
}

describe('a git-ref base with its own lockfile', () => {
  it('is installed once with npm ci in its worktree, shows the provider bump, then comes from the cache', () => {
    const provider = HEAD_VERSION.cdktf.provider.version;
    expect(provider).toMatch(/^\d+\.\d+\.\d+$/);
    const npm = stubNpm(tmp, 'bump', { providerVersion: '4.54.0' });
    const cache = join(tmp, 'cache');
    // As under `npm run diff`: npm names the head's folder, which the base's npm ci must not install into.
    const env = { ...npm.env, FOOTPRINT_DIFF_CACHE: cache, npm_config_local_prefix: repo.dir };

    const first = diff(env);
    expect(first.stderr).toMatch(
      /^diff: installed the locked dependencies of HEAD \(npm ci, [\d.]+ s\), cached in /,
    );
    expect(first.code).toBe(4);
    const calls = npm.calls();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args).toBe('ci --no-audit --no-fund');
    expect(calls[0]!.cwd).not.toBe(repo.dir);
    expect(calls[0]!.localPrefix).toBeNull();
    expect(calls[0]!.cwd).toMatch(/footprint-diff-[^/]+\/src$/);
    const key = sha(baseLock);
    expect(readdirSync(cache)).toEqual([key]);
    expect(readdirSync(join(cache, key))).toEqual(['node_modules']);

    // Every dev-public stack: the azurerm version goes from the base's to the head's.
    const d = JSON.parse(first.stdout) as DiffResult;
    expect(d.stacks.length).toBeGreaterThan(1);
    for (const s of d.stacks) {
      expect(s.resources).toEqual([]);
      expect(s.settings).toContainEqual(
        expect.objectContaining({
          path: 'terraform.required_providers.azurerm.version',
          before: '4.54.0',
          after: provider,
          risk: 'MEDIUM',
        }),
      );
    }
    untouched();

    const second = diff(env);
    expect(second.stderr).toBe('');
    expect(second.code).toBe(4);
    expect(second.stdout).toBe(first.stdout);
    expect(npm.calls()).toHaveLength(1);
    untouched();
  });

  it('says why when npm ci fails (exit 1, no stack trace) and keeps nothing in the cache', () => {
    const npm = stubNpm(tmp, 'fail', {
      fail: 'npm error code ETARGET\nnpm error notarget No matching version found for cdktf@99.0.0.',
    });
    const cache = join(tmp, 'cache-fail');
    const r = diff({ ...npm.env, FOOTPRINT_DIFF_CACHE: cache });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `diff: installing the locked dependencies of HEAD (${npm.env.FOOTPRINT_NPM} ci in its worktree) failed with exit code 1:\n` +
        'npm error code ETARGET\nnpm error notarget No matching version found for cdktf@99.0.0.\n',
    );
    expect(npm.calls()).toHaveLength(1);
    expect(existsSync(cache)).toBe(false);
    untouched();
  });
});

describe('the dependency cache', () => {
  /** A pretend worktree and head: only their lockfiles (and the head's node_modules) matter here. */
  function trees(baseLockText: string, headLockText: string) {
    const root = mkdtempSync(join(tmpdir(), 'footprint-deps-'));
    const [tree, top] = [join(root, 'tree'), join(root, 'top')];
    for (const d of [tree, join(top, 'node_modules')]) mkdirSync(d, { recursive: true });
    writeFileSync(join(tree, 'package-lock.json'), baseLockText);
    writeFileSync(join(top, 'package-lock.json'), headLockText);
    return { root, tree, top };
  }

  it('reuses the head for the same lockfile or none, installs another once, then serves it from the cache', () => {
    const npm = stubNpm(tmp, 'unit');
    const env = { ...npm.env, FOOTPRINT_DIFF_CACHE: join(tmp, 'cache-unit') };
    const same = trees('{"a":1}\n', '{"a":1}\n');
    expect(provideModules(same.tree, same.top, 'r', env)).toBe('head');
    expect(realpathSync(join(same.tree, 'node_modules'))).toBe(realpathSync(join(same.top, 'node_modules')));
    const none = trees('', '');
    rmSync(join(none.tree, 'package-lock.json'));
    expect(provideModules(none.tree, none.top, 'r', env)).toBe('head');
    expect(npm.calls()).toEqual([]);

    const other = trees('{"a":2}\n', '{"a":1}\n');
    expect(provideModules(other.tree, other.top, 'r', env)).toBe('installed');
    const again = trees('{"a":2}\n', '{"a":1}\n');
    expect(provideModules(again.tree, again.top, 'r', env)).toBe('cache');
    expect(npm.calls().map((c) => c.cwd)).toEqual([other.tree]);
    const cached = realpathSync(join(again.tree, 'node_modules'));
    expect(cached).toBe(join(realpathSync(env.FOOTPRINT_DIFF_CACHE), sha('{"a":2}\n'), 'node_modules'));
    expect(existsSync(join(cached, 'cdktf', 'package.json'))).toBe(true);
  });

  it(`keeps the ${CACHE_KEEP} most recently used installs and drops stale partial copies`, () => {
    const cache = join(tmp, 'cache-prune');
    const old = ['1', '2', '3'].map((n) => sha(n));
    old.forEach((key, i) => {
      mkdirSync(join(cache, key, 'node_modules'), { recursive: true });
      const t = new Date(Date.UTC(2026, 0, 1 + i)); // old[2] was used last
      utimesSync(join(cache, key), t, t);
    });
    mkdirSync(join(cache, '.partial-abc-x'));
    utimesSync(join(cache, '.partial-abc-x'), new Date(0), new Date(0));
    const npm = stubNpm(tmp, 'prune');
    const t = trees('new\n', 'head\n');
    expect(provideModules(t.tree, t.top, 'r', { ...npm.env, FOOTPRINT_DIFF_CACHE: cache })).toBe('installed');
    expect(readdirSync(cache).sort()).toEqual([sha('new\n'), old[1], old[2]].sort());
  });

  it('names an npm that cannot be run, with the way to point at one', () => {
    const t = trees('x\n', 'y\n');
    const env = { FOOTPRINT_NPM: join(tmp, 'no-such-npm'), FOOTPRINT_DIFF_CACHE: join(tmp, 'cache-none') };
    expect(() => provideModules(t.tree, t.top, 'origin/main', env)).toThrow(
      new RegExp(
        `^installing the locked dependencies of origin/main \\(${env.FOOTPRINT_NPM} ci in its worktree\\) failed: .* could not be run \\(spawnSync .* ENOENT\\)$`,
      ),
    );
    expect(existsSync(env.FOOTPRINT_DIFF_CACHE)).toBe(false);
  });
});
