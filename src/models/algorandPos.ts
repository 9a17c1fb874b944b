import { stakers } from '../../agents/stakers';
import { traders } from '../../agents/traders';
import { amm } from '../market/amm';
import { algorandRewards } from '../mechanisms/algorandRewards';
import { staking } from '../mechanisms/staking';
import { fairness } from '../metrics/fairness';
import { holdings } from '../metrics/holdings';
import { securityBudget } from '../metrics/securityBudget';
import { supplyMetrics } from '../metrics/supplyMetrics';
import { defineModel, type ModelParams } from '../model/defineModel';
import { PUE, type PosParams } from '../mechanisms/energy';

/**
 * The Algorand pure-proof-of-stake preset: tokens are ALGO at about $0.25,
 * about 8.6B of them with the agents and the market at genesis on average
 * (2,000 stakers holding ~4M each on average, lognormal σ 1.5, so some are
 * below the 30,000 and some above the 70M eligibility bounds; 500 traders;
 * an AMM pool of 400M ALGO) and 1B in the rewards pool (FeeSink), what the
 * whole decaying bonus schedule pays — about 9.6B in all against the 10B of
 * the chain; nothing is minted after genesis. The
 * proposer payouts of consensus v40 (`algorandRewards`) go to the eligible
 * online stake. Going online or offline is immediate (no unbonding, no
 * lock-up, no slashing): stakers go online when the payouts beat their
 * hurdle, 1–10 %/year (uniform, a band of ±0.5 %), and keep what they take
 * offline.
 */
export const algorandPos = defineModel({
  name: 'algorandPos',
  description: 'Algorand pure-proof-of-stake preset: block-proposer payouts from the FeeSink to eligible online stake, an AMM market, fairness and security-budget metrics',
  blocks: [amm, staking, algorandRewards, stakers, traders, supplyMetrics, holdings, fairness, securityBudget],
  defaults: {
    amm: { tokenReserve: 400_000_000, usdReserve: 100_000_000 },
    staking: { unbondingTicks: 0 },
    stakers: {
      count: 2000,
      initialTokens: { dist: 'lognormal', mu: Math.log(4_000_000) - 1.125, sigma: 1.5 },
      initialUsd: { dist: 'lognormal', mu: Math.log(20_000), sigma: 1 },
      hurdle: { dist: 'uniform', min: 0.01, max: 0.1 },
      band: 0.01,
      exitIntent: { base: { dist: 'constant', value: 0 }, sensitivity: 0 },
    },
    traders: { count: 500, initialTokens: { dist: 'lognormal', mu: Math.log(200_000), sigma: 1 }, initialUsd: { dist: 'lognormal', mu: Math.log(50_000), sigma: 1 } },
  },
});

/** The Algorand preset's parameters. */
export type AlgorandPosParams = ModelParams<(typeof algorandPos.blocks)[number]>;

/**
 * Electricity of the Algorand preset's consensus (the `consensus` block's
 * `pos` parameters in `posChains`): 1,190 nodes (August 2021) at 49.2 W
 * each, at home (PUE 1): 1,190 × 49.2 W × 8,760 h ≈ 513 MWh a year.
 * SOURCE: CCRI, "Energy Efficiency and Carbon Footprint of Proof of Stake
 * Blockchain Protocols" (2022): Algorand 512,671 kWh a year over 1,190
 * nodes (relay and participation nodes); the watts per node are that total
 * over 1,190 nodes and 8,760 h. The node count is held fixed: the model's
 * stakers going online or offline do not start or stop machines.
 */
export const algorandPosEnergy: PosParams = { powerKwPerNode: 0.0492, pue: PUE.home, minNodes: 1190, stakePerNode: null };
