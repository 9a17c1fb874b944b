import { z } from '../core/zod';
import { defineBlock } from '../core/block';
import { epochIssuance } from '../exact/altairIssuance';
import { total } from '../metrics/series';
import { staking } from './staking';

/** Parameters of Ethereum's consensus issuance. */
export const ethereumIssuanceParamsSchema = z
  .object({
    /** Epochs per year: 365.25 days × 225 epochs of 32 × 12 s (0: no issuance, the block off). */
    epochsPerYear: z.number().min(0).max(1e7),
    /** ETH one model token stands for (1: tokens are ETH; 10: a model scaled down tenfold). */
    ethPerToken: z.number().positive().max(1e9),
  })
  .strict();
export type EthereumIssuanceParams = z.infer<typeof ethereumIssuanceParamsSchema>;

/** Returns the number of full 32-ETH validators `stakedTokens` makes at `ethPerToken`: ⌊stake · ethPerToken / 32⌋. */
export function validatorsFor(stakedTokens: number, ethPerToken: number): bigint {
  const n = Math.floor((stakedTokens * ethPerToken) / 32 + 1e-9);
  return n > 0 ? BigInt(n) : 0n;
}

/** Returns the ETH one epoch issues to `validators` validators (`epochIssuance`, gwei / 10^9). */
export function epochIssuanceEth(validators: bigint): number {
  return Number(epochIssuance(validators).total) / 1e9;
}

/**
 * Ethereum's proof-of-stake consensus issuance under the Altair reward
 * rules (see `epochIssuance`, in exact integer gwei): each tick mints
 *
 *   I = epochIssuance(N) · epochsPerYear / ticksPerYear,   N = ⌊S · ethPerToken / 32⌋
 *
 * tokens (gwei / 10^9 / ethPerToken), S the staking pool's stake, every
 * validator 32 ETH and fully participating, and pays it to the stakers pro
 * rata to stake (the expected value of proposer and sync-committee duties,
 * which the chain hands out by lot). Stake short of a whole validator earns
 * nothing. Fees and MEV are not issuance and are left out.
 */
export const ethereumIssuance = defineBlock({
  key: 'ethereumIssuance',
  kind: 'mechanism',
  description: 'Ethereum consensus issuance per epoch from the Altair rules (base reward from the integer square root of total active balance, weights 14/26/14/2/8 of 64), paid to stakers',
  sources: [
    'ethereum/consensus-specs, specs/altair/beacon-chain.md: get_base_reward_per_increment, get_flag_index_deltas, process_attestation, process_sync_aggregate (Altair, activated 2021-10-27)',
    'B. Edgington, Upgrading Ethereum, "Issuance" (2023): about 940.87·√N ETH a year',
  ],
  params: { schema: ethereumIssuanceParamsSchema, defaults: { epochsPerYear: 82_181.25, ethPerToken: 1 } },
  needs: { staking },
  metrics: {
    validators: { unit: 'validators', description: 'active 32-ETH validators the stake makes' },
    consensus_issuance: { unit: 'tokens', kind: 'flow', description: 'consensus issuance since the previous row' },
  },
  kpis: {
    total_consensus_issuance: { unit: 'tokens', description: 'consensus issuance over the run' },
  },
  build(ctx) {
    const pool = ctx.deps.staking;
    const { world } = ctx;
    const perTick = () => ctx.params().epochsPerYear / world.ticksPerYear;
    const issuedTokens = (n: bigint) => (epochIssuanceEth(n) * perTick()) / ctx.params().ethPerToken;
    const now = () => issuedTokens(validatorsFor(pool.totalStaked, ctx.params().ethPerToken));
    // With less than one validator staked, a first staker is told what one validator would earn.
    const expected = () => issuedTokens(validatorsFor(Math.max(pool.totalStaked, 32 / ctx.params().ethPerToken), ctx.params().ethPerToken)) * world.ticksPerYear;
    const sink = pool.rewardsFrom('mint', 'consensus issuance', expected);
    let issued = 0;
    return {
      api: undefined,
      hooks: {
        pre: () => {
          const amount = now();
          issued = amount > 0 && sink.pay(amount) ? amount : 0;
        },
      },
      metrics: {
        validators: () => Number(validatorsFor(pool.totalStaked, ctx.params().ethPerToken)),
        consensus_issuance: () => issued,
      },
      summary: ({ series }) => ({ total_consensus_issuance: total(series, 'consensus_issuance') }),
    };
  },
});
