import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/fastCheck.ts'],
    testTimeout: 60_000,
    // Set-up hooks run whole experiments (e.g. the resume tests' uninterrupted sweep): give them as long as a test on a loaded machine.
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
