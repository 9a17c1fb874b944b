/**
 * Conversions between the float path's whole tokens and the exact path's
 * integer units (wei = 10^-18, gwei = 10^-9 ETH, satoshi = 10^-8 BTC,
 * attoFIL = 10^-18 FIL, bones = 10^-8 HNT).
 */

/** Decimals of the units the references count in. */
export const DECIMALS = { wei: 18, gwei: 9, satoshi: 8, attoFil: 18, bones: 8 } as const;

const POW10: bigint[] = Array.from({ length: 78 }, (_, k) => 10n ** BigInt(k));

/**
 * Returns `amount` whole tokens in integer units of 10^-decimals, rounded to
 * the nearest unit (ties away from zero), computed exactly from the float's
 * binary value: toUnits(0.1, 18) = 100000000000000006n is what the float 0.1
 * really holds, so round it to 100000000000000000n with `toUnits(x, 18, 15)`
 * when the float came from a decimal literal. Throws a RangeError for a
 * non-finite amount.
 */
export function toUnits(amount: number, decimals: number, significantDigits = 17): bigint {
  if (!Number.isFinite(amount)) throw new RangeError(`toUnits needs a finite amount, got ${amount}`);
  if (amount === 0) return 0n;
  if (significantDigits < 17) return decimalToUnits(amount.toPrecision(significantDigits), decimals);
  // amount = m · 2^e exactly, with m a 53-bit integer.
  let e = Math.floor(Math.log2(Math.abs(amount))) - 52;
  // log2 can round up just below a power of two; then the quotient is not yet an integer.
  if (!Number.isInteger(amount / 2 ** e)) e--;
  const m = BigInt(amount / 2 ** e);
  const scaled = m * POW10[decimals];
  if (e >= 0) return scaled << BigInt(e);
  const d = 1n << BigInt(-e);
  const q = scaled / d;
  const r = scaled - q * d;
  const twice = (r < 0n ? -r : r) * 2n;
  return twice >= d ? q + (scaled < 0n ? -1n : 1n) : q;
}

/** Returns the decimal string `s` (as `toPrecision` writes it) in units of 10^-decimals, rounded half away from zero. */
function decimalToUnits(s: string, decimals: number): bigint {
  const [mantissa, exp = '0'] = s.split('e');
  const negative = mantissa.startsWith('-');
  const [int, frac = ''] = mantissa.replace('-', '').split('.');
  const digits = BigInt(int + frac);
  const shift = decimals + Number(exp) - frac.length;
  let units: bigint;
  if (shift >= 0) units = digits * 10n ** BigInt(shift);
  else {
    const d = 10n ** BigInt(-shift);
    units = digits / d + ((digits % d) * 2n >= d ? 1n : 0n);
  }
  return negative ? -units : units;
}

/** Returns `units` of 10^-decimals as float whole tokens, within an ulp or two of the exact quotient. */
export function fromUnits(units: bigint, decimals: number): number {
  const p = POW10[decimals];
  const whole = units / p;
  const frac = units - whole * p;
  return Number(whole) + Number(frac) / Number(p);
}
