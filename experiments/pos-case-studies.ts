/**
 * Proof-of-stake case studies: Ethereum's Altair issuance, Tezos's adaptive
 * issuance, Algorand's proposer payouts from the FeeSink (nothing minted)
 * and Cardano's reserve-funded Shelley rewards (and Cardano with k = 150,
 * its value at launch), each chain as its preset sets it (`ethereumPos`,
 * `tezosPos`, `algorandPos`, `cardanoPos`):
 * inflation, the share of the supply at stake, and the security budget —
 * the cost of buying a third and half of the stake against the market's
 * curve, over the market cap — and the electricity of each chain's nodes
 * (nodes × W per node × 8,760 h a year, the `consensus` block with the
 * preset's `…PosEnergy` figures) and its CO2.
 *
 *   npx tokensim run experiments/pos-case-studies.ts
 *   npx ts-node experiments/pos-case-studies.ts --seeds 2 --ticks 90
 */
import { algorandChain, cardanoChain, defineExperiment, ethereumChain, posChains, runIfMain, tezosChain } from '../src';

const experiment = defineExperiment({
  name: 'pos-case-studies',
  description: 'Ethereum vs Tezos vs Algorand vs Cardano proof-of-stake presets: inflation, staking ratio, security budget and consensus electricity.',
  model: posChains,
  variants: {
    ethereum: ethereumChain,
    tezos: tezosChain,
    algorand: algorandChain,
    cardano: cardanoChain,
    'cardano-k150': { ...cardanoChain, cardano: { ...cardanoChain.cardano, k: 150 } },
  },
  seeds: 3,
  ticks: 365,
  record: { every: 7, sampleEvery: 91 },
});

export default experiment;
runIfMain(module, experiment);
