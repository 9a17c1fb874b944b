import { stakers } from '../../agents/stakers';
import { traders } from '../../agents/traders';
import { amm } from '../market/amm';
import { staking } from '../mechanisms/staking';
import { tezosIssuance } from '../mechanisms/tezosIssuance';
import { fairness } from '../metrics/fairness';
import { holdings } from '../metrics/holdings';
import { securityBudget } from '../metrics/securityBudget';
import { supplyMetrics } from '../metrics/supplyMetrics';
import { defineModel, type ModelParams } from '../model/defineModel';
import { PUE, type PosParams } from '../mechanisms/energy';

/**
 * The Tezos proof-of-stake preset: tokens are tez at about $0.80, about
 * 1.05B of them at genesis (2,000 stakers holding ~500k each on average,
 * lognormal; 500 traders), an AMM pool of 150M tez, and adaptive issuance
 * (`tezosIssuance`, Quebec rules with the final bounds) paid to what the
 * stakers stake. Stakers require 1–10 %/year (uniform, a band of
 * ±0.5 %) and keep what they unstake; unstaked tez wait 10 days (four
 * cycles of about 2.8 days). Delegation (tez that earn without being
 * staked) is not modelled.
 */
export const tezosPos = defineModel({
  name: 'tezosPos',
  description: 'Tezos proof-of-stake preset: adaptive issuance driven by the staked ratio, paid to stakers, an AMM market, fairness and security-budget metrics',
  blocks: [amm, staking, tezosIssuance, stakers, traders, supplyMetrics, holdings, fairness, securityBudget],
  defaults: {
    amm: { tokenReserve: 150_000_000, usdReserve: 120_000_000 },
    staking: { unbondingTicks: 10 },
    stakers: {
      count: 2000,
      initialTokens: { dist: 'lognormal', mu: Math.log(500_000) - 0.5, sigma: 1 },
      initialUsd: { dist: 'lognormal', mu: Math.log(20_000), sigma: 1 },
      hurdle: { dist: 'uniform', min: 0.01, max: 0.1 },
      band: 0.01,
      exitIntent: { base: { dist: 'constant', value: 0 }, sensitivity: 0 },
    },
    traders: { count: 500, initialTokens: { dist: 'lognormal', mu: Math.log(50_000), sigma: 1 }, initialUsd: { dist: 'lognormal', mu: Math.log(40_000), sigma: 1 } },
  },
});

/** The Tezos preset's parameters. */
export type TezosPosParams = ModelParams<(typeof tezosPos.blocks)[number]>;

/**
 * Electricity of the Tezos preset's consensus (the `consensus` block's
 * `pos` parameters in `posChains`): 375 nodes (bakers, August 2021) at
 * 28.7 W each, at home (PUE 1): 375 × 28.7 W × 8,760 h ≈ 94.3 MWh a year.
 * SOURCE: CCRI, "Energy Efficiency and Carbon Footprint of Proof of Stake
 * Blockchain Protocols" (2022): Tezos 94,120 kWh a year over 375 nodes; the
 * watts per node are that total over 375 nodes and 8,760 h. Tezos counts
 * ~300–400 bakers since; the node count is held fixed, whatever the stake.
 */
export const tezosPosEnergy: PosParams = { powerKwPerNode: 0.0287, pue: PUE.home, minNodes: 375, stakePerNode: null };
