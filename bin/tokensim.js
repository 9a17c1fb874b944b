#!/usr/bin/env node
// Entry point of the `tokensim` command: compiles TypeScript on the fly
// (type-checking is `npm run typecheck`'s job), then runs the CLI.
const path = require('node:path');
require('ts-node').register({ transpileOnly: true, project: path.join(__dirname, '..', 'tsconfig.json') });
// Keep the compiled JavaScript for worker threads (see src/experiment/compiled.ts).
require('./captureCompiled.js');
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
