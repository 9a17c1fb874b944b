import { isqrt } from './isqrt';
import { RevertError, requireThat } from './revert';

/** The zero address: where the first `MINIMUM_LIQUIDITY` shares are locked forever. */
export const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';

/** Shares burned to the zero address on the first mint (Uniswap v2 `MINIMUM_LIQUIDITY` = 10³). */
export const MINIMUM_LIQUIDITY = 1000n;

const MAX_UINT112 = (1n << 112n) - 1n;
const MAX_UINT256 = (1n << 256n) - 1n;
const UINT256 = 1n << 256n;
const UINT32 = 1n << 32n;
const Q112 = 1n << 112n;

/** A flash-swap callback (`IUniswapV2Callee.uniswapV2Call`): runs after the optimistic transfer out, and repays with `pair.transferIn`. */
export type FlashCallback = (pair: UniswapV2Pair, amount0Out: bigint, amount1Out: bigint) => void;

/** A pair's whole state, for undoing a multi-step operation that reverts part-way. */
export interface PairState {
  readonly scalars: readonly bigint[];
  readonly unlocked: boolean;
  readonly shares: Map<string, bigint> | null;
}

/**
 * A Uniswap v2 pair in token base units (wei for 18-decimal tokens), as
 * Uniswap/v2-core `contracts/UniswapV2Pair.sol` (`mint`, `burn`, `swap`,
 * `skim`, `sync`, `_update`, `_mintFee`) and `UniswapV2ERC20.sol` for its
 * LP shares:
 *
 * - the first mint gives √(a₀·a₁) − 10³ shares and locks 10³ at the zero address;
 *   later mints give min(a₀·S / R₀, a₁·S / R₁);
 * - burn pays ⌊ℓ · balance / S⌋ of each token;
 * - swap sends the outputs first (and runs a flash-swap callback), then
 *   requires (1000·b₀ − 3·in₀)(1000·b₁ − 3·in₁) ≥ R₀·R₁·1000², else `'UniswapV2: K'`;
 * - with `feeTo` set, each mint and burn first mints S·(√k − √kLast) / (5√k + √kLast)
 *   shares to `feeTo`: one sixth of the growth of √k since the last liquidity event;
 * - the price accumulators add ⌊R₁·2^112 / R₀⌋ · Δt (UQ112x112) at the first
 *   update of each `blockTimestamp`, wrapping at 2^256.
 *
 * Tokens move in with `transferIn` (an ERC-20 transfer to the pair); what
 * the pair pays out is returned, so the reference's `to` argument appears
 * only where shares are minted. Every method reverts with the reference's
 * revert string (`RevertError`) and, like a reverted transaction, leaves
 * the state as it was. `INVALID_TO` (sending to a token contract) has no
 * counterpart here: there are no token contracts.
 */
export class UniswapV2Pair {
  reserve0 = 0n;
  reserve1 = 0n;
  blockTimestampLast = 0n;
  /** Tokens the pair holds, synced or not (its ERC-20 balances). */
  balance0 = 0n;
  balance1 = 0n;
  price0CumulativeLast = 0n;
  price1CumulativeLast = 0n;
  /** R₀·R₁ after the last liquidity event while the protocol fee is on; 0 while it is off. */
  kLast = 0n;
  totalSupply = 0n;
  /** LP share balances by address. */
  readonly shares = new Map<string, bigint>();
  /** The factory's `feeTo`: where the protocol fee's shares go; null turns the fee off. */
  feeTo: string | null = null;
  /** `block.timestamp` of the current block, in seconds; the caller advances it. */
  blockTimestamp = 0n;
  private unlocked = true;

  /** `address`: the pair's own address, where shares are sent to be burned. */
  constructor(readonly address = 'pair') {}

  /** Returns the LP shares held by `owner`. */
  balanceOf(owner: string): bigint {
    return this.shares.get(owner) ?? 0n;
  }

  /** Adds `amount` of token 0 or 1 to the pair's balance: an ERC-20 transfer to the pair, not yet synced into the reserves. */
  transferIn(token: 0 | 1, amount: bigint): void {
    if (amount < 0n) throw new RangeError(`transferIn needs a non-negative amount, got ${amount}`);
    if (token === 0) this.balance0 += amount;
    else this.balance1 += amount;
  }

  /** Moves `value` LP shares from `from` to `to` (`UniswapV2ERC20._transfer`). */
  transferShares(from: string, to: string, value: bigint): void {
    const have = this.balanceOf(from);
    requireThat(have >= value, 'ds-math-sub-underflow');
    this.shares.set(from, have - value);
    this.shares.set(to, this.balanceOf(to) + value);
  }

  /** Mints LP shares to `to` for the tokens transferred in since the last update and returns how many (`UniswapV2Pair.mint`). */
  mint(to: string): bigint {
    this.enter();
    try {
      const r0 = this.reserve0;
      const r1 = this.reserve1;
      const amount0 = sub(this.balance0, r0);
      const amount1 = sub(this.balance1, r1);
      const fee = this.protocolFeeShares(r0, r1);
      const supply = this.totalSupply + fee;
      let liquidity: bigint;
      if (supply === 0n) liquidity = sub(isqrt(mul(amount0, amount1)), MINIMUM_LIQUIDITY);
      else {
        const l0 = mul(amount0, supply) / r0;
        const l1 = mul(amount1, supply) / r1;
        liquidity = l0 < l1 ? l0 : l1;
      }
      requireThat(liquidity > 0n, 'UniswapV2: INSUFFICIENT_LIQUIDITY_MINTED');
      checkUint112(this.balance0, this.balance1);
      this.commitFee(fee);
      if (supply === 0n) this.mintShares(ZERO_ADDRESS, MINIMUM_LIQUIDITY);
      this.mintShares(to, liquidity);
      this.update(this.balance0, this.balance1);
      if (this.feeTo !== null) this.kLast = this.reserve0 * this.reserve1;
      return liquidity;
    } finally {
      this.unlocked = true;
    }
  }

  /** Burns the shares held by the pair itself and returns the pro-rata tokens it pays out (`UniswapV2Pair.burn`). */
  burn(): { amount0: bigint; amount1: bigint } {
    this.enter();
    try {
      const liquidity = this.balanceOf(this.address);
      const fee = this.protocolFeeShares(this.reserve0, this.reserve1);
      const supply = this.totalSupply + fee;
      requireThat(supply > 0n, 'division by zero');
      const amount0 = (liquidity * this.balance0) / supply;
      const amount1 = (liquidity * this.balance1) / supply;
      requireThat(amount0 > 0n && amount1 > 0n, 'UniswapV2: INSUFFICIENT_LIQUIDITY_BURNED');
      checkUint112(this.balance0 - amount0, this.balance1 - amount1);
      this.commitFee(fee);
      this.shares.set(this.address, 0n);
      this.totalSupply -= liquidity;
      this.balance0 -= amount0;
      this.balance1 -= amount1;
      this.update(this.balance0, this.balance1);
      if (this.feeTo !== null) this.kLast = this.reserve0 * this.reserve1;
      return { amount0, amount1 };
    } finally {
      this.unlocked = true;
    }
  }

  /**
   * Pays out `amount0Out` / `amount1Out`, runs `flash` if given (a flash
   * swap: it must pay in before returning), then checks the fee-adjusted
   * invariant (`UniswapV2Pair.swap`). Reverts `'UniswapV2: K'` when the
   * tokens paid in do not cover the outputs plus the 0.3% fee on the inputs.
   */
  swap(amount0Out: bigint, amount1Out: bigint, flash?: FlashCallback): void {
    requireThat(amount0Out > 0n || amount1Out > 0n, 'UniswapV2: INSUFFICIENT_OUTPUT_AMOUNT');
    this.enter();
    const saved = flash ? this.snapshot() : null;
    try {
      const r0 = this.reserve0;
      const r1 = this.reserve1;
      requireThat(amount0Out < r0 && amount1Out < r1, 'UniswapV2: INSUFFICIENT_LIQUIDITY');
      let b0 = this.balance0 - amount0Out;
      let b1 = this.balance1 - amount1Out;
      if (flash) {
        this.balance0 = b0;
        this.balance1 = b1;
        flash(this, amount0Out, amount1Out);
        b0 = this.balance0;
        b1 = this.balance1;
      }
      const in0 = b0 > r0 - amount0Out ? b0 - (r0 - amount0Out) : 0n;
      const in1 = b1 > r1 - amount1Out ? b1 - (r1 - amount1Out) : 0n;
      requireThat(in0 > 0n || in1 > 0n, 'UniswapV2: INSUFFICIENT_INPUT_AMOUNT');
      const adjusted0 = sub(b0 * 1000n, in0 * 3n);
      const adjusted1 = sub(b1 * 1000n, in1 * 3n);
      requireThat(mul(adjusted0, adjusted1) >= r0 * r1 * 1000000n, 'UniswapV2: K');
      checkUint112(b0, b1);
      this.balance0 = b0;
      this.balance1 = b1;
      this.update(b0, b1);
    } catch (e) {
      if (saved) this.restore(saved);
      throw e;
    } finally {
      this.unlocked = true;
    }
  }

  /** Pays out the tokens held above the reserves and returns them (`UniswapV2Pair.skim`). */
  skim(): { amount0: bigint; amount1: bigint } {
    this.enter();
    try {
      const amount0 = sub(this.balance0, this.reserve0);
      const amount1 = sub(this.balance1, this.reserve1);
      this.balance0 -= amount0;
      this.balance1 -= amount1;
      return { amount0, amount1 };
    } finally {
      this.unlocked = true;
    }
  }

  /** Sets the reserves to the balances (`UniswapV2Pair.sync`). */
  sync(): void {
    this.enter();
    try {
      checkUint112(this.balance0, this.balance1);
      this.update(this.balance0, this.balance1);
    } finally {
      this.unlocked = true;
    }
  }

  /** Returns the pair's state, with the share balances when `withShares`, for `restore`. */
  snapshot(withShares = true): PairState {
    return {
      scalars: [
        this.reserve0, this.reserve1, this.blockTimestampLast, this.balance0, this.balance1,
        this.price0CumulativeLast, this.price1CumulativeLast, this.kLast, this.totalSupply, this.blockTimestamp,
      ],
      unlocked: this.unlocked,
      shares: withShares ? new Map(this.shares) : null,
    };
  }

  /** Puts back a state taken by `snapshot`, as a reverted transaction leaves the chain. */
  restore(s: PairState): void {
    [
      this.reserve0, this.reserve1, this.blockTimestampLast, this.balance0, this.balance1,
      this.price0CumulativeLast, this.price1CumulativeLast, this.kLast, this.totalSupply, this.blockTimestamp,
    ] = s.scalars;
    this.unlocked = s.unlocked;
    if (s.shares) {
      this.shares.clear();
      for (const [k, v] of s.shares) this.shares.set(k, v);
    }
  }

  private enter(): void {
    requireThat(this.unlocked, 'UniswapV2: LOCKED');
    this.unlocked = false;
  }

  /** The shares `_mintFee` would mint to `feeTo` now (0 when off or when √k has not grown); clears kLast when the fee is off. */
  private protocolFeeShares(r0: bigint, r1: bigint): bigint {
    if (this.feeTo === null || this.kLast === 0n) return 0n;
    const rootK = isqrt(r0 * r1);
    const rootKLast = isqrt(this.kLast);
    if (rootK <= rootKLast) return 0n;
    return (this.totalSupply * (rootK - rootKLast)) / (rootK * 5n + rootKLast);
  }

  private commitFee(fee: bigint): void {
    if (this.feeTo === null) this.kLast = 0n;
    else if (fee > 0n) this.mintShares(this.feeTo, fee);
  }

  private mintShares(to: string, value: bigint): void {
    this.totalSupply += value;
    this.shares.set(to, this.balanceOf(to) + value);
  }

  /** `_update`: accumulate prices over the time since the last update, then set the reserves. */
  private update(b0: bigint, b1: bigint): void {
    const now = this.blockTimestamp % UINT32;
    const elapsed = (now - this.blockTimestampLast + UINT32) % UINT32;
    if (elapsed > 0n && this.reserve0 !== 0n && this.reserve1 !== 0n) {
      this.price0CumulativeLast = (this.price0CumulativeLast + ((this.reserve1 * Q112) / this.reserve0) * elapsed) % UINT256;
      this.price1CumulativeLast = (this.price1CumulativeLast + ((this.reserve0 * Q112) / this.reserve1) * elapsed) % UINT256;
    }
    this.reserve0 = b0;
    this.reserve1 = b1;
    this.blockTimestampLast = now;
  }
}

function sub(x: bigint, y: bigint): bigint {
  if (y > x) throw new RevertError('ds-math-sub-underflow');
  return x - y;
}

function mul(x: bigint, y: bigint): bigint {
  const z = x * y;
  if (z > MAX_UINT256) throw new RevertError('ds-math-mul-overflow');
  return z;
}

function checkUint112(b0: bigint, b1: bigint): void {
  requireThat(b0 <= MAX_UINT112 && b1 <= MAX_UINT112, 'UniswapV2: OVERFLOW');
}
