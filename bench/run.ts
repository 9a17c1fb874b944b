/**
 * The benchmark runner behind `npm run bench`.
 *
 *   npm run bench                                   every benchmark at each of its sizes
 *   npm run bench -- NAME [NAME...] [--agents N] [--ticks T]
 *   npm run bench -- baseline --agents 1000000 --cpu-prof
 *
 * Each (benchmark, size) runs in its own child process, so its peak RSS is
 * its own and one benchmark's garbage or JIT state does not slow the next.
 * A table row is printed as each finishes, and an entry (date, git commit,
 * size, time, throughput, peak RSS, ratio to the hand-written twin where
 * there is one, machine load) is appended to `bench/results.json`.
 * `--agents`/`--ticks` replace a benchmark's own sizes; `--no-save` leaves
 * results.json alone; `--cpu-prof` writes a V8 CPU profile per child into
 * `bench/profiles/` (open it in Chrome DevTools or speedscope).
 */
import { execFileSync, fork } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { ChildReport } from './child';
import { loadBenchmark, registry } from './registry';
import type { BenchSize, Measurement } from './types';

/** Where results are appended. */
export const RESULTS_PATH = join(__dirname, 'results.json');

/** One line of bench/results.json. */
export interface ResultEntry {
  date: string;
  commit: string | null;
  name: string;
  agents: number;
  ticks: number;
  seconds: number;
  /** Agent-steps per second (null for an I/O benchmark, which reports `rowsPerSec`). */
  agentStepsPerSec: number | null;
  rowsPerSec?: number;
  msPerTick: number | null;
  peakRssMb: number;
  /** tokensim / hand-written time, same process (absent without a twin). */
  ratio?: number;
  /** One-minute load average when the benchmark started (the machine is shared: read timings against it). */
  load1: number;
  cpus: number;
  node: string;
  extra?: Record<string, number | string>;
}

/** What the command line asked for. */
export interface BenchArgs {
  names: string[];
  agents: number | null;
  ticks: number | null;
  save: boolean;
  cpuProf: boolean;
}

/** Returns the parsed command line; throws one line naming the bad argument. */
export function parseBenchArgs(argv: string[]): BenchArgs {
  const args: BenchArgs = { names: [], agents: null, ticks: null, save: true, cpuProf: false };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a === '--agents' || a === '--ticks') {
      const v = Number(argv[++k]);
      if (!Number.isInteger(v) || v < 1) throw new Error(`${a} must be a positive integer, got ${argv[k] ?? 'nothing'}`);
      if (a === '--agents') args.agents = v;
      else args.ticks = v;
    } else if (a === '--no-save') args.save = false;
    else if (a === '--cpu-prof') args.cpuProf = true;
    else if (a.startsWith('-')) throw new Error(`unknown option ${a}; expected --agents N, --ticks T, --no-save or --cpu-prof`);
    else if (!(a in registry)) throw new Error(`unknown benchmark "${a}"; known: ${Object.keys(registry).join(', ')}`);
    else args.names.push(a);
  }
  if (args.names.length === 0) args.names = Object.keys(registry);
  return args;
}

/** Returns the (benchmark, size) jobs to run: each benchmark's sizes, with --agents/--ticks applied. */
export async function planJobs(args: BenchArgs): Promise<{ name: string; size: BenchSize }[]> {
  const jobs: { name: string; size: BenchSize }[] = [];
  for (const name of args.names) {
    const { sizes: own } = await loadBenchmark(name);
    const sizes = args.agents !== null ? [own[0]] : own;
    for (const s of sizes) jobs.push({ name, size: { agents: args.agents ?? s.agents, ticks: args.ticks ?? s.ticks } });
  }
  return jobs;
}

function runChild(name: string, size: BenchSize, cpuProf: boolean): Promise<{ measurement: Measurement; peakRssMb: number }> {
  const execArgv: string[] = [];
  if (cpuProf) {
    const dir = join(__dirname, 'profiles');
    mkdirSync(dir, { recursive: true });
    execArgv.push('--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}-${size.agents}x${size.ticks}-${Date.now()}.cpuprofile`);
  }
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, '..', 'bin', 'bench.js'), ['--child', name, String(size.agents), String(size.ticks)], { execArgv, stdio: 'inherit' });
    let report: ChildReport | null = null;
    child.on('message', (m) => (report = m as ChildReport));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const r = report as ChildReport | null;
      if (r?.ok) resolve({ measurement: r.measurement, peakRssMb: r.peakRssMb });
      else reject(new Error(r ? r.error : `benchmark ${name} exited with ${signal ?? `code ${code}`} before reporting`));
    });
  });
}

function gitCommit(): string | null {
  try {
    const head = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: __dirname, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    // results.json itself changes with every run: it does not make the measured code dirty.
    const status = ['status', '--porcelain', '--untracked-files=no', '--', ':(top)', ':(top,exclude)bench/results.json'];
    const dirty = execFileSync('git', status, { cwd: __dirname, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    return dirty ? `${head}+dirty` : head;
  } catch {
    return null;
  }
}

/** Returns the entries of results.json (an empty list when there is none yet). */
export function readResults(path = RESULTS_PATH): ResultEntry[] {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as ResultEntry[]) : [];
}

/** Appends `entry` to results.json, one entry per line so the file diffs and reads well. */
export function appendResult(entry: ResultEntry, path = RESULTS_PATH): void {
  const all = [...readResults(path), entry];
  writeFileSync(path, `[\n${all.map((e) => `  ${JSON.stringify(e)}`).join(',\n')}\n]\n`);
}

/** Returns the result entry of a finished benchmark. */
export function toEntry(name: string, size: BenchSize, m: Measurement, peakRssMb: number, load1: number, commit: string | null): ResultEntry {
  const perSec = m.work / m.seconds;
  const rows = m.unit === 'rows';
  const entry: ResultEntry = {
    date: new Date().toISOString(),
    commit,
    name,
    agents: size.agents,
    ticks: size.ticks,
    seconds: round(m.seconds, 4),
    agentStepsPerSec: rows ? null : Math.round(perSec),
    msPerTick: rows ? null : round((m.seconds * 1000) / size.ticks, 3),
    peakRssMb: Math.round(peakRssMb),
    load1: round(load1, 2),
    cpus: cpus().length,
    node: process.version,
  };
  if (rows) entry.rowsPerSec = Math.round(perSec);
  if (m.ratio !== undefined) entry.ratio = round(m.ratio, 3);
  if (m.extra) entry.extra = Object.fromEntries(Object.entries(m.extra).map(([k, v]) => [k, typeof v === 'number' ? round(v, 6) : v]));
  return entry;
}

function round(x: number, digits: number): number {
  return Number(x.toPrecision(digits + 3 > 15 ? 15 : Math.max(digits + 3, 6)));
}

const COLUMNS = ['benchmark', 'agents', 'ticks', 'seconds', 'steps/s (rows/s)', 'ms/tick', 'peak RSS MB', 'ratio', 'load'];
const WIDTHS = [16, 10, 7, 9, 17, 9, 12, 7, 5];

function row(cells: string[]): string {
  return cells.map((c, k) => (k === 0 ? c.padEnd(WIDTHS[k]) : c.padStart(WIDTHS[k]))).join('  ');
}

function formatRate(x: number): string {
  return x >= 1e6 ? `${(x / 1e6).toFixed(2)} M` : `${(x / 1e3).toFixed(1)} k`;
}

/** Returns the table row of `e`. */
export function formatEntry(e: ResultEntry): string {
  return row([
    e.name,
    String(e.agents),
    String(e.ticks),
    e.seconds.toFixed(3),
    e.rowsPerSec !== undefined ? `${formatRate(e.rowsPerSec)} rows` : formatRate(e.agentStepsPerSec ?? 0),
    e.msPerTick === null ? '-' : e.msPerTick.toFixed(2),
    String(e.peakRssMb),
    e.ratio === undefined ? '-' : `${e.ratio.toFixed(2)}x`,
    e.load1.toFixed(2),
  ]);
}

/** Runs the benchmarks `argv` asks for; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  let jobs: { name: string; size: BenchSize }[];
  let args: BenchArgs;
  try {
    args = parseBenchArgs(argv);
    jobs = await planJobs(args);
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message}\n`);
    return 2;
  }
  const commit = gitCommit();
  process.stdout.write(`tokensim benchmarks · ${commit ?? 'no git commit'} · ${process.version} · ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'})\n`);
  process.stdout.write(`${row(COLUMNS)}\n`);
  let failed = 0;
  for (const { name, size } of jobs) {
    const load1 = loadavg()[0];
    try {
      const { measurement, peakRssMb } = await runChild(name, size, args.cpuProf);
      const entry = toEntry(name, size, measurement, peakRssMb, load1, commit);
      process.stdout.write(`${formatEntry(entry)}\n`);
      if (entry.extra) process.stdout.write(`  ${Object.entries(entry.extra).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
      if (args.save) appendResult(entry);
    } catch (e) {
      failed++;
      process.stderr.write(`bench: ${name} at ${size.agents} × ${size.ticks} failed: ${(e as Error).message}\n`);
    }
  }
  process.stdout.write(`ratio = tokensim / hand-written time in the same process; load = 1-minute load average at start (${cpus().length} CPUs).\n`);
  if (args.save) process.stdout.write(`results appended to ${RESULTS_PATH}\n`);
  return failed > 0 ? 1 : 0;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
