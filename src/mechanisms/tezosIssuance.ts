import { z } from '../core/zod';
import { defineBlock } from '../core/block';
import { total } from '../metrics/series';
import { staking } from './staking';
import { adaptiveMaximum, dynamicRateChange, issuanceRate, staticRate } from './tezosRates';

/** Parameters of Tezos adaptive issuance. */
export const tezosIssuanceParamsSchema = z
  .object({
    /** The target band of the staked ratio, [low, high] (0.48, 0.52). */
    targetLow: z.number().min(0).max(1),
    targetHigh: z.number().min(0).max(1),
    /** Growth rate γ of the dynamic rate per day per unit of distance to the band (0.01). */
    growthRate: z.number().min(0).max(10),
    /** Final minimum and maximum issuance rates, per year (0.25 %, 10 %); 0 and 0 issue nothing. */
    minRate: z.number().min(0).max(1),
    maxRate: z.number().min(0).max(1),
    /** Whether the adaptive maximum (Quebec) caps the rate; false: Paris. */
    adaptiveMaximum: z.boolean(),
  })
  .strict()
  .refine((p) => p.targetLow <= p.targetHigh, { message: 'targetLow must not exceed targetHigh', path: ['targetLow'] })
  .refine((p) => p.minRate <= p.maxRate, { message: 'minRate must not exceed maxRate', path: ['minRate'] });
export type TezosIssuanceParams = z.infer<typeof tezosIssuanceParamsSchema>;

/**
 * Tezos adaptive issuance (Paris, Quebec): each tick, with r the staked
 * ratio (the staking pool's stake over the supply) and d = 365 /
 * ticksPerYear days,
 *
 *   dynamic  ← clip(dynamic + Δ(r, d), 0, max(0, max_r − static(r)))     Δ: `dynamicRateChange`
 *   rate     = max(min(static(r) + dynamic, max_r), min_r)                static = 1/(1600 r²)
 *   max_r    = min(maxRate, adaptiveMaximum(r))   (Quebec; maxRate in Paris)
 *
 * and mints rate · supply / ticksPerYear, paid to the stakers pro rata.
 * The dynamic rate starts at 0 and is kept at or above 0 and below the
 * room the maximum leaves (the protocol's `compute_bonus`). Left out: the
 * three-cycle delay between a cycle's ratio and its rate, the initial and
 * transition periods of the bounds (the final ones apply), the split of
 * rewards among bakers, stakers and delegators (delegated tez count a
 * third of staked for rights since Paris), the liquidity-baking subsidy.
 */
export const tezosIssuance = defineBlock({
  key: 'tezosIssuance',
  kind: 'mechanism',
  description: 'Tezos adaptive issuance: static rate 1/(1600 r²) plus a dynamic rate that moves toward a 48–52% staked ratio, within min/max and the Quebec adaptive maximum',
  sources: [
    'tezos/tezos-mirror docs/quebec/adaptive_issuance.rst and docs/paris/adaptive_issuance.rst: static_rate, dynamic_rate, minimum/maximum rates, adaptive_maximum, issuance_rate (Paris activated cycle 748, 2024; Quebec 2025)',
    'Tezos protocol 021 (Quebec) lib_protocol/adaptive_issuance_storage.ml, compute_bonus: the dynamic rate kept in [0, max − static]',
  ],
  params: {
    schema: tezosIssuanceParamsSchema,
    defaults: { targetLow: 0.48, targetHigh: 0.52, growthRate: 0.01, minRate: 0.0025, maxRate: 0.1, adaptiveMaximum: true },
  },
  needs: { staking },
  metrics: {
    tezos_static_rate: { unit: '1/year', description: 'the static rate 1/(1600 r²), clipped to the maximum' },
    tezos_dynamic_rate: { unit: '1/year', description: 'the dynamic rate' },
    tezos_issuance_rate: { unit: '1/year', description: 'the issuance rate in force this tick' },
    tezos_issuance: { unit: 'tokens', kind: 'flow', description: 'adaptive issuance since the previous row' },
  },
  kpis: {
    total_tezos_issuance: { unit: 'tokens', description: 'adaptive issuance over the run' },
    final_tezos_issuance_rate: { unit: '1/year', description: 'the issuance rate at the last tick' },
  },
  build(ctx) {
    const pool = ctx.deps.staking;
    const { world, ledger } = ctx;
    let dynamic = 0;
    let rate = 0;
    let stat = 0;
    let issued = 0;
    const ratio = () => (ledger.supply > 0 ? pool.totalStaked / ledger.supply : 0);
    const maxFor = (r: number) => {
      const p = ctx.params();
      const m = p.adaptiveMaximum ? Math.min(p.maxRate, adaptiveMaximum(r)) : p.maxRate;
      return Math.max(m, p.minRate);
    };
    const rateAt = (r: number, dyn: number) => {
      const p = ctx.params();
      return issuanceRate(r > 0 ? staticRate(r) : Infinity, dyn, p.minRate, maxFor(r));
    };
    const sink = pool.rewardsFrom('mint', 'consensus issuance', () => rateAt(ratio(), dynamic) * ledger.supply);
    return {
      api: undefined,
      hooks: {
        pre: () => {
          const p = ctx.params();
          const r = ratio();
          const max = maxFor(r);
          stat = r > 0 ? Math.min(staticRate(r), max) : max;
          const room = max - stat > 0 ? max - stat : 0;
          const next = dynamic + dynamicRateChange(r, p.targetLow, p.targetHigh, p.growthRate, 365 / world.ticksPerYear);
          dynamic = next < 0 ? 0 : next > room ? room : next;
          rate = rateAt(r, dynamic);
          const amount = (rate * ledger.supply) / world.ticksPerYear;
          issued = amount > 0 && sink.pay(amount) ? amount : 0;
        },
      },
      metrics: {
        tezos_static_rate: () => stat,
        tezos_dynamic_rate: () => dynamic,
        tezos_issuance_rate: () => rate,
        tezos_issuance: () => issued,
      },
      summary: ({ series }) => ({ total_tezos_issuance: total(series, 'tezos_issuance'), final_tezos_issuance_rate: rate }),
    };
  },
});
