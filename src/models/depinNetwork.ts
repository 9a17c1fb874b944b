import { nodeOperators, type NodeOperatorsParams } from '../../agents/nodeOperators';
import { stakers } from '../../agents/stakers';
import { traders } from '../../agents/traders';
import { amm } from '../market/amm';
import { demandReplay } from '../market/demandReplay';
import { factor } from '../market/factor';
import { fundamentals } from '../market/fundamentals';
import { consensus } from '../mechanisms/consensusRewards';
import { depinRewards } from '../mechanisms/depinRewards';
import { green } from '../mechanisms/greenIncentives';
import { nodeRewards } from '../mechanisms/nodeRewards';
import { service, servicePresets, type ServicePreset } from '../mechanisms/serviceMarket';
import { staking } from '../mechanisms/staking';
import { treasury } from '../mechanisms/treasury';
import { footprint } from '../metrics/footprint';
import { holdings } from '../metrics/holdings';
import { stylisedFacts } from '../metrics/stylisedFactsBlock';
import { supplyMetrics } from '../metrics/supplyMetrics';
import { defineModel, type ModelParams } from '../model/defineModel';

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
 * The DePIN network model: an LLM-inference network on community GPUs
 * (`servicePresets.gpuInference`) paying operators 500k tokens a year by
 * contributed capacity, around a $1 token with a $5M pool; proof-of-stake
 * consensus paying stakers 2M tokens a year; 1,200 potential operators (100
 * online), 300 stakers and 300 traders (an open population); daily ticks. A broad
 * market factor (GARCH-t) moves sentiment and demand for the token, and
 * fundamentalists value it from service revenue and supply. Each tick: demand is
 * drawn and operators' uptime drawn (exogenous); the market serves
 * min(demand, up capacity), customers pay (USD to operators, or tokens
 * bought and burned), the operators' mint is paid by capacity and/or served
 * work, and consensus rewards are minted (pre); operators, stakers and
 * traders act; consensus energy and miners' bills are settled (post).
 */
export const depinNetwork = defineModel({
  name: 'depinNetwork',
  description: 'a DePIN service network: demand, node operators, a reward model, consensus energy and carbon, around one AMM pool',
  blocks: [amm, factor, treasury, staking, nodeRewards, service, demandReplay, depinRewards, consensus, green, nodeOperators, stakers, traders, fundamentals, supplyMetrics, footprint, holdings, stylisedFacts],
  defaults: {
    treasury: { tokens: 5_000_000, usd: 500_000 },
    amm: { tokenReserve: 5_000_000, usdReserve: 5_000_000, feeBps: 30 },
    stakers: { count: 300 },
    // The token economy's traders, fewer and smaller, for this smaller pool.
    traders: {
      count: 300,
      initialTokens: { dist: 'lognormal', mu: Math.log(2000), sigma: 1 },
      initialUsd: { dist: 'lognormal', mu: Math.log(2000), sigma: 1 },
    },
    nodeOperators: {
      candidates: 1200,
      initialNodes: 100,
      initialTokens: { dist: 'constant', value: 0 },
      // Most candidates can pay a GPU unit (2,000–3,000 USD) in cash.
      initialUsd: { dist: 'uniform', min: 500, max: 6000 },
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
  },
});

/** The DePIN network's parameters. */
export type DepinNetworkParams = ModelParams<(typeof depinNetwork.blocks)[number]>;
