/**
 * EIP-1559 against the legacy first-price auction under a demand spike:
 * the same chain, the same senders (exogenous demand with a
 * willingness-to-pay distribution, transactors, every AMM swap) and the
 * same spike — demand three times the base level for six hours of a
 * two-day run. Fees paid, base fee burned, fees to producers, inclusion
 * delay and the share of senders priced out.
 *
 *   npx tokensim run experiments/fee-market.ts
 *   npx ts-node experiments/fee-market.ts --seeds 2 --ticks 100
 */
import { defineExperiment, feeMarketEconomy, runIfMain } from '../src';

const experiment = defineExperiment({
  name: 'fee-market',
  description: 'EIP-1559 vs a first-price auction for block space under a demand spike: fees, burn, inclusion delay, priced-out senders.',
  model: feeMarketEconomy,
  // Ten-minute ticks: the spike is ticks 120–155, six hours of day two.
  params: { txDemand: { spike: { startTick: 120, endTick: 155, multiplier: 3 } } },
  variants: {
    eip1559: { feeMarket: { rule: 'eip1559' } },
    firstPrice: { feeMarket: { rule: 'firstPrice' } },
  },
  seeds: 5,
  ticks: 288,
  record: { every: 1 },
});

export default experiment;
runIfMain(module, experiment);
