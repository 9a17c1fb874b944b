import { delegators } from '../../agents/delegators';
import { stakePools } from '../../agents/stakePools';
import { stakers } from '../../agents/stakers';
import { traders } from '../../agents/traders';
import { amm } from '../market/amm';
import { algorandRewards } from '../mechanisms/algorandRewards';
import { cardano } from '../mechanisms/cardano';
import { consensus } from '../mechanisms/consensusRewards';
import { GRID_INTENSITY_G_PER_KWH, PUE } from '../mechanisms/energy';
import { ethereumIssuance } from '../mechanisms/ethereumIssuance';
import { staking } from '../mechanisms/staking';
import { tezosIssuance } from '../mechanisms/tezosIssuance';
import { treasury } from '../mechanisms/treasury';
import { fairness } from '../metrics/fairness';
import { holdings } from '../metrics/holdings';
import { securityBudget } from '../metrics/securityBudget';
import { supplyMetrics } from '../metrics/supplyMetrics';
import type { DeepPartial } from '../experiment/define';
import { defineModel, type ModelParams } from '../model/defineModel';
import { algorandPos, algorandPosEnergy } from './algorandPos';
import { cardanoPos, cardanoPosEnergy } from './cardanoPos';
import { ethereumPos, ethereumPosEnergy } from './ethereumPos';
import { tezosPos, tezosPosEnergy } from './tezosPos';

/**
 * The four proof-of-stake presets' blocks in one model, so that one
 * experiment can compare the chains: Ethereum's, Tezos's and Algorand's
 * (staking pool, Altair issuance, adaptive issuance or proposer payouts,
 * stakers) and Cardano's (stake pools, Shelley rewards, delegators) around
 * one AMM market. By default no chain has agents or pays anything
 * (Ethereum's epochs per year 0, Tezos's rates 0, Algorand's rewards pool
 * empty, Cardano's ρ 0); the variant `ethereumChain`, `tezosChain`,
 * `algorandChain` or `cardanoChain` gives one of them the agents, market
 * and parameters of its preset (`ethereumPos`, `tezosPos`, `algorandPos`,
 * `cardanoPos`), so each variant runs as its preset does.
 *
 * The `consensus` block pays nothing here (rewardPerYear 0, the chains'
 * own blocks pay) and only counts the electricity of the chain's nodes:
 * E = nodes × kW per node × 8,760 h × PUE a year, and its CO2 at the
 * world's grid average (480 g/kWh). By default no node runs; each variant
 * sets `consensus.pos` to its preset's figures (`ethereumPosEnergy`,
 * `tezosPosEnergy`, `algorandPosEnergy`, `cardanoPosEnergy`, sources there).
 */
export const posChains = defineModel({
  name: 'posChains',
  description: 'the Ethereum, Tezos, Algorand and Cardano proof-of-stake presets side by side; a variant gives one chain its agents and the other none',
  blocks: [amm, treasury, staking, ethereumIssuance, tezosIssuance, algorandRewards, stakers, stakePools, cardano, delegators, traders, consensus, supplyMetrics, holdings, fairness, securityBudget],
  defaults: {
    treasury: { tokens: 0, usd: 0 },
    stakers: { count: 0 },
    stakePools: { count: 0 },
    delegators: { count: 0 },
    cardano: { rho: 0 },
    ethereumIssuance: { epochsPerYear: 0 },
    tezosIssuance: { minRate: 0, maxRate: 0 },
    algorandRewards: { poolTokens: 0 },
    traders: { count: 0, arrivals: { perYear: 0 } },
    consensus: { kind: 'pos', rewardPerYear: 0, txPerTick: 0, gridIntensity: GRID_INTENSITY_G_PER_KWH.world, pos: { powerKwPerNode: 0, pue: PUE.home, minNodes: 0, stakePerNode: null } },
  },
});

/** The proof-of-stake chains' parameters. */
export type PosChainsParams = ModelParams<(typeof posChains.blocks)[number]>;

/** The variant that runs the Ethereum preset in `posChains`. */
export const ethereumChain: DeepPartial<PosChainsParams> = {
  amm: ethereumPos.defaults.amm,
  staking: ethereumPos.defaults.staking,
  ethereumIssuance: ethereumPos.defaults.ethereumIssuance,
  stakers: ethereumPos.defaults.stakers,
  traders: ethereumPos.defaults.traders,
  consensus: { pos: ethereumPosEnergy },
};

/** The variant that runs the Tezos preset in `posChains`. */
export const tezosChain: DeepPartial<PosChainsParams> = {
  amm: tezosPos.defaults.amm,
  staking: tezosPos.defaults.staking,
  tezosIssuance: tezosPos.defaults.tezosIssuance,
  stakers: tezosPos.defaults.stakers,
  traders: tezosPos.defaults.traders,
  consensus: { pos: tezosPosEnergy },
};

/** The variant that runs the Algorand preset in `posChains`. */
export const algorandChain: DeepPartial<PosChainsParams> = {
  amm: algorandPos.defaults.amm,
  staking: algorandPos.defaults.staking,
  algorandRewards: algorandPos.defaults.algorandRewards,
  stakers: algorandPos.defaults.stakers,
  traders: algorandPos.defaults.traders,
  consensus: { pos: algorandPosEnergy },
};

/** The variant that runs the Cardano preset in `posChains`. */
export const cardanoChain: DeepPartial<PosChainsParams> = {
  amm: cardanoPos.defaults.amm,
  treasury: cardanoPos.defaults.treasury,
  stakePools: cardanoPos.defaults.stakePools,
  cardano: cardanoPos.defaults.cardano,
  delegators: cardanoPos.defaults.delegators,
  traders: cardanoPos.defaults.traders,
  consensus: { pos: cardanoPosEnergy },
};
