import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromUnits, toUnits } from '../../src/exact/units';

describe('toUnits and fromUnits', () => {
  it('gives 10^18 wei for 1 token and 5·10^9 satoshi for 50 BTC', () => {
    expect(toUnits(1, 18)).toBe(10n ** 18n);
    expect(toUnits(50, 8)).toBe(5_000_000_000n);
  });

  it('converts the binary value of 0.1 exactly: 0.1000000000000000055511… · 10^18 → 100000000000000006 wei', () => {
    expect(toUnits(0.1, 18)).toBe(100000000000000006n);
    expect(toUnits(0.1, 18, 15)).toBe(100000000000000000n);
    expect(toUnits(-0.1, 18)).toBe(-100000000000000006n);
  });

  it('rounds half a unit away from zero: 2.5 · 10^-8 BTC → 3 satoshi, 0.5 · 10^-8 → 1', () => {
    // 2.5e-8 and 0.5e-8 are not exact in binary; use values that are: 2^-27 BTC = 0.745… satoshi.
    expect(toUnits(2 ** -27, 8)).toBe(1n);
    expect(toUnits(2 ** -30, 8)).toBe(0n);
  });

  it('round-trips any float amount to within 2 ulp', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e12, noNaN: true }), (x) => {
        const back = fromUnits(toUnits(x, 18), 18);
        expect(Math.abs(back - x)).toBeLessThanOrEqual(2 * Number.EPSILON * x + 1e-18);
      }),
    );
  });

  it('throws a RangeError for a non-finite amount', () => {
    expect(() => toUnits(Infinity, 18)).toThrow(RangeError);
    expect(() => toUnits(NaN, 18)).toThrow(RangeError);
  });
});
