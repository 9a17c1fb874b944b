/**
 * Benchmark `exact-swaps`: the price of exactness. The same alternating
 * buys and sells run on the float `ConstantProductPool` (traded along the
 * ledger's routes, as a model trades it), on its exact
 * counterpart `ExactConstantProductPool` (Uniswap v2 in wei, with the
 * float↔wei conversions a model pays), and on a bare `UniswapV2Pair` fed
 * bigint amounts (`getAmountOut` + `transferIn` + `swap`, what an all-exact
 * model pays). `ticks` is the number of swaps (`agents` is ignored). After
 * a warm-up the three run in turn, 5 rounds, and the medians are kept:
 * throughput is float swaps/s; `ratio` = exact-pool time / float time.
 */
import { Ledger } from '../src/core/ledger';
import type { AmmParams } from '../src/market/amm';
import { ConstantProductPool } from '../src/market/constantProductPool';
import { ExactConstantProductPool } from '../src/exact/exactPool';
import { getAmountOut } from '../src/exact/uniswapV2Library';
import { UniswapV2Pair } from '../src/exact/uniswapV2Pair';
import { median, now, type Benchmark, type BenchSize, type Measurement } from './types';

const POOL = { tokenReserve: 1_000_000, usdReserve: 1_000_000, feeBps: 30 };

/** Returns the trade sizes: 10⁻⁴ to 10⁻² of the reserve, a fixed pseudo-random sequence. */
function tradeSizes(n: number): Float64Array {
  const out = new Float64Array(n);
  let s = 12345;
  for (let i = 0; i < n; i++) {
    s = (s * 16807) % 2147483647;
    out[i] = 100 * (1 + (99 * s) / 2147483647);
  }
  return out;
}

/** Returns the float pool `p` on a ledger of its own, with a trader outside the model (USD from and to outside, tokens burned and minted): a model's swaps along the ledger's routes. */
function floatTrader(p: AmmParams) {
  const ledger = new Ledger();
  const pool = new ConstantProductPool(ledger, ledger.open('amm', { owner: 'amm', circulating: true }), ledger.open('amm.fees', { owner: 'amm', circulating: true }), p.feeBps);
  ledger.route('mint', pool.reserves, 'genesis').move(p.tokenReserve);
  ledger.route('outside', pool.reserves, 'genesis', 'usd').move(p.usdReserve);
  return pool.trader('outside', 'mint', 'swap');
}

function runFloat(sizes: Float64Array): number {
  const pool = floatTrader(POOL);
  let acc = 0;
  for (let i = 0; i < sizes.length; i++) acc += i & 1 ? pool.sell(sizes[i]) : pool.buy(sizes[i]);
  return acc;
}

function runExactPool(sizes: Float64Array): number {
  const pool = new ExactConstantProductPool(POOL);
  let acc = 0;
  for (let i = 0; i < sizes.length; i++) acc += i & 1 ? pool.sell(sizes[i]) : pool.buy(sizes[i]);
  return acc;
}

function runPair(amounts: bigint[]): bigint {
  const pair = new UniswapV2Pair();
  pair.transferIn(0, 10n ** 24n);
  pair.transferIn(1, 10n ** 24n);
  pair.mint('lp');
  let acc = 0n;
  for (let i = 0; i < amounts.length; i++) {
    const a = amounts[i];
    if (i & 1) {
      const out = getAmountOut(a, pair.reserve0, pair.reserve1);
      pair.transferIn(0, a);
      pair.swap(0n, out);
      acc += out;
    } else {
      const out = getAmountOut(a, pair.reserve1, pair.reserve0);
      pair.transferIn(1, a);
      pair.swap(out, 0n);
      acc += out;
    }
  }
  return acc;
}

function timed(fn: () => unknown): number {
  const t0 = now();
  fn();
  return now() - t0;
}

/** Times the three paths at `size` and returns the float time, with the exact paths' figures in `extra`. */
export function measureExactSwaps(size: BenchSize, rounds = 5): Measurement {
  const n = size.ticks;
  const sizes = tradeSizes(n);
  const amounts = Array.from(sizes, (x) => BigInt(Math.round(x * 1e6)) * 10n ** 12n);
  runFloat(sizes.subarray(0, Math.min(n, 10_000)));
  runExactPool(sizes.subarray(0, Math.min(n, 10_000)));
  runPair(amounts.slice(0, 10_000));
  const float: number[] = [];
  const exact: number[] = [];
  const pair: number[] = [];
  for (let r = 0; r < rounds; r++) {
    float.push(timed(() => runFloat(sizes)));
    exact.push(timed(() => runExactPool(sizes)));
    pair.push(timed(() => runPair(amounts)));
  }
  const [f, e, p] = [median(float), median(exact), median(pair)];
  return {
    seconds: f,
    work: n,
    ratio: e / f,
    extra: { floatSwapsPerSec: n / f, exactPoolSwapsPerSec: n / e, pairSwapsPerSec: n / p, pairRatio: p / f },
  };
}

/** The `exact-swaps` benchmark: 200 000 swaps on each path. */
export const exactSwapsBenchmark: Benchmark = {
  name: 'exact-swaps',
  description: 'AMM swaps/s on the float pool against the exact Uniswap v2 path (ratio = exact / float time)',
  sizes: [{ agents: 1, ticks: 200_000 }],
  run: (size) => measureExactSwaps(size),
};
