import type { Route } from '../core/route';
import { defineBlock } from '../core/block';
import { lending } from './lending';
import { lstPort, rwaPort } from './ports';
import { marketPort } from '../market/amm';
import { staking } from '../mechanisms/staking';
import { total } from '../metrics/series';

const BLOCKS = ['staking', 'lending', 'lst', 'rwa', 'amm'] as const;
type YieldBlock = (typeof BLOCKS)[number];

const perBlock = {
  real_yield_usd_staking: { unit: 'USD', kind: 'flow', description: 'staking rewards paid from fees, buybacks or the treasury since the previous row (not newly minted), at the price' },
  emission_yield_usd_staking: { unit: 'USD', kind: 'flow', description: 'staking rewards newly minted (emission) since the previous row, at the price' },
  real_yield_usd_lending: { unit: 'USD', kind: 'flow', description: "interest lending depositors earned since the previous row (borrowers' interest less reserves), at the oracle prices" },
  emission_yield_usd_lending: { unit: 'USD', kind: 'flow', description: 'lending incentives minted to token depositors since the previous row, at the price' },
  real_yield_usd_lst: { unit: 'USD', kind: 'flow', description: "LST holders' staking rewards (net of the provider's fee) since the previous row in the proportion of staking's real yield that tick" },
  emission_yield_usd_lst: { unit: 'USD', kind: 'flow', description: "LST holders' staking rewards in the proportion of staking's emission-funded yield that tick" },
  real_yield_usd_rwa: { unit: 'USD', kind: 'flow', description: 'yield of the off-chain assets net of the fee since the previous row (write-downs not deducted)' },
  real_yield_usd_amm: { unit: 'USD', kind: 'flow', description: 'swap fees left in the AMM pool for its liquidity since the previous row (the protocol cut excluded)' },
} as const;

/** Returns real / (real + emission), or 0 when neither was paid. */
function realShare(real: number, emission: number): number {
  return real + emission > 0 ? real / (real + emission) : 0;
}

/**
 * Sustainable-yield metrics: the yield each block pays its holders, split
 * into real yield (paid out of fees, interest, revenue or off-chain income)
 * and emission-funded yield (newly minted tokens), in USD. Staking: each
 * tick's flows into the staking pool's reward escrow, a flow from `mint`
 * counting as emission, any other (a buyback distributed, the treasury) as
 * real. Lending: depositors' interest (real) and the token market's minted
 * incentives (emission). LST: its holders' net rewards, split as staking's
 * that tick. RWA: the fund's yield net of its fee (real). AMM: swap fees kept
 * by the pool (real). The totals leave out the LST, whose rewards are part
 * of staking's. A block the model lacks reads 0.
 */
export const realYield = defineBlock({
  key: 'realYield',
  kind: 'metrics',
  description: 'real yield (fees, interest, revenue) against emission-funded yield, by block',
  sources: ['real yield as revenue paid to holders rather than token emissions: Token Terminal, "Earnings" and "Token incentives" metric definitions (docs.tokenterminal.com)'],
  needs: { market: marketPort },
  uses: { staking, lending, lst: lstPort, rwa: rwaPort },
  metrics: {
    real_yield_usd: { unit: 'USD', kind: 'flow', description: 'real yield paid by staking, lending, the RWA fund and the AMM since the previous row' },
    emission_yield_usd: { unit: 'USD', kind: 'flow', description: 'emission-funded yield paid by staking and lending since the previous row' },
    real_yield_share: { unit: 'share', description: "this tick's real yield / all yield (0 when none was paid)" },
    ...perBlock,
  },
  kpis: {
    total_real_yield_usd: { unit: 'USD', description: 'real yield over the run (LST excluded: it is part of staking)' },
    total_emission_yield_usd: { unit: 'USD', description: 'emission-funded yield over the run' },
    real_yield_share: { unit: 'share', description: 'real yield / all yield over the run (0 when none was paid)' },
    real_yield_share_staking: { unit: 'share', description: 'real share of staking rewards over the run' },
    real_yield_share_lending: { unit: 'share', description: "real share of lending depositors' yield over the run" },
    real_yield_share_lst: { unit: 'share', description: "real share of LST holders' yield over the run" },
  },
  build(ctx) {
    const amm = ctx.deps.market;
    const { staking: pool, lending: lend, lst, rwa } = ctx.deps;
    const ledger = ctx.ledger;
    const escrow = pool?.rewards.escrow ?? null;
    let inflows: Route[] = [];
    let seen = 0;
    const real: Record<YieldBlock, number> = { staking: 0, lending: 0, lst: 0, rwa: 0, amm: 0 };
    const emission: Record<YieldBlock, number> = { staking: 0, lending: 0, lst: 0, rwa: 0, amm: 0 };
    const observe = () => {
      for (const b of BLOCKS) real[b] = emission[b] = 0;
      const price = amm.price;
      if (escrow) {
        if (ledger.routes.length !== seen) {
          inflows = ledger.routes.filter((r) => r.to === escrow);
          seen = ledger.routes.length;
        }
        for (const r of inflows) {
          if (r.from === null) emission.staking += r.tick * price;
          else real.staking += r.tick * price;
        }
      }
      if (lend) {
        for (const m of lend.markets) real.lending += m.interestThisTick * (1 - m.params().reserveFactor) * m.price();
        emission.lending = lend.incentives * price;
      }
      if (lst) {
        const paid = lst.provider.rewardsThisTick * price;
        const s = realShare(real.staking, emission.staking);
        real.lst = paid * s;
        emission.lst = paid - real.lst;
      }
      if (rwa) real.rwa = rwa.fund.yieldThisTick - rwa.fund.feeThisTick;
      real.amm = (amm.feesUsd + amm.feesTokens * price) * (1 - amm.protocolFeeShare);
    };
    const realAll = () => real.staking + real.lending + real.rwa + real.amm;
    const emissionAll = () => emission.staking + emission.lending;
    return {
      api: { real, emission },
      hooks: { observe },
      metrics: {
        real_yield_usd: realAll,
        emission_yield_usd: emissionAll,
        real_yield_share: () => realShare(realAll(), emissionAll()),
        real_yield_usd_staking: () => real.staking,
        emission_yield_usd_staking: () => emission.staking,
        real_yield_usd_lending: () => real.lending,
        emission_yield_usd_lending: () => emission.lending,
        real_yield_usd_lst: () => real.lst,
        emission_yield_usd_lst: () => emission.lst,
        real_yield_usd_rwa: () => real.rwa,
        real_yield_usd_amm: () => real.amm,
      },
      summary: ({ series }) => {
        const t = (k: string) => total(series, k);
        return {
          total_real_yield_usd: t('real_yield_usd'),
          total_emission_yield_usd: t('emission_yield_usd'),
          real_yield_share: realShare(t('real_yield_usd'), t('emission_yield_usd')),
          real_yield_share_staking: realShare(t('real_yield_usd_staking'), t('emission_yield_usd_staking')),
          real_yield_share_lending: realShare(t('real_yield_usd_lending'), t('emission_yield_usd_lending')),
          real_yield_share_lst: realShare(t('real_yield_usd_lst'), t('emission_yield_usd_lst')),
        };
      },
    };
  },
});
