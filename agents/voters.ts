import { z } from 'zod';
import { distributionSchema } from '../src/core/distributions';
import { drawTrait, endow } from '../src/core/genesis';
import { Population } from '../src/core/population';
import type { Rng } from '../src/core/rng';
import type { AgentClass, World } from '../src/core/world';
import { ROLES, type Governance } from '../src/mechanisms/governance';
import type { StakingPool } from '../src/mechanisms/staking';

/** Parameters of the governance voters class. */
export const votersParamsSchema = z
  .object({
    count: z.number().int().min(0),
    initialTokens: distributionSchema,
    initialUsd: distributionSchema,
    /** Shares of holders, stakers and node operators among voters (normalised to sum 1). */
    roles: z
      .object({ holder: z.number().min(0), staker: z.number().min(0), nodeOperator: z.number().min(0) })
      .strict()
      .refine((r) => r.holder + r.staker + r.nodeOperator > 0, { message: 'voter roles must not be all zero' }),
    /** Probability per tick that a voter who has not yet voted on the open proposal votes. */
    turnout: distributionSchema,
    /** Probability a voter votes against its position's preference (or at random when indifferent). */
    noise: z.number().min(0).max(1),
  })
  .strict();
export type VotersParams = z.infer<typeof votersParamsSchema>;

const schema = { role: 'u8', turnout: 'f64', lastVoted: 'i32' } as const;

/**
 * Governance voters. Each has a position (`role`: 0 holder, 1 staker,
 * 2 node operator; stakers keep all their tokens staked) and votes on the open
 * proposal at most once, with probability `turnout` per tick, weight = tokens
 * held (liquid + staked): for when its position favours the change, against
 * when it opposes it, each flipped with probability `noise`; a voter whose
 * position is indifferent votes at random.
 */
export class Voters implements AgentClass {
  readonly name = 'voters';
  readonly population: Population<typeof schema>;

  constructor(
    private readonly params: () => VotersParams,
    private readonly governance: Governance,
    private readonly staking: StakingPool,
    private readonly rng: Rng,
  ) {
    this.population = new Population('voters', schema, 0);
    staking.attach(this.population);
  }

  /** Creates the voters with their positions and balances; stakers stake everything. */
  init(world: World, rng: Rng): void {
    const p = this.params();
    const pop = this.population;
    const first = pop.add(p.count);
    const end = first + p.count;
    endow(world.ledger, pop, first, end, p.initialTokens, p.initialUsd, rng);
    drawTrait(pop.cols.turnout, first, end, p.turnout, rng);
    const total = p.roles.holder + p.roles.staker + p.roles.nodeOperator;
    const { role, tokens } = pop.cols;
    for (let i = first; i < end; i++) {
      const u = rng.next() * total;
      role[i] = u < p.roles.holder ? 0 : u < p.roles.holder + p.roles.staker ? 1 : 2;
      if (ROLES[role[i]] === 'staker') this.staking.stake(pop, i, tokens[i]);
    }
  }

  act(world: World, order: Int32Array | null, count: number): void {
    const proposal = this.governance.open;
    if (!proposal) return;
    const noise = this.params().noise;
    const pop = this.population;
    const rng = this.rng;
    const { role, turnout, lastVoted, active, tokens } = pop.cols;
    const staked = pop.f64('staked');
    const id = proposal.id;
    for (let k = 0; k < count; k++) {
      const i = order === null ? k : order[k];
      if (active[i] === 0 || lastVoted[i] === id) continue;
      if (rng.next() >= turnout[i]) continue;
      lastVoted[i] = id;
      const pref = this.governance.preference(role[i]);
      let support = pref === 0 ? rng.next() < 0.5 : pref > 0;
      if (rng.next() < noise) support = !support;
      this.governance.vote(support, tokens[i] + staked[i]);
    }
  }
}
