/**
 * How one set of numbers (a table column, a KPI across variants) is written
 * so that its members read alike: one divisor and suffix (k, M, B, T), one
 * count of decimals, or scientific notation for the very small and large.
 */
export interface NumberScale {
  divisor: number;
  suffix: '' | 'k' | 'M' | 'B' | 'T';
  decimals: number;
  /** Write every member as d.ddd×10ⁿ (`1.681e−4`) instead. */
  exponent: boolean;
}

const SUFFIXES = [
  { divisor: 1e12, suffix: 'T' },
  { divisor: 1e9, suffix: 'B' },
  { divisor: 1e6, suffix: 'M' },
  { divisor: 1e3, suffix: 'k' },
] as const;

/** The minus sign typesetters use (U+2212), so negative numbers line up with positive ones. */
const MINUS = '\u2212';

/**
 * Returns the scale that writes the largest finite |x| of `values` with four
 * significant digits: above 10⁴ divided by 10³ⁿ with its suffix
 * (74 600 → 74.60k, 4.932e7 → 49.32M), between 10⁻³ and 10⁴ as plain
 * decimals (0.1126, 143.7), outside 10⁻³ … 10¹⁵ in scientific notation.
 * Every other member gets the same divisor and decimals.
 */
export function numberScale(values: ArrayLike<number>): NumberScale {
  let largest = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) largest = Math.max(largest, Math.abs(values[i]));
  if (largest === 0) return { divisor: 1, suffix: '', decimals: 0, exponent: false };
  if (largest < 1e-3 || largest >= 1e15) return { divisor: 1, suffix: '', decimals: 3, exponent: true };
  const step = largest >= 1e4 ? SUFFIXES.find((s) => largest >= s.divisor)! : { divisor: 1, suffix: '' as const };
  const digits = Math.floor(Math.log10(largest / step.divisor) + 1e-12);
  return { divisor: step.divisor, suffix: step.suffix, decimals: Math.min(6, Math.max(0, 3 - digits)), exponent: false };
}

/** Returns `x` written on `scale`: `49.32M`, `0.1126`, `1.681e−4`, `0` for zero, `—` for NaN, `∞` for infinities. */
export function formatScaled(x: number, scale: NumberScale): string {
  if (Number.isNaN(x)) return '—';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : `${MINUS}∞`;
  if (x === 0) return '0';
  if (scale.exponent) return x.toExponential(scale.decimals).replace(/-/g, MINUS);
  const digits = (x / scale.divisor).toFixed(scale.decimals);
  // A value too small for the column's precision reads 0.00M, never −0.00M.
  return (Number(digits) === 0 ? digits.replace('-', '') : digits.replace('-', MINUS)) + scale.suffix;
}

/** Returns `x` on a scale of its own (`formatScaled(x, numberScale([x]))`). */
export function formatNumber(x: number): string {
  return formatScaled(x, numberScale([x]));
}

/** Returns `x` short, for labels: its own scale with trailing zeros dropped (2 500 000 → `2.5M`, 0.25 → `0.25`, 14 → `14`). */
export function formatCompact(x: number): string {
  return formatNumber(x).replace(/(\.\d*?)0+(?=[kMBT]?$)/, '$1').replace(/\.(?=[kMBT]?$)/, '');
}
