// Entry point of a worker thread of a parallel run (started by
// src/experiment/pool.ts): loads the TypeScript sources through the cached
// esbuild transform, from this file's place rather than the current
// directory, so workers start the same wherever the command runs and
// whatever compiled the main thread (bin/tokensim.js, ts-node or vitest).
// The modules come from the experiment's module pack while it holds (see
// usePack in transpile.js); the pack is saved when the experiment has
// loaded, before the worker says it is ready.
const { parentPort, workerData } = require('node:worker_threads');
const path = require('node:path');
const loader = require('./transpile.js');
loader.register();
loader.usePack(`worker\0${path.resolve(workerData.file)}`);
require('../src/experiment/worker.ts').serve(workerData, parentPort, () => loader.savePack());
