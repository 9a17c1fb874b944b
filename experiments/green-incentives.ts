/**
 * Green incentives for a GPU inference network: do reward multipliers for
 * operators on renewables or buying offsets, or a carbon price paid to the
 * treasury, cut the network's CO2 — and at what cost in capacity and
 * served demand?
 *
 * 15% of potential operators run on their own solar or wind and 10% buy
 * offsets ($8/t); the rest are on grids of 100–750 gCO2/kWh.
 *
 *   npx tokensim run experiments/green-incentives.ts
 *   npx ts-node experiments/green-incentives.ts --seeds 2 --ticks 60
 */
import { defineExperiment, depinNetwork, runIfMain } from '../src';

const experiment = defineExperiment({
  name: 'green-incentives',
  description: 'Renewable and offset reward multipliers and a carbon price: CO2, renewable share, capacity and served demand of a DePIN network.',
  model: depinNetwork,
  variants: {
    none: {},
    renewableBonus: { green: { renewableMultiplier: 1.5 } },
    offsetBonus: { green: { offsetMultiplier: 1.25 } },
    carbonPrice50: { green: { carbonPriceUsdPerTonne: 50 } },
    carbonPrice150: { green: { carbonPriceUsdPerTonne: 150 } },
    bonusAndPrice: { green: { renewableMultiplier: 1.5, offsetMultiplier: 1.25, carbonPriceUsdPerTonne: 50 } },
  },
  seeds: 5,
  ticks: 2 * 365,
  record: { every: 1 },
});

export default experiment;
runIfMain(module, experiment);
