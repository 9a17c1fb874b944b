/**
 * Carbon policy for a GPU inference network: does a carbon tax, a cap on
 * emissions with traded allowances, or a renewable-energy mandate cut the
 * node operators' CO2 — and what does each cost in nodes online and token
 * price?
 *
 * The same economy (the DePIN network: operators on grids of 100–750
 * gCO2/kWh, 15% on their own renewables) runs under no policy and under
 * each policy switched on at tick 90, with the same seeds. Operators abate
 * by buying green power at a premium rising from 1 to 5 ¢/kWh with the
 * share switched; each policy's cost enters their entry and exit rule.
 *
 *   npx tokensim run experiments/carbon-policy.ts
 *   npx ts-node experiments/carbon-policy.ts --seeds 2 --ticks 120
 */
import { accessRules, carbonPricing, defineExperiment, depinNetwork, policyWindow, renewableMandate, runIfMain } from '../src';

/** When every policy comes into force. */
const START = 90;

const experiment = defineExperiment({
  name: 'carbon-policy',
  description: 'No policy vs a carbon tax vs cap-and-trade vs a renewable mandate on node operators: CO2, nodes online, renewable share and price.',
  model: depinNetwork.with({ before: 'nodeOperators' }, renewableMandate, carbonPricing, accessRules).with(policyWindow),
  params: { policyWindow: { fromTick: START } },
  variants: {
    none: {},
    // USD 100 per tonne, about the EU ETS allowance price of 2023 (EUR 80–100).
    carbonTax: { carbonPricing: { mode: 'tax', startTick: START, taxUsdPerTonne: 100 } },
    // About half the no-policy emissions of its first year (~400 t), falling by 4.3% of that a year (the EU ETS factor for 2024–2027), auctioned.
    capAndTrade: { carbonPricing: { mode: 'capAndTrade', startTick: START, capTonnesPerYear: 200, capDeclinePerYear: 0.043, allocation: 'auction' } },
    // The same cap allocated free by historical emissions and traded: allocation should move money, not emissions.
    capGrandfathered: { carbonPricing: { mode: 'capAndTrade', startTick: START, capTonnesPerYear: 200, capDeclinePerYear: 0.043, allocation: 'grandfathered', grandfatherBasis: 'emissions' } },
    // A cap of 50 t a year: the price runs into the penalty (USD 108/t, EUR 100) and tonnes go short.
    capTight: { carbonPricing: { mode: 'capAndTrade', startTick: START, capTonnesPerYear: 50, allocation: 'auction' } },
    // Half of every operator's grid electricity renewable, phased in over 90 days.
    mandate: { renewableMandate: { startTick: START, effectiveTick: START + 90, targetShare: 0.5 } },
  },
  seeds: 5,
  ticks: START + 365,
  record: { every: 1 },
});

export default experiment;
runIfMain(module, experiment);
