import type { z } from 'zod';
import { World, type Activation } from '../core/world';
import type { BuildOptions } from '../experiment/model';
import { ConstantProductPool, type AmmParams } from '../market/amm';

/** The parameters every market model shares: clock, activation, treasury and pool at genesis. */
export interface MarketWorldParams {
  ticksPerYear: number;
  activation: Activation;
  /** Tokens and USD the treasury holds at genesis. */
  treasury: { tokens: number; usd: number };
  amm: AmmParams;
}

/**
 * Returns a new world with its AMM pool and treasury funded at genesis
 * (their tokens minted and their USD entered through the ledger), the pool's
 * fee following `amm.feeBps` through parameter changes.
 */
export function marketWorld<P extends MarketWorldParams>(
  params: P,
  schema: z.ZodType<P>,
  opts: BuildOptions,
): { world: World<P>; pool: ConstantProductPool } {
  const world = new World<P>({
    params,
    schema,
    seed: opts.seed,
    ticksPerYear: params.ticksPerYear,
    activation: params.activation,
    check: opts.check,
  });
  const pool = new ConstantProductPool(params.amm);
  world.ledger.register(pool);
  world.ledger.mint(params.amm.tokenReserve + params.treasury.tokens);
  world.ledger.usdIn(params.amm.usdReserve + params.treasury.usd);
  world.treasury.tokens = params.treasury.tokens;
  world.treasury.usd = params.treasury.usd;
  world.onParamChange(() => {
    pool.fee = world.params.amm.feeBps / 10_000;
  });
  return { world, pool };
}
