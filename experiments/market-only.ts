/**
 * The market alone: traders (noise, chartist and fundamentalist rules
 * switching by performance, arriving and leaving with USD), an AMM pool, an
 * external exchange and arbitrageurs, moved by the broad market factor — no
 * staking, emission or DePIN. Small and fast, so it is where a calibration
 * starts: fit the market's parameters to a price series here
 * (`tokensim calibrate`, docs/how-to/calibration.md), then carry them into
 * the full design's experiment with --set.
 *
 *   npx tokensim run experiments/market-only.ts
 *   npx tokensim calibrate experiments/market-only.ts --target prices.csv --params traders.activity=0.05:0.6 --params amm.usdReserve=5e5:3e6:log
 */
import { amm, arbitrageurs, defineExperiment, defineModel, exchange, factor, fundamentals, runIfMain, traders } from '../src';

export const marketOnly = defineModel({
  name: 'marketOnly',
  description: 'traders, an AMM pool, an exchange and arbitrageurs, moved by the market factor',
  blocks: [amm, exchange, factor, traders, fundamentals, arbitrageurs],
  defaults: {
    amm: { tokenReserve: 1_000_000, usdReserve: 1_000_000 },
    // No usage: the token's fundamental value follows the market factor only.
    fundamentals: { usageWeight: 0 },
  },
});

const experiment = defineExperiment({
  name: 'market-only',
  description: 'The market alone (traders, AMM, exchange, arbitrage, market factor): where a calibration starts.',
  model: marketOnly,
  params: { traders: { count: 200 } },
  seeds: 4,
  ticks: 300,
});

export default experiment;
runIfMain(module, experiment);
