import { z } from '../core/zod';

/** A candidate validator: the BERA it bonds when it joins, its running cost, and whether it is active at genesis. */
export const beraCandidateSchema = z
  .object({
    /** BERA it bonds while active (BeaconDeposit deposit; its effective balance), in tokens, within [minStakeBera, maxStakeBera]. */
    stakeBera: z.number().gt(0),
    /** Cost of running the validator (node, operations, capital), in USD per tick, ≥ 0. */
    costUsdPerTick: z.number().min(0),
    /** Whether it is in the active set at genesis (its BERA bonded from the start). */
    activeAtGenesis: z.boolean(),
  })
  .strict();
export type BeraCandidate = z.infer<typeof beraCandidateSchema>;

/** Parameters of the BERA staking and validator-set block. */
export const beraStakingParamsSchema = z
  .object({
    /** Least BERA an active validator bonds (mainnet `minEffectiveBalance`, 250,000), in tokens. */
    minStakeBera: z.number().gt(0),
    /** Most BERA that counts for one validator (mainnet `maxEffectiveBalance`, 10,000,000), in tokens. */
    maxStakeBera: z.number().gt(0),
    /** Most validators in the active set (mainnet `validatorActiveSetSize`, 69), an integer ≥ 1. */
    maxValidators: z.number().int().min(1),
    /** BGT per block to the proposer's operator (`baseRate`; mainnet `validatorBaseBGTReward` 0.5), redeemed for BERA at once, ≥ 0. */
    baseRateBgtPerBlock: z.number().min(0),
    /** Blocks per tick (a day of 2-second blocks: 43,200), ≥ 0. */
    blocksPerTick: z.number().min(0),
    /** An inactive candidate joins when its expected income per tick ≥ (1 + entryMargin) · its cost, ≥ 0. */
    entryMargin: z.number().min(0),
    /** An active validator leaves after this many consecutive ticks of income below its cost, an integer ≥ 1. */
    exitPatienceTicks: z.number().int().min(1),
    /** One per validator of `proofOfLiquidity.validators`, in their order. */
    candidates: z.array(beraCandidateSchema).min(1),
  })
  .strict();
export type BeraStakingParams = z.infer<typeof beraStakingParamsSchema>;

/** Returns the problems of a BERA staking parameter set against the model's (paths under the block's key). */
export function beraStakingProblems(p: BeraStakingParams, all: Readonly<Record<string, unknown>>): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (p.minStakeBera > p.maxStakeBera) {
    problems.push({ path: 'minStakeBera', message: `${p.minStakeBera} is above maxStakeBera ${p.maxStakeBera}; expected minStakeBera ≤ maxStakeBera` });
    return problems;
  }
  p.candidates.forEach((c, i) => {
    if (c.stakeBera < p.minStakeBera || c.stakeBera > p.maxStakeBera)
      problems.push({ path: `candidates.${i}.stakeBera`, message: `${c.stakeBera} is outside [minStakeBera ${p.minStakeBera}, maxStakeBera ${p.maxStakeBera}]; expected a stake within them` });
  });
  const genesis = p.candidates.filter((c) => c.activeAtGenesis).length;
  if (genesis > p.maxValidators) problems.push({ path: 'candidates', message: `${genesis} candidates active at genesis; expected at most maxValidators ${p.maxValidators}` });
  const pol = all.proofOfLiquidity as { validators?: unknown[] } | undefined;
  const n = pol?.validators?.length;
  if (n !== undefined && n !== p.candidates.length)
    problems.push({ path: 'candidates', message: `has ${p.candidates.length} candidates for ${n} proofOfLiquidity.validators; expected one per validator, in their order` });
  return problems;
}

/**
 * Three candidates for the default proof-of-liquidity validators, bonding
 * 4M, 3.5M and 2.5M BERA (the defaults' 40/35/25 split of stake), all
 * active at genesis; mainnet's stake bounds, set size and base rate.
 */
export const beraStakingDefaults: BeraStakingParams = {
  minStakeBera: 250_000,
  maxStakeBera: 10_000_000,
  maxValidators: 69,
  baseRateBgtPerBlock: 0.5,
  blocksPerTick: 43_200,
  entryMargin: 0.2,
  exitPatienceTicks: 30,
  candidates: [
    { stakeBera: 4_000_000, costUsdPerTick: 100, activeAtGenesis: true },
    { stakeBera: 3_500_000, costUsdPerTick: 100, activeAtGenesis: true },
    { stakeBera: 2_500_000, costUsdPerTick: 100, activeAtGenesis: true },
  ],
};
