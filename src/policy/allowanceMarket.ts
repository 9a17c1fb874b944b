/**
 * The allowance market of a cap-and-trade scheme, as pure functions over
 * emitters with linear marginal abatement costs.
 *
 * Emitter i has baseline emissions e_i (t CO2 in the period) and can abate
 * a ∈ [0, e_i] of them at a marginal cost rising linearly from c0_i to c1_i
 * (USD/t): MAC_i(a) = c0_i + (c1_i − c0_i) · a / e_i. At allowance price P it
 * abates where MAC < P and covers the rest with allowances, so its demand is
 *
 *   d_i(P) = e_i                              for P ≤ c0_i,
 *          = e_i · (c1_i − P) / (c1_i − c0_i)  for c0_i < P < c1_i,
 *          = 0                                for P ≥ c1_i,
 *
 * (c0_i = c1_i: a step at c0_i). The aggregate demand D(P) = Σ d_i(P) is
 * non-increasing and piecewise linear with breakpoints at every c0_i and
 * c1_i. The clearing price P* solves D(P*) = C (the cap): P* = 0 when
 * D(0) ≤ C (the cap does not bind); otherwise, on the segment where the
 * set L of emitters is in its linear range and the set H still below its
 * c0, D(P) = C is linear and
 *
 *   P* = (Σ_H e_i + Σ_L e_i c1_i / (c1_i − c0_i) − C) / Σ_L e_i / (c1_i − c0_i);
 *
 * with every c0_i = 0 and every emitter interior this is the textbook
 * P* = (Σ e_i − C) / Σ 1/m_i for MAC_i = m_i · a (Montgomery, "Markets in
 * licenses and efficient pollution control programs", J. Economic Theory 5,
 * 1972: the market price equalises marginal abatement costs). When C falls
 * inside a step of D (emitters with c0_i = c1_i = P*), those emitters
 * abate the same share θ of their emissions so demand meets the cap
 * exactly. A `ceiling` (the penalty per tonne short) caps the price: when
 * D(ceiling) > C the market clears at the ceiling and D(ceiling) − C tonnes
 * go short, rationed pro rata to demand.
 */

/** Returns emitter demand for allowances at price `price`, in tonnes, right-continuous at a step (`d_i(P+)`). */
export function demandAt(emissionsT: number, mac0: number, mac1: number, price: number): number {
  if (price >= mac1) return 0;
  if (price <= mac0) return emissionsT;
  return (emissionsT * (mac1 - price)) / (mac1 - mac0);
}

/** Returns emitter demand for allowances just below price `price`, in tonnes (`d_i(P−)`: a step at `price` still demands). */
export function demandBelow(emissionsT: number, mac0: number, mac1: number, price: number): number {
  if (price > mac1) return 0;
  if (price <= mac0) return emissionsT;
  return (emissionsT * (mac1 - price)) / (mac1 - mac0);
}

/**
 * Returns what abating `abatedT` of `emissionsT` costs, in USD: the area
 * under the MAC, c0 · a + (c1 − c0) · a² / (2 e).
 */
export function abatementCostUsd(emissionsT: number, mac0: number, mac1: number, abatedT: number): number {
  if (!(abatedT > 0) || !(emissionsT > 0)) return 0;
  return mac0 * abatedT + ((mac1 - mac0) * abatedT * abatedT) / (2 * emissionsT);
}

/**
 * Returns an emitter's cost of complying at allowance price `price` (or a
 * tax of `price` per tonne), in USD: it abates up to where MAC = price and
 * pays the price on the rest, ∫₀^a* MAC + price · (e − a*).
 */
export function complianceCostUsd(emissionsT: number, mac0: number, mac1: number, price: number): number {
  if (!(emissionsT > 0)) return 0;
  const d = demandAt(emissionsT, mac0, mac1, price);
  return abatementCostUsd(emissionsT, mac0, mac1, emissionsT - d) + price * d;
}

/** The result of one clearing: the price, what each emitter demands at it, and the shortfall. */
export interface Clearing {
  /** Clearing price, in USD per tonne. */
  priceUsdPerTonne: number;
  /** Σ demand at the clearing price, in tonnes (may exceed the cap at the ceiling). */
  demandT: number;
  /** Tonnes demanded beyond the cap at the ceiling price (0 otherwise). */
  shortfallT: number;
  /** Share θ of their emissions that emitters with a step at the price abate (0 when none). */
  stepShare: number;
}

/**
 * Returns the clearing of emitters `e`, `c0`, `c1` (the first `n` entries)
 * against cap `capT` tonnes with price ceiling `ceiling` USD/t (Infinity:
 * none). Each emitter's demand at the result is
 * `demandAt(...) + (1 − θ) · (demandBelow(...) − demandAt(...))`,
 * θ = `stepShare` (see `emitterDemand`). O(n log n): sorts the breakpoints.
 */
export function clearAllowances(e: Float64Array, c0: Float64Array, c1: Float64Array, n: number, capT: number, ceiling: number): Clearing {
  const total = (f: typeof demandAt, p: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) if (e[i] > 0) s += f(e[i], c0[i], c1[i], p);
    return s;
  };
  const at0 = total(demandAt, 0);
  if (at0 <= capT) return { priceUsdPerTonne: 0, demandT: at0, shortfallT: 0, stepShare: 0 };
  const points: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!(e[i] > 0)) continue;
    if (c0[i] > 0 && c0[i] < ceiling) points.push(c0[i]);
    if (c1[i] > 0 && c1[i] < ceiling) points.push(c1[i]);
  }
  if (ceiling < Infinity) points.push(ceiling);
  points.sort((a, b) => a - b);
  let left = 0;
  let dLeft = at0;
  for (const b of points) {
    if (b <= left) continue;
    const dBelow = total(demandBelow, b);
    if (dBelow <= capT) {
      // D is linear on (left, b): interpolate exactly.
      const p = dLeft > dBelow ? left + ((dLeft - capT) / (dLeft - dBelow)) * (b - left) : b;
      return { priceUsdPerTonne: p, demandT: capT, shortfallT: 0, stepShare: 0 };
    }
    const dAt = total(demandAt, b);
    if (dAt <= capT) {
      // C falls in a step at b: stepping emitters abate the share θ that meets it.
      const theta = (dBelow - capT) / (dBelow - dAt);
      return { priceUsdPerTonne: b, demandT: capT, shortfallT: 0, stepShare: theta };
    }
    left = b;
    dLeft = dAt;
    if (b >= ceiling) break;
  }
  if (ceiling < Infinity) return { priceUsdPerTonne: ceiling, demandT: dLeft, shortfallT: dLeft - capT, stepShare: 0 };
  // Without a ceiling every emitter abates fully above its last breakpoint: a cap of 0 clears at the highest c1.
  return { priceUsdPerTonne: left, demandT: total(demandAt, left), shortfallT: 0, stepShare: 0 };
}

/** Returns emitter i's demand at a clearing, in tonnes: the right-continuous demand plus (1 − θ) of any step at the price. */
export function emitterDemand(emissionsT: number, mac0: number, mac1: number, clearing: Clearing): number {
  const p = clearing.priceUsdPerTonne;
  const hi = demandBelow(emissionsT, mac0, mac1, p);
  const lo = demandAt(emissionsT, mac0, mac1, p);
  return lo + (1 - clearing.stepShare) * (hi - lo);
}
