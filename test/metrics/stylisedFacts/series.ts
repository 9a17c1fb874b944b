import { Rng } from '../../../src/core/rng';
import { unitStudentT } from '../../../src/market/studentT';

/** x_t = φ x_{t−1} + e_t, e_t ~ N(0, 1), started from the stationary law N(0, 1/(1 − φ²)). */
export function ar1(phi: number, n: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const xs = new Float64Array(n);
  let x = rng.normal(0, 1 / Math.sqrt(1 - phi * phi));
  for (let t = 0; t < n; t++) {
    xs[t] = x;
    x = phi * x + rng.normal();
  }
  return xs;
}

/** n i.i.d. unit-variance Student-t draws with ν degrees of freedom. */
export function studentT(nu: number, n: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const xs = new Float64Array(n);
  for (let t = 0; t < n; t++) xs[t] = unitStudentT(rng, nu);
  return xs;
}

/** Prices p_0 = 1, p_t = p_{t−1} · e^{r_t}. */
export function pricesFrom(returns: ArrayLike<number>): Float64Array {
  const p = new Float64Array(returns.length + 1);
  p[0] = 1;
  for (let t = 0; t < returns.length; t++) p[t + 1] = p[t] * Math.exp(returns[t]);
  return p;
}
