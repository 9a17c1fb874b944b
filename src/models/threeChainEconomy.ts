import { bridgeArbitrageursOver } from '../../agents/bridgeArbitrageurs';
import { traders } from '../../agents/traders';
import { bridge, bridgeBlock } from '../chains/bridgeBlock';
import { chain } from '../chains/chain';
import { chainGap } from '../chains/chainGap';
import { amm } from '../market/amm';
import { supplyMetrics } from '../metrics/supplyMetrics';
import { defineModel, type ModelParams } from '../model/defineModel';
import { mainChain, sideChain } from './crossChainEconomy';

/** The third chain of the three-chain model, `far`, with its own pool; reached from main only through side. */
export const farChain = chain('far');

/** The second hop of the three-chain model (key `farBridge`, columns `far_bridge_*`): side → far. */
export const farBridge = bridgeBlock('farBridge');

/** The cross-chain arbitrageurs of the three-chain model (key `bridgeArbitrageurs`): one desk over both hops, main ↔ side first. */
export const threeChainArbitrageurs = bridgeArbitrageursOver(bridge, farBridge);

/** The price dispersion between far and main, two hops apart (key `farToMainGap`, column `gap_far_main`). */
export const farToMainGap = chainGap('far', 'main');

/**
 * The three-chain model: the token on a chain of three networks, main →
 * side → far, each hop its own bridge and its own arbitrage desk. Main and
 * side are the cross-chain model's (main: the AMM pool of 2M tokens and $2M
 * and 200 traders; side: a 500k-token, $500k pool, local holders with 200k
 * tokens and $200k, net order Normal(0, $5k) a tick); far is another chain
 * like side (chain defaults), joined only to side. Hop one (`bridge`) is
 * lock-and-mint from main to side, hop two (`farBridge`) lock-and-mint from
 * side to far, both 10 bps and one tick of delay, so far's token is backed
 * by side tokens, themselves backed by main's. `farBridge` is listed before
 * `bridge`: its genesis escrow of side tokens is then part of what `bridge`
 * backs. One desk of 5 cross-chain arbitrageurs with $200k each trades over
 * both hops, up to 20 trips a tick (10 per hop, as in the two-chain
 * model); `gap_far_main` measures how far arbitrage reaches over the two
 * hops.
 */
export const threeChainEconomy = defineModel({
  name: 'threeChainEconomy',
  description: 'the token on three chains, main → side → far, each hop its own bridge and arbitrage desk',
  blocks: [amm, traders, mainChain, sideChain, farChain, farBridge, bridge, threeChainArbitrageurs, farToMainGap, supplyMetrics],
  defaults: {
    amm: { tokenReserve: 2_000_000, usdReserve: 2_000_000, feeBps: 30 },
    traders: { count: 200, arrivals: { perYear: 100 } },
    farBridge: { from: 'side', to: 'far' },
    bridgeArbitrageurs: { maxTrips: 20 },
  },
});

/** The three-chain model's parameters. */
export type ThreeChainEconomyParams = ModelParams<(typeof threeChainEconomy.blocks)[number]>;
