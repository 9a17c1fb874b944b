import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { defineExperiment, type DeepPartial } from '../../src/experiment/define';
import { planRuns } from '../../src/experiment/plan';
import { defiEconomy, type DefiEconomyParams } from '../../src/models/defiEconomy';

/** Returns the one-line message planning an experiment with `bad` as its only variant throws (or '' when it plans). */
function refusal(bad: DeepPartial<DefiEconomyParams>): string {
  const experiment = defineExperiment({ name: 'bad', model: defiEconomy, variants: { bad }, seeds: 1, ticks: 10 });
  try {
    planRuns(experiment);
    return '';
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
}

describe('the DeFi blocks refuse bad parameters before any run, in one line naming the path', () => {
  it.each<[string, DeepPartial<DefiEconomyParams>, RegExp]>([
    ['a collateral factor above 1', { lending: { markets: { token: { collateralFactor: 1.2, liquidationThreshold: 1 } } } }, /lending\.markets\.token\.collateralFactor: a collateral factor .* at most 1/],
    ['a liquidation bonus below 0', { lending: { markets: { usd: { liquidationBonus: -0.05 } } } }, /lending\.markets\.usd\.liquidationBonus: a liquidation bonus .* at least 0/],
    ['a threshold below the collateral factor', { lending: { markets: { token: { collateralFactor: 0.8, liquidationThreshold: 0.7 } } } }, /lending\.markets\.token\.liquidationThreshold: must be at least the collateral factor \(0\.8\), got 0\.7/],
    ['a threshold × (1 + bonus) above 1', { lending: { markets: { token: { liquidationThreshold: 0.95, liquidationBonus: 0.1 } } } }, /lending\.markets\.token\.liquidationBonus: liquidation threshold × \(1 \+ bonus\) must be at most 1/],
    ['a close factor of 0', { lending: { closeFactor: 0 } }, /lending\.closeFactor/],
    ['a kink at full utilisation', { lending: { markets: { usd: { rate: { optimal: 1 } } } } }, /lending\.markets\.usd\.rate\.optimal/],
    ['a redemption delay below the unbonding period', { staking: { unbondingTicks: 20 }, liquidStaking: { redemptionDelayTicks: 10 } }, /liquidStaking\.redemptionDelayTicks: is 10 ticks, below the unbonding period staking\.unbondingTicks = 20/],
    ['an LST fee share above 1', { liquidStaking: { feeShare: 1.5 } }, /liquidStaking\.feeShare/],
    ['a write-down above 100%', { rwaVault: { events: [{ atTick: 5, writeDown: 1.5 }] } }, /rwaVault\.events\.0\.writeDown/],
    ['a negative settlement delay', { rwaVault: { settlementTicks: -1 } }, /rwaVault\.settlementTicks/],
    ['an all-zero collateral mix', { borrowers: { mix: { token: 0, lst: 0, rwa: 0 } } }, /borrowers\.mix: the collateral mix must not be all zero/],
  ])('refuses %s', (_what, bad, message) => {
    const m = refusal(bad);
    expect(m).toMatch(message);
    expect(m).not.toContain('\n');
  });

  it('plans the defaults', () => {
    expect(refusal({})).toBe('');
  });
});
