import { InputError } from '../core/errors';
import { logReturns } from '../metrics/stats';
import { readCsvColumns } from './replayCsv';

/** A market-factor series read from a file. */
export interface ReplaySeries {
  /** Per-tick log returns, dimensionless. */
  returns: Float64Array;
  /** The column they came from: `return` as given, or `price` turned into log returns. */
  source: 'return' | 'price';
  /** The file as given. */
  file: string;
}

/**
 * `readReplaySeries(file)` → the per-tick log returns of the market factor
 * stored in a CSV file. The file has a header row and exactly one of:
 * - `price`: a positive price per tick (any currency); the returns are
 *   r_t = ln(p_t / p_{t−1}), one fewer than the prices;
 * - `return`: the log return of each tick itself.
 * Other columns (a `date`, a `tick`) are ignored; rows are taken in file
 * order, one per tick. Malformed files raise one `InputError` line naming
 * file, line and problem (see `readCsvColumns`); so do a file with both or
 * neither column and one with no return at all.
 */
export function readReplaySeries(file: string): ReplaySeries {
  const csv = readCsvColumns(file, { required: [], optional: ['price', 'return'], positive: ['price'] });
  const { price, return: given } = csv.columns;
  if (price && given) throw new InputError(`${file} line ${csv.headerLine}: the header has both "price" and "return"; give one of them`);
  if (!price && !given) {
    throw new InputError(`${file} line ${csv.headerLine}: no "price" or "return" column in the header (${csv.header.join(', ')})`);
  }
  const returns = given ?? logReturns(price);
  if (returns.length === 0) {
    throw new InputError(`${file}: no ${price ? 'pair of prices' : 'return'} to replay; expected at least ${price ? 2 : 1} data rows`);
  }
  return { returns, source: price ? 'price' : 'return', file };
}

/**
 * A market factor replayed from a series instead of drawn: `next()` returns
 * its per-tick log returns in order. It needs no random numbers, so a run
 * that replays stays deterministic.
 */
export class ReplayFactor {
  private tick = 0;

  constructor(private readonly series: ReplaySeries) {}

  /** Returns the number of ticks the series covers. */
  get length(): number {
    return this.series.returns.length;
  }

  /**
   * Returns an `InputError`'s message when a run of `ticks` ticks needs more
   * returns than the series has, undefined when it fits, so a caller can
   * check before any run starts.
   */
  checkCovers(ticks: number): string | undefined {
    return ticks > this.length
      ? `${this.series.file}: a run of ${ticks} ticks needs ${ticks} returns, the file gives ${this.length}`
      : undefined;
  }

  /** Returns the next tick's log return (dimensionless). Throws a RangeError past the end of the series. */
  next(): number {
    if (this.tick >= this.length) throw new RangeError(`${this.series.file}: replayed series ended after ${this.length} ticks`);
    return this.series.returns[this.tick++];
  }
}
