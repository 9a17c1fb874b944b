/**
 * Calibration recovery with staking: the baseline token economy scaled
 * down (300 stakers, 300 traders, an emission of 750k tokens a year so the
 * stakers' hurdle still binds, 300 days) makes price and staking-ratio
 * series at a known point (the pool's USD side $1M, the stakers' hurdle
 * drawn uniform on 2%…30%), and `calibrate` fits (amm.usdReserve,
 * stakers.hurdle.max) back from a start 40% below the truth on each, with
 * the how-to's price moments matched jointly with the staking ratio's
 * level and last value (`--match staking_ratio=staking_ratio:mean_log,last_log`).
 * Beside it, the identification at the truth of the two and of the
 * emission rate (docs/how-to/calibration.md, "Recovering a known point").
 *
 *   npx ts-node experiments/calibration-recovery-staking.ts [--targets 11,12,...] [--identification]
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

/** Days of each series (301 values). */
export const TICKS = 300;
/** The scaled-down baseline: fewer agents, and an emission low enough that the stakers' hurdle sets the staking ratio's plateau. */
export const SET = ['stakers.count=300', 'traders.count=300'];
/** The known point the target series are generated at. */
export const TRUTH: Readonly<Record<string, number>> = { 'amm.usdReserve': 1e6, 'emission.ratePerYear': 750000 };
/** Where the search starts: 40% below the truth on each parameter. */
export const START: Readonly<Record<string, number>> = { 'amm.usdReserve': 6e5, 'emission.ratePerYear': 450000 };
/** The search ranges. */
export const RANGES = { 'amm.usdReserve': { min: 5e5, max: 3e6, log: true }, 'emission.ratePerYear': { min: 2e5, max: 3e6, log: true } };
/** Common seeds per candidate and the search's budget in candidates. */
export const SEEDS = 3;
export const BUDGET = 60;
/** The target seeds the test fits; `recoveryTable` measures more. */
export const TEST_TARGETS = [11, 12, 13];

const PRICE_MOMENTS = ['volatility', 'mean_abs_return', 'mean_log_price', 'abs_return_acf_1'];
const STAKING_MOMENTS = ['mean_log', 'last_log'];
/** The moments matched: the how-to's price moments, and the staking ratio's level over the run and at its end. */
export const MOMENTS = jointMoments([
  { label: null, moments: priceMoments(PRICE_MOMENTS) },
  { label: 'staking_ratio', moments: seriesMoments(STAKING_MOMENTS) },
]);

let runner: PointRunner | null = null;

/** The scaled-down baseline's runner of price and staking ratio over `TICKS` days, made once. */
function economy(): PointRunner {
  runner ??= pointRunner(loadExperiment(join(__dirname, 'baseline.ts')), { ticks: TICKS, seeds: SEEDS, metrics: ['price', 'staking_ratio'], set: SET });
  return runner;
}

/** Returns the price then the staking ratio of one run at `values` and `seed`, laid end to end (2 × 301 values). */
export function priceAndStaking(values: Record<string, number>, seed: number): Float64Array {
  const r = economy().run({ values, seed });
  if (r.status !== 'ok') throw new Error(`baseline at ${JSON.stringify(values)}, seed ${seed}: ${r.error}`);
  const out = new Float64Array(2 * (TICKS + 1));
  out.set(r.series.price);
  out.set(r.series.staking_ratio, TICKS + 1);
  return out;
}

/** The value of `path` in the scaled-down baseline, or its `TRUTH`. */
function truthOf(path: string): number {
  return TRUTH[path] ?? Number(path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], economy().base));
}

/** One fit: the calibrated value and the search centre of each parameter, and their relative errors (fit / truth − 1). */
export interface Recovery {
  targetSeed: number;
  params: Record<string, number>;
  error: Record<string, number>;
  centreError: Record<string, number>;
}

/**
 * `recoverKnownPoint(targetSeed)` → the fit of (amm.usdReserve,
 * stakers.hurdle.max) to the series the scaled-down baseline makes at
 * `TRUTH` on `targetSeed`, from `START`, by `calibrate` as `tokensim
 * calibrate` runs it: bootstrap weighting with the CLI's block length, the
 * experiment's first `SEEDS` run seeds as common seeds, `BUDGET` candidates.
 */
export async function recoverKnownPoint(targetSeed: number): Promise<Recovery> {
  const paths = Object.keys(RANGES).sort();
  const cal = await calibrate({
    data: priceAndStaking({ ...TRUTH }, targetSeed),
    moments: MOMENTS,
    simulate: (theta, seed) => priceAndStaking(Object.fromEntries(paths.map((p, i) => [p, theta[i]])), seed),
    ranges: RANGES,
    start: { ...START },
    seeds: economy().seeds,
    bootstrap: { blockLength: bootstrapBlock(TICKS + 1), seed: deriveSeed(targetSeed, 'bootstrap') },
    budget: BUDGET,
    seed: deriveSeed(targetSeed, 'calibrate'),
    // Each generation's runs are synchronous: hand the event loop back between generations, so a test runner's worker stays responsive over a fit of a minute.
    onGeneration: () => new Promise<void>((resolve) => setImmediate(resolve)),
  });
  const rel = (v: Record<string, number>) => Object.fromEntries(paths.map((p) => [p, v[p] / TRUTH[p] - 1]));
  return { targetSeed, params: cal.params, error: rel(cal.params), centreError: rel(cal.search.centre) };
}

const pct = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(1)}%`;

/** Returns the table of `recoverKnownPoint` over `targets`: per target seed each parameter's error (best point, search centre), then how many came within 10%. */
export async function recoveryTable(targets: readonly number[]): Promise<string> {
  const fits: Recovery[] = [];
  for (const t of targets) fits.push(await recoverKnownPoint(t));
  const paths = Object.keys(RANGES).sort();
  const lines = [
    `baseline (${SET.join(', ')}) at ${paths.map((p) => `${p} = ${TRUTH[p]}`).join(', ')}; ${TICKS} days; start 40% below; ${SEEDS} seeds × ${BUDGET} candidates`,
    `${'target seed'.padEnd(12)}${paths.map((p) => `${p.padStart(22)}${'centre'.padStart(9)}`).join('')}`,
    ...fits.map((f) => `${String(f.targetSeed).padEnd(12)}${paths.map((p) => `${pct(f.error[p]).padStart(22)}${pct(f.centreError[p]).padStart(9)}`).join('')}`),
    `${'within 10%'.padEnd(12)}${paths.map((p) => `${`${fits.filter((f) => Math.abs(f.error[p]) < 0.1).length} of ${fits.length}`.padStart(22)}${''.padStart(9)}`).join('')}`,
    `both within 10% on ${fits.filter((f) => paths.every((p) => Math.abs(f.error[p]) < 0.1)).length} of ${fits.length}`,
  ];
  return lines.map((l) => l.trimEnd()).join('\n');
}

/** The parameters whose identification `identificationTable` measures: the two fitted, and the emission rate, which also moves the staking ratio. */
export const IDENTIFICATION_PATHS = ['amm.usdReserve', 'emission.ratePerYear', 'stakers.hurdle.max'];

/**
 * `identificationTable(seeds)` → how well the moments see each parameter
 * at `TRUTH`, measured on `seeds` independent series (seeds 5000…), as
 * experiments/calibration-recovery.ts measures it: per parameter and
 * moment t = D·ln 1.1 / sd (D = ∂m̄/∂ln θ by a central difference of ±15%
 * on common seeds, sd the moment's sd across single series), the sd of
 * the estimate for a fit of that parameter alone, √((1 + 1/S) / (Dᵀ Σ⁻¹ D))
 * (McFadden, Econometrica 57, 1989), and for the two fitted jointly.
 */
export function identificationTable(seeds: number): string {
  const seedList = Array.from({ length: seeds }, (_, i) => 5000 + i);
  const meanMoments = (values: Record<string, number>) => {
    const ms = seedList.map((s) => MOMENTS.compute(priceAndStaking(values, s)));
    return { ms, mean: Float64Array.from(MOMENTS.names, (_, j) => ms.reduce((a, m) => a + m[j], 0) / ms.length) };
  };
  const at = meanMoments({ ...TRUTH });
  const k = MOMENTS.names.length;
  const cov = momentCovariance(at.ms);
  const sd = Float64Array.from({ length: k }, (_, j) => Math.sqrt(cov[j * k + j]));
  const w = inverseCovarianceWeighting(at.ms, MOMENTS.names);
  const h = 0.15;
  const D: Record<string, Float64Array> = {};
  for (const p of IDENTIFICATION_PATHS) {
    const v = truthOf(p);
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
  const short = (p: string) => p.split('.').slice(-2).join('.');
  const lines = [
    `t of a 10% rise (shift of the mean / sd over ${seeds} single ${TICKS}-day series) at the truth`,
    `${'moment'.padEnd(28)}${IDENTIFICATION_PATHS.map((p) => short(p).padStart(22)).join('')}`,
    ...MOMENTS.names.map((m, j) => `${m.padEnd(28)}${IDENTIFICATION_PATHS.map((p) => ((D[p][j] * Math.log(1.1)) / sd[j]).toFixed(2).padStart(22)).join('')}`),
    `${'sd of the estimate'.padEnd(28)}${IDENTIFICATION_PATHS.map((p) => `${(100 * Math.sqrt(noise / info(p, p))).toFixed(1)}%`.padStart(22)).join('')}`,
  ];
  const [a, b] = Object.keys(RANGES).sort();
  const det = info(a, a) * info(b, b) - info(a, b) ** 2;
  lines.push(`fitted jointly: ${a} ${(100 * Math.sqrt((noise * info(b, b)) / det)).toFixed(1)}%, ${b} ${(100 * Math.sqrt((noise * info(a, a)) / det)).toFixed(1)}%`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { targets: { type: 'string' }, identification: { type: 'boolean' } } });
  if (values.identification) process.stdout.write(identificationTable(16) + '\n\n');
  const targets = (values.targets ?? '11,12,13,14,15,16').split(',').map(Number);
  process.stdout.write((await recoveryTable(targets)) + '\n');
}

if (require.main === module) void main();
