import { describe, expect, it } from 'vitest';
import { formatCompact, formatNumber, formatScaled, numberScale } from '../../src/report/numberFormat';

describe('numberScale and formatScaled', () => {
  it('writes a set with the suffix and decimals that give its largest member four significant digits', () => {
    const s = numberScale([4.932e7, 5e6, -74_600]);
    expect([4.932e7, 5e6, -74_600].map((x) => formatScaled(x, s))).toEqual(['49.32M', '5.00M', '−0.07M']);
    expect(formatScaled(74_600, numberScale([74_600]))).toBe('74.60k');
    expect(formatScaled(3.4e9, numberScale([3.4e9]))).toBe('3.400B');
  });

  it('writes plain decimals between 10⁻³ and 10⁴, scientific notation outside 10⁻³ … 10¹⁵', () => {
    const s = numberScale([0.1126, 0.03598]);
    expect([0.1126, 0.03598].map((x) => formatScaled(x, s))).toEqual(['0.1126', '0.0360']);
    expect(formatNumber(143.7)).toBe('143.7');
    expect(formatNumber(1234)).toBe('1234');
    expect(formatNumber(1.681e-4)).toBe('1.681e−4');
    expect(formatNumber(2e16)).toBe('2.000e+16');
  });

  it('writes zero as 0, a value rounded to zero without a sign, and NaN and infinities as symbols', () => {
    const s = numberScale([5e6]);
    expect(formatScaled(0, s)).toBe('0');
    expect(formatScaled(-100, s)).toBe('0.000M');
    expect(formatScaled(NaN, s)).toBe('—');
    expect(formatScaled(-Infinity, s)).toBe('−∞');
    expect(numberScale([NaN, 0])).toEqual({ divisor: 1, suffix: '', decimals: 0, exponent: false });
  });
});

describe('formatCompact', () => {
  it('drops trailing zeros, for labels of parameter values', () => {
    expect([2_500_000, 10_000_000, 1e9, 100_000, 14, 0.25, 0.5, 1000].map(formatCompact)).toEqual(['2.5M', '10M', '1B', '100k', '14', '0.25', '0.5', '1000']);
  });
});
