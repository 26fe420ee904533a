// Compiles the TypeScript sources into dist/ with swc, only what changed. dist/.build.json records the content
// hash of every source it was built from plus the swc version and .swcrc; a run whose sources all match is
// free (no swc loaded), a changed source is recompiled alone, a removed source's output is deleted so a stale
// file can never be required. Plain JS: it runs before anything is compiled. `node bin/build.js` builds.
'use strict';
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
/** What swc compiles, relative to the repository; the same list as tsconfig.json's "include" minus test/. */
const SOURCES = [
  'main.ts',
  'lib',
  'model',
  'config',
  'contract',
  'constructs',
  'stacks',
  'tools',
  'policy',
  'bench',
];
const MANIFEST = '.build.json';
/** Bump when the way outputs are derived changes: every manifest written before is then stale. */
const FORMAT = 1;

const sha = (text) => createHash('sha1').update(text).digest('hex');
// JSON data files (model/data/*.json) are imported as modules, so they are copied beside the compiled code.
const isSource = (name) => /\.(ts|js|json)$/.test(name) && !name.endsWith('.d.ts');
const isData = (rel) => rel.endsWith('.json');
const outputOf = (rel) => rel.replace(/\.ts$/, '.js');

/** Every source file, relative to `root` with `/` separators, sorted. */
function listSources(root) {
  const found = [];
  const walk = (rel) => {
    const abs = path.join(root, rel);
    const stat = fs.statSync(abs, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isFile()) {
      if (isSource(rel)) found.push(rel);
      return;
    }
    for (const e of fs.readdirSync(abs, { withFileTypes: true }))
      if (e.isDirectory() || isSource(e.name)) walk(`${rel}/${e.name}`);
  };
  for (const s of SOURCES) walk(s);
  return found.sort();
}

/** Every file under dist/ (except the manifest), relative to dist/. */
function listOutputs(dist) {
  const found = [];
  const walk = (rel) => {
    for (const e of fs.readdirSync(path.join(dist, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (r !== MANIFEST) found.push(r);
    }
  };
  if (fs.existsSync(dist)) walk('');
  return found;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Written aside and renamed: a concurrent reader sees the old file or the new one, never half of one. */
function writeAtomic(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/**
 * What a build of `root` would do: `compile` (sources whose output is missing or was built from other content),
 * `remove` (outputs no source produces) and the manifest to record. Empty lists: dist/ is up to date.
 */
function plan(root = ROOT) {
  const dist = path.join(root, 'dist');
  const swcrc = fs.readFileSync(path.join(root, '.swcrc'), 'utf8');
  const swcVersion = readJson(require.resolve('@swc/core/package.json', { paths: [root] })).version;
  const key = sha(JSON.stringify([FORMAT, swcVersion, swcrc]));
  const previous = readJson(path.join(dist, MANIFEST));
  const built = previous && previous.key === key ? previous.files : {};
  const files = {};
  const compile = [];
  for (const rel of listSources(root)) {
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    const hash = sha(text);
    files[rel] = hash;
    if (built[rel] !== hash || !fs.existsSync(path.join(dist, outputOf(rel)))) compile.push({ rel, text });
  }
  const expected = new Set(Object.keys(files).map(outputOf));
  // Known removals are cheap to see; a dist/ without a matching manifest is swept for anything else.
  const remove =
    previous && previous.key === key
      ? Object.keys(built)
          .filter((rel) => !(rel in files))
          .map(outputOf)
          .filter((out) => fs.existsSync(path.join(dist, out)))
      : listOutputs(dist).filter((out) => !expected.has(out));
  return {
    compile,
    remove,
    manifest: { key, files },
    swcrc,
  };
}

/**
 * Brings dist/ up to date with the sources and returns what it did. A source swc cannot compile throws an
 * Error naming the file; the manifest is then not updated, so the next run tries again.
 */
function ensureBuilt(root = ROOT) {
  const p = plan(root);
  const dist = path.join(root, 'dist');
  if (p.compile.length) {
    const swc = require(require.resolve('@swc/core', { paths: [root] }));
    const options = { ...JSON.parse(p.swcrc), swcrc: false, configFile: false };
    delete options.$schema;
    for (const { rel, text } of p.compile) {
      if (isData(rel)) {
        writeAtomic(path.join(dist, rel), text);
        continue;
      }
      let code;
      try {
        ({ code } = swc.transformSync(text, { ...options, filename: path.join(root, rel) }));
      } catch (e) {
        // swc's message: the code frame, then its own cause and a native backtrace nobody needs.
        const message = String(e && e.message ? e.message : e).split(/\n\s*\nCaused by:/)[0];
        throw new Error(`build: ${rel}: ${message.trim()}`);
      }
      writeAtomic(path.join(dist, outputOf(rel)), code);
    }
  }
  for (const out of p.remove) fs.rmSync(path.join(dist, out), { force: true });
  if (p.compile.length || p.remove.length || !fs.existsSync(path.join(dist, MANIFEST)))
    writeAtomic(path.join(dist, MANIFEST), `${JSON.stringify(p.manifest, null, 1)}\n`);
  return { compiled: p.compile.map((c) => c.rel), removed: p.remove };
}

module.exports = { ensureBuilt, plan, listSources, SOURCES, MANIFEST };

if (require.main === module) {
  try {
    const { compiled, removed } = ensureBuilt();
    if (process.argv.includes('--verbose'))
      process.stdout.write(`build: ${compiled.length} compiled, ${removed.length} removed\n`);
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    process.exitCode = 1;
  }
}
