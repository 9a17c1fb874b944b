import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng';
import { Beliefs, type SwitchingParams } from '../../src/market/beliefs';
import { arrivalRate, departureProbability, poissonDraw } from '../../src/market/participantFlow';

const params: SwitchingParams = { intensity: 2, memory: 0.5, predisposition: -0.3, herding: 1, misalignment: 10, rate: 0.1 };

describe('Beliefs (Brock–Hommes fitness, Franke–Westerhoff switching index)', () => {
  it('scores each rule by the standardised return of the direction it took last tick', () => {
    const b = new Beliefs(() => params);
    b.update(0, 0.02, 1, -1); // records directions: fundamentalists bought, chartists sold
    b.update(0.04, 0.02, 0, 0); // z = 2: U_f = 0.5·0 + 0.5·(1·2) = 1, U_c = −1
    expect(b.fitnessF).toBeCloseTo(1, 12);
    expect(b.fitnessC).toBeCloseTo(-1, 12);
  });

  it('gives n_f* = 1 / (1 + e^(−a)), a = α₀ + β(U_f − U_c) + α_n(n_f − n_c) + α_p m²', () => {
    const b = new Beliefs(() => params);
    b.update(0, 0.02, 1, -1);
    b.update(0.04, 0.02, 0, 0);
    // a = −0.3 + 2·2 + 1·(0.6 − 0.4) + 10·0.1² = 4.0
    expect(b.targetFundamentalistShare(0.6, 0.4, 0.1)).toBeCloseTo(1 / (1 + Math.exp(-4)), 12);
    // With no fitness difference, no herding and no mispricing, the predisposition alone.
    expect(new Beliefs(() => params).targetFundamentalistShare(0.5, 0.5, 0)).toBeCloseTo(1 / (1 + Math.exp(0.3)), 12);
  });
});

describe('participant flow', () => {
  it('draws Poisson counts with the right mean and variance, small and large means', () => {
    for (const mean of [0.7, 75]) {
      const rng = new Rng(9);
      const n = 20_000;
      let s = 0;
      let s2 = 0;
      for (let k = 0; k < n; k++) {
        const x = poissonDraw(rng, mean);
        s += x;
        s2 += x * x;
      }
      const m = s / n;
      const v = s2 / n - m * m;
      // Standard errors: √(mean/n) for the mean, about √(2/n)·mean for the variance.
      expect(Math.abs(m - mean)).toBeLessThan(4 * Math.sqrt(mean / n));
      expect(Math.abs(v - mean)).toBeLessThan(4 * Math.sqrt(2 / n) * mean + 0.05);
    }
    expect(poissonDraw(new Rng(1), 0)).toBe(0);
    expect(() => poissonDraw(new Rng(1), -1)).toThrow(/Poisson mean/);
  });

  it('arrives at (per year / ticks per year) · U^ε · e^(κ s) and leaves with hazard 1 − exp(−(d/T) e^(−κ s))', () => {
    expect(arrivalRate(365, 365, 4, 0.5, 1, 0.3)).toBeCloseTo(2 * Math.exp(0.3), 12);
    expect(departureProbability(36.5, 365, -1, 0.5)).toBeCloseTo(1 - Math.exp(-0.1 * Math.exp(0.5)), 12);
    expect(departureProbability(0, 365, 2, 1)).toBe(0);
  });
});
