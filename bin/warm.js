#!/usr/bin/env node
// Run by `npm ci` / `npm install` (the `prepare` script): compiles every
// TypeScript file of src/, agents/ and experiments/ into the cache that
// bin/transpile.js reads, bundles the packages it loads as one file each
// (VENDOR there), and records the shipped experiments as checked
// (src/cli/sourceChecks.ts), so that the first `tokensim` command after an
// install starts as fast as every later one. A file that fails is left to
// the command that loads it, which reports it in one line; this never fails
// the install.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { register, transpile, cacheDir, vendorBundle, VENDOR } = require('./transpile.js');

const ROOT = path.join(__dirname, '..');

function* tsFiles(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* tsFiles(p);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) yield p;
  }
}

function warm() {
  if (cacheDir() === null) return;
  let files = 0;
  for (const top of ['src', 'agents', 'experiments']) {
    for (const f of tsFiles(path.join(ROOT, top))) {
      try {
        transpile(fs.readFileSync(f, 'utf8'), f);
        files++;
      } catch {
        // Reported by the command that loads it.
      }
    }
  }
  for (const name of VENDOR) vendorBundle(name, require.resolve(name, { paths: [ROOT] }));
  register();
  const { checkExperimentSource } = require('../src/cli/sourceChecks.ts');
  for (const f of tsFiles(path.join(ROOT, 'experiments'))) {
    try {
      checkExperimentSource(f);
    } catch {
      // Reported by the command that loads it.
    }
  }
  process.stdout.write(`tokensim: compiled ${files} TypeScript files into ${cacheDir()}\n`);
}

try {
  warm();
} catch (e) {
  process.stderr.write(`tokensim: could not warm the compile cache (${e && e.message}); the first command will compile instead\n`);
}
