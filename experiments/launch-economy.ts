/**
 * A token launch with everything at once: the DePIN network (GPU-inference
 * demand, node operators, proof-of-stake consensus) with vesting
 * allocations to a team, investors and an airdrop, a fee burn, treasury
 * buybacks and grants, lock-weighted staking and token-weighted governance
 * over the operators' emission, the consensus reward and the burn share
 * (`launchEconomy`, a list of the same blocks the other models use).
 * Variants: the operators' reward model, and the DAO switched off.
 *
 *   npx tokensim run experiments/launch-economy.ts
 *   npx tokensim model experiments/launch-economy.ts    (its blocks, phases, accounts and columns)
 */
import { defineExperiment, launchEconomy, runIfMain } from '../src';

const experiment = defineExperiment({
  name: 'launch-economy',
  description: 'A DePIN launch with vesting, burns, buybacks and a DAO at once: fixed emission against burn-and-mint, with and without governance.',
  model: launchEconomy,
  params: {
    buyback: { policy: 'revenueShare', everyTicks: 30, revenueShare: 0.5, destination: 'burn' },
    treasuryPolicy: { grantsUsdPerYear: 200_000 },
    feeBurn: { feeShare: 0.3 },
  },
  variants: {
    fixedEmission: { depinRewards: { model: 'fixedEmission' } },
    burnAndMint: { depinRewards: { model: 'burnAndMint' } },
    'fixedEmission-noDao': { depinRewards: { model: 'fixedEmission' }, governance: { enabled: false } },
    'burnAndMint-noDao': { depinRewards: { model: 'burnAndMint' }, governance: { enabled: false } },
  },
  seeds: 5,
  ticks: 2 * 365,
});

export default experiment;
runIfMain(module, experiment);
