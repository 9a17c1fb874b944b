/**
 * Calibration recovery: does `tokensim calibrate` find the parameters that
 * made a series? Generates 300-day price and volume series with
 * `market-only` at a known point (traders.activity 0.3, a $1.5M pool side),
 * fits (amm.usdReserve, traders.activity) back from a start 40% below the
 * truth on each, with the moments of the how-to's worked calibration
 * matched jointly with the volume, and prints each fit's error per
 * parameter. Beside it, the identification at the truth: how far a 10%
 * move of each parameter shifts each moment, in units of that moment's
 * spread over independent series, and the spread of the estimate that
 * implies (docs/how-to/calibration.md, "Recovering a known point").
 *
 *   npx ts-node experiments/calibration-recovery.ts [--targets 11,12,...] [--identification]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { calibrate } from '../src/analysis/calibration/calibrate';
import { jointMoments, priceMoments, seriesMoments } from '../src/analysis/calibration/moments';
import { inverseCovarianceWeighting, momentCovariance } from '../src/analysis/calibration/weighting';
import { loadExperiment } from '../src/cli/loadExperiment';
import { deriveSeed } from '../src/core/seeds';
import { bootstrapBlock } from '../src/experiment/calibrateExperiment';
import { pointRunner, type PointRunner } from '../src/experiment/pointRunner';

/** Days of each series (301 prices). */
export const TICKS = 300;
/** The known point the target series are generated at. */
export const TRUTH: Readonly<Record<string, number>> = { 'amm.usdReserve': 1.5e6, 'traders.activity': 0.3 };
/** Where the search starts: 40% below the truth on each parameter. */
export const START: Readonly<Record<string, number>> = { 'amm.usdReserve': 9e5, 'traders.activity': 0.18 };
/** The search ranges, those of the how-to's worked calibration. */
export const RANGES = { 'amm.usdReserve': { min: 5e5, max: 3e6, log: true }, 'traders.activity': { min: 0.05, max: 0.6 } };
/** Common seeds per candidate and the search's budget in candidates. */
export const SEEDS = 4;
export const BUDGET = 80;
/** The target seeds the test fits; `recoveryTable` measures more. */
export const TEST_TARGETS = [11, 12, 13];

const PRICE_MOMENTS = ['volatility', 'mean_abs_return', 'mean_log_price', 'abs_return_acf_1'];
const VOLUME_MOMENTS = ['mean_log', 'log_change_sd'];
/** The moments matched: the how-to's price moments, and the volume's level and per-day change (`--match volume=volume`). */
export const MOMENTS = jointMoments([
  { label: null, moments: priceMoments(PRICE_MOMENTS) },
  { label: 'volume', moments: seriesMoments(VOLUME_MOMENTS) },
]);

let runner: PointRunner | null = null;

/** The market-only runner of price and volume over `TICKS` days, made once. */
function market(): PointRunner {
  runner ??= pointRunner(loadExperiment(join(__dirname, 'market-only.ts')), { ticks: TICKS, seeds: SEEDS, metrics: ['price', 'volume'] });
  return runner;
}

/** Returns the price then the volume of one run at `values` and `seed`, laid end to end (2 × 301 values). */
export function priceAndVolume(values: Record<string, number>, seed: number): Float64Array {
  const r = market().run({ values, seed });
  if (r.status !== 'ok') throw new Error(`market-only at ${JSON.stringify(values)}, seed ${seed}: ${r.error}`);
  const out = new Float64Array(2 * (TICKS + 1));
  out.set(r.series.price);
  out.set(r.series.volume, TICKS + 1);
  return out;
}

/** One fit: the calibrated value and the search centre of each parameter, and their relative errors (fit / truth − 1). */
export interface Recovery {
  targetSeed: number;
  params: Record<string, number>;
  error: Record<string, number>;
  centreError: Record<string, number>;
  objective: number;
}

/**
 * `recoverKnownPoint(targetSeed, ranges)` → the fit of the parameters of
 * `ranges` (default `RANGES`) to the series market-only makes at `TRUTH`
 * on `targetSeed`, from `START`, by `calibrate` as `tokensim calibrate`
 * runs it: bootstrap weighting with the CLI's block length, the
 * experiment's first `SEEDS` run seeds as common seeds, `BUDGET`
 * candidates. A path of `ranges` outside `TRUTH` takes the experiment's
 * own value as its truth and starts 40% below it.
 */
export async function recoverKnownPoint(targetSeed: number, ranges: Record<string, { min: number; max: number; log?: boolean }> = RANGES): Promise<Recovery> {
  const paths = Object.keys(ranges).sort();
  const base = market().base as Record<string, unknown>;
  const truthOf = (p: string) => TRUTH[p] ?? p.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], base);
  const truth = Object.fromEntries(paths.map((p) => [p, Number(truthOf(p))]));
  const start = Object.fromEntries(paths.map((p) => [p, START[p] ?? 0.6 * truth[p]]));
  const cal = await calibrate({
    data: priceAndVolume({ ...TRUTH }, targetSeed),
    moments: MOMENTS,
    simulate: (theta, seed) => priceAndVolume(Object.fromEntries(paths.map((p, i) => [p, theta[i]])), seed),
    ranges,
    start,
    seeds: market().seeds,
    bootstrap: { blockLength: bootstrapBlock(TICKS + 1), seed: deriveSeed(targetSeed, 'bootstrap') },
    budget: BUDGET,
    seed: deriveSeed(targetSeed, 'calibrate'),
  });
  const rel = (v: Record<string, number>) => Object.fromEntries(paths.map((p) => [p, v[p] / truth[p] - 1]));
  return { targetSeed, params: cal.params, error: rel(cal.params), centreError: rel(cal.search.centre), objective: cal.objective };
}

const pct = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(1)}%`;

/** Returns the table of `recoverKnownPoint` over `targets`: per target seed each parameter's error (best point, search centre), then how many came within 10%. */
export async function recoveryTable(targets: readonly number[]): Promise<string> {
  const fits: Recovery[] = [];
  for (const t of targets) fits.push(await recoverKnownPoint(t));
  const paths = Object.keys(RANGES).sort();
  const lines = [
    `market-only at ${paths.map((p) => `${p} = ${TRUTH[p]}`).join(', ')}; ${TICKS} days; start 40% below; ${SEEDS} seeds × ${BUDGET} candidates`,
    `${'target seed'.padEnd(12)}${paths.map((p) => `${p.padStart(18)}${'centre'.padStart(9)}`).join('')}`,
    ...fits.map((f) => `${String(f.targetSeed).padEnd(12)}${paths.map((p) => `${pct(f.error[p]).padStart(18)}${pct(f.centreError[p]).padStart(9)}`).join('')}`),
    `${'within 10%'.padEnd(12)}${paths.map((p) => `${`${fits.filter((f) => Math.abs(f.error[p]) < 0.1).length} of ${fits.length}`.padStart(18)}${''.padStart(9)}`).join('')}`,
    `both within 10% on ${fits.filter((f) => paths.every((p) => Math.abs(f.error[p]) < 0.1)).length} of ${fits.length}`,
  ];
  return lines.map((l) => l.trimEnd()).join('\n');
}

/** The parameters whose identification `identificationTable` measures. */
export const IDENTIFICATION_PATHS = ['amm.usdReserve', 'traders.activity', 'traders.mix.fundamentalist', 'factor.annualVolatility', 'exchange.depth2PctUsd', 'traders.orderNoise.noise'];

/**
 * `identificationTable(seeds)` → how well the moments see each parameter
 * at `TRUTH`, measured on `seeds` independent series (seeds 5000…): per
 * parameter and moment, t = D·ln 1.1 / sd, the shift of the moment's mean a
 * 10% rise of the parameter makes (D = ∂m̄/∂ln θ by a central difference of
 * ±15% on common seeds) over the moment's sd across single series; and
 * the estimate's spread that implies for a fit of that parameter alone,
 * sd(ln θ̂) ≈ √((1 + 1/S) / (Dᵀ Σ⁻¹ D)) (Σ the moments' covariance over
 * the series, S = `SEEDS` simulated series per candidate; McFadden,
 * Econometrica 57, 1989), and for the two parameters fitted jointly.
 */
export function identificationTable(seeds: number): string {
  const seedList = Array.from({ length: seeds }, (_, i) => 5000 + i);
  const meanMoments = (values: Record<string, number>) => {
    const ms = seedList.map((s) => MOMENTS.compute(priceAndVolume(values, s)));
    return { ms, mean: Float64Array.from(MOMENTS.names, (_, j) => ms.reduce((a, m) => a + m[j], 0) / ms.length) };
  };
  const at = meanMoments({ ...TRUTH });
  const k = MOMENTS.names.length;
  const cov = momentCovariance(at.ms);
  const sd = Float64Array.from({ length: k }, (_, j) => Math.sqrt(cov[j * k + j]));
  const w = inverseCovarianceWeighting(at.ms, MOMENTS.names);
  const base = market().base as Record<string, unknown>;
  const h = 0.15;
  const D: Record<string, Float64Array> = {};
  for (const p of IDENTIFICATION_PATHS) {
    const v = TRUTH[p] ?? Number(p.split('.').reduce<unknown>((o, key) => (o as Record<string, unknown>)[key], base));
    const up = meanMoments({ ...TRUTH, [p]: v * (1 + h) }).mean;
    const down = meanMoments({ ...TRUTH, [p]: v * (1 - h) }).mean;
    D[p] = Float64Array.from({ length: k }, (_, j) => (up[j] - down[j]) / Math.log((1 + h) / (1 - h)));
  }
  const info = (a: string, b: string) => {
    let s = 0;
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) s += D[a][i] * w[i * k + j] * D[b][j];
    return s;
  };
  const noise = 1 + 1 / SEEDS;
  const short = (p: string) => p.split('.').slice(-1)[0];
  const lines = [
    `t of a 10% rise (shift of the mean / sd over ${seeds} single ${TICKS}-day series) at the truth`,
    `${'moment'.padEnd(22)}${IDENTIFICATION_PATHS.map((p) => short(p).padStart(17)).join('')}`,
    ...MOMENTS.names.map((m, j) => `${m.padEnd(22)}${IDENTIFICATION_PATHS.map((p) => ((D[p][j] * Math.log(1.1)) / sd[j]).toFixed(2).padStart(17)).join('')}`),
    `${'sd of the estimate'.padEnd(22)}${IDENTIFICATION_PATHS.map((p) => `${(100 * Math.sqrt(noise / info(p, p))).toFixed(1)}%`.padStart(17)).join('')}`,
  ];
  const [a, b] = Object.keys(RANGES).sort();
  const det = info(a, a) * info(b, b) - info(a, b) ** 2;
  lines.push(`fitted jointly: ${a} ${(100 * Math.sqrt((noise * info(b, b)) / det)).toFixed(1)}%, ${b} ${(100 * Math.sqrt((noise * info(a, a)) / det)).toFixed(1)}%`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { targets: { type: 'string' }, identification: { type: 'boolean' } } });
  if (values.identification) process.stdout.write(identificationTable(24) + '\n\n');
  const targets = (values.targets ?? '11,12,13,14,15,16,17,18,19,20').split(',').map(Number);
  process.stdout.write((await recoveryTable(targets)) + '\n');
}

if (require.main === module) void main();
