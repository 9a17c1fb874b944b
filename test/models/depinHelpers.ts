import { applyOverrides, type DeepPartial } from '../../src/experiment/define';
import { depinNetwork, type DepinNetworkParams } from '../../src/models/depinNetwork';
import { economyParts } from '../helpers/parts';

/** Returns a built DePIN network with the defaults scaled down and `overrides` applied (conservation checked every tick). */
export function smallNetwork(overrides: DeepPartial<DepinNetworkParams>, seed = 11, check = true, base: DeepPartial<DepinNetworkParams> = {}) {
  const small = applyOverrides<DepinNetworkParams>(depinNetwork.defaults, {
    stakers: { count: 60 },
    traders: { count: 60 },
    nodeOperators: { candidates: 300, initialNodes: 40 },
  }, 'test');
  const params = applyOverrides(applyOverrides(small, base, 'test'), overrides, 'test');
  depinNetwork.schema.parse(params);
  return economyParts(depinNetwork.build(params, { seed, check }));
}

/**
 * Returns a network with nothing but customers and operators around a
 * fee-free pool: no stakers, traders or consensus rewards, constant demand
 * of `units` per tick, operators that never enter or leave, cost nothing
 * and sell every token they earn.
 */
export function bareNetwork(overrides: DeepPartial<DepinNetworkParams>, seed = 3) {
  return smallNetwork(overrides, seed, true, {
    amm: { tokenReserve: 100_000, usdReserve: 100_000, feeBps: 0 },
    consensus: { rewardPerYear: 0 },
    stakers: { count: 0 },
    traders: { count: 0, arrivals: { perYear: 0 } },
    service: { adoption: 'logistic', initialDemand: 1000, marketSize: 1000, shockSd: 0, priceUsdPerUnit: 2 },
    nodeOperators: {
      candidates: 50,
      initialNodes: 50,
      initialTokens: { dist: 'constant', value: 0 },
      initialUsd: { dist: 'constant', value: 0 },
      capacity: { dist: 'constant', value: 100 },
      hardwareUsd: { dist: 'constant', value: 1 },
      amortisationTicks: 1_000_000,
      opexUsdPerTick: { dist: 'constant', value: 0 },
      energyKwhPerTick: { dist: 'constant', value: 0 },
      downtime: { dist: 'constant', value: 0 },
      patienceTicks: { dist: 'constant', value: 1e9 },
      considerProbability: 0,
      sellRewardsShare: 1,
    },
  });
}
