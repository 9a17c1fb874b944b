import type { Rng } from '../core/rng';

/**
 * Steps the random-exchange model of money in place: `exchanges` times,
 * two distinct agents i, j are drawn uniformly, and with ε ~ U[0, 1) and
 * saving propensity λ,
 *
 *   m_i' = λ·m_i + ε·(1 − λ)·(m_i + m_j),   m_j' = m_i + m_j − m_i',
 *
 * so every exchange conserves money and none goes negative. With λ = 0
 * this is Dragulescu and Yakovenko's random exchange ("Statistical
 * mechanics of money", Eur. Phys. J. B 17, 723–729, 2000), whose stationary
 * distribution is the Boltzmann–Gibbs exponential P(m) = e^{−m/T} / T with
 * T = M / N the mean money: P(m < T) = 1 − 1/e, Gini ½, top-10% share
 * (1 + ln 10) / 10. With λ > 0 it is Chakraborti and Chakrabarti's saving
 * model (Eur. Phys. J. B 17, 167–170, 2000), whose stationary distribution
 * is close to a Gamma law of shape n = 1 + 3λ / (1 − λ) and mean T
 * (Patriarca, Chakraborti and Kaski, Phys. Rev. E 70, 016104, 2004).
 * Money is in any unit; `n` agents are the first n entries of `money`.
 */
export function randomExchange(money: Float64Array, rng: Rng, exchanges: number, savingPropensity = 0, n = money.length): void {
  if (!(savingPropensity >= 0 && savingPropensity < 1)) throw new RangeError(`savingPropensity must be in [0, 1), got ${savingPropensity}`);
  if (n < 2) return;
  const keep = savingPropensity;
  for (let k = 0; k < exchanges; k++) {
    const i = rng.int(n);
    let j = rng.int(n - 1);
    if (j >= i) j++;
    const total = money[i] + money[j];
    const mi = keep * money[i] + rng.next() * (1 - keep) * total;
    money[i] = mi;
    money[j] = total - mi;
  }
}
