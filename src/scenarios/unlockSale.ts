import { z } from '../core/zod';
import { scenarioKind } from './scenario';

/** Parameters of an unlock sold at once. */
export const unlockSaleParamsSchema = z
  .object({
    /** Tick of the unlock and the sale. */
    at: z.number().int().min(1),
    /** Tokens locked from genesis (minted then, not circulating) and unlocked at `at`. */
    tokens: z.number().gt(0).max(1e15),
    /** Share of the unlock sold on the AMM at once, in [0, 1]; the rest is held, circulating. */
    sellShare: z.number().min(0).max(1),
  })
  .strict();
export type UnlockSaleParams = z.infer<typeof unlockSaleParamsSchema>;

/**
 * A large unlock sold at once: `tokens` tokens are minted at genesis into a
 * locked (non-circulating) holding in every run of the experiment, shocked
 * or not, so total supply is the same in all of them; at tick `at` (phase
 * `pre`, before any agent acts) they are unlocked into a circulating
 * holding and the share `sellShare` is sold on the AMM in one swap (a
 * team or investor cliff dumped, a fund unwinding). Selling a share s of
 * the pool's token reserve at once moves a constant-product price to
 * p / (1 + s(1 − f))², f the swap fee (see `priceShock` for the same sale
 * spread over ticks).
 */
export const unlockSale = scenarioKind({
  kind: 'unlockSale',
  description: 'tokens locked from genesis unlock at tick at and a share of them is sold on the AMM at once',
  schema: unlockSaleParamsSchema,
  needs: ['market'],
  lockedTokens: (p) => p.tokens,
  perturb(run, p) {
    const unlock = run.ledger.route(run.locked, run.seller, 'unlock');
    const trader = run.target('market').trader(run.seller, run.seller, 'unlock sale');
    return {
      pre: (w) => {
        if (w.tick !== p.at) return;
        unlock.move(run.locked.tokens);
        if (p.sellShare > 0) trader.sell(run.seller.tokens * p.sellShare);
      },
    };
  },
});
