#!/usr/bin/env node
// Entry point of `npm run bench`: loads the TypeScript sources through the
// cached esbuild transform (see transpile.js), then runs the benchmark
// runner (bench/run.ts), which starts one child process per benchmark.
//
// `bin/bench.js --child NAME AGENTS TICKS` is one benchmark's child process
// (bench/child.ts), started by the runner: it loads through the same loader
// as the tokensim command, so a benchmark times the code a user's run
// executes.
require('./transpile.js').register();
if (process.argv[2] === '--child') {
  process.argv.splice(2, 1);
  require('../bench/child.ts');
} else {
  require('../bench/run.ts')
    .main(process.argv.slice(2))
    .then(
      (code) => {
        process.exitCode = code;
      },
      (err) => {
        process.stderr.write(`bench: ${err && err.stack ? err.stack : err}\n`);
        process.exitCode = 1;
      },
    );
}
