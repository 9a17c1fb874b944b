import { z } from '../core/zod';
import { defineBlock } from '../core/block';
import type { Route } from '../core/route';
import { last, meanAfterGenesis, spanYears, total } from '../metrics/series';
import { secondsPerTick } from './energy';
import { staking, type StakeAccount } from './staking';

/** Parameters of Algorand's block-proposer payouts (consensus v40). */
export const algorandRewardsParamsSchema = z
  .object({
    /** Bonus per block when the plan starts, in ALGO (`Bonus.BaseAmount` 10,000,000 µALGO = 10). */
    bonusBase: z.number().min(0).max(1e9),
    /** Share of the bonus lost at each decay, in [0, 1] (0.01: `computeBonus` keeps 99 %). */
    decay: z.number().min(0).max(1),
    /** Rounds between decays (`Bonus.DecayInterval` 1,000,000). */
    decayInterval: z.number().int().min(1).max(1e12),
    /** Share of a block's fees paid to its proposer, in [0, 1] (`Payouts.Percent` 50). */
    feeShare: z.number().min(0).max(1),
    /** Fees per block, in ALGO (0: fees left out; about 0.001 ALGO per transaction on chain). */
    feesPerBlock: z.number().min(0).max(1e9),
    /** Least and most online balance that earns payouts, in ALGO (`Payouts.MinBalance` 30,000, `MaxBalance` 70,000,000). */
    minBalance: z.number().min(0),
    maxBalance: z.number().min(0),
    /** One-off fee to become incentive-eligible, in ALGO, paid into the pool (`Payouts.GoOnlineFee` 2). */
    goOnlineFee: z.number().min(0).max(1e6),
    /** Seconds per round (about 2.8 in 2025). */
    secondsPerRound: z.number().positive().max(1e6),
    /** Rounds since the bonus plan took effect, at the run's start (0: the run starts when the plan does). */
    startRound: z.number().int().min(0).max(1e12),
    /** Tokens in the rewards pool (the FeeSink) at genesis; payouts come from it and stop when it is empty. */
    poolTokens: z.number().min(0).max(1e15),
  })
  .strict()
  .refine((p) => p.minBalance <= p.maxBalance, { message: 'minBalance must not exceed maxBalance', path: ['minBalance'] });
export type AlgorandRewardsParams = z.infer<typeof algorandRewardsParamsSchema>;

/** The v40 plan: 10 ALGO a block, 1 % less every 1,000,000 rounds, half the fees, 30k–70M ALGO, a 2 ALGO fee, a 2.8 s round, a pool of 1B ALGO. */
export const algorandRewardsDefaults: AlgorandRewardsParams = {
  bonusBase: 10,
  decay: 0.01,
  decayInterval: 1_000_000,
  feeShare: 0.5,
  feesPerBlock: 0,
  minBalance: 30_000,
  maxBalance: 70_000_000,
  goOnlineFee: 2,
  secondsPerRound: 2.8,
  startRound: 0,
  // What the whole decaying schedule pays: Σ_k base · interval · 0.99^k = base · interval / decay = 1e9.
  poolTokens: 1e9,
};

/** Returns the bonus of round r, in ALGO: base · (1 − decay)^⌊r / interval⌋ (`computeBonus`: a 1 % decay whenever r % interval = 0). */
export function bonusAt(round: number, base: number, decay: number, interval: number): number {
  return base * Math.pow(1 - decay, Math.floor(round / interval));
}

/**
 * Returns the bonuses of the rounds in [from, to), in ALGO (rounds may be
 * fractional: a tick is not a whole number of them). With q = 1 − decay,
 * I the interval and k_a = ⌊from / I⌋, k_b = ⌊to / I⌋: the part of period
 * k_a before its end, the m = k_b − k_a − 1 whole periods between as the
 * geometric sum base · I · q^(k_a+1) · (1 − q^m) / (1 − q), and the part
 * of period k_b, each period's rounds at base · q^k.
 */
export function bonusOver(from: number, to: number, base: number, decay: number, interval: number): number {
  if (!(to > from)) return 0;
  const q = 1 - decay;
  const ka = Math.floor(from / interval);
  const kb = Math.floor(to / interval);
  if (ka === kb) return (to - from) * base * Math.pow(q, ka);
  const head = ((ka + 1) * interval - from) * base * Math.pow(q, ka);
  const tail = (to - kb * interval) * base * Math.pow(q, kb);
  const whole = kb - ka - 1;
  return head + (whole > 0 ? base * interval * Math.pow(q, ka + 1) * geometricSum(decay, whole) : 0) + tail;
}

/** Returns Σ_{j<m} (1 − d)^j = (1 − (1 − d)^m) / d, without cancellation for a small d (m when d = 0). */
function geometricSum(d: number, m: number): number {
  if (d < 1e-9) return m * (1 - ((m - 1) * d) / 2);
  return -Math.expm1(m * Math.log1p(-d)) / d;
}

/** Returns whether an online balance earns payouts: minBalance ≤ b ≤ maxBalance (both in ALGO). */
export function eligible(balance: number, minBalance: number, maxBalance: number): boolean {
  return balance >= minBalance && balance <= maxBalance;
}

/**
 * Returns the expected payouts of the rounds [from, to) to the eligible
 * online stake E out of the online stake O, in ALGO: each round's proposer
 * is drawn in proportion to online stake and earns bonus + feeShare · fees
 * only when eligible, so (Σ bonus + rounds · feeShare · fees) · E / O.
 */
export function expectedPayout(p: AlgorandRewardsParams, from: number, to: number, eligibleStake: number, onlineStake: number): number {
  if (!(onlineStake > 0) || !(eligibleStake > 0)) return 0;
  const perRound = bonusOver(from, to, p.bonusBase, p.decay, p.decayInterval) + (to - from) * p.feeShare * p.feesPerBlock;
  return (perRound * eligibleStake) / onlineStake;
}

/**
 * Algorand's staking rewards (consensus v40, mainnet January 2025): the
 * proposer of each round earns the bonus base · 0.99^⌊r / 10⁶⌋ ALGO plus
 * half of the block's fees, paid from the FeeSink, when its online balance
 * is between 30,000 and 70,000,000 ALGO and it has paid the 2 ALGO
 * incentive-eligibility fee. Nothing is minted: the supply stays what
 * genesis made (10B ALGO on chain), the payouts move tokens out of the
 * pool (holder `algorandRewards`, not circulating). Each tick, phase
 * `pre`, for the R = secondsPerTick / secondsPerRound rounds it holds
 * (30,857 a day at 2.8 s), with O the staking pool's stake (online) and E
 * the stake of the eligible agents:
 *
 *   P = min(pool, (Σ_{rounds} bonus + R · feeShare · fees) · E / O)     `expectedPayout`
 *
 * and each eligible agent i gets P · s_i / E — the expected value of the
 * proposer lottery, proportional to stake — into its online stake (the
 * payout lands in the proposer's balance, which is online). An agent's
 * first payouts pay its 2 ALGO fee into the pool first. The share of
 * ineligible proposers stays in the pool. Stakers are told
 * (`expectRewards`) the payouts as if all stake were eligible (at most the
 * pool's balance a tick), so the apr they read, Σ / O, is what an eligible
 * account earns. No slashing, no
 * lock-up (run with the staking pool's `unbondingTicks` 0). Left out:
 * suspensions and heartbeats, the lottery's variance, fee income into the
 * FeeSink, the legacy distribution rewards (off on mainnet), a liquid
 * balance beside the stake (an agent's stake is its online balance).
 */
export const algorandRewards = defineBlock({
  key: 'algorandRewards',
  kind: 'mechanism',
  description: 'Algorand block-proposer payouts: a 10 ALGO bonus decaying 1% every 1M rounds plus half the fees, from the FeeSink, to online stake of 30k–70M ALGO',
  sources: [
    'algorand/go-algorand config/consensus.go, v40: Payouts.Enabled, Percent 50, GoOnlineFee 2,000,000 µALGO, MinBalance 30,000,000,000, MaxBalance 70,000,000,000,000; Bonus.BaseAmount 10,000,000, Bonus.DecayInterval 1,000,000 (ProposerPayoutRules, BonusPlan)',
    'algorand/go-algorand data/bookkeeping/block.go, NextBonus / computeBonus: keep 99 % of the bonus when round % DecayInterval = 0',
    'developer.algorand.co/protocol/staking-rewards, "Staking Rewards" (go-algorand 4.0, consensus v40; staking rewards on mainnet from January 2025)',
  ],
  params: { schema: algorandRewardsParamsSchema, defaults: algorandRewardsDefaults },
  needs: { staking },
  holders: { '': { circulating: false, description: "the rewards pool (Algorand's FeeSink): tokens the proposer payouts are paid from" } },
  metrics: {
    algorand_bonus: { unit: 'ALGO/block', description: 'the bonus per block at the end of the tick' },
    algorand_payouts: { unit: 'tokens', kind: 'flow', description: 'proposer payouts since the previous row (fees to become eligible netted)' },
    algorand_eligible_stake: { unit: 'tokens', description: 'online stake of the accounts between the eligibility bounds' },
    algorand_pool: { unit: 'tokens', description: 'tokens left in the rewards pool' },
  },
  kpis: {
    total_algorand_payouts: { unit: 'tokens', description: 'proposer payouts over the run' },
    algorand_payout_rate: { unit: '1/year', description: 'proposer payouts per year over the supply' },
    final_algorand_bonus: { unit: 'ALGO/block', description: 'the bonus per block at the last tick' },
    final_eligible_share: { unit: 'share', description: 'eligible online stake over online stake at the last tick' },
    algorand_eligible_apr: { unit: '1/year', description: 'payouts per year over the mean eligible stake after genesis' },
  },
  build(ctx) {
    const pool = ctx.deps.staking;
    const { world, ledger } = ctx;
    const reserve = ctx.account('');
    const rounds = () => secondsPerTick(world.ticksPerYear) / ctx.params().secondsPerRound;
    // Per staking population: its payout route, and each agent's eligibility fee still due (paid out of its first payouts).
    const routes: Route[] = [];
    const feeDue: Float64Array[] = [];
    let round = 0;
    let paid = 0;
    let eligibleStake = 0;
    const routeFor = (k: number, m: StakeAccount) => {
      if (!routes[k]) routes[k] = ledger.route(reserve, ledger.pocket(m.pop.account!, m.pop, 'tokens'), 'proposer payout');
      if (!feeDue[k] || feeDue[k].length < m.pop.size) {
        const grown = new Float64Array(m.pop.size).fill(ctx.params().goOnlineFee);
        if (feeDue[k]) grown.set(feeDue[k]);
        feeDue[k] = grown;
      }
      return routes[k];
    };
    const eligibleNow = () => {
      const p = ctx.params();
      let e = 0;
      for (const m of pool.members) {
        const s = m.pop.cols.staked;
        for (let i = 0; i < m.pop.size; i++) if (s[i] > 0 && eligible(s[i], p.minBalance, p.maxBalance)) e += s[i];
      }
      return e;
    };
    // What stakers are told: a year of payouts at this round's rate, as if every proposer were eligible, and no more than the pool could pay a tick.
    pool.expectRewards(() => {
      const p = ctx.params();
      const rate = (bonusAt(round, p.bonusBase, p.decay, p.decayInterval) + p.feeShare * p.feesPerBlock) * rounds() * world.ticksPerYear;
      const most = reserve.tokens * world.ticksPerYear;
      return rate < most ? rate : most;
    });
    return {
      api: undefined,
      genesis: () => {
        const p = ctx.params();
        round = p.startRound;
        if (p.poolTokens > 0) ledger.route('mint', reserve, 'genesis').move(p.poolTokens);
      },
      hooks: {
        pre: () => {
          const p = ctx.params();
          const from = round;
          round += rounds();
          paid = 0;
          const online = pool.totalStaked;
          eligibleStake = eligibleNow();
          const due = expectedPayout(p, from, round, eligibleStake, online);
          const payout = due < reserve.tokens ? due : reserve.tokens;
          if (!(payout > 0)) return;
          const perToken = payout / eligibleStake;
          const members = pool.members;
          for (let k = 0; k < members.length; k++) {
            const m = members[k];
            const route = routeFor(k, m);
            const fees = feeDue[k];
            const s = m.pop.cols.staked;
            for (let i = 0; i < m.pop.size; i++) {
              if (!(s[i] > 0) || !eligible(s[i], p.minBalance, p.maxBalance)) continue;
              const gross = s[i] * perToken;
              const fee = fees[i] < gross ? fees[i] : gross;
              fees[i] -= fee;
              // Σ s_i · P / E may pass P by a rounding error: the pool is never overdrawn.
              const left = reserve.tokens;
              const net = gross - fee < left ? gross - fee : left;
              if (!(net > 0)) continue;
              route.pay(i, net);
              m.stake(i, net);
              paid += net;
            }
          }
        },
      },
      metrics: {
        algorand_bonus: () => bonusAt(round, ctx.params().bonusBase, ctx.params().decay, ctx.params().decayInterval),
        algorand_payouts: () => paid,
        algorand_eligible_stake: () => eligibleStake,
        algorand_pool: () => reserve.tokens,
      },
      summary: ({ series, ticks }) => {
        const years = spanYears(ticks, world.ticksPerYear);
        const payouts = total(series, 'algorand_payouts');
        const online = pool.totalStaked;
        const e = eligibleNow();
        const meanEligible = meanAfterGenesis(series, 'algorand_eligible_stake');
        return {
          total_algorand_payouts: payouts,
          algorand_payout_rate: years > 0 && ledger.supply > 0 ? payouts / years / ledger.supply : 0,
          final_algorand_bonus: last(series, 'algorand_bonus'),
          final_eligible_share: online > 0 ? e / online : 0,
          algorand_eligible_apr: years > 0 && meanEligible > 0 ? payouts / years / meanEligible : 0,
        };
      },
    };
  },
});
