import type { Rng } from '../core/rng';

/**
 * `poissonDraw(rng, mean)` → one draw of a Poisson count with the given mean
 * (≥ 0): Knuth's product of uniforms for a mean up to 30 (Knuth, TAOCP 2,
 * 3.4.1), and for a larger mean the sum of Poisson(30) draws and one for the
 * remainder, exact since Poisson counts add. 0 for a mean of 0.
 */
export function poissonDraw(rng: Rng, mean: number): number {
  if (!(mean >= 0 && mean < Infinity)) throw new RangeError(`a Poisson mean must be finite and >= 0, got ${mean}`);
  let n = 0;
  let left = mean;
  while (left > 30) {
    n += knuth(rng, 30);
    left -= 30;
  }
  return n + knuth(rng, left);
}

function knuth(rng: Rng, mean: number): number {
  if (mean === 0) return 0;
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

/**
 * Returns the expected arrivals of new participants in one tick:
 * λ = (arrivalsPerYear / ticksPerYear) · U^ε · e^(κ s), with U the usage
 * index (adoption), ε its elasticity, s the market sentiment (unit sd) and
 * κ the sentiment elasticity — a Poisson rate that grows with the network's
 * use and with the market's mood.
 */
export function arrivalRate(arrivalsPerYear: number, ticksPerYear: number, usage: number, usageElasticity: number, sentiment: number, sentimentElasticity: number): number {
  const u = usageElasticity !== 0 ? Math.pow(usage, usageElasticity) : 1;
  return (arrivalsPerYear / ticksPerYear) * u * Math.exp(sentimentElasticity * sentiment);
}

/**
 * Returns the probability that a participant leaves in one tick:
 * h = 1 − exp(−(departuresPerYear / ticksPerYear) · e^(−κ s)), the hazard of
 * an exponential stay of mean ticksPerYear / departuresPerYear ticks,
 * lengthened in a good mood (s > 0) and shortened in a bad one.
 */
export function departureProbability(departuresPerYear: number, ticksPerYear: number, sentiment: number, sentimentElasticity: number): number {
  return 1 - Math.exp(-(departuresPerYear / ticksPerYear) * Math.exp(-sentimentElasticity * sentiment));
}
