// Entry point of a worker thread of a search (calibration, optimisation;
// started by src/experiment/pointPool.ts): loads the TypeScript sources
// through the cached esbuild transform, as bin/worker.js does for runs.
require('./transpile.js').register();
require('../src/experiment/pointWorker.ts');
