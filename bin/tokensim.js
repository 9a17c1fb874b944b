#!/usr/bin/env node
// Entry point of the `tokensim` command: loads the TypeScript sources
// through the cached esbuild transform (see transpile.js), then runs the CLI.
require('./transpile.js').register();
const { main } = require('../src/cli/main.ts');
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`tokensim: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 1;
  },
);
