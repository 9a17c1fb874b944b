/**
 * The stake-and-trade model (see `stakeAndTradeModel.ts`) built with
 * tokensim's public API: a `World`, one `Population` whose agents branch on a
 * `kind` column (staker or noise trader), a `ConstantProductPool`, a
 * `StakingPool` paying the emission through its reward-per-token index, and
 * a `Recorder` of three metrics.
 */
import {
  ConstantProductPool,
  Population,
  Recorder,
  World,
  addStakingPool,
  buyTokens,
  sellTokens,
  type AgentClass,
  type Mechanism,
  type Metric,
  type StakingPool,
} from '../src';
import {
  ADJUST_SHARE,
  DAYS_PER_YEAR,
  EMISSION_PER_AGENT,
  ENDOWMENT,
  FEE_BPS,
  HURDLE_MAX,
  HURDLE_MIN,
  MAX_TRADE_USD,
  TRADE_PROBABILITY,
  isStaker,
  type Trajectories,
} from './stakeAndTradeModel';

const STAKER = 1;
const schema = { kind: 'u8', hurdle: 'f64' } as const;

/** Stakers and noise traders in one population, acting in index order by branching on `kind`. */
class StakeAndTradeAgents implements AgentClass {
  readonly name = 'agents';
  readonly population: Population<typeof schema>;
  /** APR fixed for the current tick (set by the emission mechanism). */
  apr = Infinity;

  constructor(
    agents: number,
    private readonly pool: ConstantProductPool,
    private readonly staking: StakingPool,
    world: World,
  ) {
    const pop = (this.population = new Population('agents', schema, agents));
    staking.attach(pop);
    pop.add(agents);
    const { kind, hurdle, tokens, usd } = pop.cols;
    tokens.fill(ENDOWMENT);
    usd.fill(ENDOWMENT);
    world.ledger.mint(ENDOWMENT * agents);
    world.ledger.usdIn(ENDOWMENT * agents);
    for (let i = 0; i < agents; i++) {
      if (!isStaker(i)) continue;
      kind[i] = STAKER;
      hurdle[i] = world.rng.uniform(HURDLE_MIN, HURDLE_MAX);
    }
  }

  act(world: World, order: Int32Array | null, count: number): void {
    const pop = this.population;
    const { kind, hurdle, tokens } = pop.cols;
    const staked = pop.f64('staked');
    const { pool, staking, apr } = this;
    const rng = world.rng;
    for (let k = 0; k < count; k++) {
      const i = order === null ? k : order[k];
      if (kind[i] === STAKER) {
        staking.settle(pop, i);
        if (apr > hurdle[i]) staking.stake(pop, i, tokens[i] * ADJUST_SHARE);
        else staking.unstake(pop, i, staked[i] * ADJUST_SHARE, world.tick);
      } else if (rng.next() < TRADE_PROBABILITY) {
        const size = MAX_TRADE_USD * rng.next();
        if (rng.next() < 0.5) buyTokens(pool, pop, i, size);
        else sellTokens(pool, pop, i, size / pool.price);
      }
    }
  }
}

/** A stake-and-trade simulation, built and ready to step. */
export interface StakeAndTrade {
  world: World;
  pool: ConstantProductPool;
  staking: StakingPool;
  recorder: Recorder;
}

/** Returns the stake-and-trade model with `agents` agents, recording every tick for `ticks` ticks. */
export function buildStakeAndTrade(agents: number, ticks: number, seed: number, check = false): StakeAndTrade {
  const world = new World({ params: {}, seed, check });
  const pool = new ConstantProductPool({ tokenReserve: ENDOWMENT * agents, usdReserve: ENDOWMENT * agents, feeBps: FEE_BPS });
  world.ledger.register(pool);
  world.ledger.mint(pool.tokenReserve);
  world.ledger.usdIn(pool.usdReserve);
  const staking = addStakingPool(world, () => 0);
  const emission = EMISSION_PER_AGENT * agents;
  const cls = new StakeAndTradeAgents(agents, pool, staking, world);
  const mint: Mechanism = {
    name: 'stakerEmission',
    pre: () => {
      if (staking.distribute(emission)) world.ledger.mint(emission);
      const s = staking.totalStaked;
      cls.apr = s > 0 ? (emission * DAYS_PER_YEAR) / s : Infinity;
    },
  };
  world.addMechanism(mint);
  world.addAgents(cls);
  world.priceSource = () => pool.price;
  const metrics: Metric[] = [
    { name: 'price', kind: 'level', read: () => pool.price },
    { name: 'staked', kind: 'level', read: () => staking.totalStaked },
    { name: 'supply', kind: 'level', read: () => world.ledger.supply },
  ];
  return { world, pool, staking, recorder: new Recorder(metrics, ticks, 1) };
}

/** Runs the tokensim version for `ticks` ticks and returns its trajectories (index t − 1: after tick t). */
export function runStakeAndTrade(agents: number, ticks: number, seed: number, check = false): Trajectories {
  const sim = buildStakeAndTrade(agents, ticks, seed, check);
  for (let t = 1; t <= ticks; t++) {
    sim.world.step();
    sim.recorder.observe(t);
  }
  const s = sim.recorder.series();
  return { price: s.price.slice(0, ticks), staked: s.staked.slice(0, ticks), supply: s.supply.slice(0, ticks) };
}
