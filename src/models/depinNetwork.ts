import { z } from 'zod';
import { NodeOperators, nodeOperatorsParamsSchema, type NodeOperatorsParams } from '../../agents/nodeOperators';
import { Stakers, stakersParamsSchema } from '../../agents/stakers';
import { Traders, tradersParamsSchema } from '../../agents/traders';
import type { World } from '../core/world';
import { marketWorld } from './marketWorld';
import type { BuildOptions, Metric, Model, Simulation } from '../experiment/model';
import { ammParamsSchema, type ConstantProductPool } from '../market/amm';
import { ConsensusRewards } from '../mechanisms/consensusRewards';
import { DepinRewards, ServedWorkRewards, depinRewardsParamsSchema } from '../mechanisms/depinRewards';
import { consensusParamsSchema, consensusPresets, minerShare } from '../mechanisms/energy';
import { greenIncentivesParamsSchema, noGreenIncentives } from '../mechanisms/greenIncentives';
import { NodeRewards } from '../mechanisms/nodeRewards';
import { ServiceMarket, serviceMarketParamsSchema, servicePresets, type ServicePreset } from '../mechanisms/serviceMarket';
import { addStakingPool, stakingParamsSchema } from '../mechanisms/staking';
import { depinSummary } from '../metrics/depinSummary';
import { tokenEconomyDefaults } from './tokenEconomy';

/** Parameters of the DePIN network model: one object per run, every field with a default. */
export const depinNetworkSchema = z
  .object({
    ticksPerYear: z.number().int().min(1),
    activation: z.enum(['index', 'shuffle']),
    /** Tokens and USD the treasury holds at genesis. */
    treasury: z.object({ tokens: z.number().min(0), usd: z.number().min(0) }).strict(),
    amm: ammParamsSchema,
    service: serviceMarketParamsSchema,
    rewards: depinRewardsParamsSchema,
    consensus: consensusParamsSchema,
    green: greenIncentivesParamsSchema,
    staking: stakingParamsSchema,
    stakers: stakersParamsSchema,
    traders: tradersParamsSchema,
    nodeOperators: nodeOperatorsParamsSchema,
  })
  .strict();
export type DepinNetworkParams = z.infer<typeof depinNetworkSchema>;

const gpu = servicePresets.gpuInference;

/**
 * Returns the node-operator parameters of a service preset's hardware:
 * capacity, hardware price and energy as constants, opex spread ±50% and
 * full-load energy ±10% across operators. Use with the preset's market:
 * `{ service: p.market, nodeOperators: presetOperators(p) }`.
 */
export function presetOperators(preset: ServicePreset) {
  const n = preset.node;
  return {
    capacity: { dist: 'constant', value: n.capacityPerUnit },
    hardwareUsd: { dist: 'uniform', min: 0.8 * n.hardwareUsd, max: 1.2 * n.hardwareUsd },
    opexUsdPerTick: { dist: 'uniform', min: 0.5 * n.opexUsdPerTick, max: 1.5 * n.opexUsdPerTick },
    energyKwhPerTick: { dist: 'uniform', min: 0.9 * n.energyKwhPerTick, max: 1.1 * n.energyKwhPerTick },
    idleShare: n.idleShare,
  } satisfies Partial<NodeOperatorsParams>;
}

/**
 * Default parameters: an LLM-inference network on community GPUs
 * (`servicePresets.gpuInference`) paying operators 500k tokens a year by
 * contributed capacity, around a $1 token with a $5M pool; proof-of-stake
 * consensus paying stakers 2M tokens a year; 1,200 potential operators (100
 * online), 300 stakers and 300 traders; daily ticks.
 */
export const depinNetworkDefaults: DepinNetworkParams = {
  ticksPerYear: 365,
  activation: 'shuffle',
  treasury: { tokens: 5_000_000, usd: 500_000 },
  amm: { tokenReserve: 5_000_000, usdReserve: 5_000_000, feeBps: 30 },
  service: gpu.market,
  rewards: {
    model: 'fixedEmission',
    emission: { schedule: 'constant', ratePerYear: 500_000, decayPerYear: 0.3, halvingTicks: 365, maxSupply: null },
    capacityShare: 0.5,
    netEmissionCapPerYear: null,
    protocolFeeShare: 0.05,
  },
  consensus: { ...consensusPresets.pos, rewardPerYear: 2_000_000 },
  green: noGreenIncentives,
  staking: { unbondingTicks: 14 },
  stakers: { ...tokenEconomyDefaults.stakers, count: 300 },
  // The token economy's traders, fewer and smaller, for this smaller pool.
  traders: {
    ...tokenEconomyDefaults.traders,
    count: 300,
    initialTokens: { dist: 'lognormal', mu: Math.log(2000), sigma: 1 },
    initialUsd: { dist: 'lognormal', mu: Math.log(2000), sigma: 1 },
    tradeUsd: { dist: 'lognormal', mu: Math.log(200), sigma: 0.8 },
  },
  nodeOperators: {
    candidates: 1200,
    initialNodes: 100,
    initialTokens: { dist: 'constant', value: 0 },
    initialUsd: { dist: 'uniform', min: 200, max: 2000 },
    capacity: { dist: 'constant', value: gpu.node.capacityPerUnit },
    hardwareUsd: { dist: 'uniform', min: 0.8 * gpu.node.hardwareUsd, max: 1.2 * gpu.node.hardwareUsd },
    amortisationTicks: 3 * 365,
    opexUsdPerTick: { dist: 'uniform', min: 0.5 * gpu.node.opexUsdPerTick, max: 1.5 * gpu.node.opexUsdPerTick },
    hurdle: { dist: 'uniform', min: 0.05, max: 0.4 },
    patienceTicks: { dist: 'uniform', min: 14, max: 60 },
    considerProbability: 0.02,
    maxUnits: 4,
    energyKwhPerTick: { dist: 'uniform', min: 13, max: 15.8 }, // ±10% around the preset's 14.4
    idleShare: gpu.node.idleShare,
    // Residential and small-business tariffs, roughly $0.08–0.30/kWh across the US and Europe.
    electricityUsdPerKwh: { dist: 'uniform', min: 0.08, max: 0.3 },
    gridIntensity: { dist: 'uniform', min: 100, max: 750 },
    renewableShare: 0.15,
    offsetShare: 0.1,
    downtime: { dist: 'uniform', min: 0, max: 0.05 },
    collateralTokens: 0,
    slashShare: 0,
    sellRewardsShare: 0.5,
  },
};

/** The components of a built DePIN network, for tests and custom metrics. */
export interface DepinNetwork extends Simulation {
  readonly world: World<DepinNetworkParams>;
  readonly pool: ConstantProductPool;
  readonly market: ServiceMarket;
  readonly byCapacity: NodeRewards;
  readonly byServed: ServedWorkRewards;
  readonly rewards: DepinRewards;
  readonly consensus: ConsensusRewards;
  readonly staking: ReturnType<typeof addStakingPool>;
  readonly nodeOperators: NodeOperators;
  readonly stakers: Stakers;
  readonly traders: Traders;
}

/**
 * Returns a built DePIN network. Each tick: demand is drawn and operators'
 * uptime drawn (exogenous); the market serves min(demand, up capacity),
 * customers pay (USD to operators, or tokens bought and burned), the
 * operators' mint is paid by capacity and/or served work, and consensus
 * rewards are minted (pre); operators, stakers and traders act; consensus
 * energy and miners' bills are settled (post).
 */
export function buildDepinNetwork(params: DepinNetworkParams, opts: BuildOptions): DepinNetwork {
  const { world, pool } = marketWorld(params, depinNetworkSchema, opts);
  const P = () => world.params;

  const market = new ServiceMarket(() => P().service, world.rng.fork('service'));
  const byCapacity = new NodeRewards('rewardWeight');
  const byServed = new ServedWorkRewards();
  world.ledger.register(byCapacity);
  world.ledger.register(byServed);
  const staking = addStakingPool(world, () => P().staking.unbondingTicks);
  const rewards = new DepinRewards(() => P().rewards, market, () => P().service, pool, byCapacity, byServed);
  const consensus = new ConsensusRewards(() => P().consensus, () => P().green.carbonPriceUsdPerTonne, pool, staking);
  world.ledger.register(consensus);

  const nodeOperators = new NodeOperators(() => P().nodeOperators, pool, byCapacity, () => rewards.lastCapacityMint, world.rng.fork('nodeOperators'), {
    served: byServed,
    utilisation: () => market.utilisation,
    green: () => P().green,
    incomeUsd: (c, w) => rewards.expectedIncomeUsd(c, w, pool.price, world.ticksPerYear, world.tick),
  });
  world.addMechanism(market);
  world.addMechanism({ name: 'uptime', exogenous: (w) => { byServed.beginTick(); nodeOperators.beginTick(w); } });
  world.addMechanism({ name: 'ammTick', pre: () => pool.beginTick() });
  world.addMechanism({ name: 'serve', pre: () => market.serve(byServed.upCapacity) });
  world.addMechanism(rewards);
  world.addMechanism(consensus);

  const stakerRewardsPerYear = () => P().consensus.rewardPerYear * (1 - minerShare(P().consensus));
  world.addAgents(nodeOperators);
  const stakers = world.addAgents(new Stakers(() => P().stakers, pool, staking, stakerRewardsPerYear));
  const traders = world.addAgents(new Traders(() => P().traders, pool, world.rng.fork('traders')));
  nodeOperators.init(world, world.rng.fork('nodeOperators').fork('genesis'));
  stakers.init(world, world.rng.fork('stakers').fork('genesis'));
  traders.init(world, world.rng.fork('traders').fork('genesis'));
  world.priceSource = () => pool.price;
  world.recordPrice(pool.price);
  const genesisMinted = world.ledger.minted;

  const tx = () => P().consensus.txPerTick + pool.trades;
  const energy = () => consensus.energy.energyKwh + nodeOperators.energyKwh;
  const carbon = () => consensus.carbonKg + nodeOperators.carbonKg;
  const perTx = (x: number) => (tx() > 0 ? x / tx() : 0);
  // Row 0 is the state at genesis: no tick has run, so every flow is zero (the ledger's per-tick counters still hold the genesis mint).
  const flow = (name: string, read: () => number): Metric => ({ name, kind: 'flow', read: () => (world.tick === 0 ? 0 : read()) });
  const metrics: Metric[] = [
    { name: 'price', kind: 'level', read: () => pool.price },
    { name: 'supply', kind: 'level', read: () => world.ledger.supply },
    { name: 'minted', kind: 'level', read: () => world.ledger.minted - genesisMinted },
    { name: 'burned', kind: 'level', read: () => world.ledger.burned },
    flow('emission', () => world.ledger.mintedThisTick),
    flow('burn', () => world.ledger.burnedThisTick),
    flow('net_emission', () => world.ledger.mintedThisTick - world.ledger.burnedThisTick),
    flow('operator_mint', () => rewards.mintedThisTick),
    flow('usage_burn', () => rewards.burnedThisTick),
    { name: 'demand', kind: 'level', read: () => market.demand },
    { name: 'capacity', kind: 'level', read: () => nodeOperators.capacityOnline },
    { name: 'served', kind: 'level', read: () => market.served },
    { name: 'utilisation', kind: 'level', read: () => market.utilisation },
    flow('revenue_usd', () => market.revenueUsd),
    { name: 'node_count', kind: 'level', read: () => nodeOperators.nodeCount },
    { name: 'collateral', kind: 'level', read: () => nodeOperators.collateral },
    { name: 'staked', kind: 'level', read: () => staking.totalStaked },
    { name: 'staking_ratio', kind: 'level', read: () => staking.totalStaked / world.ledger.supply },
    { name: 'treasury', kind: 'level', read: () => world.treasury.tokens },
    { name: 'treasury_usd', kind: 'level', read: () => world.treasury.usd + world.treasury.tokens * pool.price },
    flow('volume', () => pool.volumeUsd),
    flow('transactions', tx),
    { name: 'hashrate_th', kind: 'level', read: () => consensus.energy.hashrateTh },
    { name: 'validator_nodes', kind: 'level', read: () => consensus.energy.nodes },
    flow('energy_kwh', energy),
    flow('consensus_energy_kwh', () => consensus.energy.energyKwh),
    flow('hardware_energy_kwh', () => nodeOperators.energyKwh),
    flow('renewable_kwh', () => nodeOperators.renewableKwh),
    flow('carbon_kg', carbon),
    flow('consensus_carbon_kg', () => consensus.carbonKg),
    flow('hardware_carbon_kg', () => nodeOperators.carbonKg),
    flow('carbon_net_kg', () => consensus.carbonKg + nodeOperators.carbonNetKg),
    { name: 'energy_kwh_per_tx', kind: 'level', read: () => perTx(consensus.energy.energyKwh) },
    { name: 'carbon_kg_per_tx', kind: 'level', read: () => perTx(consensus.carbonKg) },
    { name: 'energy_kwh_per_unit', kind: 'level', read: () => (market.served > 0 ? nodeOperators.energyKwh / market.served : 0) },
    flow('carbon_fees_usd', () => nodeOperators.carbonFeesUsd + consensus.carbonFeesUsd),
    flow('offsets_usd', () => nodeOperators.offsetsUsd),
    flow('slashed', () => nodeOperators.slashedTokens),
  ];

  const network: DepinNetwork = {
    world,
    metrics,
    pool,
    market,
    byCapacity,
    byServed,
    rewards,
    consensus,
    staking,
    nodeOperators,
    stakers,
    traders,
    summary: (series, ticks) => depinSummary(network, series, ticks),
  };
  return network;
}

/** The DePIN network model: a service market, node operators, a reward model, consensus energy and carbon, around one AMM pool. */
export const depinNetwork: Model<DepinNetworkParams> = {
  name: 'depinNetwork',
  schema: depinNetworkSchema,
  defaults: depinNetworkDefaults,
  build: buildDepinNetwork,
};
