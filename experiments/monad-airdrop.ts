/**
 * A Monad-like airdrop (the `monadAirdrop` preset: a 180-day testnet points
 * season where activity costs no gas or capital, 300 farmers with up to 200
 * wallets each): how much of the drop farmers take when points count
 * testnet transactions, when the same points must be farmed at mainnet
 * costs, and under criteria that are hard to fake — capital held over time,
 * which the MON airdrop said it favoured — with the default and a strict
 * sybil filter.
 *
 *   npx tokensim run experiments/monad-airdrop.ts
 */
import { defineExperiment, monadAirdrop, runIfMain } from '../src';

/** What activity costs on a mainnet (the airdrop model's defaults): gas $0.30 a transaction, 10 bps a trade, 10% a year on capital, $0.10 a day of time. */
const mainnetCosts = { gasUsdPerTx: 0.3, tradeCostBps: 10, capitalCostPerYear: 0.1, timeUsdPerTick: 0.1 };

/** Points for liquidity held (and its holding bonus) only; farmers must then hold capital, $500 a wallet, to score. */
const capital = {
  airdrop: { rates: { volume: 0, liquidity: 0.05, transactions: 0 } },
  airdropWallets: { costs: mainnetCosts, farmer: { liquidityUsd: 500 } },
};

const experiment = defineExperiment({
  name: 'monad-airdrop',
  description: 'A Monad-like testnet points season: farmer share and real users lost under testnet-transaction points, mainnet costs, capital criteria and a strict filter.',
  model: monadAirdrop,
  variants: {
    testnetPoints: {},
    mainnetCosts: { airdropWallets: { costs: mainnetCosts } },
    capitalCriteria: capital,
    capitalStrictFilter: { ...capital, sybilFilter: { falsePositiveRate: 0.15, falseNegativeRate: 0.1 } },
  },
  seeds: 3,
  ticks: 180 + 181,
  record: { every: 1 },
});

export default experiment;
runIfMain(module, experiment);
