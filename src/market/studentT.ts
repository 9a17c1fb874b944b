import type { Rng } from '../core/rng';

/**
 * `gammaDraw(rng, shape)` → one draw from the Gamma(shape, 1) distribution
 * (mean = variance = shape), by Marsaglia & Tsang, "A simple method for
 * generating gamma variables", ACM TOMS 26(3), 2000: for shape a ≥ 1, with
 * d = a − 1/3, c = 1/√(9d), x ~ N(0, 1) and v = (1 + cx)³ > 0, accept d·v
 * when ln U < x²/2 + d − dv + d ln v (squeeze U < 1 − 0.0331x⁴ first);
 * for a < 1, Gamma(a + 1) · U^(1/a). Throws a RangeError unless shape > 0.
 */
export function gammaDraw(rng: Rng, shape: number): number {
  if (!(shape > 0 && shape < Infinity)) throw new RangeError(`gamma shape must be positive and finite, got ${shape}`);
  if (shape < 1) {
    let u = rng.next();
    while (u === 0) u = rng.next();
    return gammaDraw(rng, shape + 1) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = rng.normal();
    const base = 1 + c * x;
    if (base <= 0) continue;
    const v = base * base * base;
    const u = rng.next();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (u > 0 && Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * `unitStudentT(rng, nu)` → one draw of Student's t with `nu` > 2 degrees of
 * freedom scaled to unit variance: z · √((ν − 2)/ν) / √(χ²_ν / ν) with
 * z ~ N(0, 1) and χ²_ν = 2 · Gamma(ν/2), i.e. z · √((ν − 2) / (2G)).
 * Its excess kurtosis is 6/(ν − 4) for ν > 4. `nu = Infinity` gives z.
 * Throws a RangeError unless nu > 2.
 */
export function unitStudentT(rng: Rng, nu: number): number {
  if (!(nu > 2)) throw new RangeError(`Student t degrees of freedom must be > 2 for a unit variance, got ${nu}`);
  const z = rng.normal();
  if (nu === Infinity) return z;
  return z * Math.sqrt((nu - 2) / (2 * gammaDraw(rng, nu / 2)));
}
