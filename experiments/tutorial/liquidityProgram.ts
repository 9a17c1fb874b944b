// A mechanism as a block: protocol-owned liquidity — the treasury adds tokens and USD to the AMM pool every week.
import { z } from 'zod';
import { defineBlock } from '../../src/blocks';
import { marketPort, treasury } from '../../src';

export const liquidityProgram = defineBlock({
  key: 'liquidityProgram',
  kind: 'policy',
  description: 'protocol-owned liquidity: every K ticks the treasury adds USD and the matching tokens at the pool price',
  params: {
    schema: z.object({ everyTicks: z.number().int().min(1), usd: z.number().min(0) }).strict(),
    defaults: { everyTicks: 7, usd: 20_000 },
  },
  needs: { market: marketPort, treasury },
  metrics: { pol_added_usd: { unit: 'USD', kind: 'flow', description: 'USD the treasury added to the pool since the previous row (tokens added at the same value)' } },
  build(ctx) {
    const pool = ctx.deps.market;
    const t = ctx.deps.treasury;
    // The treasury is the only writer of its account: it opens the routes, this block moves money along them.
    const usdIn = t.spendTo(pool.reserves, 'liquidity', 'usd');
    const tokensIn = t.spendTo(pool.reserves, 'liquidity');
    let added = 0;
    return {
      api: undefined,
      hooks: {
        post(world) {
          added = 0;
          const p = ctx.params();
          if (world.tick % p.everyTicks !== 0) return;
          // Add at the pool's price so the price does not move: u USD and u / price tokens, as far as the treasury holds both.
          const usd = Math.min(p.usd, t.usd, t.tokens * pool.price);
          if (!(usd > 0)) return;
          tokensIn.move(usd / pool.price);
          usdIn.move(usd);
          added = usd;
        },
      },
      metrics: { pol_added_usd: () => added },
    };
  },
});
