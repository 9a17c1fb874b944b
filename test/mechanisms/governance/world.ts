import { z } from 'zod';
import { defineBlock } from '../../../src/core/block';
import { amm } from '../../../src/market/amm';
import { electorateColumns } from '../../../src/mechanisms/governance/electorate';
import { governance, governanceDefaults } from '../../../src/mechanisms/governance/governanceBlock';
import type { GovernanceParams } from '../../../src/mechanisms/governance/params';
import { treasury } from '../../../src/mechanisms/treasury';
import { buildBlocks } from '../../helpers/blocks';
import { holdersBlock } from '../../helpers/holders';

/** A block whose one parameter is a governable fee in [0, 0.1] (0.05 by default), at the path `fee`. */
export const feeBlock = defineBlock({
  key: 'fee',
  kind: 'policy',
  description: 'a governable fee for hand-worked governance tests',
  params: { schema: z.number().min(0).max(0.1), defaults: 0.05 },
  build: () => ({ api: undefined }),
});

/** Governance parameters for hand-worked tests: nothing scheduled, no deposit, no threshold, timelock 0. */
export function govParams(over: Partial<GovernanceParams> = {}): GovernanceParams {
  return {
    ...governanceDefaults,
    proposalEveryTicks: 1_000_000,
    scheduledKinds: { param: 0, grant: 0, buyback: 0, signal: 0 },
    votingTicks: 3,
    quorum: 0.5,
    threshold: 0.5,
    timelockTicks: 0,
    proposalThreshold: 0,
    depositTokens: 0,
    targets: [{ path: 'fee', holder: -1, staker: 1, nodeOperator: 0, grantee: 0 }],
    ...over,
  };
}

/**
 * Returns a model whose electorate is one population of voters holding
 * `tokens` (roles all holder unless given), who never act on their own;
 * a treasury of 1000 tokens and 1000 USD; a 1000/1000 AMM pool without
 * fee; and, with `bystanders`, a population of non-voting holders of
 * those tokens. Everything is minted or paid in through the ledger, and
 * conservation is checked every tick.
 */
export function tinyWorld(tokens: number[], over: Partial<GovernanceParams> = {}, roles?: number[], bystanders: number[] = []) {
  const voters = testVoters(tokens, roles);
  const blocks = [feeBlock, amm, treasury, governance, voters, ...(bystanders.length ? [holdersBlock('traders', {}, bystanders)] : [])];
  const sim = buildBlocks(blocks, {
    amm: { tokenReserve: 1000, usdReserve: 1000, feeBps: 0 },
    treasury: { tokens: 1000, usd: 1000 },
    governance: govParams(over),
  });
  return { sim, world: sim.world, gov: sim.governance, pop: sim.api(voters), pool: sim.pool, treasury: sim.treasury };
}

/** Returns the block of `tinyWorld`'s voters: one population holding `tokens` (roles all holder unless given) who vote only when a test casts their ballots. */
export function testVoters(tokens: number[], roles?: number[]) {
  return defineBlock({
    key: 'voters',
    kind: 'agents',
    description: 'test voters with set balances and roles who vote only when a test casts their ballots',
    needs: { governance },
    build(ctx) {
      const holders = holdersBlock('voters', electorateColumns, tokens).spec.build(ctx);
      const pop = holders.api;
      ctx.deps.governance.electorate.add(pop);
      return {
        api: pop,
        genesis: (w) => {
          holders.genesis?.(w);
          pop.cols.delegate.fill(-1);
          tokens.forEach((_, i) => (pop.cols.role[i] = roles?.[i] ?? 0));
        },
      };
    },
  });
}
