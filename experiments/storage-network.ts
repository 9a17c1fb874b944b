/**
 * A decentralised storage network in the Filecoin manner: does baseline
 * minting change what providers build and earn compared with minting the
 * same 1.1M tokens by the simple schedule alone — when clients' demand
 * grows as expected, and when it falls short? And what does a tenfold
 * fault rate cost providers?
 *
 * Every variant mints at most S + B = 1.1M tokens over all time; the
 * simple-only variants put all of it on the simple schedule (B = 0).
 *
 *   npx tokensim run experiments/storage-network.ts
 *   npx ts-node experiments/storage-network.ts --seeds 2 --ticks 365
 */
import { defineExperiment, runIfMain, storageNetwork } from '../src';

const simpleOnly = { simpleTotal: 1_100_000, baselineTotal: 0 };
// A tenth of the demand: deals saturate at 4 PiB instead of 40 PiB.
const shortfall = { deals: { marketSizeTiB: 4_096 } };

const experiment = defineExperiment({
  name: 'storage-network',
  description: 'Hybrid (simple + baseline) minting vs simple minting only, with expected demand and a demand shortfall, and a tenfold fault rate, for a Filecoin-style storage network.',
  model: storageNetwork,
  variants: {
    hybrid: {},
    simpleOnly: { storage: simpleOnly },
    shortfall: { storage: shortfall },
    shortfallSimpleOnly: { storage: { ...simpleOnly, ...shortfall } },
    highFaults: { storage: { faultRatePerSectorPerTick: 0.01 } },
  },
  seeds: 2,
  ticks: 5 * 365,
  record: { every: 5 },
});

export default experiment;
runIfMain(module, experiment);
