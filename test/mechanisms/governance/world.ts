import { z } from 'zod';
import { World } from '../../../src/core/world';
import { Population } from '../../../src/core/population';
import { Governance } from '../../../src/mechanisms/governance/governance';
import { governanceParamsSchema, type GovernanceParams } from '../../../src/mechanisms/governance/params';
import { ConstantProductPool } from '../../../src/market/amm';
import { tokenEconomyDefaults } from '../../../src/models/tokenEconomy';

/** A tiny model with one governable fee in [0, 0.1] and the governance parameters. */
export const tinySchema = z.object({ fee: z.number().min(0).max(0.1), governance: governanceParamsSchema }).strict();
export type Tiny = z.infer<typeof tinySchema>;

/** Governance parameters for hand-worked tests: nothing scheduled, no deposit, no threshold, timelock 0. */
export function govParams(over: Partial<GovernanceParams> = {}): GovernanceParams {
  return {
    ...tokenEconomyDefaults.governance,
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
 * Returns a world whose electorate is one population of voters holding
 * `tokens` (roles all holder unless given), a treasury of 1000 tokens and
 * 1000 USD, and a 1000/1000 AMM pool, all minted through the ledger.
 */
export function tinyWorld(tokens: number[], over: Partial<GovernanceParams> = {}, roles?: number[]) {
  const world = new World<Tiny>({ params: { fee: 0.05, governance: govParams(over) }, schema: tinySchema, seed: 1, check: true });
  const pool = new ConstantProductPool({ tokenReserve: 1000, usdReserve: 1000, feeBps: 0 });
  world.ledger.register(pool);
  const gov = world.addMechanism(new Governance(() => world.params.governance, world.rng.fork('governance'), pool));
  world.ledger.register(gov);
  const pop = new Population('voters', { role: 'u8', delegate: 'i32', lockTicks: 'f64' }, 0);
  world.addPopulation(pop);
  pop.add(tokens.length);
  pop.cols.delegate.fill(-1);
  tokens.forEach((t, i) => {
    pop.cols.tokens[i] = t;
    pop.cols.role[i] = roles?.[i] ?? 0;
  });
  world.treasury.tokens = 1000;
  world.treasury.usd = 1000;
  world.ledger.mint(tokens.reduce((a, b) => a + b, 0) + 1000 + 1000);
  world.ledger.usdIn(2000);
  gov.electorate.add(pop);
  gov.electorate.seal();
  return { world, gov, pop, pool };
}
