import { applyOverrides, type DeepPartial } from '../../src/experiment/define';
import type { Assembled } from '../../src/model/assemble';
import { governedTokenEconomy, type GovernedTokenEconomyParams } from '../../src/models/governedTokenEconomy';
import { economyParts } from '../helpers/parts';

/** Returns a built governed token economy with the defaults scaled down and `overrides` applied (conservation checked every tick). */
export function smallEconomy(overrides: DeepPartial<GovernedTokenEconomyParams>, seed = 7) {
  const small = applyOverrides<GovernedTokenEconomyParams>(governedTokenEconomy.defaults, {
    stakers: { count: 200 },
    traders: { count: 200 },
    nodeOperators: { candidates: 60, initialNodes: 20 },
    voters: { count: 50 },
  }, 'test');
  const params = applyOverrides(small, overrides, 'test');
  governedTokenEconomy.schema.parse(params);
  return economyParts(governedTokenEconomy.build(params, { seed, check: true }));
}

/** Steps `econ` `ticks` times and returns it. */
export function run<E extends Assembled>(econ: E, ticks: number): E {
  for (let t = 0; t < ticks; t++) econ.world.step();
  return econ;
}

/** Returns the share of supply staked now. */
export function stakingRatio(econ: ReturnType<typeof smallEconomy>): number {
  return econ.staking.totalStaked / econ.world.ledger.supply;
}
