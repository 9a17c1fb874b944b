#!/usr/bin/env node
// Entry point of `npm run bench`: compiles TypeScript on the fly, then runs
// the benchmark runner (bench/run.ts), which starts one child process per
// benchmark.
const path = require('node:path');
require('ts-node').register({ transpileOnly: true, project: path.join(__dirname, '..', 'tsconfig.json') });
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
