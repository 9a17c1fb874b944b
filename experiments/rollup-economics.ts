/**
 * What a rollup's transactions cost and what its sequencer earns: batches
 * posted as EIP-4844 blobs or as calldata (at EIP-7623's 40 gas a byte,
 * charged at the blob-tuned scalars or priced to cover it),
 * a surge of the other rollups' blob demand (the blob base fee's own
 * market, computed exactly), and Osaka's reserve price for blobs
 * (EIP-7918). The L2 charges the OP Stack's Fjord L1 data fee with the
 * same scalars in every variant; the sequencer's margin is what is left.
 *
 *   npx tokensim run experiments/rollup-economics.ts
 *   npx ts-node experiments/rollup-economics.ts --seeds 2 --ticks 200
 */
import { defineExperiment, rollupEconomy, runIfMain } from '../src';

const experiment = defineExperiment({
  name: 'rollup-economics',
  description: 'Rollup batches as blobs vs calldata, a blob-demand surge, the Osaka reserve price: cost per L2 transaction, sequencer margin, L1 burn.',
  model: rollupEconomy,
  variants: {
    blobs: {},
    // Calldata with the blob-tuned scalars: the sequencer charges for blobs and pays for calldata.
    calldata: { rollup: { dataAvailability: 'calldata' } },
    // Calldata priced to cover it: 16 · s_b / 10^6 = 64 gas a byte at the base fee charged for 40 paid at base fee + tip.
    calldataPriced: { rollup: { dataAvailability: 'calldata', baseFeeScalar: 4_000_000, blobBaseFeeScalar: 0 } },
    // Day two: the other rollups want four times as many blobs for six hours.
    blobSurge: { rollup: { blobSurge: { startTick: 180, endTick: 215, multiplier: 4 } } },
    osaka: { rollup: { blobFork: 'osaka' } },
  },
  seeds: 5,
  ticks: 3 * 144,
  record: { every: 1 },
});

export default experiment;
runIfMain(module, experiment);
