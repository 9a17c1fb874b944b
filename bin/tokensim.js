#!/usr/bin/env node
// Entry point of the `tokensim` command: loads the TypeScript sources
// through the cached esbuild transform (see transpile.js), then runs the CLI.
const loader = require('./transpile.js');
loader.register();
// The modules of this command on this experiment file come from their
// module pack while it holds (see usePack in transpile.js), saved at exit.
const [command, target] = process.argv.slice(2).filter((a) => !a.startsWith('-'));
loader.usePack(`cli\0${command ?? ''}\0${target ? require('node:path').resolve(target) : ''}`);
process.on('exit', () => loader.savePack());
// A reader that stops early (`tokensim blocks | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e && e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
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
