import { z } from '../src/core/zod';
import { defineBlock } from '../src/core/block';
import { distributionSchema } from '../src/core/distributions';
import { addEndowed } from '../src/core/genesis';
import type { Population } from '../src/core/population';
import type { Rng } from '../src/core/rng';
import type { AgentClass, World } from '../src/core/world';
import { lending } from '../src/defi/lending';
import { lendingColumns, type LendingAccount } from '../src/defi/lendingAccount';
import type { LendingPool } from '../src/defi/lendingPool';
import { lstPort, rwaPort, type LiquidStakingToken, type RealWorldAssetToken } from '../src/defi/ports';
import { marketPort } from '../src/market/amm';
import type { ConstantProductPool } from '../src/market/constantProductPool';
import { buyTokens, sellTokens } from '../src/market/trade';

/** Parameters of the liquidators class. */
export const liquidatorsParamsSchema = z
  .object({
    count: z.number().int().min(0),
    initialTokens: distributionSchema,
    initialUsd: distributionSchema,
    /** Liquidation calls one liquidator makes at most in a tick (its attention and gas budget). */
    callsPerTick: z.number().int().min(0),
    /** Smallest bonus, in USD, worth a call (the gas it costs). */
    minProfitUsd: z.number().min(0),
  })
  .strict();
export type LiquidatorsParams = z.infer<typeof liquidatorsParamsSchema>;

/** The liquidators' columns: the lending pool's and LST and RWA wallets (seized collateral arrives there). */
export const liquidatorsSchema = { ...lendingColumns, lst: 'f64', rwa: 'f64' } as const;
type LiquidatorsPopulation = Population<typeof liquidatorsSchema>;

/**
 * Liquidators act every tick, each making at most `callsPerTick` calls.
 * A liquidator scans the pool's accounts from a random start for health
 * factors below 1; for each it repays the account's largest debt (as much
 * as the close factor and its own wallet allow, buying tokens on the AMM
 * when the debt is in tokens and it lacks them) against its largest
 * collateral, when the bonus, repaid × price × bonus, is at least
 * `minProfitUsd`. It then withdraws the seized collateral (as far as the
 * market's cash allows) and sells it at once: tokens on the AMM, the LST on
 * its pool for tokens, the RWA token on its pool for USD. Selling is what
 * carries a price shock through the collateral into a cascade.
 */
export class Liquidators implements AgentClass {
  readonly name: string;
  /** Liquidations this class made this tick. */
  callsThisTick = 0;

  constructor(
    readonly population: LiquidatorsPopulation,
    private readonly params: () => LiquidatorsParams,
    private readonly pool: LendingPool,
    private readonly account: LendingAccount,
    private readonly amm: ConstantProductPool,
    private readonly lst: LiquidStakingToken | null,
    private readonly rwa: RealWorldAssetToken | null,
    private readonly rng: Rng,
  ) {
    this.name = population.name;
  }

  /** Creates the agents and endows them. */
  init(world: World, rng: Rng): void {
    const p = this.params();
    addEndowed(world.ledger, this.population, p.count, p.initialTokens, p.initialUsd, rng);
  }

  act(_world: World, order: Int32Array | null, count: number): void {
    const p = this.params();
    this.callsThisTick = 0;
    const members = this.pool.members;
    for (let k = 0; k < count; k++) {
      const j = order === null ? k : order[k];
      if (this.population.cols.active[j] === 0) continue;
      let calls = 0;
      const start = this.rng.int(members.length || 1);
      for (let n = 0; n < members.length && calls < p.callsPerTick; n++) {
        const acc = members[(start + n) % members.length];
        const size = acc.pop.size;
        const from = this.rng.int(size || 1);
        for (let q = 0; q < size && calls < p.callsPerTick; q++) {
          const i = (from + q) % size;
          if (this.pool.healthFactor(acc, i) < 1 && this.liquidateOne(j, acc, i, p.minProfitUsd)) calls++;
        }
      }
      this.callsThisTick += calls;
    }
  }

  /** Liquidates agent i of `acc` once, as liquidator j; returns whether a call was made. */
  private liquidateOne(j: number, acc: LendingAccount, i: number, minProfitUsd: number): boolean {
    const pool = this.pool;
    const mk = pool.markets;
    let dm = -1;
    let cm = -1;
    let debtUsd = 0;
    let collUsd = 0;
    for (let m = 0; m < mk.length; m++) {
      const d = pool.debt(acc, m, i) * mk[m].price();
      if (d > debtUsd) [debtUsd, dm] = [d, m];
      const lt = mk[m].params().liquidationThreshold;
      const c = lt > 0 ? pool.supplied(acc, m, i) * mk[m].price() : 0;
      if (c > collUsd) [collUsd, cm] = [c, m];
    }
    if (dm < 0 || cm < 0) return false;
    const maxRepayUsd = Math.min(debtUsd, collUsd / (1 + mk[cm].params().liquidationBonus));
    if (maxRepayUsd * mk[cm].params().liquidationBonus < minProfitUsd) return false;
    const me = this.account;
    const pop = this.population;
    if (mk[dm].key === 'token' && me.wallet(dm, j) < maxRepayUsd / mk[dm].price()) {
      buyTokens(this.amm, pop, j, this.amm.quoteBuyExactOut(maxRepayUsd / mk[dm].price() - me.wallet(dm, j)));
    }
    const r = pool.liquidate(me, j, acc, i, dm, cm, Infinity);
    if (!(r.repaid > 0)) return false;
    const got = pool.withdraw(me, cm, j, pool.supplied(me, cm, j));
    const key = mk[cm].key;
    if (key === 'token') sellTokens(this.amm, pop, j, got);
    else if (key === 'lst' && this.lst) this.lst.pool.sellBase(pop, j, got);
    else if (key === 'rwa' && this.rwa) this.rwa.pool.sellBase(pop, j, got);
    return true;
  }
}

/** Default liquidators: 5 bots with $200,000 and 50,000 tokens each, 20 calls a tick, $5 the smallest bonus worth a call. */
export const liquidatorsDefaults: LiquidatorsParams = {
  count: 5,
  initialTokens: { dist: 'constant', value: 50_000 },
  initialUsd: { dist: 'constant', value: 200_000 },
  callsPerTick: 20,
  minProfitUsd: 5,
};

/** The liquidators agent block: repay unhealthy debts for the bonus and sell the collateral seized. */
export const liquidators = defineBlock({
  key: 'liquidators',
  kind: 'agents',
  description: 'liquidators: repay debts of accounts below health factor 1 for the liquidation bonus and sell the seized collateral at once',
  sources: [
    'Qin, Zhou, Gamito, Jovanovic & Gervais (2021), "An Empirical Study of DeFi Liquidations: Incentives, Risks, and Instabilities", IMC 2021',
    'Compound v2 CToken.liquidateBorrow (github.com/compound-finance/compound-protocol, contracts/CToken.sol)',
  ],
  params: { schema: liquidatorsParamsSchema, defaults: liquidatorsDefaults },
  needs: { lending, market: marketPort },
  uses: { lst: lstPort, rwa: rwaPort },
  population: { schema: liquidatorsSchema, count: (p) => p.count },
  build(ctx) {
    const { pop } = ctx.population(liquidatorsSchema);
    const pool = ctx.deps.lending;
    const cls = new Liquidators(pop, ctx.params, pool, pool.attach(pop), ctx.deps.market, ctx.deps.lst, ctx.deps.rwa, ctx.rng);
    return { api: cls, agents: cls, genesis: (w) => cls.init(w, ctx.rng.fork('genesis')) };
  },
});
