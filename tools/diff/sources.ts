/**
 * The two sides of a diff as synthesized trees: a directory used as is, a git ref synthesized in a temporary
 * worktree (with that ref's own code, toolchain and locked dependencies: base-deps.ts), or the working tree
 * synthesized into a temporary directory. Temporary files are removed before returning; the user's cdktf.out is
 * never written.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { OutError, readSynthOutput, type StackReuse, type SynthOutput } from '../../contract/out';
import { depsCacheRoot, provideModules } from './base-deps';
import { isDir, npmCommand, run } from './run';

export interface Side {
  /** What the user named: a directory, a git ref, or "working tree". */
  readonly label: string;
  readonly out: SynthOutput;
}

function git(args: readonly string[], cwd: string): string {
  const r = run('git', args, cwd);
  if (r.code !== 0) throw new OutError(`git ${args.join(' ')} failed: ${r.stderr.trim()}`);
  return r.stdout.trim();
}

/** Synthesizes with `mainJs` in `cwd` (its environments/) into `outDir`; invalid config is an OutError. */
function synth(mainJs: string, cwd: string, outDir: string, what: string, reuse?: StackReuse): SynthOutput {
  const r = run(process.execPath, [mainJs, '--quiet', '--out', outDir], cwd);
  if (r.code !== 0) throw new OutError(`synthesizing ${what} failed:\n${(r.stderr || r.stdout).trim()}`);
  return readSynthOutput(outDir, undefined, reuse);
}

/**
 * The build command of a checkout: its package.json `build` script, run directly when it is one plain `node …`
 * (bin/build.js) or `swc …` (older checkouts) command, else through npm.
 */
function build(dir: string, what: string): void {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const script = pkg.scripts?.build ?? '';
  const [bin, ...args] = script.split(/\s+/);
  const direct = /[;&|<>$`]/.test(script)
    ? undefined
    : bin === 'node'
      ? process.execPath
      : bin === 'swc'
        ? join(dir, 'node_modules', '.bin', 'swc')
        : undefined;
  const r = direct ? run(direct, args, dir) : run(npmCommand(), ['run', '--silent', 'build'], dir);
  if (r.code !== 0) throw new OutError(`building ${what} failed:\n${(r.stderr || r.stdout).trim()}`);
}

/** Synthesizes git ref `ref` of the repository containing `cwd`, in a temporary worktree. */
export function synthRef(ref: string, cwd: string, reuse?: StackReuse): SynthOutput {
  const top = git(['rev-parse', '--show-toplevel'], cwd);
  const tmp = mkdtempSync(join(tmpdir(), 'footprint-diff-'));
  const tree = join(tmp, 'src');
  let added = false;
  try {
    git(['worktree', 'add', '--detach', '--quiet', tree, ref], top);
    added = true;
    const started = Date.now();
    if (provideModules(tree, top, ref) === 'installed') {
      // Once per base lockfile: say where the time went and where the copy is kept.
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stderr.write(
        `diff: installed the locked dependencies of ${ref} (npm ci, ${seconds} s), cached in ${depsCacheRoot()}\n`,
      );
    }
    build(tree, ref);
    // Run where the user runs the command, so a sub-folder layout maps the same way.
    const at = join(tree, relative(top, resolve(cwd)));
    return synth(join(tree, 'dist', 'main.js'), at, join(tmp, 'out'), ref, reuse);
  } finally {
    if (added) run('git', ['worktree', 'remove', '--force', tree], top);
    rmSync(tmp, { recursive: true, force: true });
    if (added) run('git', ['worktree', 'prune'], top);
  }
}

/** Synthesizes the working tree (environments/ under `cwd`) with this build's main.js. */
export function synthWorkingTree(cwd: string, reuse?: StackReuse): SynthOutput {
  const tmp = mkdtempSync(join(tmpdir(), 'footprint-diff-'));
  try {
    return synth(resolve(__dirname, '..', '..', 'main.js'), cwd, join(tmp, 'out'), 'the working tree', reuse);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * A side named on the command line: a synthesized directory, else a git ref; nothing means the working tree.
 * `reuse`, shared by both sides, parses a stack file once when both sides have the same bytes.
 */
export function loadSide(spec: string | undefined, cwd: string, reuse?: StackReuse): Side {
  if (spec === undefined) return { label: 'working tree', out: synthWorkingTree(cwd, reuse) };
  const dir = resolve(cwd, spec);
  if (isDir(dir)) {
    if (!existsSync(join(dir, 'manifest.json'))) {
      throw new OutError(`${spec} is a directory but not a synthesized tree (no manifest.json)`);
    }
    return { label: spec, out: readSynthOutput(dir, undefined, reuse) };
  }
  const inRepo = run('git', ['rev-parse', '--verify', '--quiet', `${spec}^{commit}`], cwd);
  if (inRepo.code !== 0) throw new OutError(`${spec} is neither a directory nor a git ref`);
  return { label: spec, out: synthRef(spec, cwd, reuse) };
}
