/**
 * Calibration recovery with staking: the baseline token economy scaled
 * down (300 stakers, 300 traders, 300 days) makes price and staking-ratio
 * series at a known point (the pool's USD side $1M, an emission of 750k
 * tokens a year so the stakers' hurdle, drawn uniform on 2%…30%, still
 * binds), and `calibrate` fits (amm.usdReserve, emission.ratePerYear) back
 * from a start 40% below the truth on each, with the how-to's price
 * moments matched jointly with the staking ratio's level and last value
 * (`--match staking_ratio=staking_ratio:mean_log,last_log`). Beside it,
 * the identification at the truth of the two and of the stakers' hurdle
 * (docs/how-to/calibration.md, "Recovering a known point"; the study's
 * machinery is src/analysis/calibration/recoveryStudy.ts).
 *
 *   npx ts-node experiments/calibration-recovery-staking.ts [--targets 11,12,...] [--identification]
 */
import { join } from 'node:path';
import { jointMoments, priceMoments, seriesMoments } from '../src/analysis/calibration/moments';
import { recoveryStudy, recoveryStudyMain, type Recovery } from '../src/analysis/calibration/recoveryStudy';
import { loadExperiment } from '../src/cli/loadExperiment';

export type { Recovery };

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

/** The moments matched: the how-to's price moments, and the staking ratio's level over the run and at its end. */
export const MOMENTS = jointMoments([
  { label: null, moments: priceMoments(['volatility', 'mean_abs_return', 'mean_log_price', 'abs_return_acf_1']) },
  { label: 'staking_ratio', moments: seriesMoments(['mean_log', 'last_log']) },
]);

/** The parameters whose identification `identificationTable` measures: the two fitted, and the stakers' hurdle, which also moves the staking ratio. */
export const IDENTIFICATION_PATHS = ['amm.usdReserve', 'emission.ratePerYear', 'stakers.hurdle.max'];

const study = recoveryStudy({
  name: 'baseline',
  load: () => loadExperiment(join(__dirname, 'baseline.ts')),
  set: SET,
  metrics: ['price', 'staking_ratio'],
  ticks: TICKS,
  truth: TRUTH,
  start: START,
  ranges: RANGES,
  seeds: SEEDS,
  budget: BUDGET,
  moments: MOMENTS,
  identificationPaths: IDENTIFICATION_PATHS,
  nameSegments: 2,
  widths: { recovery: 22, moment: 28, identification: 22 },
});

/** Returns the price then the staking ratio of one run at `values` and `seed`, laid end to end (2 × 301 values). */
export function priceAndStaking(values: Record<string, number>, seed: number): Float64Array {
  return study.series(values, seed);
}

/**
 * `recoverKnownPoint(targetSeed)` → the fit of (amm.usdReserve,
 * emission.ratePerYear) to the series the scaled-down baseline makes at
 * `TRUTH` on `targetSeed`, from `START`, by `calibrate` as `tokensim
 * calibrate` runs it: bootstrap weighting with the CLI's block length, the
 * experiment's first `SEEDS` run seeds as common seeds, `BUDGET` candidates.
 */
export function recoverKnownPoint(targetSeed: number): Promise<Recovery> {
  return study.recover(targetSeed);
}

/** Returns the table of `recoverKnownPoint` over `targets`: per target seed each parameter's error (best point, search centre), then how many came within 10%. */
export function recoveryTable(targets: readonly number[]): Promise<string> {
  return study.recoveryTable(targets);
}

/**
 * `identificationTable(seeds)` → how well the moments see each parameter
 * of `IDENTIFICATION_PATHS` at `TRUTH`, measured on `seeds` independent
 * series (seeds 5000…), as experiments/calibration-recovery.ts measures
 * it: per parameter and moment t = D·ln 1.1 / sd (D = ∂m̄/∂ln θ by a
 * central difference of ±15% on common seeds, sd the moment's sd across
 * single series), the sd of the estimate for a fit of that parameter
 * alone, √((1 + 1/S) / (Dᵀ Σ⁻¹ D)) with S = `SEEDS` (McFadden,
 * Econometrica 57, 1989), and for the two fitted jointly.
 */
export function identificationTable(seeds: number): string {
  return study.identificationTable(seeds);
}

if (require.main === module) void recoveryStudyMain(study, { targets: [11, 12, 13, 14, 15, 16], identificationSeeds: 16 }, process.argv.slice(2));
