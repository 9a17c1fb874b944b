import { sectorHolders } from '../../agents/sectorHolders';
import { voteBuyer } from '../../agents/voteBuyer';
import { voters } from '../../agents/voters';
import { buyback } from '../mechanisms/buyback';
import { feeBurn } from '../mechanisms/feeBurn';
import { governance } from '../mechanisms/governance/governanceBlock';
import { locking } from '../mechanisms/lockedStaking';
import { scheduledBurn } from '../mechanisms/scheduledBurn';
import { treasuryPolicy } from '../mechanisms/treasuryPolicy';
import { vesting, type SectorHolderTraits } from '../mechanisms/vesting';
import type { ModelParams } from '../model/defineModel';
import { depinNetwork } from './depinNetwork';

const month = 365 / 12;

// How each sector's holders treat what unlocks: the team stakes and locks, investors and airdrop recipients sell.
const team: SectorHolderTraits = { count: 20, weight: { dist: 'lognormal', mu: 0, sigma: 0.5 }, sellShare: { dist: 'uniform', min: 0.1, max: 0.4 }, stakeShare: { dist: 'uniform', min: 0.3, max: 0.8 }, lockShare: { dist: 'constant', value: 0.3 }, lockTicks: { dist: 'constant', value: 365 }, sellPace: { dist: 'constant', value: 0.1 } };
const investors: SectorHolderTraits = { count: 10, weight: { dist: 'lognormal', mu: 0, sigma: 1 }, sellShare: { dist: 'uniform', min: 0.4, max: 0.9 }, stakeShare: { dist: 'uniform', min: 0, max: 0.5 }, lockShare: { dist: 'constant', value: 0 }, lockTicks: { dist: 'constant', value: 1 }, sellPace: { dist: 'constant', value: 0.2 } };
const airdrop: SectorHolderTraits = { count: 500, weight: { dist: 'lognormal', mu: 0, sigma: 1 }, sellShare: { dist: 'uniform', min: 0.5, max: 1 }, stakeShare: { dist: 'uniform', min: 0, max: 0.3 }, lockShare: { dist: 'constant', value: 0 }, lockTicks: { dist: 'constant', value: 1 }, sellPace: { dist: 'uniform', min: 0.2, max: 1 } };

/**
 * A token launch as it happens: the DePIN network (service demand, node
 * operators, burn-and-mint or emission rewards, proof-of-stake consensus)
 * with the supply side and a DAO at once — vesting allocations to a team,
 * investors and an airdrop whose holders sell, stake or lock what unlocks; a
 * fee burn; treasury buybacks, burns and grants; lock-weighted staking; and
 * token-weighted governance over the operators' emission, the stakers'
 * consensus reward and the burn share, with voters and (when set) vote
 * buyers. Every block is the same as in the models it comes from; this file
 * only lists them and sets the launch's allocations.
 */
export const launchEconomy = depinNetwork
  .with({ after: 'staking' }, governance)
  .with({ after: 'consensus' }, feeBurn)
  .with({ after: 'nodeRewards' }, locking)
  .with({ after: 'traders' }, voters, voteBuyer)
  .with({ before: 'supply' }, vesting, buyback, scheduledBurn, treasuryPolicy, sectorHolders)
  .named('launchEconomy', 'a DePIN network with vesting, burns, buybacks, lock-weighted staking and DAO governance at once')
  // The launch's allocations: 3M tokens to the team (1-year cliff, 3 years monthly), 2M to investors (6-month cliff, 2 years), 1M airdropped at TGE.
  .withDefaults({
  vesting: {
    sectors: [
      { name: 'team', tokens: 3_000_000, startTick: 0, cliffTicks: 365, vestingTicks: 3 * 365, granularity: 'monthly', tgeShare: 0, recipient: 'holders', holders: team },
      { name: 'investors', tokens: 2_000_000, startTick: 0, cliffTicks: Math.round(6 * month), vestingTicks: 2 * 365, granularity: 'monthly', tgeShare: 0, recipient: 'holders', holders: investors },
      { name: 'airdrop', tokens: 1_000_000, startTick: 0, cliffTicks: 0, vestingTicks: 0, granularity: 'daily', tgeShare: 1, recipient: 'holders', holders: airdrop },
    ],
  },
  governance: {
    targets: [
      { path: 'depinRewards.emission.ratePerYear', holder: -1, staker: 0, nodeOperator: 1 },
      { path: 'consensus.rewardPerYear', holder: -1, staker: 1, nodeOperator: 0 },
      { path: 'feeBurn.feeShare', holder: 1, staker: 1, nodeOperator: -1 },
    ],
  },
});

/** The launch economy's parameters. */
export type LaunchEconomyParams = ModelParams<(typeof launchEconomy.blocks)[number]>;
