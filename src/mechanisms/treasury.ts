import { z } from '../core/zod';
import type { Account, Asset, Pocket } from '../core/account';
import { defineBlock } from '../core/block';
import type { Ledger } from '../core/ledger';
import type { Population } from '../core/population';
import type { Route } from '../core/route';
import { RunningSum } from '../core/sum';
import { marketPort } from '../market/amm';
import type { ConstantProductPool, PoolTrader } from '../market/constantProductPool';
import { last, total } from '../metrics/series';

/** Genesis holdings of the treasury. */
export const treasuryParamsSchema = z
  .object({
    /** Tokens the treasury holds at genesis (minted). */
    tokens: z.number().min(0).max(1e15),
    /** USD the treasury holds at genesis (from outside the model). */
    usd: z.number().min(0).max(1e15),
  })
  .strict();
export type TreasuryParams = z.infer<typeof treasuryParamsSchema>;

/**
 * Where treasury income comes from (the `reason` of its routes in
 * `flows.arrow`): a protocol's fee share, service revenue, vesting
 * allocations, lock penalties, tokens bought back, emission, carbon fees,
 * forfeited deposits, DePIN customers' unburned payments, genesis.
 */
export type TreasurySource =
  | 'fees'
  | 'service'
  | 'allocation'
  | 'lock penalty'
  | 'buyback'
  | 'emission'
  | 'carbon fee'
  | 'deposit'
  | 'usage'
  | 'genesis'
  | 'staking reward'
  | 'unstaked'
  | 'other';

/** Sources whose USD counts as revenue (what a revenue-share buyback spends from). */
const REVENUE: readonly TreasurySource[] = ['fees', 'service'];

/**
 * The treasury: the one writer of the treasury account. Other blocks move
 * money in or out only along routes the treasury opens for them
 * (`incomeFrom`, `incomeFromAgents`, `spendTo`, `spendToAgents`), so its
 * books by source are the totals of those routes. USD from `fees` and
 * `service` counts as revenue.
 */
export class Treasury {
  /** All USD revenue so far, in USD. */
  readonly revenueUsd = new RunningSum();
  /** USD revenue this tick. */
  revenueUsdThisTick = 0;
  private readonly income: { route: Route; source: TreasurySource }[] = [];
  private readonly cache = new Map<string, Route>();
  /** Tokens the treasury owns in other accounts (its stake), by the block that holds them. */
  private readonly elsewhere: (() => number)[] = [];

  constructor(
    private readonly ledger: Ledger,
    readonly account: Account,
  ) {}

  /** Returns the treasury's tokens. */
  get tokens(): number {
    return this.account.tokens;
  }

  /** Returns the treasury's USD. */
  get usd(): number {
    return this.account.usd;
  }

  /** Returns the route along which `from` pays the treasury for `source` (opened once per source, asset and payer). */
  incomeFrom(from: Account | 'mint' | 'outside', source: TreasurySource, asset: Asset = 'tokens'): Route {
    const name = typeof from === 'string' ? from : from.name;
    return this.opened(`in\u0000${name}\u0000${source}\u0000${asset}`, () => {
      const route = this.ledger.route(from, this.account, source, asset);
      this.income.push({ route, source });
      return route;
    });
  }

  /** Returns the route along which agents of `pop` pay the treasury for `source`. */
  incomeFromAgents(pop: Population, source: TreasurySource, asset: Asset = 'tokens'): Route {
    return this.opened(`in\u0000${pop.name}\u0000${source}\u0000${asset}`, () => {
      const route = this.ledger.route(this.pocketOf(pop, asset), this.account, source, asset);
      this.income.push({ route, source });
      return route;
    });
  }

  /** Returns the route along which the treasury pays `to` (an account, `burn` or `outside`) for `reason`. */
  spendTo(to: Account | 'burn' | 'outside', reason: string, asset: Asset = 'tokens'): Route {
    const name = typeof to === 'string' ? to : to.name;
    return this.opened(`out\u0000${name}\u0000${reason}\u0000${asset}`, () => this.ledger.route(this.account, to, reason, asset));
  }

  /** Returns the route along which the treasury pays agents of `pop` for `reason`. */
  spendToAgents(pop: Population, reason: string, asset: Asset = 'tokens'): Route {
    return this.opened(`out\u0000${pop.name}\u0000${reason}\u0000${asset}`, () => this.ledger.route(this.account, this.pocketOf(pop, asset), reason, asset));
  }

  /**
   * Returns a trader that swaps the treasury's USD for tokens on `pool`
   * (and its tokens for USD), the tokens bought kept by the treasury or
   * burned: buybacks.
   */
  poolTrader(pool: ConstantProductPool, reason: string, receiver: 'treasury' | 'burn', protocolFee = true): PoolTrader {
    return pool.trader(this.account, receiver === 'treasury' ? this.account : 'burn', reason, protocolFee);
  }

  /** Counts `usd` that arrived along one of the treasury's routes this tick from `source` as revenue when the source is revenue. */
  noteRevenue(usd: number, source: TreasurySource): void {
    if (!(usd > 0) || !REVENUE.includes(source)) return;
    this.revenueUsd.add(usd);
    this.revenueUsdThisTick += usd;
  }

  /** Receives `amount` from `from` for `source` (a convenience over `incomeFrom(...).move`), counting USD revenue. */
  receive(from: Account | 'mint' | 'outside', amount: number, source: TreasurySource, asset: Asset = 'tokens'): void {
    if (!(amount > 0)) return;
    this.incomeFrom(from, source, asset).move(amount);
    if (asset === 'usd') this.noteRevenue(amount, source);
  }

  /** Returns this tick's income by source: tokens and USD. */
  incomeThisTick(): Record<string, { tokens: number; usd: number }> {
    const out: Record<string, { tokens: number; usd: number }> = {};
    for (const { route, source } of this.income) {
      const e = (out[source] ??= { tokens: 0, usd: 0 });
      if (route.asset === 'tokens') e.tokens += route.tick;
      else e.usd += route.tick;
    }
    return out;
  }

  /** Resets the tick's revenue counter (phase `pre`). */
  beginTick(): void {
    this.revenueUsdThisTick = 0;
  }

  /** Counts `tokens()` (tokens the treasury owns held in another account, e.g. its stake) in its value. */
  ownsElsewhere(tokens: () => number): void {
    this.elsewhere.push(tokens);
  }

  /** Returns the treasury's value at price p, in USD: its USD, and its tokens held and owned elsewhere at p. */
  valueUsd(price: number): number {
    let tokens = this.account.tokens;
    for (const f of this.elsewhere) tokens += f();
    return this.account.usd + tokens * price;
  }

  private pocketOf(pop: Population, asset: Asset): Pocket {
    if (!pop.account) throw new Error(`population ${pop.name} has no ledger account`);
    return this.ledger.pocket(pop.account, pop, asset, asset);
  }

  private opened(id: string, open: () => Route): Route {
    let r = this.cache.get(id);
    if (!r) this.cache.set(id, (r = open()));
    return r;
  }
}

/** The treasury block: the account, its genesis funding, and its value. */
export const treasury = defineBlock({
  key: 'treasury',
  kind: 'mechanism',
  description: "the protocol treasury: the one writer of its account, with books by source",
  sources: ['double-entry bookkeeping: every posting has a debit, a credit and a reason (Pacioli 1494)'],
  params: { schema: treasuryParamsSchema, defaults: { tokens: 10_000_000, usd: 1_000_000 } },
  uses: { market: marketPort },
  holders: { '': { circulating: false, description: 'the protocol treasury' } },
  metrics: {
    treasury: { unit: 'tokens', description: 'treasury tokens' },
    treasury_usd: { unit: 'USD', description: 'treasury USD plus its tokens at the price (with those it owns elsewhere, e.g. staked)' },
    treasury_cash_usd: { unit: 'USD', description: 'treasury USD' },
    treasury_revenue_usd: { unit: 'USD', kind: 'flow', description: 'USD revenue (fee share, service revenue) since the previous row' },
  },
  kpis: {
    treasury_usd: { unit: 'USD', description: 'treasury value at the last tick (USD plus tokens at the price, those it owns elsewhere included)' },
    final_treasury_cash_usd: { unit: 'USD', description: 'treasury USD at the last tick' },
    total_treasury_revenue_usd: { unit: 'USD', description: 'USD revenue over the run' },
  },
  build(ctx) {
    const t = new Treasury(ctx.ledger, ctx.account(''));
    const price = () => ctx.deps.market?.price ?? 0;
    return {
      api: t,
      hooks: { pre: () => t.beginTick() },
      genesis: () => {
        const p = ctx.params();
        t.incomeFrom('mint', 'genesis').move(p.tokens);
        t.incomeFrom('outside', 'genesis', 'usd').move(p.usd);
      },
      metrics: {
        treasury: () => t.tokens,
        treasury_usd: () => t.valueUsd(price()),
        treasury_cash_usd: () => t.usd,
        treasury_revenue_usd: () => t.revenueUsdThisTick,
      },
      summary: ({ series }) => ({
        treasury_usd: last(series, 'treasury_usd'),
        final_treasury_cash_usd: last(series, 'treasury_cash_usd'),
        total_treasury_revenue_usd: total(series, 'treasury_revenue_usd'),
      }),
    };
  },
});

