import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Vitest's default is one fork fewer than the cores, which on a 2-core machine is one fork: the suite
// ran on one core. Two at least keeps both busy.
const forks = Math.max(2, availableParallelism() - 1);

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/fastCheck.ts'],
    testTimeout: 60_000,
    // Set-up hooks run whole experiments (e.g. the resume tests' uninterrupted sweep): give them as long as a test on a loaded machine.
    hookTimeout: 60_000,
    pool: 'forks',
    minWorkers: forks,
    maxWorkers: forks,
    // Test files share a fork's loaded modules (zod, mathjs, the models) instead of loading them anew for
    // each of the ~250 files, which was most of the suite's time. No test mocks a module or relies on a
    // fresh module state; one that sets process-wide state (an environment variable, a spy) restores it.
    isolate: false,
  },
});
