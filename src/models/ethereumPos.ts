import { stakers } from '../../agents/stakers';
import { traders } from '../../agents/traders';
import { amm } from '../market/amm';
import { ethereumIssuance } from '../mechanisms/ethereumIssuance';
import { staking } from '../mechanisms/staking';
import { fairness } from '../metrics/fairness';
import { holdings } from '../metrics/holdings';
import { securityBudget } from '../metrics/securityBudget';
import { supplyMetrics } from '../metrics/supplyMetrics';
import { defineModel, type ModelParams } from '../model/defineModel';
import { PUE, type PosParams } from '../mechanisms/energy';

/**
 * The Ethereum proof-of-stake preset: tokens are ETH at about $3,000, about
 * 124M of them at genesis (2,000 stakers holding ~60k ETH each on average,
 * lognormal; 500 traders), an AMM pool of 10M ETH, and consensus issuance
 * by the Altair rules (`ethereumIssuance`) paid to whatever the stakers
 * stake. Stakers require 1–5 %/year to stake (uniform, a band of ±0.5 %),
 * which settles near a third of the supply staked; the unbonding
 * period is one day (the exit queue is not modelled). No fee burn, no
 * execution-layer rewards: issuance alone.
 */
export const ethereumPos = defineModel({
  name: 'ethereumPos',
  description: 'Ethereum proof-of-stake preset: Altair consensus issuance paid to stakers, an AMM market, fairness and security-budget metrics',
  blocks: [amm, staking, ethereumIssuance, stakers, traders, supplyMetrics, holdings, fairness, securityBudget],
  defaults: {
    amm: { tokenReserve: 10_000_000, usdReserve: 3e10 },
    staking: { unbondingTicks: 1 },
    stakers: {
      count: 2000,
      initialTokens: { dist: 'lognormal', mu: Math.log(60_000) - 0.5, sigma: 1 },
      initialUsd: { dist: 'lognormal', mu: Math.log(20_000), sigma: 1 },
      hurdle: { dist: 'uniform', min: 0.01, max: 0.05 },
      band: 0.01,
      // Unstaked ETH is kept, not sold: the start, with nothing staked, overshoots, and exit selling would add a crash of its own.
      exitIntent: { base: { dist: 'constant', value: 0 }, sensitivity: 0 },
    },
    traders: { count: 500, initialTokens: { dist: 'lognormal', mu: Math.log(30), sigma: 1 }, initialUsd: { dist: 'lognormal', mu: Math.log(100_000), sigma: 1 } },
  },
});

/** The Ethereum preset's parameters. */
export type EthereumPosParams = ModelParams<(typeof ethereumPos.blocks)[number]>;

/**
 * Electricity of the Ethereum preset's consensus (the `consensus` block's
 * `pos` parameters in `posChains`): 10,000 nodes (an assumption, near the
 * ~10,000 reachable execution-layer nodes ethernodes.org counted in 2022)
 * drawing 30 W each, around the clock, at home (PUE 1): 10,000 × 30 W ×
 * 8,760 h = 2,628 MWh a year. The 30 W per node is implied, not measured
 * here: CCRI, "The Merge – Implications on the Electricity Consumption and
 * Carbon Footprint of the Ethereum Network" (September 2022), put the
 * network at about 2,601 MWh a year (~870 t CO2e), and 2,601 MWh /
 * 8,760 h / 10,000 nodes ≈ 30 W. CCAF's Cambridge Blockchain Network
 * Sustainability Index (December 2023) counted 14,072 nodes and 7.50 GWh a
 * year, ~61 W a node: the figure grows with the node count and client load.
 */
export const ethereumPosEnergy: PosParams = { powerKwPerNode: 0.03, pue: PUE.home, minNodes: 10_000, stakePerNode: null };
