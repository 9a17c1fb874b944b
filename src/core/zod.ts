/**
 * zod as tokensim uses it. Every module of `src/` and `agents/` imports `z`
 * from here (test/lint/sources.test.ts holds them to it), so the
 * configuration below is in force before any of their schemas is built.
 *
 * zod 4 compiles each object schema into a function (`new Function`) on its
 * first parse, which pays off over thousands of parses of one schema.
 * tokensim parses a model's parameters once a run and once a change, and
 * those compiles were ~40 ms of a worker thread's ~250 ms of CPU to start
 * (measured on the baseline): interpreted parsing is the faster choice
 * here, and gives the same results and messages. zod reads the setting
 * when a schema is built, not when it parses, so it must be set before the
 * first schema: while it lived in `params.ts`, every schema of a module
 * loaded before that one was still compiled on its first parse.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
