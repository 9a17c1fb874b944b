import { afterEach, beforeEach, vi } from 'vitest';

/** What a command printed during the current test. */
export interface Captured {
  stdout: string;
  stderr: string;
}

/**
 * Captures process.stdout and process.stderr writes for every test of the
 * calling file (reset before each test, restored after); returns the live
 * record to read (and clear) in the tests.
 */
export function captureOutput(): Captured {
  const io: Captured = { stdout: '', stderr: '' };
  beforeEach(() => {
    io.stdout = '';
    io.stderr = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((io.stdout += String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((io.stderr += String(s)), true));
  });
  afterEach(() => vi.restoreAllMocks());
  return io;
}
