import { storageProviders } from '../../agents/storageProviders';
import { amm } from '../market/amm';
import { storage } from '../mechanisms/storageNetwork';
import { supplyMetrics } from '../metrics/supplyMetrics';
import { defineModel, type ModelParams } from '../model/defineModel';

/**
 * The storage network model: Filecoin's minting and collateral rules at a
 * thousandth of its scale (S = 330k and B = 770k tokens, a baseline of
 * 2,627 TiB at epoch 0, doubling each year, so the reward per TiB is
 * Filecoin's), 200 potential storage providers (40 storing 20–120 TiB at
 * the start), clients' deal demand growing logistically from 200 TiB
 * towards 40 PiB at $24 per TiB-year (about $2 per TiB-month), and one AMM pool of 200k tokens
 * and $1M ($5 a token) where providers buy their pledge and sell rewards;
 * daily ticks (2880 epochs).
 */
export const storageNetwork = defineModel({
  name: 'storageNetwork',
  description: 'a decentralised storage network in the Filecoin manner: hybrid minting by power, pledge, faults, deals, providers around one AMM pool',
  blocks: [amm, storage, storageProviders, supplyMetrics],
  defaults: {
    amm: { tokenReserve: 200_000, usdReserve: 1_000_000, feeBps: 30 },
    storage: {
      simpleTotal: 330_000,
      baselineTotal: 770_000,
      baselineInitialTiB: 2_627,
      deals: { adoption: 'logistic', initialTiB: 200, marketSizeTiB: 40_960, growthPerYear: 1.5, priceUsdPerTiBYear: 24 },
    },
    storageProviders: {
      candidates: 200,
      initialProviders: 40,
      initialTiB: { dist: 'uniform', min: 20, max: 120 },
    },
  },
});

/** The storage network's parameters. */
export type StorageNetworkModelParams = ModelParams<(typeof storageNetwork.blocks)[number]>;
