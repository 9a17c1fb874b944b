import { stakers } from '../../agents/stakers';
import { traders } from '../../agents/traders';
import { transactors } from '../../agents/transactors';
import { feeMarket } from '../fees/feeMarket';
import { txDemand } from '../fees/txDemand';
import { amm } from '../market/amm';
import { staking } from '../mechanisms/staking';
import { supplyMetrics } from '../metrics/supplyMetrics';
import { defineModel, type ModelParams } from '../model/defineModel';

/** Ticks a year of ten minutes each: 50 blocks of 12 s a tick. */
export const TEN_MINUTE_TICKS = 365 * 24 * 6;

/**
 * A chain's fee market as a model: the token (a $1 token with a $5M AMM
 * pool) is the chain's gas token; ten-minute ticks of 50 twelve-second
 * blocks of 30M gas; exogenous senders (150 transactions wanted a block,
 * values lognormal around $0.50) and 500 transactors pay gas; every AMM
 * swap enters block space too; stakers (200) receive the priority fees;
 * traders (200) make the price. No emission: the token's supply falls by
 * what EIP-1559 burns. Each tick: demand shocks are drawn (exogenous);
 * agents act and send transactions; the blocks are produced and fees
 * burned and paid (post); senders buy back the tokens they spent
 * (observe).
 */
export const feeMarketEconomy = defineModel({
  name: 'feeMarketEconomy',
  description: 'a chain whose token pays for gas: EIP-1559 or first-price block space, exogenous and agent demand, stakers paid priority fees',
  ticksPerYear: TEN_MINUTE_TICKS,
  blocks: [amm, staking, stakers, traders, transactors, txDemand, feeMarket, supplyMetrics],
  defaults: {
    amm: { tokenReserve: 5_000_000, usdReserve: 5_000_000, feeBps: 30 },
    staking: { unbondingTicks: 144 },
    stakers: { count: 200, adjustShare: 0.01, trendLookback: 144 },
    traders: { count: 200, activity: 0.01 },
  },
});

/** The fee-market economy's parameters. */
export type FeeMarketEconomyParams = ModelParams<(typeof feeMarketEconomy.blocks)[number]>;
