import { z } from '../core/zod';
import { defineBlock } from '../core/block';
import { marketPort } from '../market/amm';
import { cappedEmission, checkSchedule, emissionScheduleShape, type EmissionParams, type EmissionState } from './emission';
import { FormulaEmission } from './formulaEmission';
import { locking } from './lockedStaking';
import { nodeRewards } from './nodeRewards';
import { staking, type RewardSink } from './staking';
import { treasury } from './treasury';

/** Shares of each tick's emission paid to stakers, node operators, the treasury and lockers (sum ≤ 1; the rest is not minted). */
export const emissionSplitSchema = z
  .object({
    stakers: z.number().min(0).max(1),
    nodes: z.number().min(0).max(1),
    treasury: z.number().min(0).max(1),
    /** Share paid to lock-weighted stakers (see `LockPool`). */
    lockers: z.number().min(0).max(1),
  })
  .strict()
  .refine((s) => s.stakers + s.nodes + s.treasury + s.lockers <= 1 + 1e-12, { message: 'emission shares must sum to at most 1' });

/** Parameters of the emission block: a schedule and its split. */
export const emissionBlockSchema = z
  .object({ ...emissionScheduleShape, split: emissionSplitSchema })
  .strict()
  .superRefine(checkSchedule);
export type EmissionBlockParams = z.infer<typeof emissionBlockSchema>;

/** What the emission block tells others each tick. */
export interface EmissionApi {
  /** The capped emission E(t) of this tick before any recipient refused, in tokens. */
  scheduledThisTick: number;
  /** Tokens it minted this tick. */
  mintedThisTick: number;
}

/**
 * Emission (phase `pre`): each tick mints the capped scheduled emission
 * E(t) (see `scheduledEmission`, `cappedEmission`) split among stakers
 * (staking rewards), nodes (the node-reward stream), the treasury and
 * lockers, recipient k receiving E(t) · split_k. A recipient that refuses
 * (no stake, no nodes, no locks) gets nothing and nothing is minted for it,
 * so `minted` counts only tokens that reached a holder. State-dependent
 * schedules read supply, stake, price, the previous tick's fees and the
 * treasury at the start of the tick.
 */
export const emission = defineBlock({
  key: 'emission',
  kind: 'mechanism',
  description: 'token issuance by schedule, split among stakers, nodes, treasury and lockers',
  sources: ['Bitcoin halving: bitcoin/bitcoin src/validation.cpp GetBlockSubsidy', 'target staking ratio: Polkadot NPoS inflation (research.web3.foundation, "Token Economics")'],
  params: {
    schema: emissionBlockSchema,
    defaults: {
      schedule: 'constant',
      ratePerYear: 5_000_000,
      decayPerYear: 0.3,
      halvingTicks: 365,
      maxSupply: null,
      capOn: 'minted',
      linearTicks: 4 * 365,
      inflationPerYear: 0.1,
      stakingTarget: { target: 0.5, minPerYear: 0.02, maxPerYear: 0.2, gain: 0.4 },
      formula: 'rate * exp(-years)',
      split: { stakers: 0.6, nodes: 0.3, treasury: 0.1, lockers: 0 },
    },
  },
  needs: { staking, treasury, market: marketPort },
  uses: { nodeRewards, locking },
  metrics: {
    emission_rate: { unit: 'tokens/year', description: 'the emission rate parameter in force (governance may change it)' },
    scheduled_emission: { unit: 'tokens', kind: 'flow', description: 'emission the schedule offered since the previous row, before recipients refused' },
  },
  build(ctx) {
    const { staking: pool, treasury: t, market, nodeRewards: nodes, locking: locks } = ctx.deps;
    const api: EmissionApi = { scheduledThisTick: 0, mintedThisTick: 0 };
    const sinks: { share: (p: EmissionBlockParams) => number; sink: RewardSink }[] = [
      { share: (p) => p.split.stakers, sink: pool.rewardsFrom('mint', 'emission', () => api.scheduledThisTick * ctx.params().split.stakers * ctx.world.ticksPerYear) },
      ...(nodes ? [{ share: (p: EmissionBlockParams) => p.split.nodes, sink: nodes.rewardsFrom('mint', 'emission') }] : []),
      { share: (p) => p.split.treasury, sink: { pay: (a: number) => (t.incomeFrom('mint', 'emission').move(a), true) } },
      ...(locks ? [{ share: (p: EmissionBlockParams) => p.split.lockers, sink: locks.rewardsFrom('mint', 'emission') }] : []),
    ];
    const state: EmissionState = { supply: 0, staked: 0, price: 0, feesUsd: 0, treasury: 0 };
    let compiled: FormulaEmission | null = null;
    return {
      api,
      hooks: {
        pre: (w) => {
          const p = ctx.params() as EmissionParams & EmissionBlockParams;
          let st: EmissionState | undefined;
          if (p.schedule === 'inflation' || p.schedule === 'stakingTarget' || p.schedule === 'formula') {
            state.supply = w.ledger.supply;
            state.staked = pool.totalStaked;
            state.price = market.price;
            state.feesUsd = market.previousFeesUsd;
            state.treasury = t.tokens;
            // Compile once; again only when governance changes the expression.
            if (p.schedule === 'formula' && compiled?.expression !== p.formula) compiled = new FormulaEmission(p.formula ?? '');
            state.formula = compiled;
            st = state;
          }
          const e = cappedEmission(p, w.tick, w.ticksPerYear, w.ledger, st);
          api.scheduledThisTick = e;
          let minted = 0;
          for (const s of sinks) {
            const amount = e * s.share(p);
            if (amount > 0 && s.sink.pay(amount)) minted += amount;
          }
          api.mintedThisTick = minted;
        },
      },
      metrics: {
        emission_rate: () => ctx.params().ratePerYear,
        scheduled_emission: () => api.scheduledThisTick,
      },
    };
  },
});
