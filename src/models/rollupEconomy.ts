import { stakers } from '../../agents/stakers';
import { traders } from '../../agents/traders';
import { rollup } from '../fees/rollup';
import { amm } from '../market/amm';
import { staking } from '../mechanisms/staking';
import { supplyMetrics } from '../metrics/supplyMetrics';
import { defineModel, type ModelParams } from '../model/defineModel';
import { TEN_MINUTE_TICKS } from './feeMarketEconomy';

/**
 * A rollup whose token pays its fees, as a model: a $1 token with a $5M
 * AMM pool; ten-minute ticks of fifty 12-second L1 blocks; L2 senders
 * (20 transactions a second wanted, values lognormal around $0.05) pay
 * the L2 fee with the Fjord L1 data fee in tokens; the sequencer sells
 * them for USD and posts batches to L1 as blobs (Prague's schedule,
 * other rollups' blobs priced by their value) or calldata; stakers (200)
 * and traders (200) hold and make the token's price. No emission.
 */
export const rollupEconomy = defineModel({
  name: 'rollupEconomy',
  description: 'a rollup paid in its token: L2 fees with the L1 data fee, batches posted as EIP-4844 blobs or calldata, the sequencer margin',
  ticksPerYear: TEN_MINUTE_TICKS,
  blocks: [amm, staking, stakers, traders, rollup, supplyMetrics],
  defaults: {
    amm: { tokenReserve: 5_000_000, usdReserve: 5_000_000, feeBps: 30 },
    staking: { unbondingTicks: 144 },
    stakers: { count: 200, adjustShare: 0.01, trendLookback: 144 },
    traders: { count: 200, activity: 0.01 },
  },
});

/** The rollup economy's parameters. */
export type RollupEconomyParams = ModelParams<(typeof rollupEconomy.blocks)[number]>;
