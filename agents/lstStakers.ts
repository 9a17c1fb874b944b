import { z } from '../src/core/zod';
import { defineBlock } from '../src/core/block';
import { distributionSchema, sample } from '../src/core/distributions';
import { addEndowed, drawTrait } from '../src/core/genesis';
import type { Population } from '../src/core/population';
import type { Rng } from '../src/core/rng';
import type { AgentClass, World } from '../src/core/world';
import { liquidStaking } from '../src/defi/liquidStaking';
import type { LiquidStakingToken } from '../src/defi/ports';

/** Parameters of the LST stakers class. */
export const lstStakersParamsSchema = z
  .object({
    count: z.number().int().min(0),
    initialTokens: distributionSchema,
    /** Share of each holder's tokens staked through the provider at genesis, in [0, 1]. */
    genesisStakeShare: z.number().min(0).max(1),
    /** Share of agents who arbitrage the pool against redemption (the rest hold). */
    arbitrageurShare: z.number().min(0).max(1),
    /** Net staking yield a holder needs to stay staked, per year. */
    hurdle: distributionSchema,
    /** What waiting costs a holder, per year: it sells on the pool while the discount is below impatience × the redemption delay. */
    impatience: distributionSchema,
    /** Return an arbitrageur needs on the capital it locks in the queue, per year. */
    arbitrageHurdle: distributionSchema,
    /** Probability a holder reviews its position in a tick (arbitrageurs act every tick). */
    activity: z.number().min(0).max(1),
    /** Share of its tokens (or LST) a holder moves at a review, in (0, 1]. */
    adjustShare: z.number().gt(0).max(1),
    /** A run on the LST: at `atTick` the share `share` of holders want out of all of it at once (null: none). */
    panic: z.object({ atTick: z.number().int().min(1).nullable(), share: z.number().min(0).max(1) }).strict(),
  })
  .strict();
export type LstStakersParams = z.infer<typeof lstStakersParamsSchema>;

/** The LST stakers' columns: LST wallet, kind (0 holder, 1 arbitrageur), traits and whether it panics. */
export const lstStakersSchema = { lst: 'f64', kind: 'u8', hurdle: 'f64', impatience: 'f64', panics: 'u8', leaving: 'u8' } as const;
type LstStakersPopulation = Population<typeof lstStakersSchema>;

/**
 * Holders and arbitrageurs of the liquid staking token. A holder at a
 * review stays in while the LST's net yield beats its hurdle, staking
 * `adjustShare` of its tokens (through the provider, or on the pool when
 * the LST is cheaper there); otherwise, or once it panics, it leaves with
 * `adjustShare` of its LST (all of it when panicking). Leaving, it sells on
 * the pool while the discount d = 1 − pool price / r stays below what
 * waiting costs it, impatience · delay / ticksPerYear, and hands the rest to
 * the redemption queue. An arbitrageur, every tick, buys LST on the pool
 * while d exceeds its hurdle · delay / ticksPerYear (plus the pool fee) and
 * redeems it at once, so the discount is bounded by the cost of capital
 * locked in the queue; when the pool pays a premium over r beyond twice its
 * fee, it stakes through the provider and sells the LST there.
 */
export class LstStakers implements AgentClass {
  readonly name: string;

  constructor(
    readonly population: LstStakersPopulation,
    private readonly params: () => LstStakersParams,
    private readonly lst: LiquidStakingToken,
    private readonly rng: Rng,
  ) {
    this.name = population.name;
  }

  /** Creates the agents with their traits, tokens and genesis stake. */
  init(world: World, rng: Rng): void {
    const p = this.params();
    const pop = this.population;
    const [first, end] = addEndowed(world.ledger, pop, p.count, p.initialTokens, { dist: 'constant', value: 0 }, rng);
    const c = pop.cols;
    drawTrait(c.impatience, first, end, p.impatience, rng);
    for (let i = first; i < end; i++) {
      c.kind[i] = rng.chance(p.arbitrageurShare) ? 1 : 0;
      c.hurdle[i] = sample(c.kind[i] ? p.arbitrageHurdle : p.hurdle, rng);
      c.panics[i] = c.kind[i] === 0 && rng.chance(p.panic.share) ? 1 : 0;
      if (c.kind[i] === 0) this.lst.deposit(pop, i, c.tokens[i] * p.genesisStakeShare);
    }
  }

  act(world: World, order: Int32Array | null, count: number): void {
    const p = this.params();
    const { active, kind, hurdle, panics, leaving, tokens, lst } = this.population.cols;
    const pool = this.lst.pool;
    const years = this.lst.provider.delayTicks / world.ticksPerYear;
    const apr = this.lst.apr;
    if (p.panic.atTick === world.tick) for (let i = 0; i < this.population.size; i++) if (panics[i]) leaving[i] = 1;
    for (let k = 0; k < count; k++) {
      const i = order === null ? k : order[k];
      if (active[i] === 0) continue;
      const rate = this.lst.exchangeRate;
      if (kind[i] === 1) {
        const floor = rate * (1 - hurdle[i] * years - pool.fee);
        const cap = rate * (1 + 2 * pool.fee);
        if (pool.price < floor) {
          const bought = pool.sellQuote(this.population, i, pool.quoteToReach(floor));
          if (bought > 0) this.lst.provider.request(this.population, i, lst[i], world.tick);
        } else if (pool.price > cap) {
          // A premium: stake at the exchange rate and sell the LST into the pool.
          const want = pool.baseToReach(cap);
          const minted = this.lst.deposit(this.population, i, want * rate);
          if (minted > 0) pool.sellBase(this.population, i, minted);
        }
        continue;
      }
      if (leaving[i] === 0 && this.rng.next() >= p.activity) continue;
      if (leaving[i] === 0 && apr >= hurdle[i]) {
        const a = tokens[i] * p.adjustShare;
        if (pool.price < rate) pool.sellQuote(this.population, i, a);
        else this.lst.deposit(this.population, i, a);
        continue;
      }
      const out = leaving[i] ? lst[i] : lst[i] * p.adjustShare;
      if (!(out > 0)) {
        leaving[i] = 0;
        continue;
      }
      const floor = rate * (1 - this.population.cols.impatience[i] * years);
      const sold = Math.min(out, pool.baseToReach(floor));
      if (sold > 0) pool.sellBase(this.population, i, sold);
      if (out - sold > 0) this.lst.provider.request(this.population, i, out - sold, world.tick);
      if (leaving[i]) leaving[i] = 0;
    }
  }
}

/** Default LST stakers: 500 agents, a tenth arbitrageurs, most tokens staked at genesis, a run of none until set. */
export const lstStakersDefaults: LstStakersParams = {
  count: 500,
  initialTokens: { dist: 'lognormal', mu: Math.log(3000), sigma: 1 },
  genesisStakeShare: 0.8,
  arbitrageurShare: 0.1,
  hurdle: { dist: 'uniform', min: 0, max: 0.08 },
  impatience: { dist: 'lognormal', mu: Math.log(0.5), sigma: 1.2 },
  arbitrageHurdle: { dist: 'uniform', min: 0.05, max: 0.3 },
  activity: 0.1,
  adjustShare: 0.2,
  panic: { atTick: null, share: 0 },
};

/** The LST stakers agent block: hold the liquid staking token for its yield, leave through the pool or the queue, arbitrage the discount. */
export const lstStakers = defineBlock({
  key: 'lstStakers',
  kind: 'agents',
  description: 'LST stakers: stake through the provider for its yield; leave through the pool or the redemption queue by impatience; arbitrageurs buy the discount and redeem',
  sources: [
    'Scharnowski & Jahanshahloo (2023), "The Economics of Liquid Staking Derivatives: Basis Determinants and Price Discovery", J. Futures Markets',
    'Lido WithdrawalQueue (github.com/lidofinance/lido-dao, contracts/0.8.9/WithdrawalQueue.sol)',
  ],
  params: { schema: lstStakersParamsSchema, defaults: lstStakersDefaults },
  needs: { liquidStaking },
  population: { schema: lstStakersSchema, count: (p) => p.count },
  build(ctx) {
    const { pop } = ctx.population(lstStakersSchema);
    const cls = new LstStakers(pop, ctx.params, ctx.deps.liquidStaking, ctx.rng);
    return { api: cls, agents: cls, genesis: (w) => cls.init(w, ctx.rng.fork('genesis')) };
  },
});
