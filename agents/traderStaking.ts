import { z } from '../src/core/zod';
import { distributionSchema, sample } from '../src/core/distributions';
import { drawTrait } from '../src/core/genesis';
import type { Population } from '../src/core/population';
import type { Rng } from '../src/core/rng';
import { stakingColumns, type StakeAccount, type StakingPool } from '../src/mechanisms/staking';
import type { TaxPayer } from '../src/policy/taxRules';

/**
 * Staking idle tokens (see `IdleStake`): a trader whose staking APR beats
 * its hurdle (drawn from `hurdle`, per year) by band/2 keeps up to
 * `share` of its tokens staked, and unstakes all of it when the APR
 * falls band/2 below; share 0: traders never stake.
 */
export const stakeIdleSchema = z.object({ share: z.number().min(0).max(1), hurdle: distributionSchema, band: z.number().min(0).max(10) }).strict();
export type StakeIdleParams = z.infer<typeof stakeIdleSchema>;

/** Default idle staking: none (share 0); hurdles, should it be turned on, uniform in [3%, 30%] a year, in a band of 4 points. */
export const stakeIdleDefaults: StakeIdleParams = { share: 0, hurdle: { dist: 'uniform', min: 0.03, max: 0.3 }, band: 0.04 };

/** The columns idle staking adds to the traders: the staking pool's (stake, unbonding) and each trader's hurdle, an APR per year. */
export const idleStakeColumns = { ...stakingColumns, stakeHurdle: 'f64' } as const;

/** The traders' place in the staking pool, when they stake idle tokens. */
export interface TraderStaking {
  account: StakeAccount;
  /** The pool's rewards at the current rates, in tokens per year. */
  rewardsPerYear: () => number;
  /** Total stake, every holder, in tokens. */
  totalStaked: () => number;
  /** The stream the staking hurdles are drawn from (apart from every other draw). */
  rng: Rng;
}

/**
 * Returns the traders' place in `pool` (their stake account, the pool's
 * rewards and total stake, and the hurdles' stream forked from `rng` as
 * `stakeIdle`), or null when `rule` stakes nothing or there is no pool. The
 * traders join the pool only when they may stake, so a model whose traders
 * never do keeps its pool as it was.
 */
export function joinStakingPool(rule: StakeIdleParams, pool: StakingPool | null | undefined, pop: Population<typeof idleStakeColumns>, rng: Rng): TraderStaking | null {
  if (rule.share <= 0 || !pool) return null;
  return { account: pool.attach(pop), rewardsPerYear: () => pool.expectedRewardsPerYear(), totalStaked: () => pool.totalStaked, rng: rng.fork('stakeIdle') };
}

/** Returns the parameter errors of `rule` (paths under the traders' parameters): staking idle tokens needs a `staking` block among `blocks`. */
export function stakeIdleIssues(rule: StakeIdleParams, blocks: ReadonlySet<string>): { path: string; message: string }[] {
  return rule.share > 0 && !blocks.has('staking') ? [{ path: 'stakeIdle.share', message: 'stakes idle tokens, but the model has no staking block to stake in; expected 0' }] : [];
}

/**
 * Traders' idle tokens in the staking pool. A trader who trades in a tick
 * then reviews its stake (`review`): with apr = R / max(S, s_i + x_i) (R the
 * pool's rewards at the current rates per year, S the total stake, both as
 * they stood when the tick began, s_i and x_i its stake and liquid tokens,
 * as the stakers reckon it; under tax rules net of the tax on rewards) above
 * its hurdle h_i + band/2 it stakes up to share · (x_i + s_i + u_i) − (s_i +
 * u_i) of its liquid tokens (u_i unbonding), and below h_i − band/2 it
 * unstakes all its stake. A leaver unstakes everything (`leave`); what is
 * still unbonding waits, and the traders sell it and take its USD out when
 * it is released (`releaseLeavers`; the leaver's slot is reused only then).
 * Hurdles are drawn from the pool's own stream, so turning staking on does
 * not shift the traders' other draws. Without a pool, or with share 0,
 * every step does nothing.
 */
export class IdleStake {
  /** Leavers whose stake is still unbonding, in the order they left. */
  private readonly leaving: number[] = [];
  /** This tick's rule; null when the traders do not stake this tick. */
  private rule: StakeIdleParams | null = null;
  private rewardsPerYear = 0;
  private totalStaked = 0;

  constructor(
    private readonly population: Population<typeof idleStakeColumns>,
    /** The traders' place in the staking pool; null when they do not stake. */
    private readonly staking: TraderStaking | null,
    /** The traders' taxpayers under tax rules (rewards taxed as income); null without them. */
    private readonly tax: TaxPayer | null,
  ) {}

  /** Draws the staking hurdles of traders [first, end) from the pool's stream, when `rule` stakes. */
  drawHurdles(rule: StakeIdleParams, first: number, end: number): void {
    if (this.staking !== null && rule.share > 0) drawTrait(this.population.cols.stakeHurdle, first, end, rule.hurdle, this.staking.rng);
  }

  /** Draws newcomer i's staking hurdle from the pool's stream, when `rule` stakes. */
  drawHurdle(rule: StakeIdleParams, i: number): void {
    if (this.staking !== null && rule.share > 0) this.population.cols.stakeHurdle[i] = sample(rule.hurdle, this.staking.rng);
  }

  /** Starts a tick under `rule`: reads the pool's rewards per year and total stake, which every review this tick reckons with. */
  beginTick(rule: StakeIdleParams): void {
    const staking = this.staking;
    this.rule = staking !== null && rule.share > 0 ? rule : null;
    this.rewardsPerYear = this.rule !== null && staking !== null ? staking.rewardsPerYear() : 0;
    this.totalStaked = this.rule !== null && staking !== null ? staking.totalStaked() : 0;
  }

  /** Trader i settles its staking reward and stakes towards `share` of its tokens, or unstakes all, by its APR against its hurdle (see the class); nothing when the traders do not stake this tick. */
  review(i: number, tick: number): void {
    const rule = this.rule;
    if (rule === null || this.staking === null) return;
    const st = this.staking.account;
    const cols = this.population.cols;
    const reward = st.settle(i);
    if (this.tax !== null && reward > 0) this.tax.onStakingReward(i, reward, tick);
    const own = cols.staked[i] + cols.tokens[i];
    const base = this.totalStaked > own ? this.totalStaked : own;
    const apr = base > 0 ? (this.tax === null ? this.rewardsPerYear / base : (this.rewardsPerYear / base) * this.tax.rewardKeep(i)) : 0;
    const half = rule.band / 2;
    const h = cols.stakeHurdle[i];
    if (apr > h + half) {
      const inStake = cols.staked[i] + cols.unbonding[i];
      const more = rule.share * (cols.tokens[i] + inStake) - inStake;
      if (more > 0) st.stake(i, more);
    } else if (apr < h - half && cols.staked[i] > 0) {
      st.unstake(i, cols.staked[i], tick);
    }
  }

  /** Leaver i unstakes all its stake (its reward settled with it); if tokens are then unbonding it waits for them (see `releaseLeavers`). */
  leave(i: number, tick: number): void {
    const cols = this.population.cols;
    if (this.staking !== null && cols.staked[i] > 0) this.staking.account.unstake(i, cols.staked[i], tick);
    if (cols.unbonding[i] > 0) this.leaving.push(i);
  }

  /** Returns how many leavers are still waiting for their unbonding tokens. */
  get waiting(): number {
    return this.leaving.length;
  }

  /** Calls `sellOut(i)` for each waiting leaver whose unbonding has been released, in the order they left, and stops waiting for it; the others keep waiting. */
  releaseLeavers(sellOut: (i: number) => void): void {
    const unbonding = this.population.cols.unbonding;
    let kept = 0;
    for (let k = 0; k < this.leaving.length; k++) {
      const i = this.leaving[k];
      if (unbonding[i] > 0) {
        this.leaving[kept++] = i;
        continue;
      }
      sellOut(i);
    }
    this.leaving.length = kept;
  }
}
