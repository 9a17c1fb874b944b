/**
 * Sensitivity: which protocol parameters move the token economy's KPIs?
 * An ordinary experiment whose sweep is a Morris screening design over five
 * parameters (16 trajectories × 6 points = 96 runs, one seed each: every
 * point shares the replicate seeds, so points differ only by their
 * parameters). Run it, then analyse the results directory:
 *
 *   npx tokensim run experiments/sensitivity.ts --workers 2
 *   npx tokensim sensitivity results/sensitivity/<time>
 *
 * For Sobol indices (variance shares S1, ST) replace the sweep with a
 * Saltelli design over the same params, e.g.
 *   sweep: { kind: 'sobol', params: { ...same ranges... }, n: 32, seed: 1 }   (32 · (5 + 2) = 224 runs)
 * Morris ranks parameters cheaply; Sobol apportions variance but needs
 * n in the hundreds for tight intervals.
 */
import { defineExperiment, equationOfExchange, tokenEconomy } from '../src';

/** Assumed token velocity for the equation-of-exchange valuation, turnovers per year. */
export const VELOCITY_PER_YEAR = 20;

const experiment = defineExperiment({
  name: 'sensitivity',
  description: 'Global sensitivity of the token economy KPIs to emission, burn, reward split, AMM fee and trading activity.',
  // The AMM volume stands in for usage: the valuation KPIs (eoe_price, price_to_eoe, …) say how far the market price sits from use value.
  model: tokenEconomy.with(equationOfExchange),
  params: { equationOfExchange: { velocityPerYear: VELOCITY_PER_YEAR, usage: 'volume' } },
  // The parameters screened, in their units: tokens/year, share of fees, share of emission, basis points, probability per tick.
  sweep: {
    kind: 'morris',
    params: {
      'emission.ratePerYear': { min: 1_000_000, max: 10_000_000 },
      'feeBurn.feeShare': { min: 0, max: 1 },
      'emission.split.stakers': { min: 0.2, max: 0.6 },
      'amm.feeBps': { min: 5, max: 100 },
      'traders.activity': { min: 0.02, max: 0.3 },
    },
    trajectories: 16,
    levels: 4,
    seed: 1,
  },
  seeds: 1,
  ticks: 365,
});
export default experiment;
