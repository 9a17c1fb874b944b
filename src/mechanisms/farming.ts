/**
 * A farmer's expected-value decision: how many wallets to farm a points
 * programme with, given what one wallet costs over the season and what one
 * wallet's allocation is expected to be worth. Pure functions; the
 * `airdropWallets` block applies them at genesis.
 */

/** A wallet's activity per tick: USD traded, USD of liquidity held, transactions. */
export interface Activity {
  readonly volumeUsd: number;
  readonly liquidityUsd: number;
  readonly transactions: number;
}

/** What activity costs, in USD. */
export interface ActivityCosts {
  /** Gas per transaction, USD. */
  readonly gasUsdPerTx: number;
  /** Fees and slippage per USD traded, in basis points. */
  readonly tradeCostBps: number;
  /** Opportunity cost of capital held as liquidity, per year (0.05 = 5%). */
  readonly capitalCostPerYear: number;
  /** Time (or scripts) per wallet per tick of activity, USD. */
  readonly timeUsdPerTick: number;
}

/**
 * Returns the USD one tick of `a` costs:
 *
 *   c = n · g + V · b / 10⁴ + L · k / T + τ
 *
 * (g gas per transaction, b trading cost in bps, k capital cost per year, T
 * ticks per year, τ time per tick).
 */
export function tickCostUsd(a: Activity, c: ActivityCosts, ticksPerYear: number): number {
  return a.transactions * c.gasUsdPerTx + (a.volumeUsd * c.tradeCostBps) / 10_000 + (a.liquidityUsd * c.capitalCostPerYear) / ticksPerYear + c.timeUsdPerTick;
}

/**
 * Returns how many wallets a farmer runs when each is expected to be worth
 * `valueUsd` and its j-th wallet (j = 0, 1, …) costs C · (1 + γ · j) USD over
 * the season (each extra wallet is harder to fund and keep apart): the count
 * of j < maxWallets with valueUsd > C · (1 + γ j). With γ = 0 it is all or
 * none: maxWallets when valueUsd > C, else 0.
 */
export function walletsToFarm(valueUsd: number, costUsd: number, gamma: number, maxWallets: number): number {
  let k = 0;
  while (k < maxWallets && valueUsd > costUsd * (1 + gamma * k)) k++;
  return k;
}

/**
 * What a farmer's wallet is expected to be worth: the season's points P_w of
 * one wallet, the share κ of them the filter is expected to leave (1 −
 * (1 − FNR) · cut), what real users hold (their points, or their count
 * under a snapshot drop, times 1 − FPR · cut), the airdrop's tokens A, the
 * expected price p, the per-wallet cap share and the claim value share.
 */
export interface WalletValueInputs {
  readonly walletWeight: number;
  readonly keep: number;
  readonly realWeight: number;
  readonly tokens: number;
  readonly priceUsd: number;
  readonly capShare: number;
  readonly claimShare: number;
}

/**
 * Returns the USD one farmer's wallet is expected to bring when N farmer
 * wallets take part:
 *
 *   V(N) = A · p · v · min(cap, κ w / (W_real + N κ w))
 *
 * (w the wallet's weight — its points, or 1 under a snapshot drop — and v
 * the claim value share).
 */
export function walletValueUsd(x: WalletValueInputs, farmerWallets: number): number {
  const mine = x.keep * x.walletWeight;
  const all = x.realWeight + farmerWallets * mine;
  if (!(mine > 0) || !(all > 0)) return 0;
  const share = mine / all;
  return x.tokens * x.priceUsd * x.claimShare * (share < x.capShare ? share : x.capShare);
}

/**
 * Returns the wallets each farmer runs in the free-entry equilibrium, into
 * `out`: with g(N) = Σ_f walletsToFarm(V(N), C_f, γ, m_f) the wallets
 * farmers want when N farmer wallets take part (non-increasing in N), N* is
 * the largest N in [0, Σ m_f] with g(N) ≥ N (found by bisection); each
 * farmer runs walletsToFarm(V(N*), …), and while that makes more than N*
 * the dearest wallet (largest C_f (1 + γ (k_f − 1))) is dropped, so the
 * wallets run are N* and none left out would profit at V(N* + 1). Each
 * farmer expects the others to farm as they will; `costUsd[f]` is its
 * season cost of one wallet and `maxWallets[f]` its cap. Returns N*.
 */
export function farmingEquilibrium(x: WalletValueInputs, costUsd: Float64Array, maxWallets: Int32Array, gamma: number, out: Int32Array): number {
  const n = costUsd.length;
  const g = (N: number): number => {
    const v = walletValueUsd(x, N);
    let s = 0;
    for (let f = 0; f < n; f++) s += walletsToFarm(v, costUsd[f], gamma, maxWallets[f]);
    return s;
  };
  let hi = 0;
  for (let f = 0; f < n; f++) hi += maxWallets[f];
  let lo = 0;
  // The set {N : g(N) ≥ N} holds 0 and is closed downwards (g is non-increasing).
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (g(mid) >= mid) lo = mid;
    else hi = mid - 1;
  }
  const v = walletValueUsd(x, lo);
  let total = 0;
  for (let f = 0; f < n; f++) {
    out[f] = walletsToFarm(v, costUsd[f], gamma, maxWallets[f]);
    total += out[f];
  }
  while (total > lo) {
    let worst = -1;
    let dearest = -Infinity;
    for (let f = 0; f < n; f++) {
      const c = out[f] > 0 ? costUsd[f] * (1 + gamma * (out[f] - 1)) : -Infinity;
      if (c > dearest) {
        dearest = c;
        worst = f;
      }
    }
    out[worst]--;
    total--;
  }
  return total;
}
