import { InputError } from '../core/errors';
import type { Experiment } from './define';
import { availableMemory, estimateRunMemory, formatBytes, WORKER_THREAD_BYTES } from './memoryEstimate';
import type { RunSpec } from './plan';

/**
 * Most runs one experiment may plan (variants × sweep points × seeds). The
 * plan holds every run's description in memory, about 150 B each, and each
 * run is a row of runs.arrow: a million runs is days of computing on one
 * machine; more is a study to split into several experiments or shards.
 */
export const MAX_RUNS = 1_000_000;

/** Most ticks a run may have: `tick` is an int32 column. */
export const MAX_TICKS = 2 ** 31 - 1;

/**
 * Throws an `InputError` when variants × points × seeds runs exceed
 * `MAX_RUNS`, before any of them is planned; `seedsFrom` names where the
 * seed count came from (`--seeds 100000000`, or `seeds 5`).
 */
export function assertRunCount(variants: number, points: number, seeds: number, seedsFrom: string): void {
  const runs = variants * points * seeds;
  if (runs <= MAX_RUNS) return;
  const of = `${variants} variant(s) × ${points} sweep point(s) × ${seeds} seed(s)`;
  throw new InputError(`${seedsFrom}: ${runs.toLocaleString('en-US')} runs (${of}) is more than the ${MAX_RUNS.toLocaleString('en-US')} one experiment may plan; use fewer seeds or points, or split the study into several experiments`);
}

/** Throws an `InputError` naming `ticksFrom` when a run would have more than `MAX_TICKS` ticks. */
export function assertTicks(ticks: number, ticksFrom: string): void {
  if (ticks > MAX_TICKS) throw new InputError(`${ticksFrom}: more than ${MAX_TICKS} ticks (the tick column is int32)`);
}

/**
 * Returns the largest estimated peak memory of one run among `runs`, in
 * bytes (estimated once per distinct parameter set); throws an `InputError`
 * with the estimate, before anything is allocated, when that run cannot fit
 * in the memory available to this process.
 */
export function assertRunFits<P extends object>(experiment: Experiment<P>, runs: RunSpec<P>[], ticks: number, available = availableMemory()): number {
  let worst: { run: RunSpec<P>; memory: ReturnType<typeof estimateRunMemory> } | null = null;
  const seen = new Set<P>();
  for (const run of runs) {
    if (seen.has(run.params)) continue;
    seen.add(run.params);
    const memory = estimateRunMemory(experiment.model, run.params, ticks, experiment.record);
    if (!worst || memory.bytes > worst.memory.bytes) worst = { run, memory };
  }
  if (!worst || worst.memory.bytes <= available) return worst?.memory.bytes ?? 0;
  const { run, memory } = worst;
  const which = `run ${run.runId} (variant "${run.variant}"${run.point ? `, sweep point ${run.point}` : ''})`;
  const fix =
    memory.seriesBytes > memory.bytes / 2
      ? `lower the ticks (${ticks}) or record a row every more ticks (record.every)`
      : memory.counts.length
        ? `lower ${memory.counts[0].path} (${memory.counts[0].count.toLocaleString('en-US')})`
        : 'make the model smaller';
  throw new InputError(`${which} needs about ${formatBytes(memory.bytes)} of memory (${memory.basis}), but ${formatBytes(available)} is available; ${fix}, or run on a larger machine`);
}

/**
 * Returns how many runs to compute at once: `workers`, but never more than
 * the `todo` runs to do, nor more than fit in the memory available with
 * each run taking `runBytes` and each worker thread `WORKER_THREAD_BYTES`
 * (saying so through `log` when it has to lower the count).
 */
export function computeSlots(workers: number, todo: number, runBytes: number, log: ((line: string) => void) | null, available = availableMemory()): number {
  const wanted = Math.max(1, Math.min(workers, todo));
  const fits = Math.max(1, Math.floor((available + WORKER_THREAD_BYTES) / (runBytes + WORKER_THREAD_BYTES)));
  if (fits >= wanted) return wanted;
  log?.(`running ${fits} run(s) at once instead of ${wanted}: each needs about ${formatBytes(runBytes)} and a worker thread ${formatBytes(WORKER_THREAD_BYTES)}, and ${formatBytes(available)} of memory is available`);
  return fits;
}
