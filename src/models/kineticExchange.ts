import { supplyMetrics } from '../metrics/supplyMetrics';
import { defineModel, type ModelParams } from '../model/defineModel';
import { kineticExchange } from '../textbook/kineticExchange';

/**
 * The textbook kinetic-exchange economy: agents that only exchange money
 * pairwise (random exchange with or without saving, or the yard sale), and
 * the ledger's supply metrics. Its stationary distributions are known in
 * closed form (see `kineticExchange`), so it checks the kernel — ledger,
 * routes, per-block random streams, metrics — against theory.
 */
export const kineticExchangeEconomy = defineModel({
  name: 'kineticExchangeEconomy',
  description: 'agents exchanging money pairwise (Dragulescu–Yakovenko random exchange, saving propensity, yard sale): a textbook check with known stationary laws',
  blocks: [kineticExchange, supplyMetrics],
});

/** The kinetic-exchange economy's parameters. */
export type KineticExchangeEconomyParams = ModelParams<(typeof kineticExchangeEconomy.blocks)[number]>;
