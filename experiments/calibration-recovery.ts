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
 * implies (docs/how-to/calibration.md, "Recovering a known point"; the
 * study's machinery is src/analysis/calibration/recoveryStudy.ts).
 *
 *   npx ts-node experiments/calibration-recovery.ts [--targets 11,12,...] [--identification]
 */
import { join } from 'node:path';
import { jointMoments, priceMoments, seriesMoments } from '../src/analysis/calibration/moments';
import { recoveryStudy, recoveryStudyMain, type Recovery } from '../src/analysis/calibration/recoveryStudy';
import type { ParamRanges } from '../src/analysis/ranges';
import { loadExperiment } from '../src/cli/loadExperiment';

export type { Recovery };

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

/** The moments matched: the how-to's price moments, and the volume's level and per-day change (`--match volume=volume`). */
export const MOMENTS = jointMoments([
  { label: null, moments: priceMoments(['volatility', 'mean_abs_return', 'mean_log_price', 'abs_return_acf_1']) },
  { label: 'volume', moments: seriesMoments(['mean_log', 'log_change_sd']) },
]);

/** The parameters whose identification `identificationTable` measures. */
export const IDENTIFICATION_PATHS = ['amm.usdReserve', 'traders.activity', 'traders.mix.fundamentalist', 'factor.annualVolatility', 'exchange.depth2PctUsd', 'traders.orderNoise.noise'];

const study = recoveryStudy({
  name: 'market-only',
  load: () => loadExperiment(join(__dirname, 'market-only.ts')),
  metrics: ['price', 'volume'],
  ticks: TICKS,
  truth: TRUTH,
  start: START,
  ranges: RANGES,
  seeds: SEEDS,
  budget: BUDGET,
  moments: MOMENTS,
  identificationPaths: IDENTIFICATION_PATHS,
  nameSegments: 1,
  widths: { recovery: 18, moment: 22, identification: 17 },
});

/** Returns the price then the volume of one run at `values` and `seed`, laid end to end (2 × 301 values). */
export function priceAndVolume(values: Record<string, number>, seed: number): Float64Array {
  return study.series(values, seed);
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
export function recoverKnownPoint(targetSeed: number, ranges: ParamRanges = RANGES): Promise<Recovery> {
  return study.recover(targetSeed, ranges);
}

/** Returns the table of `recoverKnownPoint` over `targets`: per target seed each parameter's error (best point, search centre), then how many came within 10%. */
export function recoveryTable(targets: readonly number[]): Promise<string> {
  return study.recoveryTable(targets);
}

/**
 * `identificationTable(seeds)` → how well the moments see each parameter
 * of `IDENTIFICATION_PATHS` at `TRUTH`, measured on `seeds` independent
 * series (seeds 5000…): per parameter and moment t = D·ln 1.1 / sd
 * (D = ∂m̄/∂ln θ by a central difference of ±15% on common seeds, sd the
 * moment's sd across single series), the sd of the estimate for a fit of
 * that parameter alone, √((1 + 1/S) / (Dᵀ Σ⁻¹ D)) with S = `SEEDS`
 * (McFadden, Econometrica 57, 1989), and for the two fitted jointly.
 */
export function identificationTable(seeds: number): string {
  return study.identificationTable(seeds);
}

if (require.main === module) void recoveryStudyMain(study, { targets: [11, 12, 13, 14, 15, 16, 17, 18, 19, 20], identificationSeeds: 24 }, process.argv.slice(2));
