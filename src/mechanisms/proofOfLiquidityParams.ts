import { z } from '../core/zod';

/** A reward vault: where LP tokens of one pool or protocol are staked to earn BGT. */
export const rewardVaultSchema = z
  .object({
    name: z.string().min(1),
    /** The pool or protocol whose receipt tokens the vault takes (a label). */
    pool: z.string(),
    /** Incentive the protocol pays per BGT directed to the vault, in USD/BGT (RewardVault `incentiveRate`). */
    bribeUsdPerBgt: z.number().min(0),
    /** Whether governance has whitelisted the vault (BeraChef `isWhitelistedVault`): only whitelisted vaults can receive BGT. */
    whitelisted: z.boolean(),
    /** Trading fees (or other yield besides BGT) the vault's pool pays its LPs, in USD/year, independent of the liquidity in it. */
    feesUsdPerYear: z.number().min(0),
    /** LP capital staked in the vault at genesis, in USD. */
    initialLiquidityUsd: z.number().min(0),
  })
  .strict();
export type RewardVault = z.infer<typeof rewardVaultSchema>;

/** A validator: its share of stake (and of blocks proposed) and how it sets its reward allocation. */
export const polValidatorSchema = z
  .object({
    /** Share of stake, hence of blocks proposed (normalised over validators), > 0. */
    stakeShare: z.number().gt(0),
    /** `bribe-max`: most weight to the highest bribes per BGT, capped per vault; `uniform`: even over whitelisted vaults; `fixed`: `weights`. */
    rule: z.enum(['bribe-max', 'uniform', 'fixed']),
    /** Weights over the vaults, in their order (rule `fixed`; summing to 1); ignored by the other rules. */
    weights: z.array(z.number().min(0).max(1)),
  })
  .strict();
export type PolValidator = z.infer<typeof polValidatorSchema>;

/** Parameters of the BlockRewardController's BGT per block (18-decimal WAD values as plain numbers). */
export const blockRewardSchema = z
  .object({
    /** BGT per block at boost 1 before the multiplier (`rewardRate`). */
    rewardRate: z.number().min(0).max(5),
    /** Multiplier m capping the boosted reward at rewardRate · m (`boostMultiplier`). */
    boostMultiplier: z.number().min(0).max(5),
    /** Convexity c of the reward in boost (`rewardConvexity`), in (0, 1]. */
    rewardConvexity: z.number().gt(0).max(1),
    /** Floor of the boosted reward per block (`minBoostedRewardRate`). */
    minBoostedRewardRate: z.number().min(0).max(10),
    /** Blocks per tick (a day of 2-second blocks: 43,200). */
    blocksPerTick: z.number().min(0),
  })
  .strict();
export type BlockRewardParams = z.infer<typeof blockRewardSchema>;

/** Parameters of the proof-of-liquidity block. */
export const proofOfLiquidityParamsSchema = z
  .object({
    /** `fixed`: `bgtPerTick` split by stake; `controller`: the BlockRewardController's reward per block with each validator's boost = its stake share. */
    emission: z.enum(['fixed', 'controller']),
    /** BGT emitted to reward vaults per tick (emission `fixed`). */
    bgtPerTick: z.number().min(0),
    controller: blockRewardSchema,
    vaults: z.array(rewardVaultSchema).min(1),
    validators: z.array(polValidatorSchema).min(1),
    /** Most weight one vault may get in an allocation (BeraChef `maxWeightPerVault` / 1e4), in (0, 1]. */
    maxWeightPerVault: z.number().gt(0).max(1),
    /** Share of incentives passed on to the validator's BGT boosters (1 − operator commission), in [0, 1]. */
    delegatorShare: z.number().min(0).max(1),
    /** Share of the boosters' incentives bought into BERA on the market (PoL Next's Incentive Auction; 0: kept as USD, the BGT era's incentive tokens), in [0, 1]. */
    incentiveAuctionShare: z.number().min(0).max(1),
    /** Share of their BGT balance vault depositors burn for BERA each tick (BGT `redeem`, 1:1), in [0, 1]. */
    redeemShare: z.number().min(0).max(1),
    /** Share of the BERA redeemed each tick that depositors sell on the market, in [0, 1]. */
    sellShare: z.number().min(0).max(1),
    /** Partial-adjustment speed of LP capital toward its target allocation, per tick, in (0, 1]. */
    adjustSpeed: z.number().gt(0).max(1),
    /** Elasticity ε of total LP capital to the equalised APR (0: total capital fixed at its genesis value). */
    capitalElasticity: z.number().min(0).max(10),
    /** APR at which total LP capital stays at its genesis value (the outside option), per year. */
    referenceApr: z.number().gt(0),
  })
  .strict();
export type ProofOfLiquidityParams = z.infer<typeof proofOfLiquidityParamsSchema>;

/** Returns the problems of a proof-of-liquidity parameter set (paths under the block's key). */
export function proofOfLiquidityProblems(p: ProofOfLiquidityParams): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const white = p.vaults.filter((v) => v.whitelisted).length;
  p.validators.forEach((v, i) => {
    if (v.rule !== 'fixed') {
      if (white === 0) problems.push({ path: `validators.${i}.rule`, message: `${v.rule} needs at least one whitelisted vault; none is` });
      else if (white * p.maxWeightPerVault < 1 - 1e-12)
        problems.push({ path: `validators.${i}.rule`, message: `${v.rule} cannot place a full allocation over ${white} whitelisted vaults at maxWeightPerVault ${p.maxWeightPerVault}; expected at least ${Math.ceil(1 / p.maxWeightPerVault - 1e-12)} whitelisted vaults or a larger cap` });
      return;
    }
    if (v.weights.length !== p.vaults.length) {
      problems.push({ path: `validators.${i}.weights`, message: `has ${v.weights.length} weights for ${p.vaults.length} vaults; expected one per vault, in their order` });
      return;
    }
    let sum = 0;
    v.weights.forEach((w, k) => {
      sum += w;
      if (w > 0 && !p.vaults[k].whitelisted) problems.push({ path: `validators.${i}.weights.${k}`, message: `weight ${w} to vault ${p.vaults[k].name}, which is not whitelisted; expected 0` });
      else if (w > p.maxWeightPerVault + 1e-12) problems.push({ path: `validators.${i}.weights.${k}`, message: `weight ${w} to vault ${p.vaults[k].name} is above maxWeightPerVault ${p.maxWeightPerVault}` });
    });
    if (Math.abs(sum - 1) > 1e-9) problems.push({ path: `validators.${i}.weights`, message: `weights sum to ${sum}; expected 1` });
  });
  return problems;
}

/** Four vaults: a BERA/HONEY pool, a lending market, a perps protocol and an unlisted pool. */
export const proofOfLiquidityDefaults: ProofOfLiquidityParams = {
  emission: 'fixed',
  // An assumption scaled to the model's market (1M BERA in the AMM): 20,000 BGT a day, 7.3M a year.
  bgtPerTick: 20_000,
  // Illustrative values inside the contract's bounds (MAX_REWARD_RATE 5, MAX_BOOST_MULTIPLIER 5).
  controller: { rewardRate: 1.5, boostMultiplier: 3, rewardConvexity: 0.5, minBoostedRewardRate: 0, blocksPerTick: 43_200 },
  vaults: [
    { name: 'bera-honey', pool: 'BEX BERA/HONEY', bribeUsdPerBgt: 0, whitelisted: true, feesUsdPerYear: 300_000, initialLiquidityUsd: 5_000_000 },
    { name: 'lend', pool: 'lending HONEY', bribeUsdPerBgt: 0, whitelisted: true, feesUsdPerYear: 300_000, initialLiquidityUsd: 5_000_000 },
    { name: 'perps', pool: 'perps LP', bribeUsdPerBgt: 0, whitelisted: true, feesUsdPerYear: 300_000, initialLiquidityUsd: 5_000_000 },
    { name: 'unlisted', pool: 'other pool', bribeUsdPerBgt: 0, whitelisted: false, feesUsdPerYear: 300_000, initialLiquidityUsd: 5_000_000 },
  ],
  validators: [
    { stakeShare: 0.4, rule: 'bribe-max', weights: [] },
    { stakeShare: 0.35, rule: 'bribe-max', weights: [] },
    { stakeShare: 0.25, rule: 'uniform', weights: [] },
  ],
  maxWeightPerVault: 0.5,
  delegatorShare: 0.95,
  incentiveAuctionShare: 0,
  redeemShare: 0.05,
  sellShare: 0.5,
  adjustSpeed: 0.05,
  capitalElasticity: 1,
  referenceApr: 0.1,
};
