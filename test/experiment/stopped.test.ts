import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { reportError } from '../../src/cli/main';
import { InputError } from '../../src/core/errors';
import { WorkerFailure } from '../../src/experiment/pool';
import { runExperiment } from '../../src/experiment/runExperiment';
import { ExperimentStopped, stoppedBy } from '../../src/experiment/stopped';
import { readColumns } from '../../src/io/arrowReader';
import dies from '../fixtures/workerDies';

const root = mkdtempSync(join(tmpdir(), 'tokensim-stopped-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const DIES = join(__dirname, '..', 'fixtures', 'workerDies.ts');

describe('the real error first', () => {
  it('names a file-system cause with its code and file, in one line, with how to finish', () => {
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', path: '/out/parts/.tmp-1/runs.arrow' });
    const e = stoppedBy(enospc, '/out');
    expect(e).toBeInstanceOf(ExperimentStopped);
    expect(e.message).toBe('/out: stopped: no space left on device (ENOSPC) writing /out/parts/.tmp-1/runs.arrow; every run finished so far is kept, and --resume /out (with the same options) runs the rest');
    expect(stoppedBy(new WorkerFailure('worker 2: Error: EROFS: read-only file system, open', 'EROFS', '/out/parts/x'), '/out').message).toMatch(/^\/out: stopped: read-only file system \(EROFS\) writing \/out\/parts\/x \(worker 2\); /);
  });

  it('is printed by the command as one line, with exit code 1', () => {
    let printed = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((printed += String(s)), true));
    try {
      expect(reportError(stoppedBy(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }), '/out'))).toBe(1);
    } finally {
      spy.mockRestore();
    }
    expect(printed).toMatch(/^tokensim: \/out: stopped: no space left on device \(ENOSPC\); every run finished so far is kept, .*\n$/);
  });

  it('passes bad input and bugs through as they are', () => {
    const bad = new InputError('--set x=1: unknown');
    expect(stoppedBy(bad, '/out')).toBe(bad);
    const bug = new TypeError('x is undefined');
    expect(stoppedBy(bug, '/out')).toBe(bug);
  });

  it('a worker that dies is reported by its own error, the directory left for --resume, which completes it', async () => {
    // Test files share a process (isolate: false), so the mark is set for this test only.
    process.env.TOKENSIM_TEST_WORKER_MARK = join(root, 'worker-started');
    const out = join(root, 'died');
    try {
      await expect(runExperiment(dies, { out, log: null, workers: 2, file: DIES })).rejects.toThrow(
        /^.*died: stopped: worker 1 died: RangeError: the worker ran out of luck; every run finished so far is kept, and --resume .*died \(with the same options\) runs the rest$/,
      );
    } finally {
      delete process.env.TOKENSIM_TEST_WORKER_MARK;
    }
    expect(readdirSync(out).filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).status).toBe('interrupted');
    const resumed = await runExperiment(dies, { resume: out, log: null, workers: 1 });
    expect(resumed).toMatchObject({ status: 'complete', written: 200, failed: 0 });
    expect(readColumns(join(out, 'runs.arrow')).run_id).toEqual([...Array(200).keys()]);
  });
});
