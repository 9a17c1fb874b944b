import { delegators } from '../../agents/delegators';
import { stakePools } from '../../agents/stakePools';
import { traders } from '../../agents/traders';
import { amm } from '../market/amm';
import { cardano } from '../mechanisms/cardano';
import { treasury } from '../mechanisms/treasury';
import { fairness } from '../metrics/fairness';
import { holdings } from '../metrics/holdings';
import { securityBudget } from '../metrics/securityBudget';
import { supplyMetrics } from '../metrics/supplyMetrics';
import { defineModel, type ModelParams } from '../model/defineModel';
import { PUE, type PosParams } from '../mechanisms/energy';

/**
 * The Cardano proof-of-stake preset: tokens are ADA at about $0.70, a 45B
 * cap with about 39.5B allocated at genesis (3,000 delegators holding ~12M
 * each on average, lognormal, 70 % of them delegating; 600 pools with
 * lognormal pledges of ~1.5M on average, 340 ADA cost per epoch, margins
 * 0–5 %; 500 traders; an AMM pool of 1B ADA), so the reserve starts near
 * 5.5B, and the Shelley rewards (`cardano`: ρ 0.003, τ 0.2, k 500, a0 0.3).
 * No transaction fees in the reward pot.
 */
export const cardanoPos = defineModel({
  name: 'cardanoPos',
  description: 'Cardano proof-of-stake preset: reserve-funded rewards by maxPool over stake pools and delegators, an AMM market, fairness and security-budget metrics',
  blocks: [amm, treasury, stakePools, cardano, delegators, traders, supplyMetrics, holdings, fairness, securityBudget],
  defaults: {
    amm: { tokenReserve: 1e9, usdReserve: 7e8 },
    // The treasury starts empty: it fills with τ of the rewards.
    treasury: { tokens: 0, usd: 0 },
    delegators: { initialTokens: { dist: 'lognormal', mu: Math.log(12e6) - 0.72, sigma: 1.2 } },
    traders: { count: 500, initialTokens: { dist: 'lognormal', mu: Math.log(100_000), sigma: 1 }, initialUsd: { dist: 'lognormal', mu: Math.log(70_000), sigma: 1 } },
  },
});

/** The Cardano preset's parameters. */
export type CardanoPosParams = ModelParams<(typeof cardanoPos.blocks)[number]>;

/**
 * Electricity of the Cardano preset's consensus (the `consensus` block's
 * `pos` parameters in `posChains`): 3,002 nodes (stake pools, August 2021)
 * at 22.8 W each, at home (PUE 1): 3,002 × 22.8 W × 8,760 h ≈ 600 MWh a
 * year. SOURCE: CCRI, "Energy Efficiency and Carbon Footprint of Proof of
 * Stake Blockchain Protocols" (2022): Cardano 598,755 kWh a year over 3,002
 * nodes; the watts per node are that total over 3,002 nodes and 8,760 h.
 * The node count is the real chain's (~3,000 pools), not the preset's 600
 * pools, and does not move with k or the stake.
 */
export const cardanoPosEnergy: PosParams = { powerKwPerNode: 0.0228, pue: PUE.home, minNodes: 3002, stakePerNode: null };
