/**
 * Compiled TypeScript handed from the main thread to worker threads, so a
 * worker need not load the TypeScript compiler and transpile the library
 * again (seconds of start-up per worker otherwise). bin/captureCompiled.js,
 * loaded by the command's entry point before any of our modules, records the
 * JavaScript of every `.ts` module compiled in a map at
 * `globalThis[Symbol.for('tokensim.compiledTypeScript')]`; workers compile any file missing from it
 * themselves (as under vitest or `npx ts-node`, where nothing is recorded).
 */
const KEY = Symbol.for('tokensim.compiledTypeScript');

/** Returns the recorded JavaScript of each compiled `.ts` module, by absolute file name (empty when nothing records it). */
export function compiledTypeScript(): Record<string, string> {
  const map = (globalThis as Record<symbol, unknown>)[KEY];
  return map instanceof Map ? Object.fromEntries(map as Map<string, string>) : {};
}
