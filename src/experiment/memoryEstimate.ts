import { readFileSync } from 'node:fs';
import { freemem } from 'node:os';
import type { Model } from './model';

/**
 * Bytes one agent takes, for a model that gives no `memoryEstimate`:
 * measured at 93 B per agent (peak resident memory, the token economy of
 * the baseline at 3 × 10⁶ agents over 20 ticks, every metric recorded),
 * doubled for the columns other models and blocks add and for the copies
 * the O(N log N) metrics sort.
 */
export const BYTES_PER_AGENT = 200;

/** Bytes a worker thread takes before it runs anything (its own heap and compiled modules): measured at about 170 MB. */
export const WORKER_THREAD_BYTES = 170 * 2 ** 20;

/** Metrics assumed recorded when an experiment does not list the ones it records. */
const ASSUMED_METRICS = 64;

/** One agent count found in a run's parameters: its dotted path and value. */
export interface AgentCount {
  path: string;
  count: number;
}

/** Returns every `count` and `candidates` field of `params` (at any depth) that holds a number: the agent counts. */
export function agentCounts(params: unknown, prefix = ''): AgentCount[] {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) return [];
  const out: AgentCount[] = [];
  for (const [k, v] of Object.entries(params as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if ((k === 'count' || k === 'candidates') && typeof v === 'number') out.push({ path, count: v });
    else out.push(...agentCounts(v, path));
  }
  return out;
}

/** A run's estimated peak memory, and how it was reached (for the message that refuses it). */
export interface RunMemory {
  bytes: number;
  /** Words on where the figure comes from. */
  basis: string;
  /** The agent counts behind it, largest first (empty when the model estimated). */
  counts: AgentCount[];
  /** Bytes of it that grow with the ticks recorded (0 when the model estimated). */
  seriesBytes: number;
}

/**
 * Returns the estimated peak memory of one run of `model` with `params`
 * over `ticks` ticks, in bytes: the model's own `memoryEstimate` when it has
 * one (a model of blocks estimates from the columns its agent classes
 * declare), else Σ agent counts × `BYTES_PER_AGENT` plus the series that
 * grow with the ticks: the recorded rows ((⌊ticks / every⌋ + 2) × (metrics +
 * 2) columns × 8 B) and the price history ((ticks + 1) × 8 B). The agent
 * counts and the series bytes are given either way, to say what to lower.
 */
export function estimateRunMemory<P extends object>(model: Model<P>, params: P, ticks: number, record: { every: number; metrics: string[] | null }): RunMemory {
  const counts = agentCounts(params).sort((a, b) => b.count - a.count);
  const rows = Math.floor(ticks / record.every) + 2;
  const seriesBytes = rows * ((record.metrics?.length ?? ASSUMED_METRICS) + 2) * 8 + (ticks + 1) * 8;
  if (model.memoryEstimate) {
    const bytes = model.memoryEstimate(params, ticks);
    return { bytes, basis: `the ${model.name} model's estimate`, counts, seriesBytes: Math.min(bytes, seriesBytes) };
  }
  const agents = counts.reduce((s, c) => s + Math.max(0, c.count), 0);
  return { bytes: agents * BYTES_PER_AGENT + seriesBytes, basis: `${agents.toLocaleString('en-US')} agents × ${BYTES_PER_AGENT} B, plus ${formatBytes(seriesBytes)} of recorded series`, counts, seriesBytes };
}

function readNumber(path: string): number | null {
  try {
    const n = Number(readFileSync(path, 'utf8').trim());
    return Number.isFinite(n) ? n : null;
  } catch {
    return null;
  }
}

/** Returns the memory this process may still take, in bytes: the system's available memory, or less under a cgroup (container) limit. */
export function availableMemory(): number {
  let available = freemem();
  for (const [limit, usage] of [
    ['/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory.current'],
    ['/sys/fs/cgroup/memory/memory.limit_in_bytes', '/sys/fs/cgroup/memory/memory.usage_in_bytes'],
  ]) {
    const max = readNumber(limit);
    const used = readNumber(usage);
    if (max !== null && used !== null && max < 2 ** 60) available = Math.min(available, Math.max(0, max - used));
  }
  return available;
}

/** Returns `bytes` in the largest binary unit under 1,024 of it, with three significant digits: `1.27 GB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let k = 0;
  let v = bytes;
  while (v >= 1024 && k < units.length - 1) {
    v /= 1024;
    k++;
  }
  return `${k === 0 ? v : Number(v.toPrecision(3))} ${units[k]}`;
}
