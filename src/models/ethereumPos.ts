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
