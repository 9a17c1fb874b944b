import { z } from 'zod';
import { NodeOperators, nodeOperatorsParamsSchema } from '../../agents/nodeOperators';
import { Stakers, stakersParamsSchema } from '../../agents/stakers';
import { Traders, tradersParamsSchema } from '../../agents/traders';
import { Voters, votersParamsSchema } from '../../agents/voters';
import { VoteBuyer, voteBuyerParamsSchema } from '../../agents/voteBuyer';
import type { World } from '../core/world';
import { ammParamsSchema, type ConstantProductPool } from '../market/amm';
import { Emission, emissionParamsSchema } from '../mechanisms/emission';
import { FeeBurn, feeBurnParamsSchema } from '../mechanisms/feeBurn';
import { Governance, ROLES, governanceEventsTable, governanceMetrics, governanceParamsSchema, governanceSummary } from '../mechanisms/governance';
import { NodeRewards } from '../mechanisms/nodeRewards';
import { addStakingPool, stakingParamsSchema } from '../mechanisms/staking';
import { marketWorld } from './marketWorld';
import type { BuildOptions, Metric, Model, Simulation } from '../experiment/model';
import { tokenEconomySummary } from '../metrics/summary';
// Supply-side mechanisms (vesting, burns, buybacks, dynamic and lock-weighted rewards, treasury policy).
import { addLockPool, addSupplySide, supplySideDefaults, supplySideShape, type SupplySide } from './supplySide';
import type { EmissionState } from '../mechanisms/emission';
import { supplySideKpis } from '../metrics/supplyKpis';

/** Shares of each tick's emission paid to stakers, node operators and the treasury (sum ≤ 1; the rest is not minted). */
export const rewardSplitSchema = z
  .object({
    stakers: z.number().min(0).max(1),
    nodes: z.number().min(0).max(1),
    treasury: z.number().min(0).max(1),
    /** Share paid to lock-weighted stakers (see `LockPool`). */
    lockers: z.number().min(0).max(1).optional(),
  })
  .strict()
  .refine((s) => s.stakers + s.nodes + s.treasury + (s.lockers ?? 0) <= 1 + 1e-12, { message: 'reward shares must sum to at most 1' });

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
    voteBuyer: voteBuyerParamsSchema,
    ...supplySideShape,
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
  emission: {
    schedule: 'constant',
    ratePerYear: 5_000_000,
    decayPerYear: 0.3,
    halvingTicks: 365,
    maxSupply: null,
    linearTicks: 4 * 365,
    inflationPerYear: 0.1,
    stakingTarget: { target: 0.5, minPerYear: 0.02, maxPerYear: 0.2, gain: 0.4 },
    formula: 'rate * exp(-years)',
  },
  rewards: { stakers: 0.6, nodes: 0.3, treasury: 0.1, lockers: 0 },
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
    roles: { holder: 0.5, staker: 0.35, nodeOperator: 0.15, grantee: 0 },
    turnout: { dist: 'uniform', min: 0.02, max: 0.3 },
    noise: 0.1,
    participationCostUsd: 0,
    outcomeShare: 0.01,
    bribeReservationUsd: { dist: 'lognormal', mu: Math.log(20), sigma: 1 },
    lockTicks: { dist: 'uniform', min: 0, max: 4 * 365 },
    proposeProbability: 0,
    granteeSellShare: 0.05,
    whales: { count: 0, tokens: { dist: 'constant', value: 1_000_000 }, role: 'holder', turnout: 0.5 },
    delegation: { delegates: 0, share: 0, alignment: 0.8, turnout: 0.5, redelegateProbability: 0 },
  },
  governance: {
    enabled: true,
    rule: 'token',
    proposalEveryTicks: 30,
    votingTicks: 7,
    quorum: 0.1,
    threshold: 0.5,
    timelockTicks: 2,
    stepShare: 0.2,
    targets: [
      { path: 'emission.ratePerYear', holder: -1, staker: 1, nodeOperator: 1 },
      { path: 'burn.feeShare', holder: 1, staker: 1, nodeOperator: -1 },
    ],
    scheduledKinds: { param: 1, grant: 0, buyback: 0, signal: 0 },
    grantShare: 0.01,
    buybackShare: 0.05,
    buybackBurn: false,
    spendPreferences: {
      grant: { holder: 1, staker: 1, nodeOperator: 1, grantee: 1 },
      buyback: { holder: 1, staker: 1, nodeOperator: 1, grantee: -1 },
    },
    proposalThreshold: 0.001,
    depositTokens: 1000,
    maxLockTicks: 4 * 365,
    conviction: { alpha: 0.9, beta: 0.2, rho: 0.0025, maxTicks: 90 },
  },
  voteBuyer: {
    count: 0,
    initialTokens: { dist: 'constant', value: 0 },
    initialUsd: { dist: 'constant', value: 500_000 },
    role: 'grantee',
    bribeUsdPerVote: 0.01,
    raiseShare: 0.2,
    maxUsdPerProposal: 100_000,
    proposeProbability: 0.05,
    lockTicks: 0,
  },
  ...supplySideDefaults,
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
  readonly voteBuyer: VoteBuyer;
  /** Vesting, treasury, burns, buybacks, dynamic and lock-weighted rewards. */
  readonly supplySide: SupplySide;
}

/**
 * Returns a built token economy: AMM pool, staking pool, emission split
 * between stakers, nodes and treasury, fee burn, token-weighted governance,
 * and the four agent classes, with genesis balances minted.
 */
export function buildTokenEconomy(params: TokenEconomyParams, opts: BuildOptions): TokenEconomy {
  const { world, pool } = marketWorld(params, tokenEconomySchema, opts);
  const P = () => world.params;

  const staking = addStakingPool(world, () => P().staking.unbondingTicks);
  // Governance runs first in each phase: a proposal passed at the end of tick t applies from tick t + 1's emission on.
  const governance = world.addMechanism(new Governance(() => P().governance, world.rng.fork('governance'), pool));
  world.ledger.register(governance);
  const nodeRewards = new NodeRewards();
  world.ledger.register(nodeRewards);
  const locking = addLockPool(world);
  const emissionState: EmissionState = { supply: 0, staked: 0, price: 0, feesUsd: 0, treasury: 0 };
  const readEmissionState = (): EmissionState => {
    emissionState.supply = world.ledger.supply;
    emissionState.staked = staking.totalStaked;
    emissionState.price = pool.price;
    // The pool's counters still hold the previous tick: emission runs before they are reset.
    emissionState.feesUsd = pool.feesUsd + pool.feesTokens * pool.price;
    emissionState.treasury = world.treasury.tokens;
    return emissionState;
  };
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
    { name: 'lockers', share: () => P().rewards.lockers ?? 0, pay: (a) => locking.distribute(a, world.tick) },
  ], readEmissionState);
  world.addMechanism({ name: 'nodeRewardsTick', pre: () => nodeRewards.beginTick() });
  world.addMechanism(emission);
  const feeBurn = world.addMechanism(new FeeBurn(pool, () => P().burn));
  world.addMechanism({ name: 'ammTick', pre: () => pool.beginTick() });

  const scheduled = () => emission.scheduledThisTick;
  // What stakers would be paid this tick (even when nothing is staked yet), per year: emission, dynamic rewards, subsidy.
  const stakerRewardsPerYear = () =>
    (emission.scheduledThisTick * P().rewards.stakers + supplySide.dynamicRewards.paidThisTick) * world.ticksPerYear + P().treasuryPolicy.subsidyTokensPerYear;
  const stakers = world.addAgents(new Stakers(() => P().stakers, pool, staking, stakerRewardsPerYear));
  const traders = world.addAgents(new Traders(() => P().traders, pool, world.rng.fork('traders')));
  const nodeOperators = world.addAgents(
    new NodeOperators(() => P().nodeOperators, pool, nodeRewards, () => scheduled() * P().rewards.nodes, world.rng.fork('nodeOperators')),
  );
  const voters = world.addAgents(new Voters(() => P().voters, governance, staking, world.rng.fork('voters'), pool));
  const voteBuyer = world.addAgents(new VoteBuyer(() => P().voteBuyer, governance, world.rng.fork('voteBuyer')));
  // Holders who do not vote still have a view, by position: it decides whether a passed proposal was a capture.
  governance.electorate.addBystanders(stakers.population, ROLES.indexOf('staker'));
  governance.electorate.addBystanders(traders.population, ROLES.indexOf('holder'));
  governance.electorate.addBystanders(nodeOperators.population, ROLES.indexOf('nodeOperator'));
  stakers.init(world, world.rng.fork('stakers').fork('genesis'));
  traders.init(world, world.rng.fork('traders').fork('genesis'));
  nodeOperators.init(world, world.rng.fork('nodeOperators').fork('genesis'));
  voters.init(world, world.rng.fork('voters').fork('genesis'));
  voteBuyer.init(world, world.rng.fork('voteBuyer').fork('genesis'));
  governance.electorate.seal();
  const supplySide = addSupplySide(world, { pool, staking, locking, feeBurn, emission });
  // Holders of vested allocations do not vote, but count as holders when capture is measured.
  if (supplySide.sectorHolders) governance.electorate.addBystanders(supplySide.sectorHolders.population, ROLES.indexOf('holder'));
  world.priceSource = () => pool.price;
  world.recordPrice(pool.price);
  const genesisMinted = world.ledger.minted;

  const supply = () => world.ledger.supply;
  const circulating = () =>
    world.ledger.supply - staking.totalStaked - staking.totalUnbonding - staking.rewards.escrow - nodeRewards.rewards.escrow - world.treasury.tokens -
    supplySide.vesting.escrow - locking.totalLocked - locking.escrow;
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
    ...governanceMetrics(governance, world),
    ...supplySide.metrics,
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
    voteBuyer,
    supplySide,
    summary: (series, ticks) => ({
      ...tokenEconomySummary(economy, series, ticks),
      ...governanceSummary(governance),
      ...supplySideKpis(series, ticks, world.ticksPerYear),
    }),
    tables: [governanceEventsTable(governance), supplySide.unlockLog.table()],
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
