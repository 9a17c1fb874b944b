// The agent class of the README's "Writing an agent class", verbatim, driven in a world.
import { describe, expect, it } from 'vitest';
import {
  ConstantProductPool,
  Population,
  World,
  buyTokens,
  drawTrait,
  endow,
  type AgentClass,
  type AnyWorld,
  type Distribution,
  type Rng,
} from '../../src';

/** Dip buyers: buy `budget` USD of tokens whenever the price falls below their trigger. */
export class DipBuyers implements AgentClass {
  readonly name = 'dipBuyers';
  readonly population = new Population('dipBuyers', { trigger: 'f64', budget: 'f64' });

  constructor(private readonly pool: ConstantProductPool) {}

  init(world: AnyWorld, rng: Rng, count: number, trigger: Distribution): void {
    const first = this.population.add(count);
    endow(world.ledger, this.population, first, first + count,
          { dist: 'constant', value: 0 }, { dist: 'uniform', min: 1_000, max: 10_000 }, rng);
    drawTrait(this.population.cols.trigger, first, first + count, trigger, rng);
    this.population.cols.budget.fill(100, first, first + count);
  }

  act(world: AnyWorld, order: Int32Array | null, count: number): void {
    const { trigger, budget, active } = this.population.cols;
    for (let k = 0; k < count; k++) {
      const i = order === null ? k : order[k];
      if (active[i] && this.pool.price < trigger[i]) buyTokens(this.pool, this.population, i, budget[i]);
    }
  }
}

describe('the README agent class', () => {
  it('buys below its trigger and keeps tokens conserved', () => {
    const world = new World({ params: {}, seed: 1, check: true });
    const pool = new ConstantProductPool({ tokenReserve: 1e6, usdReserve: 0.9e6, feeBps: 30 });
    world.ledger.register(pool);
    world.ledger.mint(1e6);
    world.ledger.usdIn(0.9e6);
    world.priceSource = () => pool.price;
    const buyers = world.addAgents(new DipBuyers(pool));
    buyers.init(world, world.rng.fork('genesis'), 50, { dist: 'constant', value: 1 });
    for (let t = 0; t < 5; t++) world.step();
    expect(pool.price).toBeGreaterThan(0.9);
    expect(buyers.population.cols.tokens.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});
