/**
 * Merges Stryker incremental reports (mutation-testing-report-schema: `files` and `testFiles`) into one, so
 * that per-file runs (`npx stryker run -m <file> --incrementalFile reports/inc-x.json`) carry their results into
 * the committed `test/mutation/stryker-incremental.json` that `npm run mutate` reuses.
 *
 *   node test/mutation/merge-incremental.js <out.json> <in.json>...
 *
 * A source file in several inputs keeps the result of the last input that has it (give the newest last). Test
 * files are united test by test (jest's test ids are their full names, the same in every run).
 */
const { readFileSync, writeFileSync } = require('node:fs');

const [out, ...inputs] = process.argv.slice(2);
if (!out || inputs.length === 0) {
  process.stderr.write('usage: node test/mutation/merge-incremental.js <out.json> <in.json>...\n');
  process.exit(2);
}

let merged;
for (const file of inputs) {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  if (!merged) {
    merged = { ...r, files: {}, testFiles: {} };
  }
  Object.assign(merged.files, r.files);
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
merged.testFiles = sorted(merged.testFiles);
writeFileSync(out, JSON.stringify(merged));
process.stdout.write(
  `${out}: ${Object.keys(merged.files).length} source files, ${Object.values(merged.files).reduce((n, f) => n + f.mutants.length, 0)} mutants, ${Object.keys(merged.testFiles).length} test files\n`,
);
