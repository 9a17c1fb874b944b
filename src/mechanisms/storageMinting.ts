import { EPOCHS_IN_YEAR } from '../exact/filecoinReward';

/**
 * Filecoin's hybrid minting in float64 and continuous time, in tokens and
 * TiB, for a storage network stepped a tick (many epochs) at a time. The
 * rules are the reward actor's (filecoin-project/specs-actors
 * `actors/builtin/reward/reward_logic.go`; builtin-actors
 * `actors/reward/src/logic.rs`), whose Q.128 form is `src/exact/filecoinReward.ts`:
 *
 *   λ = ln 2 / (6 years), g = ln 2 / year (both per epoch; a year = 1,051,200 epochs)
 *   simple minting      M_s(t) = S · (1 − e^{−λt})
 *   baseline power      b(t)   = b₀ · e^{gt}                 (doubles each year)
 *   capped cumulative   R̄(t)  = ∫₀ᵗ min(N(s), b(s)) ds       (TiB-epochs)
 *   effective time      θ: ∫₀^θ b = R̄  ⇒  θ = ln(1 + g·R̄/b₀) / g
 *   baseline minting    M_b(θ) = B · (1 − e^{−λθ})
 *
 * The actor sums whole epochs and interpolates θ between them; the integral
 * here differs from those sums by O(g) ≈ 6.6e-7 relative, and a network
 * held at or above the baseline has θ = t exactly.
 */

/** λ = ln 2 / (6 · 1,051,200), per epoch: the simple and baseline minting decay. */
export const MINTING_LAMBDA_PER_EPOCH = Math.LN2 / (6 * EPOCHS_IN_YEAR);
/** g = ln 2 / 1,051,200, per epoch: the baseline power's growth (100% a year). */
export const BASELINE_GROWTH_PER_EPOCH = Math.LN2 / EPOCHS_IN_YEAR;
/** The baseline power at epoch 0 of the reward actor, in TiB (`BASELINE_INITIAL_VALUE` bytes / 2^40 ≈ 2,627,429 TiB ≈ 2.5 EiB). */
export const FILECOIN_BASELINE_INITIAL_TIB = 2_888_888_880_000_000_000 / 2 ** 40;

/** Returns the simple minting up to epoch `epoch`, in tokens: S · (1 − e^{−λt}). */
export function simpleMinted(simpleTotal: number, epoch: number): number {
  return -simpleTotal * Math.expm1(-MINTING_LAMBDA_PER_EPOCH * epoch);
}

/** Returns the baseline minting at effective network time `theta` (epochs), in tokens: B · (1 − e^{−λθ}). */
export function baselineMinted(baselineTotal: number, theta: number): number {
  return -baselineTotal * Math.expm1(-MINTING_LAMBDA_PER_EPOCH * theta);
}

/** Returns the baseline power at epoch `epoch`, in TiB: b₀ · e^{gt}. */
export function baselinePowerAt(initialTiB: number, epoch: number): number {
  return initialTiB * Math.exp(BASELINE_GROWTH_PER_EPOCH * epoch);
}

/** Returns the effective network time for a capped cumulative power `cumsumTiBEpochs`, in epochs: ln(1 + g·R̄/b₀) / g. */
export function effectiveNetworkTime(initialTiB: number, cumsumTiBEpochs: number): number {
  return Math.log1p((BASELINE_GROWTH_PER_EPOCH * cumsumTiBEpochs) / initialTiB) / BASELINE_GROWTH_PER_EPOCH;
}

/**
 * Returns ∫ min(N, b(s)) ds over epochs [e₀, e₁] for a network power N held
 * through the interval, in TiB-epochs: N·(e₁ − e₀) below the baseline,
 * (b(e₁) − b(e₀)) / g above it, and the two pieces joined where b(s*) = N.
 */
export function cappedPowerIntegral(initialTiB: number, e0: number, e1: number, powerTiB: number): number {
  if (!(powerTiB > 0) || !(e1 > e0)) return 0;
  const g = BASELINE_GROWTH_PER_EPOCH;
  const above = (a: number, b: number) => (initialTiB * Math.exp(g * a) * Math.expm1(g * (b - a))) / g;
  if (powerTiB >= baselinePowerAt(initialTiB, e1)) return above(e0, e1);
  if (powerTiB <= baselinePowerAt(initialTiB, e0)) return powerTiB * (e1 - e0);
  const cross = Math.log(powerTiB / initialTiB) / g;
  return above(e0, cross) + powerTiB * (e1 - cross);
}

/** One tick's minting, in tokens. */
export interface TickMint {
  simple: number;
  baseline: number;
}

/**
 * The reward actor's state stepped a tick at a time: the epoch reached, the
 * capped cumulative power R̄ and the effective network time θ. A tick over
 * epochs (e₀, e₁] with network power N mints
 *   simple   S · (e^{−λe₀} − e^{−λe₁}) = Σ_{e=e₀+1}^{e₁} S · (e^λ − 1) · e^{−λe}
 *   baseline B · (e^{−λθ₀} − e^{−λθ₁}),  θ₁ = θ(R̄ + ∫_{e₀}^{e₁} min(N, b))
 * — the sum of `computeReward` over the tick's epochs, in tokens.
 */
export class StorageMinting {
  /** The last epoch minted. */
  epoch = 0;
  /** Capped cumulative network power, in TiB-epochs. */
  cumsumTiBEpochs = 0;
  /** Effective network time θ, in epochs. */
  theta = 0;
  /** Minted since epoch 0 by each component, in tokens. */
  simpleMintedTotal = 0;
  baselineMintedTotal = 0;

  constructor(private readonly params: () => { simpleTotal: number; baselineTotal: number; baselineInitialTiB: number }) {}

  /** Returns the baseline power at the last epoch minted, in TiB. */
  get baselineTiB(): number {
    return baselinePowerAt(this.params().baselineInitialTiB, this.epoch);
  }

  /** Returns what the next `epochs` would mint at network power `powerTiB`, without moving, in tokens. */
  project(epochs: number, powerTiB: number): TickMint {
    const p = this.params();
    const lam = MINTING_LAMBDA_PER_EPOCH;
    const e0 = this.epoch;
    const simple = -p.simpleTotal * Math.exp(-lam * e0) * Math.expm1(-lam * epochs);
    const cum = this.cumsumTiBEpochs + cappedPowerIntegral(p.baselineInitialTiB, e0, e0 + epochs, powerTiB);
    const theta = effectiveNetworkTime(p.baselineInitialTiB, cum);
    // e^{−λθ₀} · (1 − e^{−λ(θ₁ − θ₀)}), with expm1 so that a small step in θ keeps its digits.
    const baseline = -p.baselineTotal * Math.exp(-lam * this.theta) * Math.expm1(-lam * (theta - this.theta));
    return { simple, baseline };
  }

  /** Mints the next `epochs` at network power `powerTiB`; returns the tick's mint, in tokens. */
  step(epochs: number, powerTiB: number): TickMint {
    const p = this.params();
    const mint = this.project(epochs, powerTiB);
    this.cumsumTiBEpochs += cappedPowerIntegral(p.baselineInitialTiB, this.epoch, this.epoch + epochs, powerTiB);
    this.theta = effectiveNetworkTime(p.baselineInitialTiB, this.cumsumTiBEpochs);
    this.epoch += epochs;
    this.simpleMintedTotal += mint.simple;
    this.baselineMintedTotal += mint.baseline;
    return mint;
  }
}
