/**
 * Merges Stryker incremental reports (mutation-testing-report-schema: `files` and `testFiles`) into one, so
 * that per-file runs (`npx stryker run -m <file> --incrementalFile reports/inc-x.json`) carry their results into
 * the committed `test/mutation/stryker-incremental.json` that `npm run mutate` reuses.
 *
 *   node test/mutation/merge-incremental.js <out.json> <in.json>...
 *
 * A source file in several inputs with the same source unites their mutants (line-range runs); the same mutant,
 * or a file whose source changed, keeps the last input's result (give the newest last). Test ids are numbers
 * per run, so every test gets a new id from its file, name and line, and `coveredBy`/`killedBy` follow.
 */
const { readFileSync, writeFileSync } = require('node:fs');

const [out, ...inputs] = process.argv.slice(2);
if (!out || inputs.length === 0) {
  process.stderr.write('usage: node test/mutation/merge-incremental.js <out.json> <in.json>...\n');
  process.exit(2);
}

const loc = (l) => `${l.start.line}:${l.start.column}-${l.end?.line}:${l.end?.column}`;
const mutantKey = (m) => `${m.mutatorName}|${m.replacement ?? ''}|${loc(m.location)}`;

const testIds = new Map(); // file|name|line -> new id
const testFiles = {};
const files = {};
let base;
for (const file of inputs) {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  base ??= r;
  const idOf = new Map(); // this run's id -> new id
  for (const [path, tf] of Object.entries(r.testFiles ?? {})) {
    const prev = testFiles[path];
    const tests = prev && prev.source === tf.source ? new Map(prev.tests.map((t) => [t.key, t])) : new Map();
    for (const t of tf.tests) {
      const key = `${path}|${t.name}|${t.location?.start.line ?? ''}`;
      if (!testIds.has(key)) testIds.set(key, String(testIds.size));
      idOf.set(t.id, testIds.get(key));
      tests.set(key, { ...t, id: testIds.get(key), key });
    }
    testFiles[path] = { ...tf, tests: [...tests.values()] };
  }
  const ids = (list) => list?.map((id) => idOf.get(id) ?? id);
  for (const [path, f] of Object.entries(r.files)) {
    const prev = files[path];
    const mutants =
      prev && prev.source === f.source ? new Map(prev.mutants.map((m) => [mutantKey(m), m])) : new Map();
    for (const m of f.mutants) {
      const n = { ...m };
      if (m.coveredBy) n.coveredBy = ids(m.coveredBy);
      if (m.killedBy) n.killedBy = ids(m.killedBy);
      mutants.set(mutantKey(m), n);
    }
    files[path] = { ...f, mutants: [...mutants.values()] };
  }
}

const sorted = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
// Mutant ids are per run too: number them again so they stay unique in the merged report.
let id = 0;
for (const f of Object.values(files)) {
  f.mutants.sort(
    (a, b) =>
      a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column,
  );
  for (const m of f.mutants) m.id = String(id++);
}
for (const tf of Object.values(testFiles)) tf.tests = tf.tests.map(({ key: _key, ...t }) => t);
const merged = { ...base, files: sorted(files), testFiles: sorted(testFiles) };
writeFileSync(out, JSON.stringify(merged));
const count = (s) =>
  Object.values(files).reduce((n, f) => n + f.mutants.filter((m) => m.status === s).length, 0);
process.stdout.write(
  `${out}: ${Object.keys(files).length} source files, ${id} mutants (${count('Killed')} killed, ${count('Survived')} survived), ${Object.keys(testFiles).length} test files\n`,
);
