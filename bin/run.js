// `node bin/run.js dist/<command>.js [args…]`: what the npm scripts run. One node process: bring dist/ up to date
// (bin/build.js: nothing to do unless a source changed), then run the command as the main module, so
// `require.main === module` and process.argv are what `node dist/<command>.js [args…]` would give.
'use strict';
const Module = require('node:module');
const path = require('node:path');
const { ensureBuilt } = require('./build');

const ROOT = path.resolve(__dirname, '..');
const [entry, ...args] = process.argv.slice(2);
if (!entry || !/^dist\/.+\.js$/.test(entry)) {
  process.stderr.write('Usage: node bin/run.js dist/<command>.js [args…]\n');
  process.exit(2);
}

try {
  ensureBuilt(ROOT);
} catch (e) {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
}

// Node ≥ 22.1 can keep the compiled code of every module on disk (the provider bindings are large); Node 20 has
// no such API and runs without it. NODE_DISABLE_COMPILE_CACHE=1 turns it off.
if (typeof Module.enableCompileCache === 'function') {
  Module.enableCompileCache(path.join(ROOT, 'node_modules', '.cache', 'footprint-compile'));
}

process.argv = [process.argv[0], path.join(ROOT, entry), ...args];
Module.runMain();
