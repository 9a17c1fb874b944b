import { z } from 'zod';
import type { ConstantProductPool } from '../market/amm';
import type { World } from '../core/world';

/** Parameters of the fee burn. */
export const feeBurnParamsSchema = z
  .object({
    /** Share of every AMM swap fee taken from the pool and burned, in [0, 1]. */
    feeShare: z.number().min(0).max(1),
    /**
     * What happens to the USD-side share: `buyAndBurn` buys tokens with it on
     * the pool at the end of the tick and burns them; `treasury` pays it to
     * the treasury as protocol revenue.
     */
    usdFees: z.enum(['buyAndBurn', 'treasury']),
  })
  .strict();
export type FeeBurnParams = z.infer<typeof feeBurnParamsSchema>;

/**
 * The fee burn. A share s = `feeShare` of every AMM fee leaves the pool: the
 * token side is burned at the end of the tick; the USD side either buys
 * tokens on the pool, which are burned (`buyAndBurn`), or goes to the
 * treasury. With fee f on a sell of a tokens, a·f·s tokens are burned.
 * Phase `pre` sets the pool's protocol share from the parameters (so
 * governance changes apply from the next tick); phase `post` burns.
 */
export class FeeBurn {
  readonly name = 'feeBurn';
  /** Tokens burned by this mechanism this tick. */
  burnedThisTick = 0;
  /** USD paid to the treasury this tick (`usdFees: 'treasury'`). */
  treasuryUsdThisTick = 0;

  constructor(
    private readonly pool: ConstantProductPool,
    private readonly params: () => FeeBurnParams,
  ) {}

  pre(): void {
    this.pool.protocolFeeShare = this.params().feeShare;
  }

  post(world: World): void {
    let burned = this.pool.collectProtocolTokens();
    const usd = this.pool.collectProtocolUsd();
    this.treasuryUsdThisTick = 0;
    if (usd > 0) {
      if (this.params().usdFees === 'buyAndBurn') {
        // The protocol buys without paying itself a protocol fee.
        const share = this.pool.protocolFeeShare;
        this.pool.protocolFeeShare = 0;
        burned += this.pool.buy(usd);
        this.pool.protocolFeeShare = share;
      } else {
        world.treasury.usd += usd;
        this.treasuryUsdThisTick = usd;
      }
    }
    if (burned > 0) world.ledger.burn(burned);
    this.burnedThisTick = burned;
  }
}
