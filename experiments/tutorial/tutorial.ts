/**
 * The tutorial's experiment (docs/tutorial.md): the token economy with dip
 * buyers and a protocol-owned-liquidity program added, against the same
 * economy with the program off; and a small model of its own.
 *
 *   npx tokensim run experiments/tutorial/tutorial.ts
 *   npx tokensim model experiments/tutorial/tutorial.ts
 */
import { defineExperiment, defineModel, amm, treasury, traders, supplyMetrics, tokenEconomy, runIfMain } from '../../src';
import { dipBuyers } from './dipBuyers';
import { liquidityProgram } from './liquidityProgram';

/** The token economy with the two new blocks: one line each. */
export const withDipBuyers = tokenEconomy.with(dipBuyers, liquidityProgram);

/** A model of its own: a pool, a treasury, traders, dip buyers and the program, and the common supply metrics. */
export const tiny = defineModel({ name: 'dipBuyerMarket', blocks: [amm, treasury, traders, dipBuyers, liquidityProgram, supplyMetrics] });

const experiment = defineExperiment({
  name: 'tutorial',
  description: 'Does protocol-owned liquidity calm the price when dip buyers are in the market?',
  model: withDipBuyers,
  variants: {
    program: {},
    noProgram: { liquidityProgram: { usd: 0 } },
  },
  seeds: 5,
  ticks: 365,
});

export default experiment;
runIfMain(module, experiment);
