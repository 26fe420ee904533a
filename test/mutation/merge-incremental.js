/**
 * Merges Stryker incremental reports (mutation-testing-report-schema: `files` and `testFiles`) into one, so
 * that per-file runs (`npx stryker run -m <file> --incrementalFile reports/inc-x.json`) carry their results into
 * the committed `test/mutation/stryker-incremental.json` that `npm run mutate` reuses.
 *
 *   node test/mutation/merge-incremental.js <out.json> <in.json>...
 *
 * A source file in several inputs with the same source unites their mutants (line-range runs); the same mutant,
 * or a file whose source changed, keeps the last input's result (give the newest last). Test files are united
 * test by test (jest's test ids are their full names, the same in every run).
 */
const { readFileSync, writeFileSync } = require('node:fs');

const [out, ...inputs] = process.argv.slice(2);
if (!out || inputs.length === 0) {
  process.stderr.write('usage: node test/mutation/merge-incremental.js <out.json> <in.json>...\n');
  process.exit(2);
}

const key = (m) =>
  `${m.mutatorName}|${m.replacement ?? ''}|${m.location.start.line}:${m.location.start.column}-${m.location.end.line}:${m.location.end.column}`;

let merged;
for (const file of inputs) {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  if (!merged) {
    merged = { ...r, files: {}, testFiles: {} };
  }
  for (const [path, f] of Object.entries(r.files)) {
    const prev = merged.files[path];
    // A file measured in line ranges by several runs: unite its mutants (the same mutant: the newest result).
    const mutants =
      prev && prev.source === f.source ? new Map(prev.mutants.map((m) => [key(m), m])) : new Map();
    for (const m of f.mutants) mutants.set(key(m), m);
    merged.files[path] = { ...f, mutants: [...mutants.values()] };
  }
  for (const [path, tf] of Object.entries(r.testFiles ?? {})) {
    const prev = merged.testFiles[path];
    if (!prev || prev.source !== tf.source) {
      merged.testFiles[path] = tf;
      continue;
    }
    const byId = new Map(prev.tests.map((t) => [t.id, t]));
    for (const t of tf.tests) byId.set(t.id, t);
    merged.testFiles[path] = { ...prev, tests: [...byId.values()] };
  }
}

const sorted = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
merged.files = sorted(merged.files);
// Mutant ids are per run ("0", "1", ...): number them again so they stay unique in the merged report.
let id = 0;
for (const f of Object.values(merged.files)) {
  f.mutants.sort(
    (a, b) =>
      a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column,
  );
  for (const m of f.mutants) m.id = String(id++);
}
merged.testFiles = sorted(merged.testFiles);
writeFileSync(out, JSON.stringify(merged));
process.stdout.write(
  `${out}: ${Object.keys(merged.files).length} source files, ${Object.values(merged.files).reduce((n, f) => n + f.mutants.length, 0)} mutants, ${Object.keys(merged.testFiles).length} test files\n`,
);
