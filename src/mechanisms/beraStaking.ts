import { defineBlock } from '../core/block';
import type { Account } from '../core/account';
import type { Ledger } from '../core/ledger';
import type { Route } from '../core/route';
import { marketPort } from '../market/amm';
import type { ConstantProductPool } from '../market/constantProductPool';
import { nakamoto } from '../metrics/inequality';
import { meanAfterGenesis, total } from '../metrics/series';
import { beraStakingDefaults, beraStakingParamsSchema, beraStakingProblems, type BeraStakingParams } from './beraStakingParams';
import { proofOfLiquidity, type ProofOfLiquidity } from './proofOfLiquidity';

/** The share of stake whose holders can halt CometBFT consensus (more than a third of voting power): the Nakamoto coefficient's threshold here. */
export const HALTING_SHARE = 1 / 3;

/**
 * Returns the income per tick, in USD, that a validator bonding `stakeBera`
 * expects on joining an active set that bonds `activeBera`:
 *
 *   s = S_v / (S + S_v),   I = E(s) · (1 − δ) · b_v + s · n_blk · r_base · P
 *
 * (E(s) the BGT it would direct a tick, `ProofOfLiquidity.emissionAt`; δ the
 * boosters' share of incentives; b_v the incentive per BGT its allocation
 * earns, USD/BGT; n_blk blocks per tick; r_base the base rate, BGT a block,
 * redeemed 1:1 for BERA; P the BERA price, USD). Block proposals are in
 * proportion to stake (docs.berachain.com, validator lifecycle).
 */
export function expectedValidatorIncomeUsd(stakeBera: number, activeBera: number, emissionBgt: (s: number) => number, boosterShare: number, bribeUsdPerBgt: number, blocksPerTick: number, baseRateBgtPerBlock: number, price: number): number {
  const s = stakeBera / (activeBera + stakeBera);
  return emissionBgt(s) * (1 - boosterShare) * bribeUsdPerBgt + s * blocksPerTick * baseRateBgtPerBlock * price;
}

/** The accounts the staking block moves BERA through. */
export interface BeraStakingAccounts {
  /** BERA of validator operators not bonded (circulating): genesis endowment, returned stake, base block rewards. */
  readonly operators: Account;
  /** BERA bonded by active validators (not circulating). */
  readonly staked: Account;
}

/**
 * BERA staking and the validator set (phase `post`), each tick:
 *
 * 1. Income: active validator v proposes a share s_v = S_v / Σ S of blocks
 *    (S its bonded BERA); its operator receives s_v · n_blk · r_base BGT of
 *    base rate (BlockRewardController `baseRate`), redeemed at once for
 *    BERA minted to the operators (reason `base block reward`), and its
 *    incentive commission this tick from the proof-of-liquidity block;
 *    income_v = commission_v + base_v · P, in USD.
 * 2. Exit: a validator whose income is below its cost for
 *    `exitPatienceTicks` consecutive ticks withdraws its stake (staked →
 *    operators, `BERA unstaked`).
 * 3. Entry: inactive candidates, largest stake first, join when
 *    `expectedValidatorIncomeUsd` ≥ (1 + entryMargin) · cost (staked ←
 *    operators, `BERA staked`); with the set full (`maxValidators`), a
 *    candidate joins only with more stake than the smallest active
 *    validator, which is evicted (ties: the later candidate goes), as
 *    Beacon-Kit's ValidatorSetCap does.
 * 4. The proof-of-liquidity block's shares of blocks become s_v for the
 *    next tick (`ProofOfLiquidity.setStakes`).
 *
 * Entering and leaving differ (enter on expected income with a margin,
 * leave on sustained realised losses): the hysteresis of the DePIN
 * operators (agents/nodeOperators.ts; Dixit 1989).
 */
export class BeraStaking {
  /** BERA each candidate has bonded now (0 when inactive), in tokens. */
  readonly stake: Float64Array;
  /** Each candidate's income this tick (active), in USD. */
  readonly incomeUsd: Float64Array;
  /** Consecutive ticks of income below cost, per candidate. */
  readonly lossTicks: Int32Array;
  /** Validators that joined and left this tick (evictions count as exits), and base-rate BERA minted this tick. */
  entries = 0;
  exits = 0;
  baseBera = 0;
  /** Validators' income this tick, in USD: commission plus base rate at the price. */
  incomeTickUsd = 0;
  /** Candidates by stake, largest first (ties: in their order). */
  private readonly order: number[];
  private readonly routes: { endow: Route; bond: Route; unbond: Route; base: Route };

  constructor(
    private readonly params: () => BeraStakingParams,
    private readonly ledger: Ledger,
    readonly accounts: BeraStakingAccounts,
    private readonly pol: ProofOfLiquidity,
    private readonly market: ConstantProductPool,
  ) {
    const p = params();
    const n = p.candidates.length;
    this.stake = new Float64Array(n);
    this.incomeUsd = new Float64Array(n);
    this.lossTicks = new Int32Array(n);
    this.order = p.candidates.map((_, i) => i).sort((a, b) => p.candidates[b].stakeBera - p.candidates[a].stakeBera || a - b);
    this.routes = {
      endow: ledger.route('mint', accounts.operators, 'validator operators at genesis'),
      bond: ledger.route(accounts.operators, accounts.staked, 'BERA staked'),
      unbond: ledger.route(accounts.staked, accounts.operators, 'BERA unstaked'),
      base: ledger.route('mint', accounts.operators, 'base block reward'),
    };
  }

  /** Mints every candidate's BERA to the operators and bonds the stake of those active at genesis. */
  init(): void {
    const p = this.params();
    let endowment = 0;
    for (const c of p.candidates) endowment += c.stakeBera;
    this.routes.endow.move(endowment);
    p.candidates.forEach((c, i) => {
      if (c.activeAtGenesis) this.join(i, c.stakeBera);
    });
    this.pol.setStakes(this.stake);
  }

  /** Returns the number of active validators. */
  get activeCount(): number {
    let n = 0;
    for (let i = 0; i < this.stake.length; i++) if (this.stake[i] > 0) n++;
    return n;
  }

  /** Returns BERA bonded by active validators, in tokens. */
  get stakedBera(): number {
    return this.accounts.staked.tokens;
  }

  /** Returns bonded BERA over total supply (0 when the supply is 0). */
  get stakingRatio(): number {
    const s = this.ledger.supply;
    return s > 0 ? this.accounts.staked.tokens / s : 0;
  }

  /** Returns the fewest validators bonding more than a third of the BERA stake (`nakamoto` at `HALTING_SHARE`; 0 with none). */
  get stakeNakamoto(): number {
    return nakamoto(this.stake, HALTING_SHARE);
  }

  private join(i: number, amount: number): void {
    this.routes.bond.move(amount);
    this.stake[i] = amount;
    this.lossTicks[i] = 0;
  }

  private leave(i: number): void {
    this.routes.unbond.move(this.stake[i]);
    this.stake[i] = 0;
    this.lossTicks[i] = 0;
    this.exits++;
  }

  /** Phase `post`: base rewards and income, exits, entries, then the shares of blocks for the next tick. */
  post(): void {
    const p = this.params();
    const price = this.market.price;
    const baseBgt = p.blocksPerTick * p.baseRateBgtPerBlock;
    this.entries = 0;
    this.exits = 0;
    this.baseBera = 0;
    this.incomeTickUsd = 0;
    for (let i = 0; i < this.stake.length; i++) {
      this.incomeUsd[i] = 0;
      if (!(this.stake[i] > 0)) continue;
      const base = this.pol.stakeShare(i) * baseBgt;
      this.baseBera += base;
      const income = this.pol.commissionTickUsd[i] + base * price;
      this.incomeUsd[i] = income;
      this.incomeTickUsd += income;
      if (income < p.candidates[i].costUsdPerTick) this.lossTicks[i]++;
      else this.lossTicks[i] = 0;
      if (this.lossTicks[i] >= p.exitPatienceTicks) this.leave(i);
    }
    if (this.baseBera > 0) this.routes.base.move(this.baseBera);
    this.admit(p, price, baseBgt);
    this.pol.setStakes(this.stake);
  }

  /** Lets inactive candidates in, largest stake first, by expected income against cost; evicts the smallest when the set is full. */
  private admit(p: BeraStakingParams, price: number, baseBgt: number): void {
    const pp = this.pol.params();
    const emission = (s: number) => this.pol.emissionAt(pp, s);
    let active = 0;
    let activeBera = 0;
    for (let i = 0; i < this.stake.length; i++)
      if (this.stake[i] > 0) {
        active++;
        activeBera += this.stake[i];
      }
    for (const i of this.order) {
      if (this.stake[i] > 0) continue;
      const c = p.candidates[i];
      const expected = expectedValidatorIncomeUsd(c.stakeBera, activeBera, emission, pp.delegatorShare, this.pol.bribePerBgt(pp, i), p.blocksPerTick, p.baseRateBgtPerBlock, price);
      if (expected < (1 + p.entryMargin) * c.costUsdPerTick) continue;
      if (active >= p.maxValidators) {
        const j = this.smallestActive();
        if (!(c.stakeBera > this.stake[j])) continue;
        activeBera -= this.stake[j];
        this.leave(j);
        active--;
      }
      this.join(i, c.stakeBera);
      this.entries++;
      active++;
      activeBera += c.stakeBera;
    }
  }

  /** Returns the active validator with the least stake (ties: the later candidate). */
  private smallestActive(): number {
    let j = -1;
    for (let i = 0; i < this.stake.length; i++) if (this.stake[i] > 0 && (j < 0 || this.stake[i] <= this.stake[j])) j = i;
    return j;
  }
}

/** The BERA staking block: validators bond BERA within the stake bounds, enter on expected income and leave on sustained losses, and propose blocks (and direct BGT) in proportion to stake. */
export const beraStaking = defineBlock({
  key: 'beraStaking',
  kind: 'mechanism',
  description: 'BERA staking and the validator set: validators bond BERA between a minimum and a maximum, an active set of bounded size, block proposals (and BGT emission) by stake; entry on expected commission plus base rate against cost, exit after sustained losses',
  sources: [
    'docs.berachain.com, nodes/validator-lifecycle (berachain/docs apps/core/content/nodes/validator-lifecycle.md, commit 0ec5542): voting power = deposited BERA, proposals in proportion to it; ValidatorSetCap evicts the lowest effective balance',
    'berachain/docs packages/config/constants.json (commit 017a48c): minEffectiveBalance 250,000, maxEffectiveBalance 10,000,000, validatorActiveSetSize 69, validatorBaseBGTReward 0.5',
    'berachain/contracts src/pol/rewards/BlockRewardController.sol (processRewards: baseRate to the operator; commit 61f6c51, 2025-09-04)',
    'entry and exit with sunk costs: Dixit (1989), "Entry and exit decisions under uncertainty", J. Political Economy 97',
  ],
  params: { schema: beraStakingParamsSchema, defaults: beraStakingDefaults },
  needs: { market: marketPort, proofOfLiquidity },
  holders: {
    operators: { circulating: true, description: "validator operators' BERA not bonded: genesis endowment, returned stake, base block rewards" },
    staked: { circulating: false, description: 'BERA bonded by active validators' },
  },
  metrics: {
    pol_validators: { unit: 'validators', description: 'validators in the active set' },
    pol_bera_staked: { unit: 'tokens', description: 'BERA bonded by active validators' },
    pol_staking_ratio: { unit: 'share', description: 'BERA bonded over total BERA supply' },
    pol_stake_nakamoto: { unit: 'validators', description: 'fewest validators bonding more than a third of the BERA stake (enough to halt CometBFT)' },
    pol_validator_entries: { unit: 'validators', kind: 'flow', description: 'validators that joined the active set since the previous row' },
    pol_validator_exits: { unit: 'validators', kind: 'flow', description: 'validators that left the active set (losses or eviction) since the previous row' },
    pol_validator_income_usd: { unit: 'USD', kind: 'flow', description: "validators' incentive commission plus base rate at the price since the previous row" },
    pol_base_bera: { unit: 'tokens', kind: 'flow', description: 'BERA minted for the base rate since the previous row' },
  },
  kpis: {
    final_pol_validators: { unit: 'validators', description: 'validators in the active set at the end' },
    mean_pol_validators: { unit: 'validators', description: 'validators in the active set, mean over the run' },
    final_pol_bera_staked: { unit: 'tokens', description: 'BERA bonded at the end' },
    mean_pol_staking_ratio: { unit: 'share', description: 'BERA bonded over supply, mean over the run' },
    final_pol_stake_nakamoto: { unit: 'validators', description: 'fewest validators bonding more than a third of the stake at the end' },
    total_pol_validator_entries: { unit: 'validators', description: 'entries into the active set over the run' },
    total_pol_validator_exits: { unit: 'validators', description: 'exits from the active set over the run' },
  },
  check: (p, all) => beraStakingProblems(p, all),
  build(ctx) {
    const accounts: BeraStakingAccounts = { operators: ctx.account('operators'), staked: ctx.account('staked') };
    const st = new BeraStaking(ctx.params, ctx.ledger, accounts, ctx.deps.proofOfLiquidity, ctx.deps.market);
    return {
      api: st,
      genesis: () => st.init(),
      hooks: { post: () => st.post() },
      metrics: {
        pol_validators: () => st.activeCount,
        pol_bera_staked: () => st.stakedBera,
        pol_staking_ratio: () => st.stakingRatio,
        pol_stake_nakamoto: () => st.stakeNakamoto,
        pol_validator_entries: () => st.entries,
        pol_validator_exits: () => st.exits,
        pol_validator_income_usd: () => st.incomeTickUsd,
        pol_base_bera: () => st.baseBera,
      },
      summary: ({ series }) => ({
        final_pol_validators: st.activeCount,
        mean_pol_validators: meanAfterGenesis(series, 'pol_validators'),
        final_pol_bera_staked: st.stakedBera,
        mean_pol_staking_ratio: meanAfterGenesis(series, 'pol_staking_ratio'),
        final_pol_stake_nakamoto: st.stakeNakamoto,
        total_pol_validator_entries: total(series, 'pol_validator_entries'),
        total_pol_validator_exits: total(series, 'pol_validator_exits'),
      }),
    };
  },
});
