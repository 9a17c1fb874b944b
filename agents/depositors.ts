import { z } from '../src/core/zod';
import { defineBlock } from '../src/core/block';
import { distributionSchema } from '../src/core/distributions';
import { addEndowed, drawTrait } from '../src/core/genesis';
import type { Population } from '../src/core/population';
import type { Rng } from '../src/core/rng';
import type { AgentClass, World } from '../src/core/world';
import { lending } from '../src/defi/lending';
import { lendingColumns, type LendingAccount } from '../src/defi/lendingAccount';
import type { LendingPool } from '../src/defi/lendingPool';

/** Parameters of the depositors class. */
export const depositorsParamsSchema = z
  .object({
    count: z.number().int().min(0),
    initialTokens: distributionSchema,
    initialUsd: distributionSchema,
    /** Share of depositors who lend USD (the rest lend tokens), in [0, 1]. */
    usdShare: z.number().min(0).max(1),
    /** Supply rate a depositor requires, per year. */
    hurdle: distributionSchema,
    /** Share of its wallet a depositor has in the pool at genesis, in [0, 1]. */
    genesisShare: z.number().min(0).max(1),
    /** Probability a depositor reviews its deposit in a tick. */
    activity: z.number().min(0).max(1),
    /** Share of its wallet (or deposit) it moves at a review, in (0, 1]. */
    adjustShare: z.number().gt(0).max(1),
  })
  .strict();
export type DepositorsParams = z.infer<typeof depositorsParamsSchema>;

/** The depositors' columns: the lending pool's, the market each lends in (0 USD, 1 token) and its hurdle. */
export const depositorsSchema = { ...lendingColumns, lendsTokens: 'u8', hurdle: 'f64' } as const;
type DepositorsPopulation = Population<typeof depositorsSchema>;

/**
 * Depositors chase yield: at a review (probability `activity` a tick) a
 * depositor compares its market's supply rate s (USD or token market) with
 * its hurdle h: it deposits `adjustShare` of its wallet when s ≥ h,
 * withdraws `adjustShare` of its deposit (as far as the market's cash
 * allows) when s < h / 2, and holds in between, so rates that swing around
 * one hurdle do not make it churn every tick.
 */
export class Depositors implements AgentClass {
  readonly name: string;

  constructor(
    readonly population: DepositorsPopulation,
    private readonly params: () => DepositorsParams,
    private readonly pool: LendingPool,
    private readonly account: LendingAccount,
    private readonly rng: Rng,
  ) {
    this.name = population.name;
  }

  /** Creates the agents, endows them and deposits their genesis share. */
  init(world: World, rng: Rng): void {
    const p = this.params();
    const pop = this.population;
    const [first, end] = addEndowed(world.ledger, pop, p.count, p.initialTokens, p.initialUsd, rng);
    drawTrait(pop.cols.hurdle, first, end, p.hurdle, rng);
    const usd = this.pool.market('usd');
    const token = this.pool.market('token');
    for (let i = first; i < end; i++) {
      pop.cols.lendsTokens[i] = rng.chance(p.usdShare) ? 0 : 1;
      const m = pop.cols.lendsTokens[i] ? token : usd;
      this.pool.deposit(this.account, m, i, this.account.wallet(m, i) * p.genesisShare);
    }
  }

  act(_world: World, order: Int32Array | null, count: number): void {
    const p = this.params();
    const { active, lendsTokens, hurdle } = this.population.cols;
    const pool = this.pool;
    const acc = this.account;
    const usd = pool.market('usd');
    const token = pool.market('token');
    const rate = [pool.markets[usd].supplyRatePerYear, pool.markets[token].supplyRatePerYear];
    for (let k = 0; k < count; k++) {
      const i = order === null ? k : order[k];
      if (active[i] === 0 || this.rng.next() >= p.activity) continue;
      const m = lendsTokens[i] ? token : usd;
      const s = rate[lendsTokens[i]];
      if (s >= hurdle[i]) pool.deposit(acc, m, i, acc.wallet(m, i) * p.adjustShare);
      else if (s < hurdle[i] / 2) pool.withdraw(acc, m, i, pool.supplied(acc, m, i) * p.adjustShare);
    }
  }
}

/** Default depositors: 300 agents, 80% lending USD (lognormal around $10,000), hurdles of 0.5–6% a year, 60% deposited at genesis. */
export const depositorsDefaults: DepositorsParams = {
  count: 300,
  initialTokens: { dist: 'lognormal', mu: Math.log(5000), sigma: 1 },
  initialUsd: { dist: 'lognormal', mu: Math.log(10_000), sigma: 1 },
  usdShare: 0.8,
  hurdle: { dist: 'uniform', min: 0.005, max: 0.06 },
  genesisShare: 0.6,
  activity: 0.2,
  adjustShare: 0.25,
};

/** The depositors agent block: lend USD or tokens when the supply rate beats a hurdle. */
export const depositors = defineBlock({
  key: 'depositors',
  kind: 'agents',
  description: 'depositors: lend USD or tokens to the lending pool when its supply rate beats a personal hurdle, withdraw below half of it',
  sources: ['yield-chasing supply with heterogeneous hurdles: Gudgeon, Werner, Perez & Knottenbelt (2020), "DeFi Protocols for Loanable Funds: Interest Rates, Liquidity and Market Efficiency", AFT 2020'],
  params: { schema: depositorsParamsSchema, defaults: depositorsDefaults },
  needs: { lending },
  population: { schema: depositorsSchema, count: (p) => p.count },
  build(ctx) {
    const { pop } = ctx.population(depositorsSchema);
    const pool = ctx.deps.lending;
    const cls = new Depositors(pop, ctx.params, pool, pool.attach(pop), ctx.rng);
    return { api: cls, agents: cls, genesis: (w) => cls.init(w, ctx.rng.fork('genesis')) };
  },
});
