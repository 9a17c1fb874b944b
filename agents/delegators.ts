import { z } from '../src/core/zod';
import { defineBlock } from '../src/core/block';
import { distributionSchema } from '../src/core/distributions';
import { addEndowed } from '../src/core/genesis';
import type { Population } from '../src/core/population';
import type { Rng } from '../src/core/rng';
import type { AgentClass, AnyWorld } from '../src/core/world';
import { cardano, delegationColumns, type CardanoPools } from '../src/mechanisms/cardano';

/** Parameters of the delegators. */
export const delegatorsParamsSchema = z
  .object({
    count: z.number().int().min(0).max(10_000_000),
    /** Starting tokens, per agent. */
    initialTokens: distributionSchema,
    /** Starting USD, per agent. */
    initialUsd: distributionSchema,
    /** Share of agents that delegate at all, in [0, 1]. */
    delegateShare: z.number().min(0).max(1),
    /** Chance per tick that a delegating agent compares its pool with one other, in [0, 1]. */
    reconsiderShare: z.number().min(0).max(1),
  })
  .strict();
export type DelegatorsParams = z.infer<typeof delegatorsParamsSchema>;

export const delegatorsSchema = { ...delegationColumns } as const;
type DelegatorsPopulation = Population<typeof delegatorsSchema>;

/**
 * Delegators (Cardano): a share `delegateShare` of them delegates, each to a
 * pool drawn uniformly at genesis; each tick a delegating agent, with chance
 * `reconsiderShare`, compares the reward per token of its pool with that of
 * one other pool drawn at random, counting its own stake in the other pool
 * (`CardanoPools.memberRate`), and moves when the other pays more — the
 * "two random choices" search that spreads stake away from saturated and
 * costly pools. Delegation keeps tokens liquid; they do not trade.
 */
export class Delegators implements AgentClass {
  readonly name: string;

  constructor(
    readonly population: DelegatorsPopulation,
    private readonly pools: CardanoPools,
    private readonly params: () => DelegatorsParams,
    private readonly rng: Rng,
  ) {
    this.name = population.name;
  }

  /** Endows the agents and draws who delegates, and to which pool. */
  init(world: AnyWorld, rng: Rng): void {
    const p = this.params();
    const [first, end] = addEndowed(world.ledger, this.population, p.count, p.initialTokens, p.initialUsd, rng);
    const c = this.population.cols;
    const n = this.pools.pools.size;
    for (let i = first; i < end; i++) {
      const d = rng.next() < p.delegateShare && n > 0;
      c.delegating[i] = d ? 1 : 0;
      c.pool[i] = d ? rng.int(n) : -1;
    }
  }

  act(_world: AnyWorld, order: Int32Array | null, count: number): void {
    const share = this.params().reconsiderShare;
    const n = this.pools.pools.size;
    if (!(share > 0) || n < 2) return;
    const c = this.population.cols;
    for (let k = 0; k < count; k++) {
      const i = order ? order[k] : k;
      if (c.delegating[i] !== 1 || c.active[i] !== 1 || this.rng.next() >= share) continue;
      const here = c.pool[i];
      let other = this.rng.int(n - 1);
      if (other >= here) other++;
      const t = c.tokens[i];
      if (this.pools.memberRate(other, t) > this.pools.memberRate(here, 0)) {
        this.pools.redelegate(here, other, t);
        c.pool[i] = other;
      }
    }
  }
}

/** The delegators agent block: hold tokens, delegate them to a stake pool, move to a better-paying pool now and then. */
export const delegators = defineBlock({
  key: 'delegators',
  kind: 'agents',
  description: 'delegators: hold tokens liquid, delegate them to a stake pool, and move to a better-paying pool by two random choices',
  sources: ['Brünjes, Kiayias, Koutsoupias & Stouka, "Reward Sharing Schemes for Stake Pools" (EuroS&P 2020): delegators move to pools of higher member reward'],
  params: {
    schema: delegatorsParamsSchema,
    defaults: {
      count: 3000,
      initialTokens: { dist: 'lognormal', mu: Math.log(4_000_000), sigma: 1.2 },
      initialUsd: { dist: 'constant', value: 0 },
      delegateShare: 0.7,
      reconsiderShare: 0.05,
    },
  },
  needs: { cardano },
  population: { schema: delegatorsSchema, count: (p) => p.count },
  build(ctx) {
    const { pop } = ctx.population(delegatorsSchema);
    ctx.deps.cardano.attach(pop);
    const cls = new Delegators(pop, ctx.deps.cardano, ctx.params, ctx.rng.fork('act'));
    return { api: cls, agents: cls, genesis: (w) => cls.init(w, ctx.rng.fork('genesis')) };
  },
});
