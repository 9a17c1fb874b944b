import { applyOverrides, type DeepPartial } from '../../src/experiment/define';
import { buildTokenEconomy, tokenEconomyDefaults, tokenEconomySchema, type TokenEconomy, type TokenEconomyParams } from '../../src/models/tokenEconomy';

/** Returns a built token economy with the defaults scaled down and `overrides` applied. */
export function smallEconomy(overrides: DeepPartial<TokenEconomyParams>, seed = 7): TokenEconomy {
  const small = applyOverrides<TokenEconomyParams>(tokenEconomyDefaults, {
    stakers: { count: 200 },
    traders: { count: 200 },
    nodeOperators: { candidates: 60, initialNodes: 20 },
    voters: { count: 50 },
  }, 'test');
  const params = applyOverrides(small, overrides, 'test');
  tokenEconomySchema.parse(params);
  return buildTokenEconomy(params, { seed, check: true });
}

/** Steps `econ` `ticks` times and returns it. */
export function run(econ: TokenEconomy, ticks: number): TokenEconomy {
  for (let t = 0; t < ticks; t++) econ.world.step();
  return econ;
}

/** Returns the share of supply staked now. */
export function stakingRatio(econ: TokenEconomy): number {
  return econ.staking.totalStaked / econ.world.ledger.supply;
}
