import { z } from 'zod';
import { distributionSchema } from '../src/core/distributions';
import { drawTrait, endow } from '../src/core/genesis';
import { Population } from '../src/core/population';
import type { Rng } from '../src/core/rng';
import type { AgentClass, World } from '../src/core/world';
import type { ConstantProductPool } from '../src/market/amm';
import { sellForUsd } from '../src/market/trade';
import type { NodeRewards } from '../src/mechanisms/nodeRewards';

/** Parameters of the DePIN node operators class. */
export const nodeOperatorsParamsSchema = z
  .object({
    /** Potential operators (online or not). */
    candidates: z.number().int().min(0),
    /** Operators online at the start (the first ones). */
    initialNodes: z.number().int().min(0),
    initialTokens: distributionSchema,
    initialUsd: distributionSchema,
    /** Capacity units per node (e.g. GPUs). */
    capacity: distributionSchema,
    /** Hardware cost per node, in USD, amortised over `amortisationTicks`. */
    hardwareUsd: distributionSchema,
    amortisationTicks: z.number().int().min(1),
    /** Operating cost (power, bandwidth, hosting), in USD per tick. */
    opexUsdPerTick: distributionSchema,
    /** Annual return on hardware an operator requires to join. */
    hurdle: distributionSchema,
    /** Consecutive loss-making ticks after which an operator leaves. */
    patienceTicks: distributionSchema,
    /** Probability per tick that an offline operator considers joining. */
    considerProbability: z.number().min(0).max(1),
  })
  .strict()
  .refine((p) => p.initialNodes <= p.candidates, { message: 'initialNodes must not exceed candidates', path: ['initialNodes'] });
export type NodeOperatorsParams = z.infer<typeof nodeOperatorsParamsSchema>;

const schema = {
  capacity: 'f64',
  hardwareUsd: 'f64',
  costUsdPerTick: 'f64',
  hurdle: 'f64',
  patience: 'f64',
  lossTicks: 'i32',
  online: 'u8',
} as const;

/**
 * DePIN node operators. An online node costs `costUsdPerTick` =
 * hardwareUsd / amortisationTicks + opex (USD per tick, paid out of the
 * model) and earns a share of the node-reward stream by capacity. Each tick
 * it settles its reward r (tokens), sells enough tokens to pay its cost, and
 * counts the tick as a loss when r · price < cost; after `patience`
 * consecutive losses it goes offline.
 *
 * An offline operator considers joining with probability
 * `considerProbability` per tick and joins when its expected annual return on
 * hardware
 *
 *   ((R · c / (C + c)) · price − cost) · ticksPerYear / hardwareUsd
 *
 * beats its hurdle (R: node rewards per tick, c: its capacity, C: capacity
 * online).
 */
export class NodeOperators implements AgentClass {
  readonly name = 'nodeOperators';
  readonly population: Population<typeof schema>;

  constructor(
    private readonly params: () => NodeOperatorsParams,
    private readonly pool: ConstantProductPool,
    private readonly stream: NodeRewards,
    /** Node rewards scheduled this tick, in tokens. */
    private readonly rewardPerTick: () => number,
    private readonly rng: Rng,
  ) {
    this.population = new Population('nodeOperators', schema, 0);
    stream.attach(this.population);
  }

  /** Returns the number of nodes online. */
  get nodeCount(): number {
    return this.stream.nodes;
  }

  /** Creates the candidates with their traits and balances and brings the first `initialNodes` online. */
  init(world: World, rng: Rng): void {
    const p = this.params();
    const pop = this.population;
    const first = pop.add(p.candidates);
    const end = first + p.candidates;
    endow(world.ledger, pop, first, end, p.initialTokens, p.initialUsd, rng);
    const c = pop.cols;
    drawTrait(c.capacity, first, end, p.capacity, rng);
    drawTrait(c.hardwareUsd, first, end, p.hardwareUsd, rng);
    drawTrait(c.costUsdPerTick, first, end, p.opexUsdPerTick, rng);
    drawTrait(c.hurdle, first, end, p.hurdle, rng);
    drawTrait(c.patience, first, end, p.patienceTicks, rng);
    for (let i = first; i < end; i++) {
      c.capacity[i] = Math.max(0, c.capacity[i]);
      c.costUsdPerTick[i] += c.hardwareUsd[i] / p.amortisationTicks;
      if (i - first < p.initialNodes) {
        c.online[i] = 1;
        this.stream.join(pop, i);
      }
    }
  }

  act(world: World, order: Int32Array | null, count: number): void {
    const p = this.params();
    const pop = this.population;
    const pool = this.pool;
    const { capacity, hardwareUsd, costUsdPerTick, hurdle, patience, lossTicks, online, active, usd } = pop.cols;
    const price = pool.price;
    const reward = this.rewardPerTick();
    const tpy = world.ticksPerYear;
    let usdOut = 0;
    for (let k = 0; k < count; k++) {
      const i = order === null ? k : order[k];
      if (active[i] === 0) continue;
      if (online[i] === 1) {
        const r = this.stream.settle(pop, i);
        const cost = costUsdPerTick[i];
        if (usd[i] < cost) sellForUsd(pool, pop, i, cost - usd[i]);
        const paid = usd[i] < cost ? usd[i] : cost;
        usd[i] -= paid;
        usdOut += paid;
        if (r * price < cost) lossTicks[i]++;
        else lossTicks[i] = 0;
        if (lossTicks[i] >= patience[i]) {
          this.stream.leave(pop, i);
          online[i] = 0;
          lossTicks[i] = 0;
        }
      } else if (this.rng.next() < p.considerProbability) {
        const c = capacity[i];
        const share = c / (this.stream.totalCapacity + c);
        const annual = ((reward * share * price - costUsdPerTick[i]) * tpy) / hardwareUsd[i];
        if (annual > hurdle[i]) {
          online[i] = 1;
          this.stream.join(pop, i);
        }
      }
    }
    world.ledger.usdOut(usdOut);
  }
}
