/**
 * Proof of liquidity with BERA staking: what pays for the validator set —
 * the base rate per block or the commission on protocols' incentives — and
 * what each does to the number of validators, the BERA they bond and how
 * concentrated the stake is (the Nakamoto coefficient at a third).
 *
 * The proof-of-liquidity experiment's market and vaults, with 20 candidate
 * validators bonding from 10M BERA (mainnet's maximum) down towards 250k
 * (its minimum), each at a running cost of USD 100 a day, bribe-max and
 * uniform in turn, the five largest active at genesis; the active set
 * capped at mainnet's 69. Variants: mainnet's base rate (0.5 BGT a block)
 * or a tenth of it, with or without incentives of USD 0.10 per BGT, with
 * the operators' commission at 5% or at the 20% cap, and no base rate at
 * all. The same seeds under each variant.
 *
 *   npx tokensim run experiments/pol-validators.ts
 */
import { beraStaking, beraStakingDefaults, defineExperiment, proofOfLiquidity, proofOfLiquidityDefaults, runIfMain, type BeraCandidate, type PolValidator, type RewardVault } from '../src';
import { marketOnly } from './market-only';

const CANDIDATES = 20;

/** Candidate k bonds 250k + 9.75M · 0.75^k BERA (10M down to about 260k) at USD 100 a day; the five largest start active. */
const candidates: BeraCandidate[] = Array.from({ length: CANDIDATES }, (_, k) => ({ stakeBera: 250_000 + 9_750_000 * 0.75 ** k, costUsdPerTick: 100, activeAtGenesis: k < 5 }));

/** Even candidates allocate bribe-max, odd ones uniform. */
const validators: PolValidator[] = Array.from({ length: CANDIDATES }, (_, k) => ({ stakeShare: 1, rule: k % 2 === 0 ? 'bribe-max' : 'uniform', weights: [] }));

/** The default vaults with incentives per BGT of `bribe` on each. */
const withBribes = (bribe: number): RewardVault[] => proofOfLiquidityDefaults.vaults.map((v) => ({ ...v, bribeUsdPerBgt: bribe }));

const experiment = defineExperiment({
  name: 'pol-validators',
  description: 'BERA staking under proof of liquidity: base rate vs incentive commission as what pays validators; validators, BERA bonded, staking ratio, Nakamoto coefficient of the stake.',
  model: marketOnly.with(proofOfLiquidity, beraStaking),
  params: {
    traders: { count: 200 },
    proofOfLiquidity: { incentiveAuctionShare: 1, validators },
    beraStaking: { ...beraStakingDefaults, candidates },
  },
  variants: {
    // Mainnet's base rate: 0.5 BGT a block, 21,600 a day.
    mainnetBase: {},
    lowBase: { beraStaking: { baseRateBgtPerBlock: 0.05 } },
    lowBaseBribes: { beraStaking: { baseRateBgtPerBlock: 0.05 }, proofOfLiquidity: { vaults: withBribes(0.1) } },
    // Operators keep the 20% most the contracts allow (BeraChef MAX_COMMISSION_RATE).
    lowBaseBribesMaxCommission: { beraStaking: { baseRateBgtPerBlock: 0.05 }, proofOfLiquidity: { vaults: withBribes(0.1), delegatorShare: 0.8 } },
    noBaseBribesMaxCommission: { beraStaking: { baseRateBgtPerBlock: 0 }, proofOfLiquidity: { vaults: withBribes(0.1), delegatorShare: 0.8 } },
  },
  seeds: 10,
  ticks: 365,
});

export default experiment;
runIfMain(module, experiment);
