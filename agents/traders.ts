import { z } from 'zod';
import { distributionSchema } from '../src/core/distributions';
import { addEndowed, drawTrait } from '../src/core/genesis';
import { defineBlock } from '../src/core/block';
import type { Population } from '../src/core/population';
import type { Rng } from '../src/core/rng';
import type { AgentClass, World } from '../src/core/world';
import { marketPort } from '../src/market/amm';
import type { ConstantProductPool } from '../src/market/constantProductPool';
import { buyTokens, sellTokens } from '../src/market/trade';

/** Trader strategies, stored as the `kind` column. */
export const TRADER_KINDS = { noise: 0, momentum: 1, fundamentalist: 2 } as const;

/** Parameters of the traders class. */
export const tradersParamsSchema = z
  .object({
    count: z.number().int().min(0),
    initialTokens: distributionSchema,
    initialUsd: distributionSchema,
    /** Shares of noise, momentum and fundamentalist traders (normalised to sum 1). */
    mix: z
      .object({ noise: z.number().min(0), momentum: z.number().min(0), fundamentalist: z.number().min(0) })
      .strict()
      .refine((m) => m.noise + m.momentum + m.fundamentalist > 0, { message: 'trader mix must not be all zero' }),
    /** Probability a trader looks at the market (and may trade) in a tick. */
    activity: z.number().min(0).max(1),
    /** Largest trade, per agent, in USD (a budget per trade). */
    tradeUsd: distributionSchema,
    /** Ticks of price history a momentum trader looks back over. */
    lookback: z.number().int().min(1),
    /** Relative price move over the lookback that a momentum trader acts on. */
    momentumThreshold: z.number().min(0),
    /** Perceived fair value as a multiple of the initial price, per fundamentalist. */
    fairValue: distributionSchema,
    /** Relative gap between fair value and price below which a fundamentalist does nothing. */
    band: z.number().min(0),
    /** Most tokens an agent will hold, as a multiple of its starting tokens plus 1,000. */
    positionLimit: z.number().gt(0),
  })
  .strict();
export type TradersParams = z.infer<typeof tradersParamsSchema>;

/** The traders' columns. */
export const tradersSchema = { kind: 'u8', tradeUsd: 'f64', fairValue: 'f64', limit: 'f64' } as const;

/**
 * Traders, one class with three strategies chosen by the `kind` column. Each
 * tick a trader looks at the market with probability `activity`; if it does:
 * - noise (0): trades u · tradeUsd USD, u uniform in [0, 1), buying or
 *   selling with probability ½;
 * - momentum (1): with m = p[t−1] / p[t−1−L] − 1, buys (m > threshold) or
 *   sells (m < −threshold) min(1, |m| / (4·threshold)) · tradeUsd USD;
 * - fundamentalist (2): with gap g = (fairValue − p) / p, buys when g > band
 *   and sells when g < −band, min(1, |g|) · tradeUsd USD.
 * Buys are capped by USD balance and the position limit (tokens), sells by
 * the token balance.
 */
export class Traders implements AgentClass {
  readonly name: string;

  constructor(
    readonly population: Population<typeof tradersSchema>,
    private readonly params: () => TradersParams,
    private readonly pool: ConstantProductPool,
    private readonly rng: Rng,
  ) {
    this.name = population.name;
  }

  /** Creates the agents with their strategies, traits and balances. */
  init(world: World, rng: Rng): void {
    const p = this.params();
    const pop = this.population;
    const [first, end] = addEndowed(world.ledger, pop, p.count, p.initialTokens, p.initialUsd, rng);
    drawTrait(pop.cols.tradeUsd, first, end, p.tradeUsd, rng);
    drawTrait(pop.cols.fairValue, first, end, p.fairValue, rng);
    const price0 = this.pool.price;
    const total = p.mix.noise + p.mix.momentum + p.mix.fundamentalist;
    const cut1 = p.mix.noise / total;
    const cut2 = cut1 + p.mix.momentum / total;
    const { kind, fairValue, limit, tokens } = pop.cols;
    for (let i = first; i < end; i++) {
      const u = rng.next();
      kind[i] = u < cut1 ? TRADER_KINDS.noise : u < cut2 ? TRADER_KINDS.momentum : TRADER_KINDS.fundamentalist;
      fairValue[i] *= price0;
      limit[i] = (tokens[i] + 1000) * p.positionLimit;
    }
  }

  act(world: World, order: Int32Array | null, count: number): void {
    const p = this.params();
    const pop = this.population;
    const pool = this.pool;
    const rng = this.rng;
    const { kind, tradeUsd, fairValue, limit, active, tokens } = pop.cols;
    const last = world.priceAt(world.tick - 1);
    const then = world.priceAt(world.tick - 1 - p.lookback);
    const momentum = then > 0 ? last / then - 1 : 0;
    const thr = p.momentumThreshold;
    for (let k = 0; k < count; k++) {
      const i = order === null ? k : order[k];
      if (active[i] === 0 || rng.next() >= p.activity) continue;
      let usd = 0; // > 0 buy that many USD of tokens, < 0 sell that many USD of tokens
      const kd = kind[i];
      if (kd === TRADER_KINDS.noise) {
        const size = rng.next() * tradeUsd[i];
        usd = rng.next() < 0.5 ? size : -size;
      } else if (kd === TRADER_KINDS.momentum) {
        if (momentum > thr || momentum < -thr) {
          const strength = Math.min(1, Math.abs(momentum) / (4 * thr || 1));
          usd = (momentum > 0 ? 1 : -1) * strength * tradeUsd[i];
        }
      } else {
        const price = pool.price;
        const gap = (fairValue[i] - price) / price;
        if (gap > p.band || gap < -p.band) usd = Math.sign(gap) * Math.min(1, Math.abs(gap)) * tradeUsd[i];
      }
      if (usd > 0) {
        const room = limit[i] - tokens[i];
        if (room <= 0) continue;
        const maxUsd = pool.quoteBuyExactOut(room);
        buyTokens(pool, pop, i, usd < maxUsd ? usd : maxUsd);
      } else if (usd < 0) {
        sellTokens(pool, pop, i, -usd / pool.price);
      }
    }
  }
}

/** Default traders: 2,000 agents (60% noise, 20% momentum, 20% fundamentalists), about $130k of daily volume. */
export const tradersDefaults: TradersParams = {
  count: 2000,
  initialTokens: { dist: 'lognormal', mu: Math.log(5000), sigma: 1 },
  initialUsd: { dist: 'lognormal', mu: Math.log(5000), sigma: 1 },
  mix: { noise: 0.6, momentum: 0.2, fundamentalist: 0.2 },
  activity: 0.1,
  tradeUsd: { dist: 'lognormal', mu: Math.log(1000), sigma: 1 },
  lookback: 7,
  momentumThreshold: 0.02,
  fairValue: { dist: 'lognormal', mu: 0, sigma: 0.2 },
  band: 0.05,
  positionLimit: 5,
};

/** The traders agent block: noise, momentum and fundamentalist traders on the token's market. */
export const traders = defineBlock({
  key: 'traders',
  kind: 'agents',
  description: 'traders: noise, momentum and fundamentalist rules by a kind column, on the token market',
  sources: ['noise, momentum (chartist) and fundamentalist rules: Brock & Hommes (1998), J. Econ. Dynamics and Control 22; Lux & Marchesi (1999), Nature 397'],
  params: { schema: tradersParamsSchema, defaults: tradersDefaults },
  needs: { market: marketPort },
  population: { schema: tradersSchema, count: (p) => p.count },
  build(ctx) {
    const { pop } = ctx.population(tradersSchema);
    const cls = new Traders(pop, ctx.params, ctx.deps.market, ctx.rng);
    return { api: cls, agents: cls, genesis: (w) => cls.init(w, ctx.rng.fork('genesis')) };
  },
});
