import { z } from 'zod';
import { NodeOperators, nodeOperatorsParamsSchema } from '../../agents/nodeOperators';
import { Stakers, stakersParamsSchema } from '../../agents/stakers';
import { Traders, tradersParamsSchema } from '../../agents/traders';
import { Voters, votersParamsSchema } from '../../agents/voters';
import { World } from '../core/world';
import { ConstantProductPool, ammParamsSchema } from '../market/amm';
import { Emission, emissionParamsSchema, scheduledEmission, cappedEmission } from '../mechanisms/emission';
import { FeeBurn, feeBurnParamsSchema } from '../mechanisms/feeBurn';
import { Governance, governanceEventsTable, governanceParamsSchema } from '../mechanisms/governance';
import { NodeRewards } from '../mechanisms/nodeRewards';
import { addStakingPool, stakingParamsSchema } from '../mechanisms/staking';
import type { BuildOptions, Metric, Model, Simulation } from '../experiment/model';
import { tokenEconomySummary } from '../metrics/summary';

/** Shares of each tick's emission paid to stakers, node operators and the treasury (sum ≤ 1; the rest is not minted). */
export const rewardSplitSchema = z
  .object({
    stakers: z.number().min(0).max(1),
    nodes: z.number().min(0).max(1),
    treasury: z.number().min(0).max(1),
  })
  .strict()
  .refine((s) => s.stakers + s.nodes + s.treasury <= 1 + 1e-12, { message: 'reward shares must sum to at most 1' });

/** Parameters of the token-economy model: one object per run, every field with a default. */
export const tokenEconomySchema = z
  .object({
    /** Ticks per year (365: a tick is a day). */
    ticksPerYear: z.number().int().min(1),
    /** Agent activation order each tick. */
    activation: z.enum(['index', 'shuffle']),
    /** Tokens the treasury holds at genesis, and its USD. */
    treasury: z.object({ tokens: z.number().min(0), usd: z.number().min(0) }).strict(),
    amm: ammParamsSchema,
    emission: emissionParamsSchema,
    rewards: rewardSplitSchema,
    staking: stakingParamsSchema,
    burn: feeBurnParamsSchema,
    stakers: stakersParamsSchema,
    traders: tradersParamsSchema,
    nodeOperators: nodeOperatorsParamsSchema,
    voters: votersParamsSchema,
    governance: governanceParamsSchema,
  })
  .strict();
export type TokenEconomyParams = z.infer<typeof tokenEconomySchema>;

/**
 * Default parameters: a token at $1 with ~43M tokens at genesis and a $3M
 * pool, 5M tokens/year emission (60% stakers, 30% nodes, 10% treasury), half
 * of AMM fees burned, 2,000 stakers, 2,000 traders (about $130k of daily
 * volume, ~50% annualised volatility), 300 potential node operators (100
 * online) and 500 voters who may vote the emission rate and burn share.
 */
export const tokenEconomyDefaults: TokenEconomyParams = {
  ticksPerYear: 365,
  activation: 'shuffle',
  treasury: { tokens: 10_000_000, usd: 1_000_000 },
  amm: { tokenReserve: 3_000_000, usdReserve: 3_000_000, feeBps: 30 },
  emission: { schedule: 'constant', ratePerYear: 5_000_000, decayPerYear: 0.3, halvingTicks: 365, maxSupply: null },
  rewards: { stakers: 0.6, nodes: 0.3, treasury: 0.1 },
  staking: { unbondingTicks: 14 },
  burn: { feeShare: 0.5, usdFees: 'buyAndBurn' },
  stakers: {
    count: 2000,
    initialTokens: { dist: 'lognormal', mu: Math.log(4000), sigma: 1 },
    initialUsd: { dist: 'lognormal', mu: Math.log(2000), sigma: 1 },
    hurdle: { dist: 'uniform', min: 0.02, max: 0.3 },
    priceWeight: { dist: 'uniform', min: 0, max: 0.5 },
    compoundShare: 0.5,
    sellRewardsShare: { dist: 'uniform', min: 0.2, max: 1 },
    adjustShare: 0.1,
    trendLookback: 30,
  },
  traders: {
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
  },
  nodeOperators: {
    candidates: 300,
    initialNodes: 100,
    initialTokens: { dist: 'constant', value: 0 },
    initialUsd: { dist: 'uniform', min: 500, max: 5000 },
    capacity: { dist: 'lognormal', mu: Math.log(4), sigma: 0.5 },
    hardwareUsd: { dist: 'uniform', min: 8000, max: 20000 },
    amortisationTicks: 3 * 365,
    opexUsdPerTick: { dist: 'uniform', min: 2, max: 8 },
    hurdle: { dist: 'uniform', min: 0.05, max: 0.4 },
    patienceTicks: { dist: 'uniform', min: 14, max: 60 },
    considerProbability: 0.05,
  },
  voters: {
    count: 500,
    initialTokens: { dist: 'pareto', xm: 1000, alpha: 1.5 },
    initialUsd: { dist: 'constant', value: 0 },
    roles: { holder: 0.5, staker: 0.35, nodeOperator: 0.15 },
    turnout: { dist: 'uniform', min: 0.02, max: 0.3 },
    noise: 0.1,
  },
  governance: {
    enabled: true,
    proposalEveryTicks: 30,
    votingTicks: 7,
    quorum: 0.02,
    threshold: 0.5,
    stepShare: 0.2,
    targets: [
      { path: 'emission.ratePerYear', holder: -1, staker: 1, nodeOperator: 1 },
      { path: 'burn.feeShare', holder: 1, staker: 1, nodeOperator: -1 },
    ],
  },
};

/** The components of a built token economy, for tests and custom metrics. */
export interface TokenEconomy extends Simulation {
  readonly world: World<TokenEconomyParams>;
  readonly pool: ConstantProductPool;
  readonly staking: ReturnType<typeof addStakingPool>;
  readonly nodeRewards: NodeRewards;
  readonly emission: Emission;
  readonly feeBurn: FeeBurn;
  readonly governance: Governance;
  readonly stakers: Stakers;
  readonly traders: Traders;
  readonly nodeOperators: NodeOperators;
  readonly voters: Voters;
}

/**
 * Returns a built token economy: AMM pool, staking pool, emission split
 * between stakers, nodes and treasury, fee burn, token-weighted governance,
 * and the four agent classes, with genesis balances minted.
 */
export function buildTokenEconomy(params: TokenEconomyParams, opts: BuildOptions): TokenEconomy {
  const world = new World<TokenEconomyParams>({
    params,
    schema: tokenEconomySchema,
    seed: opts.seed,
    ticksPerYear: params.ticksPerYear,
    activation: params.activation,
    check: opts.check,
  });
  const P = () => world.params;
  const genesisRng = world.rng.fork('genesis');

  const pool = new ConstantProductPool(params.amm);
  world.ledger.register(pool);
  world.ledger.mint(params.amm.tokenReserve + params.treasury.tokens);
  world.ledger.usdIn(params.amm.usdReserve + params.treasury.usd);
  world.treasury.tokens = params.treasury.tokens;
  world.treasury.usd = params.treasury.usd;
  world.onParamChange(() => {
    pool.fee = world.params.amm.feeBps / 10_000;
  });

  const staking = addStakingPool(world, () => P().staking.unbondingTicks);
  // Governance runs first in each phase: a proposal passed at the end of tick t applies from tick t + 1's emission on.
  const governance = world.addMechanism(new Governance(() => P().governance, world.rng.fork('governance')));
  const nodeRewards = new NodeRewards();
  world.ledger.register(nodeRewards);
  const emission = new Emission(() => P().emission, [
    { name: 'stakers', share: () => P().rewards.stakers, pay: (a) => staking.distribute(a) },
    { name: 'nodes', share: () => P().rewards.nodes, pay: (a) => nodeRewards.distribute(a) },
    {
      name: 'treasury',
      share: () => P().rewards.treasury,
      pay: (a) => {
        world.treasury.tokens += a;
        return true;
      },
    },
  ]);
  world.addMechanism({ name: 'nodeRewardsTick', pre: () => nodeRewards.beginTick() });
  world.addMechanism(emission);
  const feeBurn = world.addMechanism(new FeeBurn(pool, () => P().burn));
  world.addMechanism({ name: 'ammTick', pre: () => pool.beginTick() });

  const scheduled = () => scheduledEmission(P().emission, world.tick, world.ticksPerYear);
  // What stakers would be paid this tick at the scheduled rate (even when nothing is staked yet), per year.
  const stakerRewardsPerYear = () =>
    cappedEmission(P().emission, world.tick, world.ticksPerYear, world.ledger.supply - emission.mintedThisTick) * P().rewards.stakers * world.ticksPerYear;
  const stakers = world.addAgents(new Stakers(() => P().stakers, pool, staking, stakerRewardsPerYear));
  const traders = world.addAgents(new Traders(() => P().traders, pool, world.rng.fork('traders')));
  const nodeOperators = world.addAgents(
    new NodeOperators(() => P().nodeOperators, pool, nodeRewards, () => scheduled() * P().rewards.nodes, world.rng.fork('nodes')),
  );
  const voters = world.addAgents(new Voters(() => P().voters, governance, staking, world.rng.fork('voters')));
  stakers.init(world, genesisRng);
  traders.init(world, genesisRng);
  nodeOperators.init(world, genesisRng);
  voters.init(world, genesisRng);
  world.priceSource = () => pool.price;
  world.recordPrice(pool.price);
  const genesisMinted = world.ledger.minted;

  const supply = () => world.ledger.supply;
  const circulating = () =>
    world.ledger.supply - staking.totalStaked - staking.totalUnbonding - staking.rewards.escrow - nodeRewards.rewards.escrow - world.treasury.tokens;
  const metrics: Metric[] = [
    { name: 'price', kind: 'level', read: () => pool.price },
    { name: 'supply', kind: 'level', read: supply },
    { name: 'circulating', kind: 'level', read: circulating },
    { name: 'staked', kind: 'level', read: () => staking.totalStaked },
    { name: 'staking_ratio', kind: 'level', read: () => staking.totalStaked / supply() },
    { name: 'unbonding', kind: 'level', read: () => staking.totalUnbonding },
    { name: 'minted', kind: 'level', read: () => world.ledger.minted - genesisMinted },
    { name: 'burned', kind: 'level', read: () => world.ledger.burned },
    { name: 'emission', kind: 'flow', read: () => emission.mintedThisTick },
    { name: 'burn', kind: 'flow', read: () => world.ledger.burnedThisTick },
    { name: 'treasury', kind: 'level', read: () => world.treasury.tokens },
    { name: 'treasury_usd', kind: 'level', read: () => world.treasury.usd + world.treasury.tokens * pool.price },
    { name: 'volume', kind: 'flow', read: () => pool.volumeUsd },
    { name: 'fees_usd', kind: 'flow', read: () => pool.feesUsd + pool.feesTokens * pool.price },
    { name: 'market_cap', kind: 'level', read: () => pool.price * circulating() },
    { name: 'staking_apr', kind: 'level', read: () => (staking.totalStaked > 0 ? (staking.distributedThisTick * world.ticksPerYear) / staking.totalStaked : 0) },
    { name: 'node_count', kind: 'level', read: () => nodeRewards.nodes },
    { name: 'node_capacity', kind: 'level', read: () => nodeRewards.totalCapacity },
    { name: 'emission_rate', kind: 'level', read: () => world.params.emission.ratePerYear },
    { name: 'burn_share', kind: 'level', read: () => world.params.burn.feeShare },
  ];

  const economy: TokenEconomy = {
    world,
    metrics,
    pool,
    staking,
    nodeRewards,
    emission,
    feeBurn,
    governance,
    stakers,
    traders,
    nodeOperators,
    voters,
    summary: (series, ticks) => tokenEconomySummary(economy, series, ticks),
    tables: [governanceEventsTable(governance)],
  };
  return economy;
}

/** The token-economy model: stakers, traders, DePIN node operators and voters around one AMM pool. */
export const tokenEconomy: Model<TokenEconomyParams> = {
  name: 'tokenEconomy',
  schema: tokenEconomySchema,
  defaults: tokenEconomyDefaults,
  build: buildTokenEconomy,
};
