import { airdropEconomy } from './airdropEconomy';

/**
 * A Monad-like airdrop: a new high-throughput chain whose points are farmed
 * on its testnet, by many farmers, before the token exists.
 *
 * The airdrop model (`airdropEconomy`) with, where the numbers come from
 * (read 2026-12-03):
 * - **A long testnet season.** Monad's public testnet opened on
 *   2025-02-19 and its mainnet and the MON token on 2025-11-24 (Monad
 *   Foundation, blog.monad.xyz): about 280 days. The preset's season is 180
 *   ticks (days), to keep a run short; `airdrop.seasonTicks` sets it.
 * - **Activity that costs next to nothing.** On a testnet gas is paid in
 *   faucet tokens and what is traded is worthless, so a wallet's gas,
 *   trading and capital cost nothing in USD (`airdropWallets.costs`: gas 0,
 *   trading 0 bps, capital 0); what is left is the farmer's time and
 *   scripts, $0.05 a wallet a day (an assumption). For scale: on Monad's
 *   mainnet a transfer is 21,000 gas at the minimum base fee of 100
 *   MON-gwei (docs.monad.xyz, "Gas Pricing": gas is charged on the gas
 *   limit), 0.0021 MON, a fraction of a cent; blocks come every 400 ms
 *   (docs.monad.xyz, "Monad for Developers"; ~300 ms measured in September
 *   2026 per docs.monad.xyz "current facts"), so throughput never limits a
 *   farmer at daily ticks.
 * - **A large farmer population.** 300 farmers against 1,000 real users
 *   (the default airdrop model has 40), each able to run up to 1–200
 *   wallets, each further wallet 1% dearer than the last (an assumption:
 *   testnet farms of thousands of wallets were widely reported; the MON
 *   airdrop went to ~230,000 recipients, with sybil wallets screened by a
 *   third party, Trusta AI, per the Monad Foundation's "The MON Airdrop",
 *   2025-10-14).
 * - **Points for transactions.** The testnet season scores transactions
 *   (30 points each) and volume (1 a USD), the activity a testnet can
 *   count. The MON airdrop itself did not reward testnet transactions: it
 *   chose "criteria that would be difficult to fake" — sustained capital in
 *   DeFi protocols, DEX trading, on Ethereum and Solana (ibid.); the
 *   `monad-airdrop` experiment compares the two.
 * The rest — a 1M-token drop, the 5% / 30% sybil filter, the AMM pool of
 * 2M tokens and $2M, 200 traders, the drop claimed liquid — is the airdrop
 * model's.
 */
export const monadAirdrop = airdropEconomy
  .withDefaults({
    airdrop: { seasonTicks: 180, rates: { volume: 1, liquidity: 0, transactions: 30 } },
    airdropWallets: {
      farmers: 300,
      farmer: { maxWallets: { dist: 'uniform', min: 1, max: 200 }, walletCostGrowth: 0.01 },
      costs: { gasUsdPerTx: 0, tradeCostBps: 0, capitalCostPerYear: 0, timeUsdPerTick: 0.05 },
    },
  })
  .named('monadAirdrop', 'a Monad-like airdrop: a 180-day testnet points season at no gas or capital cost, 300 farmers with up to 200 wallets each, a drop into one AMM pool');
