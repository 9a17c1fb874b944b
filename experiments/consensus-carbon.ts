/**
 * Consensus energy and carbon: proof of work vs proof of stake vs pure proof
 * of stake (and a PoW/PoS hybrid), for the same token paying the same 5M
 * tokens a year for consensus. Energy and CO2 per year and per transaction;
 * under PoW energy follows the USD value of the block reward, under PoS the
 * number of validator nodes.
 *
 *   npx tokensim run experiments/consensus-carbon.ts
 *   npx ts-node experiments/consensus-carbon.ts --seeds 2 --ticks 60 --set consensus.gridIntensity=240
 */
import { consensusPresets, defineExperiment, depinNetwork, runIfMain } from '../src';

const experiment = defineExperiment({
  name: 'consensus-carbon',
  description: 'Proof of work vs proof of stake vs pure proof of stake: energy and carbon per year and per transaction.',
  model: depinNetwork,
  params: { consensus: consensusPresets.pos },
  variants: {
    pow: { consensus: consensusPresets.pow },
    pos: { consensus: consensusPresets.pos },
    purePos: { consensus: consensusPresets.purePos },
    hybrid: { consensus: consensusPresets.hybrid },
  },
  seeds: 5,
  ticks: 365,
  record: { every: 1 },
});

export default experiment;
runIfMain(module, experiment);
