/**
 * Vesting unlocks: how much sell pressure do team and investor cliffs put on
 * the price, and how much do cliffs, unlock granularity and patient or
 * staking holders change it?
 *
 * 10M tokens are allocated on top of the default economy (~36M at genesis,
 * 3M of them in the AMM): team 3M (12-month cliff, 3-year monthly vesting),
 * investors 2M (6-month cliff, 2-year monthly vesting), an airdrop of 1M
 * (25% at launch, the rest daily over a year) and an ecosystem fund of 4M
 * vesting to the treasury over 4 years.
 *
 *   npx tokensim run experiments/vesting-unlocks.ts --seeds 10
 */
import { defineExperiment, runIfMain, tokenEconomy, type Distribution } from '../src';

const c = (value: number): Distribution => ({ dist: 'constant', value });
const u = (min: number, max: number): Distribution => ({ dist: 'uniform', min, max });

interface Options {
  cliffs?: boolean;
  granularity?: 'daily' | 'monthly';
  sellPace?: Distribution;
  stakeShare?: Distribution;
  /** Multiplies every holder's sell share (staking incentives that turn sellers into stakers). */
  sellScale?: number;
}

/** The allocation sectors, with the variant's changes. */
function sectors(o: Options = {}) {
  const cliff = (ticks: number) => (o.cliffs === false ? 0 : ticks);
  const granularity = o.granularity ?? 'monthly';
  const holders = (count: number, [lo, hi]: [number, number]) => ({
    count,
    weight: { dist: 'lognormal' as const, mu: 0, sigma: 0.5 },
    sellShare: u(lo * (o.sellScale ?? 1), hi * (o.sellScale ?? 1)),
    stakeShare: o.stakeShare ?? u(0, 0.4),
    lockShare: c(0),
    lockTicks: c(365),
    sellPace: o.sellPace ?? u(0.3, 1),
  });
  return [
    { name: 'team', tokens: 3e6, startTick: 0, cliffTicks: cliff(365), vestingTicks: 3 * 365, granularity, tgeShare: 0, recipient: 'holders' as const, holders: holders(15, [0.2, 0.6]) },
    { name: 'investors', tokens: 2e6, startTick: 0, cliffTicks: cliff(182), vestingTicks: 2 * 365, granularity, tgeShare: 0, recipient: 'holders' as const, holders: holders(20, [0.5, 1]) },
    { name: 'airdrop', tokens: 1e6, startTick: 0, cliffTicks: 0, vestingTicks: 365, granularity: 'daily' as const, tgeShare: 0.25, recipient: 'holders' as const, holders: holders(500, [0.4, 1]) },
    { name: 'ecosystem', tokens: 4e6, startTick: 0, cliffTicks: 0, vestingTicks: 4 * 365, granularity: 'monthly' as const, tgeShare: 0, recipient: 'treasury' as const },
  ];
}

const experiment = defineExperiment({
  name: 'vesting-unlocks',
  description: 'Team and investor cliffs and the sell pressure around them, against no cliffs, daily unlocks, patient sellers and stakers.',
  model: tokenEconomy,
  params: { vesting: { sectors: sectors() } },
  variants: {
    cliffs: {},
    no_cliffs: { vesting: { sectors: sectors({ cliffs: false }) } },
    daily_unlocks: { vesting: { sectors: sectors({ granularity: 'daily' }) } },
    patient_sellers: { vesting: { sectors: sectors({ sellPace: u(0.01, 0.05) }) } },
    // Holders sell half as much and stake most of the rest.
    stakers: { vesting: { sectors: sectors({ stakeShare: u(0.6, 0.9), sellScale: 0.5 }) } },
  },
  seeds: 5,
  ticks: 730,
});

export default experiment;
runIfMain(module, experiment);
