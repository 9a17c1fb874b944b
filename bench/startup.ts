/**
 * Start-up: how long `tokensim` takes to answer before it simulates
 * anything, each figure the median of several fresh processes (milliseconds
 * in `extra`):
 *
 * - `help`, `version`, `params`, `inspect`: `tokensim --help`, `--version`,
 *   `params experiments/baseline.ts`, `inspect summary.arrow`, warm cache;
 * - `helpCold`, `paramsCold`: the same with an empty compile cache (the
 *   first start after a change compiles every module it loads);
 * - `npmStartOverhead`: `npm start` with one run of one tick (everything
 *   but the simulation: npm, node, loading, planning, writing, exit), and
 *   `npmStart` the real `npm start` for scale;
 * - `workerStart`: a worker thread from `new Worker` to ready (experiment
 *   loaded and planned) on the baseline;
 * - `mathjsLoad`: `require('mathjs')` alone in a fresh process, which every
 *   experiment still pays through the library's index, and `nodeStart`
 *   (`node -e 0`) to read it against.
 *
 *   npm run bench startup
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWorker, type WorkerReply } from '../src/experiment/pool';
import { median, now, type Benchmark } from './types';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'tokensim.js');
const BASELINE = join(ROOT, 'experiments', 'baseline.ts');
const REPEATS = 5;

/** Returns the wall-clock milliseconds of one process `cmd args` (throws when it fails). */
function timeProcess(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const t0 = now();
  const r = spawnSync(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = (now() - t0) * 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** Returns the median milliseconds of `REPEATS` runs of `tokensim args` (after one warm-up run that fills the cache). */
function medianStart(args: string[]): number {
  timeProcess(process.execPath, [BIN, ...args]);
  return median(Array.from({ length: REPEATS }, () => timeProcess(process.execPath, [BIN, ...args])));
}

/** Returns the median milliseconds of `tokensim args` each started with an empty compile cache. */
function medianColdStart(args: string[]): number {
  return median(
    Array.from({ length: 3 }, () => {
      const cache = mkdtempSync(join(tmpdir(), 'tokensim-cold-'));
      try {
        return timeProcess(process.execPath, [BIN, ...args], { ...process.env, TOKENSIM_CACHE_DIR: cache });
      } finally {
        rmSync(cache, { recursive: true, force: true });
      }
    }),
  );
}

/** Returns the milliseconds from `new Worker` to its `ready` message, planning the baseline. */
async function workerStart(outDir: string): Promise<number> {
  const t0 = now();
  const w = startWorker({ file: BASELINE, planOptions: { check: false }, outDir });
  try {
    await new Promise<void>((resolve, reject) => {
      w.on('message', (m: WorkerReply) => (m.type === 'ready' ? resolve() : reject(new Error(m.type === 'fatal' ? m.message : 'unexpected reply'))));
      w.on('error', reject);
    });
    return (now() - t0) * 1000;
  } finally {
    await w.terminate();
  }
}

/** The start-up benchmark: `seconds` is `params`'s start (the slowest interactive answer); every figure is in `extra`, in ms. */
export const startupBenchmark: Benchmark = {
  name: 'startup',
  description: 'milliseconds to --help, --version, params, inspect, npm start overhead and a worker thread ready',
  sizes: [{ agents: 4800, ticks: 1 }],
  async run() {
    const root = mkdtempSync(join(tmpdir(), 'tokensim-bench-startup-'));
    try {
      const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
      const tiny = ['start', '--', '--ticks', '1', '--seeds', '1', '--quiet'];
      timeProcess(npm, [...tiny, '--out', join(root, 'warm')]);
      const overheads = Array.from({ length: REPEATS }, (_, k) => timeProcess(npm, [...tiny, '--out', join(root, `tiny-${k}`)]));
      const summary = join(root, 'tiny-0', 'summary.arrow');
      const extra = {
        help: medianStart(['--help']),
        version: medianStart(['--version']),
        params: medianStart(['params', BASELINE]),
        inspect: medianStart(['inspect', summary]),
        helpCold: medianColdStart(['--help']),
        paramsCold: medianColdStart(['params', BASELINE]),
        npmStartOverhead: median(overheads),
        npmStart: timeProcess(npm, ['start', '--', '--quiet', '--out', join(root, 'full')]),
        workerStart: median([await workerStart(root), await workerStart(root), await workerStart(root)]),
        mathjsLoad: median(Array.from({ length: 3 }, () => timeProcess(process.execPath, ['-e', "require('mathjs')"]))),
        nodeStart: median(Array.from({ length: 3 }, () => timeProcess(process.execPath, ['-e', '0']))),
      };
      return { seconds: extra.params / 1000, work: 1, unit: 'rows', extra };
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  },
};
