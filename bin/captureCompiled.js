// Records the JavaScript of every .ts module compiled from now on, so that
// worker threads can start without the TypeScript compiler (read by
// src/experiment/compiled.ts). Load it right after registering ts-node.
const compiled = new Map();
const KEY = Symbol.for('tokensim.compiledTypeScript');
if (!globalThis[KEY]) {
  globalThis[KEY] = compiled;
  const Module = require('node:module');
  const compile = Module.prototype._compile;
  Module.prototype._compile = function (content, filename) {
    if (filename.endsWith('.ts')) compiled.set(filename, content);
    return compile.call(this, content, filename);
  };
}
