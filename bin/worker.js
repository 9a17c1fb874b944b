// Entry point of a worker thread of a parallel run (started by
// src/experiment/pool.ts): loads the TypeScript sources through the cached
// esbuild transform, from this file's place rather than the current
// directory, so workers start the same wherever the command runs and
// whatever compiled the main thread (bin/tokensim.js, ts-node or vitest).
require('./transpile.js').register();
require('../src/experiment/worker.ts');
