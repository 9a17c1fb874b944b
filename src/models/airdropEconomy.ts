import { airdropWallets } from '../../agents/airdropWallets';
import { traders } from '../../agents/traders';
import { amm } from '../market/amm';
import { airdrop } from '../mechanisms/airdrop';
import { sybilFilter } from '../mechanisms/sybilFilter';
import { supplyMetrics } from '../metrics/supplyMetrics';
import { defineModel, type ModelParams } from '../model/defineModel';

/**
 * The airdrop model: a 90-tick points season in which 1,000 real users and
 * 40 farmers (each deciding, from expected value, how many of up to 1–60
 * wallets to run) earn points, then a drop of 1M tokens from the
 * non-circulating `airdrop.reserve` at tick 91 through a sybil filter (5%
 * false positives, 30% false negatives, flagged wallets excluded), claimed
 * liquid; the token trades in one AMM pool of 2M tokens and $2M ($1 a
 * token) among 200 traders, and the recipients sell into it. The price
 * before the drop moves with the traders alone.
 */
export const airdropEconomy = defineModel({
  name: 'airdropEconomy',
  description: 'a points season, farmers with sybil clusters, a sybil filter and a drop claimed into one AMM pool',
  blocks: [amm, airdrop, sybilFilter, airdropWallets, traders, supplyMetrics],
  defaults: {
    amm: { tokenReserve: 2_000_000, usdReserve: 2_000_000, feeBps: 30 },
    traders: { count: 200, arrivals: { perYear: 100 } },
  },
});

/** The airdrop model's parameters. */
export type AirdropEconomyParams = ModelParams<(typeof airdropEconomy.blocks)[number]>;
