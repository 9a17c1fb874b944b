/**
 * The error an exact mechanism throws where its on-chain reference reverts.
 * `reason` is the reference's own revert string (`'UniswapV2: K'`,
 * `'CV_AMOUNT_OVER_MAX_RATIO'`), so a test can assert the very revert the
 * contract's own test expects; the message names it the same way.
 */
export class RevertError extends Error {
  override readonly name = 'RevertError';
  constructor(readonly reason: string) {
    super(`reverted: ${reason}`);
  }
}

/** Returns nothing; throws `RevertError(reason)` unless `condition` holds, as Solidity's `require(condition, reason)`. */
export function requireThat(condition: boolean, reason: string): asserts condition {
  if (!condition) throw new RevertError(reason);
}
