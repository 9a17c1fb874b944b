import { describe, expect, it } from 'vitest';
import { carbonFeeUsd, greenMultiplier, noGreenIncentives, offsetCostUsd } from '../../src/mechanisms/greenIncentives';
import { smallNetwork } from '../models/depinHelpers';

describe('green incentives', () => {
  it('multiply the reward weight of operators on renewables, or else of offset buyers', () => {
    const g = { ...noGreenIncentives, renewableMultiplier: 1.5, offsetMultiplier: 1.2 };
    expect(greenMultiplier(g, true, false)).toBe(1.5);
    expect(greenMultiplier(g, true, true)).toBe(1.5);
    expect(greenMultiplier(g, false, true)).toBe(1.2);
    expect(greenMultiplier(g, false, false)).toBe(1);
  });

  it('price offsets and the carbon fee per tonne', () => {
    // 2,500 kg = 2.5 t: offsets at $8/t cost $20; a $100/t carbon price costs $250.
    expect(offsetCostUsd(2500, 8)).toBeCloseTo(20, 12);
    expect(carbonFeeUsd(2500, 100)).toBeCloseTo(250, 12);
  });

  it('pay the carbon fee on un-offset CO2 to the treasury', () => {
    const net = smallNetwork({
      green: { carbonPriceUsdPerTonne: 100 },
      depinRewards: { protocolFeeShare: 0 },
      nodeOperators: { initialUsd: { dist: 'constant', value: 1e6 }, offsetShare: 0.3 },
    });
    for (let t = 0; t < 5; t++) net.world.step();
    const ops = net.nodeOperators;
    const before = net.treasury.usd;
    net.world.step();
    expect(ops.carbonNetKg).toBeGreaterThan(0);
    expect(ops.carbonNetKg).toBeLessThan(ops.carbonKg);
    expect(ops.carbonFeesUsd).toBeCloseTo((ops.carbonNetKg / 1000) * 100, 9);
    expect(net.treasury.usd - before).toBeCloseTo(ops.carbonFeesUsd, 9);
    // Offset buyers paid $8/t for the rest.
    expect(ops.offsetsUsd).toBeCloseTo(((ops.carbonKg - ops.carbonNetKg) / 1000) * 8, 9);
  });

  it('shift capacity toward renewables when renewables earn a reward multiplier', () => {
    const share = (renewableMultiplier: number) => {
      // Sunk hardware keeps incumbents online, so the shift comes through entry: candidates consider joining often.
      const net = smallNetwork({ green: { renewableMultiplier }, nodeOperators: { renewableShare: 0.3, considerProbability: 0.1 } }, 5);
      let renewable = 0;
      let all = 0;
      for (let t = 0; t < 200; t++) {
        net.world.step();
        if (t >= 100) {
          renewable += net.nodeOperators.renewableKwh;
          all += net.nodeOperators.energyKwh;
        }
      }
      return renewable / all;
    };
    const none = share(1);
    const bonus = share(2);
    expect(bonus).toBeGreaterThan(none + 0.05);
  });
});

describe('green multipliers near zero', () => {
  it('count as zero, so no node carries a weight too small for float accounting', () => {
    const g = { ...noGreenIncentives, renewableMultiplier: 5e-324, offsetMultiplier: 1e-7 };
    expect(greenMultiplier(g, true, false)).toBe(0);
    expect(greenMultiplier(g, false, true)).toBe(0);
    expect(greenMultiplier({ ...g, renewableMultiplier: 1e-3 }, true, false)).toBe(1e-3);
  });
});
