import { InputError } from '../core/errors';

/**
 * An agent's preferences over m goods, as a utility family or a demand
 * function. Demands are Marshallian: x(p, w) maximises utility subject to
 * p·x = w.
 * - `cobbDouglas`: u = Π x_j^α_j → x_j = (α_j / Σα) · w / p_j.
 * - `ces`: u = (Σ a_j x_j^ρ)^(1/ρ), elasticity σ = 1/(1 − ρ) > 0 →
 *   x_j = a_j^σ p_j^(−σ) w / Σ_k a_k^σ p_k^(1−σ) (σ → 1 is Cobb–Douglas).
 * - `leontief`: u = min_j x_j / a_j → x_j = a_j · w / Σ_k a_k p_k.
 * - `demand`: any demand function of prices and wealth (it should satisfy
 *   the budget p·x = w for Walras' law to hold).
 */
export type Preferences =
  | { kind: 'cobbDouglas'; alpha: readonly number[] }
  | { kind: 'ces'; weights: readonly number[]; sigma: number }
  | { kind: 'leontief'; ratios: readonly number[] }
  | { kind: 'demand'; demand: (prices: Float64Array, wealth: number) => ArrayLike<number> };

/** One agent of an exchange economy: what it owns (units of each good) and what it wants. */
export interface ExchangeAgent {
  endowment: readonly number[];
  preferences: Preferences;
}

/** A pure exchange economy: agents trade their endowments of m goods at common prices; nothing is produced. */
export interface ExchangeEconomy {
  /** Names of the goods (default `good0`…); good 0 is the numeraire. */
  goods?: readonly string[];
  agents: readonly ExchangeAgent[];
}

/** Returns the number of goods of `economy`, after checking every agent's vectors have that length and are valid. */
export function checkEconomy(economy: ExchangeEconomy): number {
  if (!economy.agents.length) throw new InputError('exchange economy: expected at least one agent');
  const m = economy.agents[0].endowment.length;
  if (m < 2) throw new InputError(`exchange economy: expected at least 2 goods, got ${m}`);
  economy.agents.forEach((a, i) => {
    if (a.endowment.length !== m) throw new InputError(`exchange economy: agent ${i} has ${a.endowment.length} endowments, expected ${m}`);
    if (a.endowment.some((e) => !(e >= 0))) throw new InputError(`exchange economy: agent ${i} has a negative or non-numeric endowment`);
    const p = a.preferences;
    const vec = p.kind === 'cobbDouglas' ? p.alpha : p.kind === 'ces' ? p.weights : p.kind === 'leontief' ? p.ratios : null;
    if (vec && (vec.length !== m || vec.some((v) => !(v >= 0)) || !vec.some((v) => v > 0))) {
      throw new InputError(`exchange economy: agent ${i}'s ${p.kind} parameters must be ${m} non-negative numbers, not all 0`);
    }
    if (p.kind === 'ces' && !(p.sigma > 0)) throw new InputError(`exchange economy: agent ${i}'s CES elasticity sigma must be > 0, got ${p.sigma}`);
  });
  const total = totalEndowment(economy);
  total.forEach((e, j) => {
    if (!(e > 0)) throw new InputError(`exchange economy: nobody is endowed with good ${j}; its price is undetermined`);
  });
  return m;
}

/** Returns Σ_i e_i, units of each good. */
export function totalEndowment(economy: ExchangeEconomy): Float64Array {
  const m = economy.agents[0].endowment.length;
  const t = new Float64Array(m);
  for (const a of economy.agents) for (let j = 0; j < m; j++) t[j] += a.endowment[j];
  return t;
}

/** Returns the demand x(p, w) of preferences `pref` at prices `p` and wealth `w`, units of each good. */
export function demand(pref: Preferences, p: Float64Array, w: number): Float64Array {
  const m = p.length;
  const x = new Float64Array(m);
  switch (pref.kind) {
    case 'cobbDouglas': {
      let s = 0;
      for (let j = 0; j < m; j++) s += pref.alpha[j];
      for (let j = 0; j < m; j++) x[j] = (pref.alpha[j] / s) * (w / p[j]);
      return x;
    }
    case 'ces': {
      const sg = pref.sigma;
      let den = 0;
      for (let j = 0; j < m; j++) den += Math.pow(pref.weights[j], sg) * Math.pow(p[j], 1 - sg);
      for (let j = 0; j < m; j++) x[j] = (Math.pow(pref.weights[j], sg) * Math.pow(p[j], -sg) * w) / den;
      return x;
    }
    case 'leontief': {
      let den = 0;
      for (let j = 0; j < m; j++) den += pref.ratios[j] * p[j];
      for (let j = 0; j < m; j++) x[j] = (pref.ratios[j] * w) / den;
      return x;
    }
    case 'demand': {
      const d = pref.demand(p, w);
      for (let j = 0; j < m; j++) x[j] = d[j];
      return x;
    }
  }
}

/** Returns each agent's demand at prices `p` (wealth p·e_i), agents × goods. */
export function allocations(economy: ExchangeEconomy, p: Float64Array): Float64Array[] {
  return economy.agents.map((a) => {
    let w = 0;
    for (let j = 0; j < p.length; j++) w += p[j] * a.endowment[j];
    return demand(a.preferences, p, w);
  });
}

/** Returns the aggregate excess demand z(p) = Σ_i (x_i(p, p·e_i) − e_i), units of each good. */
export function excessDemand(economy: ExchangeEconomy, p: Float64Array): Float64Array {
  const z = new Float64Array(p.length);
  const xs = allocations(economy, p);
  economy.agents.forEach((a, i) => {
    for (let j = 0; j < p.length; j++) z[j] += xs[i][j] - a.endowment[j];
  });
  return z;
}
