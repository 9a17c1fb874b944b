import { InputError } from '../core/errors';
import { nodeOperators } from '../../agents/nodeOperators';
import { stakers } from '../../agents/stakers';
import { TRADER_KINDS, traders } from '../../agents/traders';
import { marketPort } from '../market/amm';
import { fundamentals } from '../market/fundamentals';
import { nodeRewards } from '../mechanisms/nodeRewards';
import { staking } from '../mechanisms/staking';
import type { Assembled } from '../model/assemble';
import { tokenEconomy, type TokenEconomyParams } from '../models/tokenEconomy';

/** A price-dependent schedule: net tokens a group wants to buy at a given price (USD/token); negative means it sells. */
export interface TokenSchedule {
  readonly name: string;
  netDemand(price: number): number;
}

/** What `clearingPrice` found. */
export interface ClearingResult {
  converged: boolean;
  /** One line: how it converged, or why there is no clearing price in the bracket. */
  reason: string;
  /** The market-clearing price, USD per token (NaN when not converged). */
  price: number;
  /** Each schedule's net demand at `price`, tokens. */
  netDemand: Record<string, number>;
  /** Σ net demand at `price`, tokens (≈ 0 when converged). */
  excess: number;
  iterations: number;
}

/**
 * Returns the Walrasian clearing price of a token market: the price p at
 * which the schedules' net demands sum to zero, Σ_g D_g(p) = 0, found by
 * bisection on log p within [lo, hi] (USD/token). Assumes aggregate net
 * demand is continuous and changes sign once in the bracket (falling in
 * price, as for downward-sloping demand and upward-sloping supply); when it
 * has the same sign at both ends, returns converged = false with which side
 * of the market is short, never a boundary price dressed as an answer.
 */
export function clearingPrice(schedules: readonly TokenSchedule[], lo: number, hi: number, tolerance = 1e-10): ClearingResult {
  if (!(lo > 0) || !(hi > lo)) throw new InputError(`clearing price: expected 0 < lo < hi, got [${lo}, ${hi}]`);
  const total = (p: number) => schedules.reduce((s, g) => s + g.netDemand(p), 0);
  const detail = (p: number) => Object.fromEntries(schedules.map((g) => [g.name, g.netDemand(p)]));
  const fLo = total(lo);
  const fHi = total(hi);
  if (!Number.isFinite(fLo) || !Number.isFinite(fHi)) throw new InputError(`clearing price: a schedule's net demand is not finite at the bracket ends`);
  if (fLo === 0) return { converged: true, reason: 'clears at the lower bracket end', price: lo, netDemand: detail(lo), excess: 0, iterations: 0 };
  if (fHi === 0) return { converged: true, reason: 'clears at the upper bracket end', price: hi, netDemand: detail(hi), excess: 0, iterations: 0 };
  if (Math.sign(fLo) === Math.sign(fHi)) {
    const side = fLo > 0 ? `excess demand (${fLo.toPrecision(4)} tokens at ${lo}, ${fHi.toPrecision(4)} at ${hi})` : `excess supply (${fLo.toPrecision(4)} tokens at ${lo}, ${fHi.toPrecision(4)} at ${hi})`;
    return { converged: false, reason: `no clearing price in [${lo}, ${hi}]: ${side} throughout`, price: NaN, netDemand: {}, excess: NaN, iterations: 0 };
  }
  let a = Math.log(lo);
  let b = Math.log(hi);
  let fa = fLo;
  let it = 0;
  while (b - a > tolerance && it < 200) {
    it++;
    const mid = (a + b) / 2;
    const fm = total(Math.exp(mid));
    if (fm === 0) {
      a = b = mid;
      break;
    }
    if (Math.sign(fm) === Math.sign(fa)) {
      a = mid;
      fa = fm;
    } else b = mid;
  }
  const price = Math.exp((a + b) / 2);
  return { converged: true, reason: `bisection to a relative bracket of ${tolerance} in ${it} steps`, price, netDemand: detail(price), excess: total(price), iterations: it };
}

/**
 * Returns the token demand and supply schedules implied by a token
 * economy's agents in their current state (call between ticks), each as net
 * tokens wanted at a hypothetical price p, the expected orders of one tick
 * (each trader trades with probability `activity`, its random component
 * averaging out):
 * - `fundamentalists`: activity · W(p) · clamp(g_f ln(m_i V / p), ±cap) / p
 *   tokens each, W(p) = usd + tokens · p its wealth at p, V the fundamental
 *   value, capped by USD and token balances;
 * - `chartists`: their trend comes from past prices, so each orders
 *   activity · W(p) · clamp(g_c · trend, ±cap) USD, over p tokens;
 * - `stakerRewardSales`: non-compounding stakers sell sellShare of their
 *   pending reward (tokens, price-independent);
 * - `nodeOperatorCosts`: online operators sell (units · opex − usd)/p tokens
 *   to pay their USD operating cost for the tick;
 * - `amm` (when `includePool`): the pool as a market maker, whose token
 *   reserve at price p is √(k/p), so it takes √(k/p) − x₀ tokens (fees
 *   ignored).
 * Noise traders are left out: their expected net demand is zero. The
 * result is the schedules the agents' rules imply, not a forecast of the
 * AMM price, which comes from sequential trades.
 */
export function tokenEconomySchedules(economy: Assembled, includePool = false): TokenSchedule[] {
  const world = economy.world;
  const trader = economy.api(traders);
  const pool = economy.api(marketPort);
  const stake = economy.api(stakers);
  const stream = economy.api(nodeRewards);
  const operators = economy.api(nodeOperators);
  const value = economy.apis.has(fundamentals.key) ? economy.api(fundamentals).value : world.priceAt(0);
  const tp = world.params.traders;
  const tc = trader.population.cols;
  const trend = Math.log(world.priceAt(world.tick) / world.priceAt(world.tick - tp.chartistLookback));
  const clamp = (d: number) => (d > tp.maxOrderShare ? tp.maxOrderShare : d < -tp.maxOrderShare ? -tp.maxOrderShare : d);
  const tokensAt = (i: number, share: number, p: number) => {
    const usd = tp.activity * share * (tc.usd[i] + tc.tokens[i] * p);
    return usd > 0 ? Math.min(usd, tc.usd[i]) / p : -Math.min(-usd / p, tc.tokens[i]);
  };
  const out: TokenSchedule[] = [
    {
      name: 'fundamentalists',
      netDemand: (p) => {
        let d = 0;
        for (let i = 0; i < trader.population.size; i++) {
          if (tc.active[i] === 0 || tc.kind[i] !== TRADER_KINDS.fundamentalist) continue;
          d += tokensAt(i, clamp(tp.fundamentalistGain * Math.log((tc.fairValue[i] * value) / p)), p);
        }
        return d;
      },
    },
    {
      name: 'chartists',
      netDemand: (p) => {
        const share = clamp(tp.chartistGain * trend);
        let d = 0;
        for (let i = 0; i < trader.population.size; i++) {
          if (tc.active[i] === 0 || tc.kind[i] !== TRADER_KINDS.chartist) continue;
          d += tokensAt(i, share, p);
        }
        return d;
      },
    },
  ];
  const sp = stake.population;
  const member = economy.api(staking).attach(sp);
  let rewardSales = 0;
  for (let i = 0; i < sp.size; i++) {
    if (sp.cols.active[i] === 1 && sp.cols.compound[i] === 0) rewardSales += member.pending(i) * sp.cols.sellShare[i];
  }
  out.push({ name: 'stakerRewardSales', netDemand: () => -rewardSales });
  const np = operators.population;
  const nc = np.cols;
  out.push({
    name: 'nodeOperatorCosts',
    netDemand: (p) => {
      let d = 0;
      for (let i = 0; i < np.size; i++) {
        if (nc.active[i] === 0 || nc.online[i] === 0) continue;
        const need = nc.units[i] * nc.costUsdPerTick[i] - nc.usd[i];
        if (need > 0) d -= Math.min(need / p, nc.tokens[i] + stream.rewards.owed(nc.rewardWeight[i], nc.nodeSnapshot[i]));
      }
      return d;
    },
  });
  if (includePool) {
    const k = pool.k;
    const x0 = pool.tokenReserve;
    out.push({ name: 'amm', netDemand: (p) => Math.sqrt(k / p) - x0 });
  }
  return out;
}

/**
 * Returns the token economy built from `params` and `seed`, stepped to
 * `tick`, with the market-clearing price of its agents' schedules there
 * (`clearingPrice` over [price/100, price·100]) beside the pool's own price
 * (USD/token) — how far the sequential AMM price sits from the Walrasian
 * price the agents' rules imply.
 */
export function tokenMarketAt(params: TokenEconomyParams, seed: number, tick: number, includePool = true): { clearing: ClearingResult; poolPrice: number; economy: Assembled } {
  if (!Number.isInteger(tick) || tick < 0) throw new InputError(`token market: tick must be a non-negative integer, got ${tick}`);
  const economy = tokenEconomy.build(params, { seed, check: false });
  for (let t = 0; t < tick; t++) economy.world.step();
  const p = economy.api(marketPort).price;
  return { clearing: clearingPrice(tokenEconomySchedules(economy, includePool), p / 100, p * 100), poolPrice: p, economy };
}
