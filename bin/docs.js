#!/usr/bin/env node
// Entry point of `npm run docs`: regenerates the README's shown outputs from
// the code (`npm run docs -- --check` only checks them; CI runs that). See
// src/docs/readmeOutputs.ts.
require('./transpile.js').register();
const { docsCommand } = require('../src/docs/readmeOutputs.ts');
docsCommand(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`docs: ${err && err.message ? err.message : err}\n`);
    process.exitCode = err && err.name === 'InputError' ? 2 : 1;
  },
);
