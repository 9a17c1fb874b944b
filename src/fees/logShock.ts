import type { Rng } from '../core/rng';

/**
 * A mean-one multiplicative shock, a ratio: with x_t = ρ · x_{t−1} + σ · ε_t
 * (ε standard normal, x_0 = 0), the multiplier e^{x_t − σ² / (2(1 − ρ²))}
 * has mean one in the stationary state (a lognormal AR(1)). Used for the
 * demand level of block space and for the L1 base fee a rollup sees.
 */
export class LogShock {
  private level = 0;

  /** Draws the next level from `rng` and returns the multiplier. */
  next(rng: Rng, sigma: number, persistence: number): number {
    this.level = persistence * this.level + sigma * rng.normal();
    return Math.exp(this.level - (sigma * sigma) / (2 * (1 - persistence * persistence)));
  }
}
