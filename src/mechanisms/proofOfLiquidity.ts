import { defineBlock } from '../core/block';
import type { Account } from '../core/account';
import type { Ledger } from '../core/ledger';
import type { Population } from '../core/population';
import type { Route } from '../core/route';
import type { AnyWorld } from '../core/world';
import { marketPort } from '../market/amm';
import type { ConstantProductPool, PoolTrader } from '../market/constantProductPool';
import { honey, type HoneyFactory } from './honey';
import { proofOfLiquidityDefaults, proofOfLiquidityParamsSchema, proofOfLiquidityProblems, type BlockRewardParams, type ProofOfLiquidityParams, type RewardVault } from './proofOfLiquidityParams';

/**
 * Returns the BGT per block the BlockRewardController mints for the vaults
 * of a validator with normalised boost b (BlockRewardController.computeReward
 * and processRewards, base rate left out):
 *
 *   r(b) = max(minBoosted, R · min(m, (1 + m) · (1 − 1 / (1 + m · b^c))))   for b > 0
 *
 * (R rewardRate, m boostMultiplier, c rewardConvexity); r(1) = max(minBoosted, R · m), r(0) = minBoosted.
 */
export function blockRewardBgt(boost: number, c: BlockRewardParams): number {
  let reward = 0;
  if (boost > 0) {
    const m = c.boostMultiplier;
    const coeff = boost >= 1 ? m : Math.min(m, (1 + m) * (1 - 1 / (1 + m * Math.pow(boost, c.rewardConvexity))));
    reward = c.rewardRate * coeff;
  }
  return reward < c.minBoostedRewardRate ? c.minBoostedRewardRate : reward;
}

/**
 * Writes into `out` the `bribe-max` allocation: vaults grouped by bribe per
 * BGT, highest first; each group of g whitelisted vaults takes
 * min(left, g · maxWeight) split evenly, until the weights sum to 1 (ties
 * split, so with no bribes it is the uniform allocation). Non-whitelisted
 * vaults get 0. Returns the weight placed (1 when whitelisted count ·
 * maxWeight ≥ 1).
 */
export function bribeMaxWeights(vaults: readonly RewardVault[], maxWeight: number, out: Float64Array): number {
  const order: number[] = [];
  for (let k = 0; k < vaults.length; k++) {
    out[k] = 0;
    if (vaults[k].whitelisted) order.push(k);
  }
  order.sort((a, b) => vaults[b].bribeUsdPerBgt - vaults[a].bribeUsdPerBgt || a - b);
  let left = 1;
  let g = 0;
  while (g < order.length && left > 1e-15) {
    let h = g;
    while (h < order.length && vaults[order[h]].bribeUsdPerBgt === vaults[order[g]].bribeUsdPerBgt) h++;
    const each = Math.min(maxWeight, left / (h - g));
    for (let j = g; j < h; j++) out[order[j]] = each;
    left -= each * (h - g);
    g = h;
  }
  return 1 - Math.max(0, left);
}

/** Writes into `out` the uniform allocation: 1/n to each of the n whitelisted vaults; returns the weight placed. */
export function uniformWeights(vaults: readonly RewardVault[], out: Float64Array): number {
  let n = 0;
  for (const v of vaults) if (v.whitelisted) n++;
  for (let k = 0; k < vaults.length; k++) out[k] = vaults[k].whitelisted && n > 0 ? 1 / n : 0;
  return n > 0 ? 1 : 0;
}

/**
 * Returns the total LP capital at which the equalised APR S / C meets the
 * capital supply C = C₀ · (λ / λ_ref)^ε:  C = C₀^{1/(1+ε)} · (S / λ_ref)^{ε/(1+ε)}
 * (S the yield to all vaults in USD/year: fees + BGT value; C₀ at genesis).
 */
export function targetCapitalUsd(yieldUsdPerYear: number, genesisUsd: number, elasticity: number, referenceApr: number): number {
  if (elasticity === 0) return genesisUsd;
  if (!(yieldUsdPerYear > 0)) return 0;
  return Math.pow(genesisUsd, 1 / (1 + elasticity)) * Math.pow(yieldUsdPerYear / referenceApr, elasticity / (1 + elasticity));
}

/** The vault population's columns: BGT held by the vault's depositors, BGT received and incentives paid over the run, and the HONEY leg of its LP capital (BERA–HONEY vaults, with the honey block). */
export const vaultColumns = { bgt: 'f64', bgtReceived: 'f64', bribesUsd: 'f64', honey: 'f64' } as const;

/** The accounts the proof-of-liquidity block moves money through. */
export interface PolAccounts {
  /** BERA backing outstanding BGT (non-circulating). */
  readonly reserve: Account;
  readonly validators: Account;
  readonly delegators: Account;
  readonly depositors: Account;
  /** LP capital between vaults within a tick (nets to 0). */
  readonly moving: Account;
}

/**
 * Berachain-like proof of liquidity (phase `pre`), each tick:
 *
 * 1. Allocation: each validator v sets weights w_vk over the vaults by its
 *    rule (`bribeMaxWeights`, `uniformWeights`, or fixed), each ≤ maxWeight,
 *    only to whitelisted vaults, summing to 1 (BeraChef `_validateWeights`).
 * 2. Emission: validator v's BGT is E_v = s_v · bgtPerTick (s_v its
 *    normalised stake share), or s_v · blocksPerTick · `blockRewardBgt`(s_v);
 *    vault k receives B_k = Σ_v E_v · w_vk, credited to its depositors' BGT
 *    balance (non-transferable, not a ledger token). The BERA backing it is
 *    minted into the reserve (reason `BGT backing`), so reserve = BGT
 *    outstanding.
 * 3. Incentives: vault k's protocol pays E_v · w_vk · bribe_k USD (from
 *    outside): (1 − δ) to the validator (`PoL incentive commission`), δ to
 *    its BGT boosters (`PoL incentive to boosters`), who buy BERA on the
 *    market with `incentiveAuctionShare` of it (`incentive auction`).
 *    With the `honey` block, the protocol mints the incentive as HONEY
 *    (USD collateral ÷ mint rate) and pays it in HONEY; boosters redeem
 *    the auction's share (× redeem rate) before buying.
 * 4. Redemption: depositors burn ρ of each vault's BGT for BERA 1:1
 *    (reserve → depositors, `BGT redeemed`) and sell σ of it on the market.
 * 5. Liquidity: with F_k the vault's fees and R_k = B_k · T · price its BGT
 *    in USD/year, the APR-equalising allocation is c*_k = C · (F_k + R_k) /
 *    Σ(F + R) (APR_k = (F_k + R_k) / c_k), C = `targetCapitalUsd`; each c_k
 *    moves a share `adjustSpeed` of the way (withdrawals to `moving`, new
 *    capital from outside, deposits out of `moving`, the rest out).
 */
export class ProofOfLiquidity {
  /** BGT emitted this tick, and per vault. */
  bgtEmitted = 0;
  readonly bgtToVault: Float64Array;
  /** Incentives paid this tick, the validators' commission on them and the boosters' share, in USD. */
  bribesUsd = 0;
  commissionUsd = 0;
  boostersUsd = 0;
  /** BGT burned for BERA this tick, and the BERA of it sold on the market. */
  redeemedBgt = 0;
  soldBera = 0;
  /** BERA bought with boosters' incentives this tick. */
  auctionBera = 0;
  /** Each validator's weights this tick (row v), and its incentive commission over the run, in USD. */
  readonly weights: Float64Array[];
  readonly validatorIncomeUsd: Float64Array;
  /** Each validator's incentive commission this tick, in USD. */
  readonly commissionTickUsd: Float64Array;
  /** BGT emitted and incentives paid over the run. */
  totalBgt = 0;
  totalBribesUsd = 0;
  private readonly stake: Float64Array;
  /** Per vault: its yield F_k + R_k, then the change of its LP capital this tick, in USD. */
  private readonly target: Float64Array;
  private readonly routes: { backing: Route; redeem: Route; commission: Route; boosters: Route; lpOut: Route; lpEnter: Route; lpIn: Route; lpLeave: Route; genesis: Route };
  private readonly sale: PoolTrader;
  private readonly auction: PoolTrader;
  private genesisUsd = 0;
  private readonly honeyPayout: Route | null;
  /** The HONEY legs' routes to and from the vaults' USD pockets, and the BERA–HONEY vaults' indices. */
  private readonly lpHoney: { fund: Route; payout: Route; vaults: number[] } | null;

  constructor(
    /** Returns the block's parameters in force now. */
    readonly params: () => ProofOfLiquidityParams,
    ledger: Ledger,
    readonly vaults: Population<typeof vaultColumns>,
    readonly accounts: PolAccounts,
    private readonly market: ConstantProductPool,
    /** The HONEY factory when the model has one: incentives are then minted and paid in HONEY, and boosters redeem HONEY for the auction. */
    private readonly honey: HoneyFactory | null = null,
  ) {
    const p = params();
    const n = p.vaults.length;
    this.bgtToVault = new Float64Array(n);
    this.target = new Float64Array(n);
    this.weights = p.validators.map(() => new Float64Array(n));
    this.validatorIncomeUsd = new Float64Array(p.validators.length);
    this.commissionTickUsd = new Float64Array(p.validators.length);
    let s = 0;
    for (const v of p.validators) s += v.stakeShare;
    this.stake = Float64Array.from(p.validators, (v) => v.stakeShare / s);
    const usd = ledger.pocket(vaults.account!, vaults, 'usd', 'usd');
    const a = accounts;
    this.routes = {
      backing: ledger.route('mint', a.reserve, 'BGT backing'),
      redeem: ledger.route(a.reserve, a.depositors, 'BGT redeemed'),
      commission: ledger.route('outside', a.validators, 'PoL incentive commission', 'usd'),
      boosters: ledger.route('outside', a.delegators, 'PoL incentive to boosters', 'usd'),
      lpOut: ledger.route(usd, a.moving, 'LP capital withdrawn', 'usd'),
      lpEnter: ledger.route('outside', a.moving, 'LP capital enters', 'usd'),
      lpIn: ledger.route(a.moving, usd, 'LP capital deposited', 'usd'),
      lpLeave: ledger.route(a.moving, 'outside', 'LP capital leaves', 'usd'),
      genesis: ledger.route('outside', usd, 'LP capital at genesis', 'usd'),
    };
    this.sale = market.trader(a.depositors, a.depositors, 'redeemed BERA sale');
    this.auction = market.trader(a.delegators, a.delegators, 'incentive auction');
    this.honeyPayout = honey ? honey.payoutRoute(a.delegators) : null;
    this.lpHoney = honey ? { fund: honey.fundingRoute(usd), payout: honey.payoutRoute(usd), vaults: honey.params().lpVaults.map((name) => p.vaults.findIndex((v) => v.name === name)) } : null;
  }

  /** Creates one row per vault holding its genesis LP capital. */
  init(): void {
    const p = this.params();
    this.vaults.add(p.vaults.length);
    p.vaults.forEach((v, k) => {
      if (v.initialLiquidityUsd > 0) this.routes.genesis.pay(k, v.initialLiquidityUsd);
      this.genesisUsd += v.initialLiquidityUsd;
    });
  }

  /** Returns the LP capital in vault k, in USD: its USD plus its HONEY leg at USD 1. */
  liquidityUsd(k: number): number {
    return this.vaults.cols.usd[k] + this.vaults.cols.honey[k];
  }

  /** Returns the LP capital in all vaults, in USD. */
  get totalLiquidityUsd(): number {
    let s = 0;
    for (let k = 0; k < this.vaults.size; k++) s += this.liquidityUsd(k);
    return s;
  }

  /** Returns BGT held by depositors (outstanding, not yet redeemed). */
  get bgtOutstanding(): number {
    let s = 0;
    for (let k = 0; k < this.vaults.size; k++) s += this.vaults.cols.bgt[k];
    return s;
  }

  /**
   * Sets the validators' shares of blocks proposed, hence of the emission:
   * s_v = stakes_v / Σ stakes (stakes in any one unit, ≥ 0; 0 for a
   * validator out of the active set; all 0: nothing is emitted). Without a
   * call the shares are the parameters' `stakeShare`, normalised.
   */
  setStakes(stakes: Float64Array): void {
    let total = 0;
    for (let v = 0; v < this.stake.length; v++) total += stakes[v];
    for (let v = 0; v < this.stake.length; v++) this.stake[v] = total > 0 ? stakes[v] / total : 0;
  }

  /** Returns validator v's normalised share of blocks proposed now. */
  stakeShare(v: number): number {
    return this.stake[v];
  }

  /** Returns the BGT a tick that a validator with normalised stake share s directs: s · bgtPerTick, or s · blocksPerTick · `blockRewardBgt`(s) (emission `controller`). */
  emissionAt(p: ProofOfLiquidityParams, s: number): number {
    return p.emission === 'fixed' ? s * p.bgtPerTick : s * p.controller.blocksPerTick * blockRewardBgt(s, p.controller);
  }

  /** Returns the incentive, in USD/BGT, that validator v's allocation earns at this tick's incentive rates: Σ_k w_vk · bribe_k (writes its weights). */
  bribePerBgt(p: ProofOfLiquidityParams, v: number): number {
    this.allocate(p, v);
    const w = this.weights[v];
    let b = 0;
    for (let k = 0; k < w.length; k++) b += w[k] * p.vaults[k].bribeUsdPerBgt;
    return b;
  }

  /** Writes validator v's weights for this tick into `this.weights[v]`. */
  allocate(p: ProofOfLiquidityParams, v: number): void {
    const val = p.validators[v];
    const out = this.weights[v];
    if (val.rule === 'bribe-max') bribeMaxWeights(p.vaults, p.maxWeightPerVault, out);
    else if (val.rule === 'uniform') uniformWeights(p.vaults, out);
    else for (let k = 0; k < out.length; k++) out[k] = val.weights[k] ?? 0;
  }

  /** Phase `pre`: allocation, emission, incentives, redemption and sale, liquidity moves. */
  pre(world: AnyWorld): void {
    const p = this.params();
    const r = this.routes;
    const cols = this.vaults.cols;
    const n = p.vaults.length;
    this.bgtToVault.fill(0);
    this.bgtEmitted = 0;
    this.bribesUsd = 0;
    this.commissionUsd = 0;
    this.boostersUsd = 0;
    this.commissionTickUsd.fill(0);
    for (let v = 0; v < p.validators.length; v++) {
      this.allocate(p, v);
      const e = this.emissionAt(p, this.stake[v]);
      if (!(e > 0)) continue;
      const w = this.weights[v];
      let bribe = 0;
      for (let k = 0; k < n; k++) {
        const b = e * w[k];
        this.bgtToVault[k] += b;
        const usd = b * p.vaults[k].bribeUsdPerBgt;
        cols.bribesUsd[k] += usd;
        bribe += usd;
      }
      this.bgtEmitted += e;
      const toBoosters = bribe * p.delegatorShare;
      const commission = bribe - toBoosters;
      if (this.honey) {
        this.honey.mintTo('validators', commission);
        this.honey.mintTo('delegators', toBoosters);
      } else {
        if (commission > 0) r.commission.move(commission);
        if (toBoosters > 0) r.boosters.move(toBoosters);
      }
      this.validatorIncomeUsd[v] += commission;
      this.commissionTickUsd[v] = commission;
      this.commissionUsd += commission;
      this.boostersUsd += toBoosters;
      this.bribesUsd += bribe;
    }
    if (this.bgtEmitted > 0) r.backing.move(this.bgtEmitted);
    const bid = this.honey ? this.honey.redeem('delegators', this.boostersUsd * p.incentiveAuctionShare, this.honeyPayout!) : Math.min(this.boostersUsd * p.incentiveAuctionShare, this.accounts.delegators.usd);
    this.auctionBera = bid > 0 ? this.auction.buy(bid) : 0;
    for (let k = 0; k < n; k++) {
      cols.bgt[k] += this.bgtToVault[k];
      cols.bgtReceived[k] += this.bgtToVault[k];
    }
    this.totalBgt += this.bgtEmitted;
    this.totalBribesUsd += this.bribesUsd;
    this.redeem(p, n);
    this.moveLiquidity(p, n, world.ticksPerYear);
  }

  /** Depositors burn `redeemShare` of each vault's BGT for BERA and sell `sellShare` of it. */
  private redeem(p: ProofOfLiquidityParams, n: number): void {
    const cols = this.vaults.cols;
    let burned = 0;
    for (let k = 0; k < n; k++) {
      const b = cols.bgt[k] * p.redeemShare;
      cols.bgt[k] -= b;
      burned += b;
    }
    this.redeemedBgt = burned;
    this.soldBera = 0;
    if (burned > 0) this.routes.redeem.move(burned);
    const sell = Math.min(burned * p.sellShare, this.accounts.depositors.tokens);
    if (sell > 0) {
      this.sale.sell(sell);
      this.soldBera = sell;
    }
  }

  /** Moves each vault's LP capital `adjustSpeed` of the way to its APR-equalising target. */
  private moveLiquidity(p: ProofOfLiquidityParams, n: number, ticksPerYear: number): void {
    const cols = this.vaults.cols;
    const price = this.market.price;
    let yieldUsd = 0;
    for (let k = 0; k < n; k++) {
      this.target[k] = p.vaults[k].feesUsdPerYear + this.bgtToVault[k] * ticksPerYear * price;
      yieldUsd += this.target[k];
    }
    if (!(yieldUsd > 0)) return;
    const capital = targetCapitalUsd(yieldUsd, this.genesisUsd, p.capitalElasticity, p.referenceApr);
    const r = this.routes;
    let out = 0;
    let into = 0;
    for (let k = 0; k < n; k++) {
      const d = p.adjustSpeed * ((capital * this.target[k]) / yieldUsd - this.liquidityUsd(k));
      this.target[k] = d;
      if (d < 0) {
        if (this.lpHoney && -d > cols.usd[k]) this.unwindHoney(k, -d - cols.usd[k]);
        const a = Math.min(-d, cols.usd[k]);
        r.lpOut.take(k, a);
        out += a;
      } else into += d;
    }
    if (into > out) r.lpEnter.move(into - out);
    for (let k = 0; k < n; k++) if (this.target[k] > 0) r.lpIn.pay(k, Math.min(this.target[k], this.accounts.moving.usd));
    if (this.accounts.moving.usd > 0) r.lpLeave.move(this.accounts.moving.usd);
    if (this.lpHoney) this.rebalanceHoney();
  }

  /** Redeems HONEY from vault k's leg for `usd` of USD in its pocket (at most its whole leg). */
  private unwindHoney(k: number, usd: number): void {
    const h = this.honey!;
    const cols = this.vaults.cols;
    const burn = Math.min(usd / h.params().redeemRate, cols.honey[k]);
    if (!(burn > 0)) return;
    cols.honey[k] -= burn;
    h.redeem('vaults', burn, this.lpHoney!.payout, k);
  }

  /**
   * Brings each BERA–HONEY vault's HONEY leg to `lpHoneyShare` of its LP
   * capital: mints HONEY with the vault's USD (at the mint rate) or redeems
   * the excess (at the redeem rate); the fees come out of the capital.
   */
  private rebalanceHoney(): void {
    const h = this.honey!;
    const q = h.params();
    const cols = this.vaults.cols;
    for (const k of this.lpHoney!.vaults) {
      const diff = q.lpHoneyShare * this.liquidityUsd(k) - cols.honey[k];
      if (diff > 0) {
        const usd = Math.min(diff / q.mintRate, cols.usd[k]);
        cols.honey[k] += h.mintFromPocket('vaults', usd, this.lpHoney!.fund, k);
      } else if (diff < 0) this.unwindHoney(k, -diff * q.redeemRate);
    }
  }

  /** Returns the largest share of the run's BGT one vault received (0 before any). */
  get topVaultBgtShare(): number {
    if (!(this.totalBgt > 0)) return 0;
    let m = 0;
    for (let k = 0; k < this.vaults.size; k++) m = Math.max(m, this.vaults.cols.bgtReceived[k]);
    return m / this.totalBgt;
  }

  /** Returns the largest share of LP capital one vault holds now (0 when none). */
  get topVaultLiquidityShare(): number {
    const t = this.totalLiquidityUsd;
    if (!(t > 0)) return 0;
    let m = 0;
    for (let k = 0; k < this.vaults.size; k++) m = Math.max(m, this.liquidityUsd(k));
    return m / t;
  }

  /** Returns the Herfindahl index Σ (c_k / C)² of LP capital over vaults (0 when none). */
  get liquidityHhi(): number {
    const t = this.totalLiquidityUsd;
    if (!(t > 0)) return 0;
    let h = 0;
    for (let k = 0; k < this.vaults.size; k++) h += (this.liquidityUsd(k) / t) ** 2;
    return h;
  }
}

/** The proof-of-liquidity block: validators route BGT to reward vaults, protocols pay incentives per BGT, LP capital follows the APR. */
export const proofOfLiquidity = defineBlock({
  key: 'proofOfLiquidity',
  kind: 'mechanism',
  description: 'Berachain-like proof of liquidity: validators direct BGT emission to whitelisted reward vaults (capped weights, bribe-max/uniform/fixed), protocols pay incentives per BGT, BGT redeems 1:1 for BERA, LP capital follows the APR',
  sources: [
    'berachain/contracts src/pol/rewards/BeraChef.sol (_validateWeights, maxWeightPerVault, getValidatorIncentiveTokenShare; commit 8d7a834, 2026-03-19)',
    'berachain/contracts src/pol/rewards/BlockRewardController.sol (computeReward, processRewards; commit 61f6c51, 2025-09-04)',
    'berachain/contracts src/pol/rewards/RewardVault.sol (_processIncentives, incentiveRate per BGT; commit 269829d, 2025-12-03)',
    'berachain/contracts src/pol/BGT.sol (redeem: burn BGT, send BERA 1:1; commit 269829d, 2025-12-03)',
    'docs.berachain.com, Proof of Liquidity overview (read 2026-12-03)',
  ],
  params: { schema: proofOfLiquidityParamsSchema, defaults: proofOfLiquidityDefaults },
  needs: { market: marketPort },
  uses: { honey },
  holders: {
    reserve: { circulating: false, description: "BERA backing outstanding BGT (the BGT contract's balance), released 1:1 on redemption" },
    validators: { circulating: true, description: "validators' incentive commission, USD" },
    delegators: { circulating: true, description: "BGT boosters' share of incentives, USD" },
    depositors: { circulating: true, description: "vault depositors' BERA from redeemed BGT and USD from selling it" },
    moving: { circulating: true, description: 'LP capital between reward vaults within a tick (nets to 0)' },
  },
  metrics: {
    pol_bgt_emitted: { unit: 'BGT', kind: 'flow', description: 'BGT emitted to reward vaults since the previous row' },
    pol_bgt_outstanding: { unit: 'BGT', description: 'BGT held by vault depositors, not yet redeemed' },
    pol_bgt_redeemed: { unit: 'BGT', kind: 'flow', description: 'BGT burned for BERA since the previous row' },
    pol_bera_sold: { unit: 'tokens', kind: 'flow', description: 'redeemed BERA sold on the market since the previous row' },
    pol_bribes_usd: { unit: 'USD', kind: 'flow', description: 'incentives protocols paid for BGT since the previous row' },
    pol_auction_bera: { unit: 'tokens', kind: 'flow', description: "BERA bought with boosters' incentives since the previous row" },
    pol_top_vault_bgt_share: { unit: 'share', description: 'largest share of the BGT emitted so far that one vault received' },
    pol_liquidity_usd: { unit: 'USD', description: 'LP capital staked in all reward vaults' },
    pol_top_vault_liquidity_share: { unit: 'share', description: 'largest share of LP capital one vault holds' },
  },
  kpis: {
    final_pol_top_vault_bgt_share: { unit: 'share', description: "largest share of the run's BGT one vault received" },
    final_pol_liquidity_usd: { unit: 'USD', description: 'LP capital in all reward vaults at the end' },
    final_pol_top_vault_liquidity_share: { unit: 'share', description: 'largest share of LP capital one vault holds at the end' },
    final_pol_liquidity_hhi: { unit: 'index', description: 'Herfindahl index of LP capital over vaults at the end' },
    total_pol_bribes_usd: { unit: 'USD', description: 'incentives protocols paid over the run' },
    total_pol_validator_commission_usd: { unit: 'USD', description: "validators' incentive commission over the run" },
  },
  tables: {
    pol_vaults: {
      description: 'reward vaults at the end of a run: one row per vault',
      columns: [
        { name: 'vault', kind: 'utf8' },
        { name: 'whitelisted', kind: 'bool' },
        { name: 'bribe_usd_per_bgt', kind: 'float64' },
        { name: 'bgt_received', kind: 'float64' },
        { name: 'bribes_usd', kind: 'float64' },
        { name: 'liquidity_usd', kind: 'float64' },
      ],
    },
  },
  check: (p) => proofOfLiquidityProblems(p),
  build(ctx) {
    const { pop } = ctx.population(vaultColumns);
    const accounts: PolAccounts = {
      reserve: ctx.account('reserve'),
      validators: ctx.account('validators'),
      delegators: ctx.account('delegators'),
      depositors: ctx.account('depositors'),
      moving: ctx.account('moving'),
    };
    const pol = new ProofOfLiquidity(ctx.params, ctx.ledger, pop, accounts, ctx.deps.market, ctx.deps.honey);
    return {
      api: pol,
      genesis: () => pol.init(),
      hooks: { pre: (w) => pol.pre(w) },
      metrics: {
        pol_bgt_emitted: () => pol.bgtEmitted,
        pol_bgt_outstanding: () => pol.bgtOutstanding,
        pol_bgt_redeemed: () => pol.redeemedBgt,
        pol_bera_sold: () => pol.soldBera,
        pol_bribes_usd: () => pol.bribesUsd,
        pol_auction_bera: () => pol.auctionBera,
        pol_top_vault_bgt_share: () => pol.topVaultBgtShare,
        pol_liquidity_usd: () => pol.totalLiquidityUsd,
        pol_top_vault_liquidity_share: () => pol.topVaultLiquidityShare,
      },
      summary: () => ({
        final_pol_top_vault_bgt_share: pol.topVaultBgtShare,
        final_pol_liquidity_usd: pol.totalLiquidityUsd,
        final_pol_top_vault_liquidity_share: pol.topVaultLiquidityShare,
        final_pol_liquidity_hhi: pol.liquidityHhi,
        total_pol_bribes_usd: pol.totalBribesUsd,
        total_pol_validator_commission_usd: ctx.deps.honey ? ctx.deps.honey.balance('validators') : accounts.validators.usd,
      }),
      tables: {
        pol_vaults: () => {
          const vs = ctx.params().vaults;
          const c = pop.cols;
          return {
            length: vs.length,
            data: {
              vault: vs.map((v) => v.name),
              whitelisted: vs.map((v) => v.whitelisted),
              bribe_usd_per_bgt: Float64Array.from(vs, (v) => v.bribeUsdPerBgt),
              bgt_received: c.bgtReceived.slice(0, vs.length),
              bribes_usd: c.bribesUsd.slice(0, vs.length),
              liquidity_usd: Float64Array.from(vs, (_, k) => pol.liquidityUsd(k)),
            },
          };
        },
      },
    };
  },
});
