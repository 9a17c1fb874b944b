import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convictionStep, convictionThreshold } from '../../src/mechanisms/governance/rules';
import {
  D,
  ONE_HUNDRED_PERCENT,
  calculateConviction,
  calculateThreshold,
  effectiveStake,
  mul128,
  pow128,
  type ConvictionSettings,
} from '../../src/exact/convictionVoting';
import { e18, expectRevert, relErr } from './helpers';

// 1Hive/conviction-voting-app test/conviction-voting.js: the contract's results are checked against its
// float oracles `calculateConviction` and `calculateThreshold`, rounded; transcribed here as they are.
const MIN_THRESHOLD_STAKE_PERCENTAGE = 0.2;
function oracleConviction(t: number, y0: number, x: number, a: number): number {
  return y0 * a ** t + (x * (1 - a ** t)) / (1 - a);
}
function oracleThreshold(requested: number, available: number, supply: number, active: number, alpha: number, beta: number, rho: number): number {
  const minStake = supply * MIN_THRESHOLD_STAKE_PERCENTAGE;
  const stake = active < minStake ? minStake : active;
  const share = requested / available;
  return share < beta ? (stake * rho) / (1 - alpha) / (beta - share) ** 2 : Infinity;
}

const settings = (alpha: number): ConvictionSettings => ({
  decay: BigInt(Math.round(alpha * 1e7)),
  maxRatio: 2_000_000n, // β = 0.2
  weight: 20_000n, // ρ = 0.002
  minThresholdStakePercentage: (ONE_HUNDRED_PERCENT * 2n) / 10n, // 20%
});

describe("ConvictionVoting against conviction-voting.js 'Pure functions'", () => {
  it("'Alpha = 0.9' conviction function: calculateConviction(10, 0, 15000) = 97698", () => {
    expect(calculateConviction(10n, 0n, 15000n, settings(0.9).decay)).toBe(97698n);
    expect(97698).toBe(Math.round(oracleConviction(10, 0, 15000, 0.9)));
  });

  it("'Alpha = 0.9' threshold function: calculateThreshold(1000) = 50625 with 15000 funds and 45000 staked of 45000", () => {
    expect(calculateThreshold(1000n, 15000n, 45000n, 45000n, settings(0.9))).toBe(50625n);
    expect(50625).toBe(Math.round(oracleThreshold(1000, 15000, 45000, 45000, 0.9, 0.2, 0.002)));
  });

  it("'Halflife = 3 days' conviction function: calculateConviction(17280, 0, 15000) = 186994020 at α = 0.9999599", () => {
    expect(calculateConviction(17280n, 0n, 15000n, settings(0.9999599).decay)).toBe(186994020n);
    expect(186994020).toBe(Math.round(oracleConviction(17280, 0, 15000, 0.9999599)));
  });

  it("'Halflife = 3 days' threshold function: calculateThreshold(10^18) agrees with the oracle to 10 digits, 1.471050961e+24", () => {
    const threshold = calculateThreshold(e18(1), e18(745), e18(1164), e18(1164), settings(0.9999599));
    expect(Number(threshold).toPrecision(10)).toBe(oracleThreshold(1, 745, 1164e18, 1164e18, 0.9999599, 0.2, 0.002).toPrecision(10));
    expect(Number(threshold).toPrecision(10)).toBe('1.471050961e+24');
  });
});

describe('ConvictionVoting thresholds with the minimum threshold stake', () => {
  it("'should create a proposal': with nothing staked the threshold counts 20% of the 45000 supply: 10125", () => {
    expect(effectiveStake(0n, 45000n, settings(0.9).minThresholdStakePercentage)).toBe(9000n);
    expect(calculateThreshold(1000n, 15000n, 0n, 45000n, settings(0.9))).toBe(10125n);
    expect(10125).toBe(Math.round(oracleThreshold(1000, 15000, 45000, 0, 0.9, 0.2, 0.002)));
  });

  it("'sets the correct threshold' (stable amount 1000 at price 5 → 200 requested, 10000 staked): 5739", () => {
    expect(calculateThreshold(200n, 15000n, 10000n, 45000n, settings(0.9))).toBe(5739n);
    expect(5739).toBe(Math.floor(oracleThreshold(200, 15000, 45000, 10000, 0.9, 0.2, 0.002)));
  });

  it("reverts 'CV_AMOUNT_OVER_MAX_RATIO' at a request of β · funds or more, and accepts one unit less", () => {
    expectRevert(() => calculateThreshold(3000n, 15000n, 45000n, 45000n, settings(0.9)), 'CV_AMOUNT_OVER_MAX_RATIO');
    expect(calculateThreshold(2999n, 15000n, 45000n, 45000n, settings(0.9)) > 0n).toBe(true);
  });

  it("reverts as the contract does at decay = D: _pow's bound in conviction (a = 2^128), 'MATH_DIV_ZERO' in the threshold", () => {
    expectRevert(() => calculateConviction(1n, 0n, 1n, D), '_a should be less than 2^128');
    expectRevert(() => calculateThreshold(1n, 15000n, 45000n, 45000n, { ...settings(0.9), decay: D }), 'MATH_DIV_ZERO');
  });

  it("keeps _mul's and _pow's require() messages", () => {
    expectRevert(() => mul128(2n ** 128n + 1n, 1n), '_a should be less than or equal to 2^128');
    expectRevert(() => mul128(1n, 2n ** 128n), '_b should be less than 2^128');
    expectRevert(() => pow128(2n ** 128n, 2n), '_a should be less than 2^128');
    expect(pow128(2n ** 127n, 2n)).toBe(2n ** 126n); // (1/2)² = 1/4
  });
});

describe('calculateConviction and calculateThreshold against the float rules (src/mechanisms/governance/rules.ts)', () => {
  // Stated tolerance: relative 1e-12, plus one base unit (the final rounding to an integer), for up to
  // 10^4 blocks, stakes of 10^-6 to 10^9 tokens (18 decimals) and α of 0.5 to 0.9999999 with 7 decimals.
  const alpha = fc.integer({ min: 5_000_000, max: 9_999_999 });
  const tokens = fc.double({ min: -6, max: 9, noNaN: true }).map((e) => BigInt(Math.round(10 ** e * 1e6)) * 10n ** 12n);

  it('conviction after t blocks equals t float steps y ← αy + x to 1e-12 relative', () => {
    fc.assert(
      fc.property(alpha, fc.integer({ min: 1, max: 10_000 }), tokens, tokens, (decay, t, y0, x) => {
        const a = decay / 1e7;
        let y = Number(y0);
        for (let k = 0; k < t; k++) y = convictionStep(y, Number(x), a);
        const exact = Number(calculateConviction(BigInt(t), y0, x, BigInt(decay)));
        expect(Math.abs(exact - y)).toBeLessThanOrEqual(1e-12 * y + 1);
      }),
      { numRuns: 200 },
    );
  });

  // The float rule computes 1 − α in float, which loses up to 2^-53 / (1 − α) of it; the exact one has D − aD exactly.
  it('the threshold equals ρS / ((1 − α)(β − r)²) to 1e-12 + 2^-52 / (1 − α) relative while β − r ≥ 0.001', () => {
    fc.assert(
      fc.property(alpha, fc.double({ min: 0, max: 0.199, noNaN: true }), tokens, (decay, share, staked) => {
        fc.pre(staked > 0n);
        const funds = e18(1_000_000);
        const requested = BigInt(Math.floor(share * 1e6)) * 10n ** 18n;
        const s = { ...settings(0), decay: BigInt(decay), minThresholdStakePercentage: 0n };
        const exact = Number(calculateThreshold(requested, funds, staked, staked, s));
        const float = convictionThreshold(Number(staked), Number(requested) / Number(funds), decay / 1e7, 0.2, 0.002);
        expect(relErr(exact, float)).toBeLessThanOrEqual(1e-12 + 2 ** -52 / (1 - decay / 1e7) + 1 / float);
      }),
      { numRuns: 300 },
    );
  });
});
