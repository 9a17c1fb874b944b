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

/**
 * The Ethereum proof-of-stake preset: tokens are ETH at about $3,000, about
 * 120M of them at genesis (2,000 stakers holding ~60k ETH each on average,
 * lognormal; 500 traders), an AMM pool of 1M ETH, and consensus issuance
 * by the Altair rules (`ethereumIssuance`) paid to whatever the stakers
 * stake. Stakers require 0.5–4 %/year to stake (uniform); the unbonding
 * period is one day (the exit queue is not modelled). No fee burn, no
 * execution-layer rewards: issuance alone.
 */
export const ethereumPos = defineModel({
  name: 'ethereumPos',
  description: 'Ethereum proof-of-stake preset: Altair consensus issuance paid to stakers, an AMM market, fairness and security-budget metrics',
  blocks: [amm, staking, ethereumIssuance, stakers, traders, supplyMetrics, holdings, fairness, securityBudget],
  defaults: {
    amm: { tokenReserve: 1_000_000, usdReserve: 3e9 },
    staking: { unbondingTicks: 1 },
    stakers: {
      count: 2000,
      initialTokens: { dist: 'lognormal', mu: Math.log(60_000) - 0.5, sigma: 1 },
      initialUsd: { dist: 'lognormal', mu: Math.log(20_000), sigma: 1 },
      hurdle: { dist: 'uniform', min: 0.005, max: 0.04 },
    },
    traders: { count: 500, initialTokens: { dist: 'lognormal', mu: Math.log(30), sigma: 1 }, initialUsd: { dist: 'lognormal', mu: Math.log(100_000), sigma: 1 } },
  },
});

/** The Ethereum preset's parameters. */
export type EthereumPosParams = ModelParams<(typeof ethereumPos.blocks)[number]>;
