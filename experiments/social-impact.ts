/**
 * Who gains and who loses? The baseline token economy with the fairness
 * metrics attached, under two changes to the reward rule: four times the
 * emission (20M tokens a year instead of 5M), and the same 5M with nine
 * tenths to stakers instead of the nodes' and treasury's shares. `tokensim
 * compare` then prints, per variant, the social-impact table: the gain per
 * member of each agent class and of each decile of initial wealth against
 * the baseline (paired by seed), with concentration and access.
 *
 *   npx tokensim run experiments/social-impact.ts
 *   npx tokensim compare results/social-impact/<time> --metric final_price
 */
import { defineExperiment, fairness, runIfMain, tokenEconomy } from '../src';

const experiment = defineExperiment({
  name: 'social-impact',
  description: 'Who gains and who loses, by class and wealth decile, from more emission and from giving it to stakers.',
  model: tokenEconomy.with(fairness),
  variants: {
    baseline: {},
    highEmission: { emission: { ratePerYear: 20_000_000 } },
    toStakers: { emission: { split: { stakers: 0.9, nodes: 0.1, treasury: 0, lockers: 0 } } },
  },
  seeds: 4,
  ticks: 365,
  record: { every: 7, sampleEvery: 91 },
});

export default experiment;
runIfMain(module, experiment);
