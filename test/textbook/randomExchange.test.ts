import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng';
import { compensatedSum } from '../../src/core/sum';
import { gini } from '../../src/metrics/inequality';
import { randomExchange } from '../../src/textbook/randomExchange';

// Statistical checks against the known stationary laws, at N = 5000 agents with mean money T = 1 and a
// fixed seed; each band is about four standard errors of the statistic at that N.
const N = 5000;

function equilibrium(savingPropensity: number, exchangesPerAgent: number, seed = 1): Float64Array {
  const money = new Float64Array(N).fill(1);
  randomExchange(money, new Rng(seed), exchangesPerAgent * N, savingPropensity);
  return money;
}

/** Share of agents below the mean. */
function shareBelowMean(m: Float64Array): number {
  const mean = compensatedSum(m) / m.length;
  let below = 0;
  for (const x of m) if (x < mean) below++;
  return below / m.length;
}

/** Share of all money held by the richest 10%. */
function top10Share(m: Float64Array): number {
  const sorted = Float64Array.from(m).sort();
  return compensatedSum(sorted, Math.floor(0.9 * sorted.length)) / compensatedSum(sorted);
}

/** Kolmogorov–Smirnov distance between the sample and the Exp(1) law. */
function ksExponential(m: Float64Array): number {
  const sorted = Float64Array.from(m).sort();
  let d = 0;
  for (let k = 0; k < sorted.length; k++) {
    const cdf = 1 - Math.exp(-sorted[k]);
    d = Math.max(d, Math.abs(cdf - k / sorted.length), Math.abs(cdf - (k + 1) / sorted.length));
  }
  return d;
}

describe('randomExchange (Dragulescu–Yakovenko, λ = 0) reaches the Boltzmann–Gibbs exponential', () => {
  const m = equilibrium(0, 50);

  it('has a Kolmogorov–Smirnov distance to Exp(1) under the 0.1% critical value 1.95/√N = 0.0276', () => {
    expect(ksExponential(m)).toBeLessThan(1.95 / Math.sqrt(N));
  });

  it('has P(m < mean) = 1 − 1/e = 0.632 ± 0.027', () => {
    expect(Math.abs(shareBelowMean(m) - (1 - Math.exp(-1)))).toBeLessThan(0.027);
  });

  it('has a top-10% share of (1 + ln 10)/10 = 0.330 ± 0.02 and a Gini of 0.5 ± 0.02', () => {
    expect(Math.abs(top10Share(m) - (1 + Math.LN10) / 10)).toBeLessThan(0.02);
    expect(Math.abs(gini(m) - 0.5)).toBeLessThan(0.02);
  });

  it('starts from equality far from it: 10 exchanges per agent already give a Gini above 0.45', () => {
    expect(gini(equilibrium(0, 0))).toBe(0);
    expect(gini(equilibrium(0, 10))).toBeGreaterThan(0.45);
  });
});

describe('randomExchange with saving (Chakraborti–Chakrabarti, λ = 0.5) reaches a Gamma law of shape 4', () => {
  const m = equilibrium(0.5, 200);

  it('has variance T²/n = 0.25 ± 0.03 and Gini Γ(4.5)/(√π Γ(5)) = 0.273 ± 0.02', () => {
    const mean = compensatedSum(m) / N;
    let v = 0;
    for (const x of m) v += (x - mean) ** 2;
    expect(Math.abs(v / (N - 1) - 0.25)).toBeLessThan(0.03);
    expect(Math.abs(gini(m) - 0.2734)).toBeLessThan(0.02);
  });
});

describe('randomExchange bookkeeping', () => {
  it('conserves money to 1e-12 relative and keeps every balance non-negative', () => {
    const m = equilibrium(0.3, 100);
    expect(Math.abs(compensatedSum(m) - N)).toBeLessThan(1e-12 * N);
    expect(m.every((x) => x >= 0)).toBe(true);
  });

  it('is deterministic in its seed and differs across seeds', () => {
    expect(equilibrium(0, 5, 7)).toEqual(equilibrium(0, 5, 7));
    expect(equilibrium(0, 5, 7)).not.toEqual(equilibrium(0, 5, 8));
  });

  it('refuses a saving propensity outside [0, 1)', () => {
    expect(() => randomExchange(new Float64Array(2), new Rng(1), 1, 1)).toThrow(RangeError);
  });
});
