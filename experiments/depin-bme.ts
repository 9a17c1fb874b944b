/**
 * DePIN reward models for an LLM-inference network on community GPUs:
 * does a fixed emission split by capacity, pay for served work, burn and
 * mint, or a hybrid keep enough capacity online as demand grows — and what
 * does each cost in net emission and price?
 *
 * The same 500k tokens a year are minted for operators in every variant;
 * what differs is who is paid for what and whether customers burn tokens.
 *
 *   npx tokensim run experiments/depin-bme.ts
 *   npx ts-node experiments/depin-bme.ts --seeds 2 --ticks 60
 */
import { defineExperiment, depinNetwork, runIfMain } from '../src';

const experiment = defineExperiment({
  name: 'depin-bme',
  description: 'Fixed emission vs pay-for-work vs burn-and-mint vs hybrid for a GPU inference network: capacity vs demand, price, net emission.',
  model: depinNetwork,
  variants: {
    fixedEmission: { depinRewards: { model: 'fixedEmission' } },
    utilisation: { depinRewards: { model: 'utilisation' } },
    burnAndMint: { depinRewards: { model: 'burnAndMint' } },
    hybrid: { depinRewards: { model: 'hybrid', capacityShare: 0.5 } },
    // Never mint operators more than customers burn.
    hybridCapped: { depinRewards: { model: 'hybrid', capacityShare: 0.5, netEmissionCapPerYear: 0 } },
    // Burn and mint with three times the mint: is under-provisioning a matter of sizing M?
    burnAndMintHighMint: { depinRewards: { model: 'burnAndMint', emission: { ratePerYear: 1_500_000 } } },
  },
  seeds: 5,
  ticks: 3 * 365,
  record: { every: 1 },
});

export default experiment;
runIfMain(module, experiment);
