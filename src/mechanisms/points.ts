/**
 * Points-program arithmetic: what a wallet's activity earns in a tick, how
 * points decay and are capped, and how points become an allocation (pro
 * rata with a per-wallet cap, or an equal share per eligible wallet), and
 * whether a recipient claims now or locks. Pure functions; the `airdrop`
 * block applies them to the wallets' columns.
 */

/** Points per unit of each activity (points per USD traded, per USD of liquidity held for a tick, per transaction). */
export interface PointRates {
  readonly volume: number;
  readonly liquidity: number;
  readonly transactions: number;
}

/**
 * Returns the points one wallet earns in a tick, in points:
 *
 *   e = m · (r_v · V + r_l · L + r_n · n)
 *
 * with V the USD traded, L the USD of liquidity held over the tick, n the
 * transactions and m the product of the multipliers in force (boosts,
 * holding time).
 */
export function earnedPoints(volumeUsd: number, liquidityUsd: number, transactions: number, rates: PointRates, multiplier: number): number {
  return multiplier * (rates.volume * volumeUsd + rates.liquidity * liquidityUsd + rates.transactions * transactions);
}

/**
 * Returns the holding-time multiplier after `heldTicks` consecutive ticks
 * of liquidity held: 1 + min(maxBonus, bonusPerTick · heldTicks)
 * (a loyalty multiplier that grows with time held, up to a ceiling).
 */
export function holdingMultiplier(heldTicks: number, bonusPerTick: number, maxBonus: number): number {
  const b = bonusPerTick * heldTicks;
  return 1 + (b < maxBonus ? b : maxBonus);
}

/** A points multiplier in force over ticks [fromTick, toTick) (an early-bird or campaign boost). */
export interface Boost {
  readonly fromTick: number;
  readonly toTick: number;
  readonly factor: number;
}

/** Returns the product of the factors of the boosts in force at `tick` (1 when none is). */
export function boostAt(tick: number, boosts: readonly Boost[]): number {
  let m = 1;
  for (const b of boosts) if (tick >= b.fromTick && tick < b.toTick) m *= b.factor;
  return m;
}

/**
 * Returns a wallet's points after one tick, in points:
 *
 *   P(t) = min(cap, P(t−1) · (1 − δ) + e(t))
 *
 * δ the decay per tick (0: points never decay), cap the points ceiling per
 * wallet (Infinity: none).
 */
export function accrue(previous: number, earned: number, decayPerTick: number, cap: number): number {
  const p = previous * (1 - decayPerTick) + earned;
  return p < cap ? p : cap;
}

/**
 * Writes into `out` each wallet's allocation, in tokens, pro rata to its
 * weight w_i (points after the filter) with a ceiling of `capTokens` per
 * wallet: a_i = R · w_i / Σ_uncapped w, and a wallet whose share passes the
 * cap gets the cap and leaves the pool, its excess shared among the others
 * (water-filling: repeated until no share passes the cap). Returns the
 * tokens allocated: `tokens` unless every wallet is capped (then the rest is
 * unallocated) or no wallet has weight (then 0).
 */
export function allocateProRata(weights: Float64Array, count: number, tokens: number, capTokens: number, out: Float64Array): number {
  out.fill(0, 0, count);
  const capped = new Uint8Array(count);
  let rest = tokens;
  let given = 0;
  for (;;) {
    let w = 0;
    for (let i = 0; i < count; i++) if (capped[i] === 0 && weights[i] > 0) w += weights[i];
    if (!(w > 0) || !(rest > 0)) return given;
    let over = false;
    for (let i = 0; i < count; i++) {
      if (capped[i] === 0 && weights[i] > 0 && (rest * weights[i]) / w > capTokens) {
        capped[i] = 1;
        out[i] = capTokens;
        rest -= capTokens;
        given += capTokens;
        over = true;
      }
    }
    if (over) continue;
    for (let i = 0; i < count; i++) if (capped[i] === 0 && weights[i] > 0) out[i] = (rest * weights[i]) / w;
    return given + rest;
  }
}

/**
 * Writes into `out` each wallet's allocation under a snapshot (criteria)
 * drop, in tokens: every wallet whose points at the snapshot reach
 * `minPoints` is eligible, and eligible wallet i gets tokens · k_i / Σ k,
 * k_i its keep factor (1, or 1 − haircut for a flagged wallet; 0 when
 * excluded). Returns the tokens allocated.
 */
export function allocateEqual(points: Float64Array, keep: Float64Array, count: number, minPoints: number, tokens: number, out: Float64Array): number {
  out.fill(0, 0, count);
  let k = 0;
  for (let i = 0; i < count; i++) if (points[i] > 0 && points[i] >= minPoints) k += keep[i];
  if (!(k > 0)) return 0;
  let given = 0;
  for (let i = 0; i < count; i++) {
    if (points[i] > 0 && points[i] >= minPoints && keep[i] > 0) {
      out[i] = (tokens * keep[i]) / k;
      given += out[i];
    }
  }
  return given;
}

/**
 * Returns the value, in today's tokens per token, of an allocation locked
 * for L ticks to a recipient discounting at d per tick: released at the
 * end (`cliff`), (1 − d)^L; released in L equal parts at ticks 1 … L
 * (`linear` vesting), (1/L) Σ_{k=1..L} (1 − d)^k = (1 − d)(1 − (1 − d)^L) / (L d)
 * (1 at d = 0).
 */
export function lockedValueShare(lockTicks: number, discountPerTick: number, release: 'cliff' | 'linear'): number {
  const q = 1 - discountPerTick;
  if (release === 'cliff') return q ** lockTicks;
  if (discountPerTick === 0) return 1;
  return (q * (1 - q ** lockTicks)) / (lockTicks * discountPerTick);
}

/**
 * Returns whether a recipient offered "claim `claimShare` of the allocation
 * now, or lock all of it for `lockTicks` ticks" locks: it does when the
 * locked allocation, discounted at its rate d per tick, is worth at least
 * what claiming now gives, `lockedValueShare(L, d, release)` ≥ claimShare
 * ((1 − d)^L ≥ claimShare for a cliff).
 */
export function choosesLock(claimShare: number, lockTicks: number, discountPerTick: number, release: 'cliff' | 'linear' = 'cliff'): boolean {
  return lockedValueShare(lockTicks, discountPerTick, release) >= claimShare;
}

/**
 * Returns the share of an allocation a recipient values, in today's tokens,
 * under claim mode `mode`: 1 for `claim`; v_L = `lockedValueShare` for
 * `lock`; max(claimShare, v_L) for `choose`.
 */
export function claimValueShare(mode: 'claim' | 'lock' | 'choose', claimShare: number, lockTicks: number, discountPerTick: number, release: 'cliff' | 'linear' = 'cliff'): number {
  if (mode === 'claim') return 1;
  const locked = lockedValueShare(lockTicks, discountPerTick, release);
  if (mode === 'lock') return locked;
  return locked > claimShare ? locked : claimShare;
}
