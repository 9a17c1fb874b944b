import { delegators } from '../../agents/delegators';
import { stakePools } from '../../agents/stakePools';
import { stakers } from '../../agents/stakers';
import { traders } from '../../agents/traders';
import { amm } from '../market/amm';
import { algorandRewards } from '../mechanisms/algorandRewards';
import { cardano } from '../mechanisms/cardano';
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
import { algorandPos } from './algorandPos';
import { cardanoPos } from './cardanoPos';
import { ethereumPos } from './ethereumPos';
import { tezosPos } from './tezosPos';

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
 */
export const posChains = defineModel({
  name: 'posChains',
  description: 'the Ethereum, Tezos, Algorand and Cardano proof-of-stake presets side by side; a variant gives one chain its agents and the other none',
  blocks: [amm, treasury, staking, ethereumIssuance, tezosIssuance, algorandRewards, stakers, stakePools, cardano, delegators, traders, supplyMetrics, holdings, fairness, securityBudget],
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
};

/** The variant that runs the Tezos preset in `posChains`. */
export const tezosChain: DeepPartial<PosChainsParams> = {
  amm: tezosPos.defaults.amm,
  staking: tezosPos.defaults.staking,
  tezosIssuance: tezosPos.defaults.tezosIssuance,
  stakers: tezosPos.defaults.stakers,
  traders: tezosPos.defaults.traders,
};

/** The variant that runs the Algorand preset in `posChains`. */
export const algorandChain: DeepPartial<PosChainsParams> = {
  amm: algorandPos.defaults.amm,
  staking: algorandPos.defaults.staking,
  algorandRewards: algorandPos.defaults.algorandRewards,
  stakers: algorandPos.defaults.stakers,
  traders: algorandPos.defaults.traders,
};

/** The variant that runs the Cardano preset in `posChains`. */
export const cardanoChain: DeepPartial<PosChainsParams> = {
  amm: cardanoPos.defaults.amm,
  treasury: cardanoPos.defaults.treasury,
  stakePools: cardanoPos.defaults.stakePools,
  cardano: cardanoPos.defaults.cardano,
  delegators: cardanoPos.defaults.delegators,
  traders: cardanoPos.defaults.traders,
};
