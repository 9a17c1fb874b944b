import { bridgeArbitrageurs } from '../../agents/bridgeArbitrageurs';
import { traders } from '../../agents/traders';
import { bridge } from '../chains/bridgeBlock';
import { chain } from '../chains/chain';
import { amm } from '../market/amm';
import { supplyMetrics } from '../metrics/supplyMetrics';
import { defineModel, type ModelParams } from '../model/defineModel';

/** The main chain of the cross-chain model: its pool is the `amm` block's. */
export const mainChain = chain('main', { market: true });

/** The second chain of the cross-chain model, `side`, with its own pool. */
export const sideChain = chain('side');

/**
 * The cross-chain model: the token on two chains. On `main`, an AMM pool of
 * 2M tokens and $2M ($1 a token) and 200 traders; on `side`, a pool of
 * 500k tokens and $500k and local holders (200k tokens, $200k) whose net
 * order each tick is Normal(0, $5k). A bridge joins them (default:
 * lock-and-mint from main, 10 bps, one tick of delay), and 5 cross-chain
 * arbitrageurs with $200k each trade the gap. Gas: ~$1.50 a transaction on
 * main, ~$0.03 on side (assumed). The bridge is listed after both chains,
 * so lock-and-mint backs everything the side chain holds at genesis.
 */
export const crossChainEconomy = defineModel({
  name: 'crossChainEconomy',
  description: 'the token on two chains, each with its own pool, joined by a bridge, with cross-chain arbitrageurs',
  blocks: [amm, traders, mainChain, sideChain, bridge, bridgeArbitrageurs, supplyMetrics],
  defaults: {
    amm: { tokenReserve: 2_000_000, usdReserve: 2_000_000, feeBps: 30 },
    traders: { count: 200, arrivals: { perYear: 100 } },
  },
});

/** The cross-chain model's parameters. */
export type CrossChainEconomyParams = ModelParams<(typeof crossChainEconomy.blocks)[number]>;
