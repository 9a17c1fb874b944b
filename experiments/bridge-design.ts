/**
 * Bridge design: how the bridge's fee and delay set the price dispersion
 * between two chains and the cross-chain arbitrage volume, lock-and-mint
 * against burn-and-mint and a liquidity network, a shut bridge, and an
 * exploit stress (1% a tick that half the locked backing is stolen).
 *
 *   npx tokensim run experiments/bridge-design.ts
 *   npx tokensim compare results/bridge-design/<timestamp> --baseline baseline --metric cross_chain_gap_mean
 */
import { crossChainEconomy, defineExperiment, runIfMain } from '../src';

const experiment = defineExperiment({
  name: 'bridge-design',
  description: 'Bridge fee, delay and design against price dispersion across chains and arbitrage volume; a shut bridge; an exploit stress.',
  model: crossChainEconomy,
  variants: {
    baseline: {},
    shut: { bridge: { capacityPerTick: 0 } },
    fee50: { bridge: { feeBps: 50 } },
    fee200: { bridge: { feeBps: 200 } },
    instant: { bridge: { delayTicks: 0 } },
    week: { bridge: { delayTicks: 7 } },
    burnAndMint: { bridge: { design: 'burnAndMint' } },
    liquidityNetwork: { bridge: { design: 'liquidityNetwork' } },
    exploit: { bridge: { exploitRiskPerTick: 0.01, exploitShare: 0.5 } },
  },
  seeds: 6,
  ticks: 365,
  record: { every: 1 },
});

export default experiment;
runIfMain(module, experiment);
