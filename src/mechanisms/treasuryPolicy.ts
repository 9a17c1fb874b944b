import { z } from '../core/zod';
import { defineBlock } from '../core/block';
import { marketPort } from '../market/amm';
import { last, total } from '../metrics/series';
import { staking } from './staking';
import { treasury, type Treasury } from './treasury';

/** Spending policy of the treasury. */
export const treasuryPolicySchema = z
  .object({
    /** Grants paid to contributors outside the model, in USD per year (from the treasury's USD). */
    grantsUsdPerYear: z.number().min(0).max(1e15),
    /** Subsidy paid to stakers' rewards, in tokens per year (from the treasury's tokens). */
    subsidyTokensPerYear: z.number().min(0).max(1e15),
  })
  .strict();
export type TreasuryPolicy = z.infer<typeof treasuryPolicySchema>;

/** Runway reported when nothing is being spent, in years (a finite stand-in for "forever"). */
export const MAX_RUNWAY_YEARS = 1000;

/**
 * Returns the treasury's runway in years at price p (USD per token):
 * value / spend, with value = usd + tokens · p (USD) and
 * spend = grantsUsdPerYear + subsidyTokensPerYear · p (USD per year);
 * `MAX_RUNWAY_YEARS` when nothing is spent, and never more than that.
 */
export function runwayYears(holdings: { tokens: number; usd: number }, policy: TreasuryPolicy, price: number): number {
  const value = holdings.usd + holdings.tokens * price;
  const spend = policy.grantsUsdPerYear + policy.subsidyTokensPerYear * price;
  if (!(spend > 0)) return MAX_RUNWAY_YEARS;
  const r = value / spend;
  return r < MAX_RUNWAY_YEARS ? r : MAX_RUNWAY_YEARS;
}

/** What the spending policy did this tick. */
export interface TreasurySpending {
  grantsUsdThisTick: number;
  subsidyThisTick: number;
  runwayYears(price: number): number;
}

/**
 * The treasury's spending policy (phase `post`): grants of g / TPY USD per
 * tick, capped by the USD held, leave the model; a subsidy of s / TPY
 * tokens per tick, capped by the tokens held, is paid into stakers'
 * rewards (kept when nothing is staked).
 */
export const treasuryPolicy = defineBlock({
  key: 'treasuryPolicy',
  kind: 'policy',
  description: 'treasury spending: grants in USD leave the model, a token subsidy tops up staking rewards',
  sources: ['treasury runway: value / yearly spend, as in DAO treasury reports (e.g. Llama, Karpatkey)'],
  params: { schema: treasuryPolicySchema, defaults: { grantsUsdPerYear: 0, subsidyTokensPerYear: 0 } },
  needs: { treasury, market: marketPort },
  uses: { staking },
  metrics: {
    grants_usd: { unit: 'USD', kind: 'flow', description: 'grants paid out of the model since the previous row' },
    subsidy: { unit: 'tokens', kind: 'flow', description: 'treasury tokens paid into staking rewards since the previous row' },
    treasury_runway_years: { unit: 'years', description: 'treasury value / yearly spend at the price (1000 when nothing is spent)' },
  },
  kpis: {
    final_runway_years: { unit: 'years', description: 'runway at the last tick' },
    min_runway_years: { unit: 'years', description: 'shortest runway over the recorded rows' },
    total_grants_usd: { unit: 'USD', description: 'grants paid over the run' },
    total_subsidy: { unit: 'tokens', description: 'subsidy paid over the run' },
  },
  build(ctx) {
    const t: Treasury = ctx.deps.treasury;
    const grants = t.spendTo('outside', 'grant', 'usd');
    const stake = ctx.deps.staking;
    const subsidy = stake ? stake.rewardsFrom((escrow) => t.spendTo(escrow, 'subsidy'), 'subsidy') : null;
    const done: TreasurySpending = {
      grantsUsdThisTick: 0,
      subsidyThisTick: 0,
      runwayYears: (price) => runwayYears(t.account, ctx.params(), price),
    };
    return {
      api: done,
      hooks: {
        pre: () => {
          done.grantsUsdThisTick = 0;
          done.subsidyThisTick = 0;
        },
        post: (w) => {
          const p = ctx.params();
          const grant = Math.min(t.usd, p.grantsUsdPerYear / w.ticksPerYear);
          if (grant > 0) {
            grants.move(grant);
            done.grantsUsdThisTick = grant;
          }
          const s = Math.min(t.tokens, p.subsidyTokensPerYear / w.ticksPerYear);
          if (s > 0 && subsidy?.pay(s)) done.subsidyThisTick = s;
        },
      },
      metrics: {
        grants_usd: () => done.grantsUsdThisTick,
        subsidy: () => done.subsidyThisTick,
        treasury_runway_years: () => done.runwayYears(ctx.deps.market.price),
      },
      summary: ({ series }) => ({
        final_runway_years: last(series, 'treasury_runway_years'),
        min_runway_years: Math.min(...series.treasury_runway_years),
        total_grants_usd: total(series, 'grants_usd'),
        total_subsidy: total(series, 'subsidy'),
      }),
    };
  },
});
