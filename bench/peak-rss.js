// Preloaded into a measured node process (NODE_OPTIONS=--require): records its peak RSS when it exits, so the
// benchmark needs no /usr/bin/time. Plain JS because it is loaded before any transpiler.
'use strict';
const { appendFileSync } = require('node:fs');
const file = process.env.FOOTPRINT_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    appendFileSync(file, `${process.resourceUsage().maxRSS}\n`);
  });
}
