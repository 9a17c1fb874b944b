/**
 * The stake-and-trade model (see `stakeAndTradeModel.ts`) built with
 * tokensim's public faces: a model of three blocks — the `amm` pool, the
 * `staking` pool (no unbonding) and one agent block whose population branches
 * on a `kind` column (staker or noise trader) and whose `pre` hook mints the
 * emission into the staking rewards — run tick by tick, reading the price,
 * the stake and the supply after each tick.
 *
 * The model's specification fixes one random stream for the whole run (the
 * run's root stream, `new Rng(seed)`), so the agent block draws from
 * `world.rng` rather than from a stream of its own: that is what makes its
 * draws those of the hand-written twin.
 */
import { z } from 'zod';
import { amm, defineModel, marketPort, staking } from '../src';
import { buyTokens, defineBlock, sellTokens, stakingColumns, type StakingPool, type World } from '../src/blocks';
import type { ConstantProductPool } from '../src/market/constantProductPool';
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
const schema = { ...stakingColumns, kind: 'u8', hurdle: 'f64' } as const;

/**
 * Stakers and noise traders in one population, acting in index order by
 * branching on `kind`; in phase `pre` the emission E = 0.2·N is paid to
 * stakers (when anything is staked) and the tick's APR fixed.
 */
const stakeAndTradeAgents = defineBlock({
  key: 'agents',
  kind: 'agents',
  description: 'stakers and noise traders of the stake-and-trade benchmark, with the stakers’ emission',
  params: { schema: z.object({ count: z.number().int().min(0) }).strict(), defaults: { count: 0 } },
  needs: { market: marketPort, staking },
  build(ctx) {
    const { pop, account } = ctx.population(schema);
    const pool = ctx.deps.market;
    const member = ctx.deps.staking.attach(pop);
    const world = ctx.world;
    const agents = ctx.ledger.pocket(account, pop, 'tokens');
    const cash = ctx.ledger.pocket(account, pop, 'usd', 'usd');
    const emission = () => EMISSION_PER_AGENT * ctx.params().count;
    const rewards = ctx.deps.staking.rewardsFrom('mint', 'emission', () => emission() * DAYS_PER_YEAR);
    let apr = Infinity;
    return {
      api: pop,
      genesis: () => {
        const n = ctx.params().count;
        const first = pop.add(n);
        const endowment = new Float64Array(n).fill(ENDOWMENT);
        ctx.ledger.route('mint', agents, 'genesis').payRange(first, endowment);
        ctx.ledger.route('outside', cash, 'genesis', 'usd').payRange(first, endowment);
        const { kind, hurdle } = pop.cols;
        for (let i = 0; i < n; i++) {
          if (!isStaker(i)) continue;
          kind[i] = STAKER;
          hurdle[i] = world.rng.uniform(HURDLE_MIN, HURDLE_MAX);
        }
      },
      hooks: {
        pre: () => {
          const e = emission();
          rewards.pay(e);
          const s = ctx.deps.staking.totalStaked;
          apr = s > 0 ? (e * DAYS_PER_YEAR) / s : Infinity;
        },
      },
      agents: {
        name: 'agents',
        population: pop,
        act(w: World, order: Int32Array | null, count: number): void {
          const { kind, hurdle, tokens, staked } = pop.cols;
          const rng = w.rng;
          for (let k = 0; k < count; k++) {
            const i = order === null ? k : order[k];
            if (kind[i] === STAKER) {
              member.settle(i);
              if (apr > hurdle[i]) member.stake(i, tokens[i] * ADJUST_SHARE);
              else member.unstake(i, staked[i] * ADJUST_SHARE, w.tick);
            } else if (rng.next() < TRADE_PROBABILITY) {
              const size = MAX_TRADE_USD * rng.next();
              if (rng.next() < 0.5) buyTokens(pool, pop, i, size);
              else sellTokens(pool, pop, i, size / pool.price);
            }
          }
        },
      },
    };
  },
});

/** The stake-and-trade model: the pool, the staking pool and the agents (`agents.count` of them), in index order. */
export const stakeAndTradeModel = defineModel({
  name: 'stakeAndTrade',
  description: 'stakers and noise traders around one AMM pool (the stake-and-trade benchmark)',
  activation: 'index',
  flows: false,
  blocks: [amm, staking, stakeAndTradeAgents],
});

/** A stake-and-trade simulation, built and ready to step. */
export interface StakeAndTrade {
  world: World;
  pool: ConstantProductPool;
  staking: StakingPool;
}

/** Returns the stake-and-trade model with `agents` agents, built with `seed` (conservation checked every tick with `check`). */
export function buildStakeAndTrade(agents: number, seed: number, check = false): StakeAndTrade {
  const d = stakeAndTradeModel.defaults;
  const params = { ...d, amm: { tokenReserve: ENDOWMENT * agents, usdReserve: ENDOWMENT * agents, feeBps: FEE_BPS }, staking: { unbondingTicks: 0 }, agents: { count: agents } };
  const sim = stakeAndTradeModel.build(params, { seed, check });
  return { world: sim.world, pool: sim.api(marketPort), staking: sim.api(staking) };
}

/** Runs the tokensim version for `ticks` ticks and returns its trajectories (index t − 1: after tick t). */
export function runStakeAndTrade(agents: number, ticks: number, seed: number, check = false): Trajectories {
  const { world, pool, staking: stake } = buildStakeAndTrade(agents, seed, check);
  const out: Trajectories = { price: new Float64Array(ticks), staked: new Float64Array(ticks), supply: new Float64Array(ticks) };
  for (let t = 0; t < ticks; t++) {
    world.step();
    out.price[t] = pool.price;
    out.staked[t] = stake.totalStaked;
    out.supply[t] = world.ledger.supply;
  }
  return out;
}
