#!/usr/bin/env node
// Entry point of `npm run bench`: loads the TypeScript sources through the
// cached esbuild transform (see transpile.js), then runs the benchmark
// runner (bench/run.ts), which starts one child process per benchmark.
require('./transpile.js').register();
const { main } = require('../bench/run.ts');
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`bench: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 1;
  },
);
