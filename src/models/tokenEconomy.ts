import { nodeOperators } from '../../agents/nodeOperators';
import { sectorHolders } from '../../agents/sectorHolders';
import { stakers } from '../../agents/stakers';
import { traders } from '../../agents/traders';
import { arbitrageurs } from '../../agents/arbitrageurs';
import { liquidityProviders } from '../../agents/liquidityProviders';
import { amm } from '../market/amm';
import { exchange } from '../market/exchange';
import { factor } from '../market/factor';
import { fundamentals } from '../market/fundamentals';
import { usageBurn } from '../mechanisms/burnOnUse';
import { buyback } from '../mechanisms/buyback';
import { dynamicRewards } from '../mechanisms/dynamicRewards';
import { emission } from '../mechanisms/emissionBlock';
import { feeBurn } from '../mechanisms/feeBurn';
import { locking } from '../mechanisms/lockedStaking';
import { nodeRewards } from '../mechanisms/nodeRewards';
import { scheduledBurn } from '../mechanisms/scheduledBurn';
import { staking } from '../mechanisms/staking';
import { treasury } from '../mechanisms/treasury';
import { treasuryPolicy } from '../mechanisms/treasuryPolicy';
import { vesting } from '../mechanisms/vesting';
import { holdings } from '../metrics/holdings';
import { stylisedFacts } from '../metrics/stylisedFactsBlock';
import { supplyMetrics } from '../metrics/supplyMetrics';
import { defineModel, type ModelParams } from '../model/defineModel';

/**
 * The token-economy model: a token at $1 with ~43M tokens at genesis and a
 * $3M AMM pool, 5M tokens/year emission (60% stakers, 30% nodes, 10%
 * treasury), half of AMM fees burned, 2,000 stakers, 2,000 traders (an
 * open population: newcomers bring USD, leavers take theirs out), 100
 * liquidity providers, 5 arbitrageurs between the pool and an external
 * exchange ($100k 2% depth), a broad market factor (GARCH-t) and a
 * fundamental value from supply, the factor and the staking yield, 300
 * potential node operators (100 online), and the supply-side mechanisms
 * (vesting, burns, buybacks, dynamic and lock-weighted rewards, treasury
 * policy) off until an experiment turns them on. No governance: the policy
 * is what the experiment sets (see `governedTokenEconomy` in
 * governedTokenEconomy.ts).
 *
 * Within a phase hooks run in this order; the pool's counters reset first,
 * the staking pool releases unbonded tokens before rewards are paid, locks
 * expire before emission, and the fee burn runs before buybacks.
 */
export const tokenEconomy = defineModel({
  name: 'tokenEconomy',
  description: 'stakers, traders and DePIN node operators around one AMM pool, with emission, burns, buybacks, vesting and a treasury',
  blocks: [
    amm,
    exchange,
    factor,
    treasury,
    staking,
    nodeRewards,
    locking,
    emission,
    feeBurn,
    stakers,
    traders,
    liquidityProviders,
    nodeOperators,
    vesting,
    usageBurn,
    buyback,
    scheduledBurn,
    treasuryPolicy,
    dynamicRewards,
    sectorHolders,
    fundamentals,
    arbitrageurs,
    supplyMetrics,
    holdings,
    stylisedFacts,
  ],
  defaults: {
    // Protocol-owned liquidity; the liquidity providers deposit about 2.2M tokens and $2.2M more at genesis.
    amm: { tokenReserve: 1_000_000, usdReserve: 1_000_000 },
    // No service here: swap fees are the only revenue, and they follow trading itself, not use of the network.
    fundamentals: { usageWeight: 0 },
    // Node operators sell what they earn, as DePIN operators mostly do.
    nodeOperators: { sellRewardsShare: 1 },
  },
});

/** The token economy's parameters. */
export type TokenEconomyParams = ModelParams<(typeof tokenEconomy.blocks)[number]>;
