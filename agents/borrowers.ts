import { z } from '../src/core/zod';
import { defineBlock } from '../src/core/block';
import { distributionSchema, sample } from '../src/core/distributions';
import { addEndowed, drawTrait } from '../src/core/genesis';
import type { Population } from '../src/core/population';
import type { Rng } from '../src/core/rng';
import type { Route } from '../src/core/route';
import type { AgentClass, World } from '../src/core/world';
import { lending } from '../src/defi/lending';
import { lendingColumns, type LendingAccount } from '../src/defi/lendingAccount';
import type { LendingPool } from '../src/defi/lendingPool';
import { lstPort, rwaPort, type LiquidStakingToken, type RealWorldAssetToken } from '../src/defi/ports';
import { marketPort } from '../src/market/amm';
import type { ConstantProductPool } from '../src/market/constantProductPool';
import { buyTokens, sellTokens } from '../src/market/trade';
import { priceTrend } from './stakers';

/** What a borrower posts as collateral (the `collateral` column): 0 the token (borrowing USD), 1 the LST (borrowing tokens), 2 the RWA token (borrowing USD). */
export const COLLATERAL_KINDS = ['token', 'lst', 'rwa'] as const;

/** Parameters of the borrowers class. */
export const borrowersParamsSchema = z
  .object({
    count: z.number().int().min(0),
    /** Shares of borrowers posting each collateral (normalised to sum 1). */
    mix: z
      .object({ token: z.number().min(0), lst: z.number().min(0), rwa: z.number().min(0) })
      .strict()
      .refine((m) => m.token + m.lst + m.rwa > 0, { message: 'the collateral mix must not be all zero' }),
    /** Value of the collateral each borrower starts with, deposited at genesis, in USD. */
    initialCollateralUsd: distributionSchema,
    /** USD each borrower keeps in its wallet (a buffer to repay with). */
    initialUsd: distributionSchema,
    /** Debt a borrower aims for, as a share of its borrow capacity, in [0, 1]. */
    targetLtv: distributionSchema,
    /** Health factor below which a borrower deleverages. */
    safetyHealthFactor: distributionSchema,
    /** Expected return over the borrow rate a borrower needs to lever up, per year. */
    hurdle: distributionSchema,
    /** Weight on the price trend against the gap to fair value, for token collateral, in [0, 1]. */
    priceWeight: distributionSchema,
    /** Perceived fair value of the token as a multiple of its initial price. */
    fairValue: distributionSchema,
    /** Probability a borrower reviews its position in a tick. */
    activity: z.number().min(0).max(1),
    /** Share of the gap to its target debt closed at a review, in (0, 1]. */
    adjustShare: z.number().gt(0).max(1),
    /** Ticks over which the price trend is measured. */
    trendLookback: z.number().int().min(1),
  })
  .strict();
export type BorrowersParams = z.infer<typeof borrowersParamsSchema>;

/** The borrowers' columns: the lending pool's, LST and RWA wallets, and their traits. */
export const borrowersSchema = {
  ...lendingColumns,
  lst: 'f64',
  rwa: 'f64',
  collateral: 'u8',
  targetLtv: 'f64',
  safetyHf: 'f64',
  hurdle: 'f64',
  priceWeight: 'f64',
  fairValue: 'f64',
} as const;
type BorrowersPopulation = Population<typeof borrowersSchema>;

/**
 * Borrowers lever up on what they expect of their collateral. Each review
 * (probability `activity` a tick) a borrower with collateral c and debt
 * asset d (token → USD, LST → token, RWA → USD):
 *
 * 1. deleverages when its health factor is below its `safetyHf`: repays
 *    enough to bring HF to 1.05 · safetyHf, from its wallet first, then by
 *    withdrawing collateral (as far as its borrow capacity allows) and
 *    selling it for the debt asset;
 * 2. otherwise compares its carry k = e_c − r_d (expected return on the
 *    collateral less the borrow rate) with its `hurdle`: above it, it
 *    borrows `adjustShare` of the gap to `targetLtv` × its borrow capacity
 *    and buys more collateral with it (tokens on the AMM; LST by staking
 *    through the provider, or on the LST pool when that is cheaper; the RWA
 *    token on its pool) and deposits it; below 0 it repays `adjustShare` of
 *    its debt as in 1 (an LST loop unwinds through the redemption queue
 *    where the pool's discount is worth waiting out).
 *
 * Expected returns, per year: the token, w · trend + (1 − w) · (fair / p − 1)
 * (trend: annualised price trend; fair: its `fairValue` × initial price);
 * the LST, its net staking yield (the token price cancels against a token
 * debt); the RWA token, the fund's stated yield.
 */
export class Borrowers implements AgentClass {
  readonly name: string;
  /** Collateral and debt market positions in the pool, by collateral kind (-1 when the model does not list it). */
  private readonly cm: number[];
  private readonly dm: number[];

  constructor(
    readonly population: BorrowersPopulation,
    private readonly params: () => BorrowersParams,
    private readonly pool: LendingPool,
    private readonly account: LendingAccount,
    private readonly amm: ConstantProductPool,
    private readonly lst: LiquidStakingToken | null,
    private readonly rwa: RealWorldAssetToken | null,
    /** Mints genesis tokens into the borrowers' wallets. */
    private readonly genesisTokens: Route,
    private readonly rng: Rng,
  ) {
    this.name = population.name;
    this.cm = [pool.market('token'), pool.market('lst'), pool.market('rwa')];
    this.dm = [pool.market('usd'), pool.market('token'), pool.market('usd')];
  }

  /** Creates the agents with their traits, wallets and collateral, deposited. */
  init(world: World, rng: Rng): void {
    const p = this.params();
    const pop = this.population;
    const [first, end] = addEndowed(world.ledger, pop, p.count, { dist: 'constant', value: 0 }, p.initialUsd, rng);
    const c = pop.cols;
    drawTrait(c.targetLtv, first, end, p.targetLtv, rng);
    drawTrait(c.safetyHf, first, end, p.safetyHealthFactor, rng);
    drawTrait(c.hurdle, first, end, p.hurdle, rng);
    drawTrait(c.priceWeight, first, end, p.priceWeight, rng);
    drawTrait(c.fairValue, first, end, p.fairValue, rng);
    const sum = p.mix.token + p.mix.lst + p.mix.rwa;
    const price0 = this.amm.price;
    for (let i = first; i < end; i++) {
      const u = rng.next() * sum;
      const kind = u < p.mix.token ? 0 : u < p.mix.token + p.mix.lst ? 1 : 2;
      c.collateral[i] = kind;
      c.fairValue[i] *= price0;
      const usd = Math.max(0, sample(p.initialCollateralUsd, rng));
      if (kind === 0) this.genesisTokens.pay(i, usd / price0);
      else if (kind === 1) this.lst!.issueAtGenesis(pop, i, usd / (price0 * this.lst!.exchangeRate));
      else this.rwa!.issueAtGenesis(pop, i, usd / this.rwa!.oracleNav);
      const m = this.cm[kind];
      this.pool.deposit(this.account, m, i, this.account.wallet(m, i));
    }
  }

  act(world: World, order: Int32Array | null, count: number): void {
    const p = this.params();
    const { active, collateral, safetyHf, hurdle, targetLtv, priceWeight, fairValue } = this.population.cols;
    const pool = this.pool;
    const acc = this.account;
    const trend = priceTrend(world, p.trendLookback);
    const price = this.amm.price;
    const carry = [0, this.lst ? this.lst.apr : 0, this.rwa ? this.rwa.yieldPerYear : 0];
    for (let c = 0; c < 3; c++) if (this.dm[c] >= 0) carry[c] -= pool.markets[this.dm[c]].borrowRatePerYear;
    for (let k = 0; k < count; k++) {
      const i = order === null ? k : order[k];
      if (active[i] === 0 || this.rng.next() >= p.activity) continue;
      const c = collateral[i];
      const cm = this.cm[c];
      const held = acc.wallet(cm, i);
      if (held > 0) pool.deposit(acc, cm, i, held);
      const debtUsd = pool.debtUsd(acc, i);
      const hf = pool.healthFactor(acc, i);
      if (hf < safetyHf[i]) {
        this.reduce(i, c, debtUsd - pool.collateralUsd(acc, i, 'lt') / (1.05 * safetyHf[i]), true, world);
        continue;
      }
      const w = priceWeight[i];
      const expected = c === 0 ? w * trend + (1 - w) * (fairValue[i] / price - 1) - pool.markets[this.dm[0]].borrowRatePerYear : carry[c];
      if (expected > hurdle[i]) {
        const gap = targetLtv[i] * pool.collateralUsd(acc, i, 'cf') - debtUsd;
        if (gap > 0) this.lever(i, c, gap * p.adjustShare);
      } else if (expected < 0 && debtUsd > 0) {
        this.reduce(i, c, debtUsd * p.adjustShare, false, world);
      }
    }
  }

  /** Returns the class's equity: deposits less debts at the pool's oracle prices, plus wallets (tokens at the AMM price, LST at its rate, RWA at the oracle NAV), in USD. */
  equityUsd(): number {
    const pool = this.pool;
    const acc = this.account;
    const { tokens, usd, lst, rwa } = this.population.cols;
    const price = this.amm.price;
    const lstUsd = this.lst ? this.lst.exchangeRate * price : 0;
    const rwaUsd = this.rwa ? this.rwa.oracleNav : 0;
    let s = 0;
    for (let i = 0; i < this.population.size; i++) {
      s += pool.collateralUsd(acc, i, 'value') - pool.debtUsd(acc, i) + usd[i] + tokens[i] * price + lst[i] * lstUsd + rwa[i] * rwaUsd;
    }
    return s;
  }

  /** Borrows `usd` worth of the debt asset for agent i, buys collateral with it and deposits it. */
  private lever(i: number, c: number, usd: number): void {
    const pool = this.pool;
    const dm = this.dm[c];
    const got = pool.borrow(this.account, dm, i, usd / pool.markets[dm].price());
    if (!(got > 0)) return;
    const pop = this.population;
    if (c === 0) buyTokens(this.amm, pop, i, got);
    else if (c === 1) {
      const lst = this.lst!;
      if (lst.pool.price < lst.exchangeRate) lst.pool.sellQuote(pop, i, got);
      else lst.deposit(pop, i, got);
    } else this.rwa!.pool.sellQuote(pop, i, got);
    const cm = this.cm[c];
    pool.deposit(this.account, cm, i, this.account.wallet(cm, i));
  }

  /**
   * Repays up to `usd` of agent i's debt: from its wallet, then by
   * withdrawing and selling collateral. Unwinding an LST loop that is not
   * `urgent` (the carry turned, the health factor is fine), it sells on the
   * pool only while the discount is below its hurdle × the redemption delay
   * and queues the rest for redemption, repaying when the tokens arrive.
   */
  private reduce(i: number, c: number, usd: number, urgent: boolean, world: World): void {
    if (!(usd > 0)) return;
    const pool = this.pool;
    const acc = this.account;
    const dm = this.dm[c];
    const units = usd / pool.markets[dm].price();
    const rest = units - pool.repay(acc, dm, i, units);
    if (!(rest > 0)) return;
    const cm = this.cm[c];
    // Withdraw a little more than the debt's worth: selling moves the price against the borrower.
    const want = (rest * pool.markets[dm].price() * 1.05) / pool.markets[cm].price();
    const out = pool.withdraw(acc, cm, i, want);
    if (!(out > 0)) return;
    const pop = this.population;
    if (c === 0) sellTokens(this.amm, pop, i, out);
    else if (c === 1) {
      const lst = this.lst!;
      const floor = urgent ? 0 : lst.exchangeRate * (1 - (pop.cols.hurdle[i] * lst.provider.delayTicks) / world.ticksPerYear);
      const sold = urgent ? out : Math.min(out, lst.pool.baseToReach(floor));
      if (sold > 0) lst.pool.sellBase(pop, i, sold);
      if (out - sold > 0) lst.provider.request(pop, i, out - sold, world.tick);
    } else this.rwa!.pool.sellBase(pop, i, out);
    pool.repay(acc, dm, i, rest);
  }
}

/** Default borrowers: 300 agents posting the token, collateral lognormal around $5,000, targets of 30–80% of capacity. */
export const borrowersDefaults: BorrowersParams = {
  count: 300,
  mix: { token: 1, lst: 0, rwa: 0 },
  initialCollateralUsd: { dist: 'lognormal', mu: Math.log(5000), sigma: 0.8 },
  initialUsd: { dist: 'lognormal', mu: Math.log(500), sigma: 0.8 },
  targetLtv: { dist: 'uniform', min: 0.2, max: 0.7 },
  safetyHealthFactor: { dist: 'uniform', min: 1.05, max: 1.5 },
  hurdle: { dist: 'uniform', min: 0.02, max: 0.15 },
  priceWeight: { dist: 'uniform', min: 0, max: 0.3 },
  fairValue: { dist: 'lognormal', mu: Math.log(1.1), sigma: 0.15 },
  activity: 0.3,
  adjustShare: 0.25,
  trendLookback: 14,
};

/** The borrowers agent block: lever up on expected returns over the borrow rate, deleverage when the health factor runs low. */
export const borrowers = defineBlock({
  key: 'borrowers',
  kind: 'agents',
  description: 'borrowers: post the token, the LST or the RWA token as collateral and lever up while expected return beats the borrow rate; deleverage near liquidation',
  sources: [
    'leverage cycles: Geanakoplos (2010), "The Leverage Cycle", NBER Macroeconomics Annual 24',
    'on-chain leverage and liquidations: Perez, Werner, Xu & Livshits (2021), "Liquidations: DeFi on a Knife-edge", Financial Cryptography 2021',
  ],
  params: { schema: borrowersParamsSchema, defaults: borrowersDefaults },
  needs: { lending, market: marketPort },
  uses: { lst: lstPort, rwa: rwaPort },
  population: { schema: borrowersSchema, count: (p) => p.count },
  metrics: { borrower_equity_usd: { unit: 'USD', description: "borrowers' deposits less debts at the lending pool's oracle prices, plus their wallets" } },
  kpis: { final_borrower_equity_usd: { unit: 'USD', description: "borrowers' equity at the last tick" } },
  check(p, _all, blocks) {
    const out: { path: string; message: string }[] = [];
    if (p.mix.lst > 0 && !blocks.has('liquidStaking')) out.push({ path: 'mix.lst', message: 'posts the LST, but the model has no liquidStaking block to issue it' });
    if (p.mix.rwa > 0 && !blocks.has('rwaVault')) out.push({ path: 'mix.rwa', message: 'posts the RWA token, but the model has no rwaVault block to issue it' });
    return out;
  },
  build(ctx) {
    const { pop, account } = ctx.population(borrowersSchema);
    const pool = ctx.deps.lending;
    const mint = ctx.ledger.route('mint', ctx.ledger.pocket(account, pop, 'tokens'), 'genesis');
    const cls = new Borrowers(pop, ctx.params, pool, pool.attach(pop), ctx.deps.market, ctx.deps.lst, ctx.deps.rwa, mint, ctx.rng);
    return {
      api: cls,
      agents: cls,
      genesis: (w) => cls.init(w, ctx.rng.fork('genesis')),
      metrics: { borrower_equity_usd: () => cls.equityUsd() },
      summary: () => ({ final_borrower_equity_usd: cls.equityUsd() }),
    };
  },
});
