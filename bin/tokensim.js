#!/usr/bin/env node
// Entry point of the `tokensim` command: compiles TypeScript on the fly
// (type-checking is `npm run typecheck`'s job), then runs the CLI.
const path = require('node:path');
require('ts-node').register({ transpileOnly: true, project: path.join(__dirname, '..', 'tsconfig.json') });
// Keep the JavaScript of every compiled .ts module for worker threads, which
// then start without the TypeScript compiler (see src/experiment/compiled.ts).
const compiled = new Map();
globalThis[Symbol.for('tokensim.compiledTypeScript')] = compiled;
const Module = require('node:module');
const compile = Module.prototype._compile;
Module.prototype._compile = function (content, filename) {
  if (filename.endsWith('.ts')) compiled.set(filename, content);
  return compile.call(this, content, filename);
};
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
