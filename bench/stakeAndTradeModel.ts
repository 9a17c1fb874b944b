/**
 * The stake-and-trade model, shared by its tokensim version
 * (`stakeAndTrade.ts`) and its hand-written twin (`stakeAndTradeTwin.ts`).
 *
 * One constant-product pool token/USD, reserves 1000·N of each, fee 0.3% on
 * the input. N agents: agent i is a staker when i % 5 == 4, else a noise
 * trader; each starts with 1000 tokens, 1000 USD and nothing staked. Each
 * tick t = 1..T:
 *
 * 1. if anything is staked, E = 0.2·N new tokens are minted to stakers pro
 *    rata to stake;
 * 2. APR = E·365 / S is fixed for the tick (S: total staked after step 1;
 *    APR = +∞ when S = 0: a first staker would earn all of it);
 * 3. agents act once, in index order:
 *    - noise trader: u₁ < 0.1 → it trades: size = 100·u₂ USD; u₃ < ½ → buy
 *      min(size, usd) USD of tokens, else sell min(size / price, tokens)
 *      tokens (price: the pool's marginal price at that moment);
 *    - staker: collects its reward, then if APR > hurdle it stakes 25% of
 *      its liquid tokens (25% of the way toward staking all it holds), else
 *      unstakes 25% of its stake (no unbonding period);
 * 4. price (USD/token), total staked and supply (tokens) are recorded.
 *
 * Randomness: one seedrandom Alea stream seeded with String(seed >>> 0)
 * (what `new Rng(seed)` and `World`'s `rng` are). Draw order: at creation,
 * one draw per staker in index order, hurdle = 0.05 + 0.45·u; then each
 * tick, in index order, each noise trader draws u₁ and, only when it
 * trades, u₂ then u₃. Stakers draw nothing after creation.
 */

/** Emission per tick per agent, in tokens (E = 0.2·N). */
export const EMISSION_PER_AGENT = 0.2;
/** Days per year used in the APR. */
export const DAYS_PER_YEAR = 365;
/** Starting tokens and USD of each agent, and pool reserves per agent. */
export const ENDOWMENT = 1000;
/** Pool fee on the input, in basis points. */
export const FEE_BPS = 30;
/** Probability a noise trader trades in a tick. */
export const TRADE_PROBABILITY = 0.1;
/** Largest trade, in USD (sizes are uniform in [0, MAX_TRADE_USD)). */
export const MAX_TRADE_USD = 100;
/** Share of the gap to its target a staker closes each tick. */
export const ADJUST_SHARE = 0.25;
/** Hurdle rates are uniform in [HURDLE_MIN, HURDLE_MAX). */
export const HURDLE_MIN = 0.05;
export const HURDLE_MAX = 0.5;

/** Returns true when agent `i` is a staker (every fifth agent). */
export function isStaker(i: number): boolean {
  return i % 5 === 4;
}

/** Per-tick trajectories of one run: index t − 1 holds the value after tick t. */
export interface Trajectories {
  /** Pool marginal price, USD per token. */
  price: Float64Array;
  /** Total staked, tokens. */
  staked: Float64Array;
  /** Total supply (minted since genesis, genesis included), tokens. */
  supply: Float64Array;
}
