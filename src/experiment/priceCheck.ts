import { RunError } from '../core/errors';
import type { World } from '../core/world';

/**
 * Throws a `RunError` when the world's market price at the current tick is
 * not a positive finite number (USD per token): a price of 0 or below, or
 * NaN, breaks every rule that divides by it or takes its logarithm, so the
 * run fails there, whether or not `--check` is on. Does nothing for a world
 * without a market price.
 */
export function assertPositivePrice(world: World<any>): void {
  if (!world.priceSource) return;
  const price = world.priceAt(world.tick);
  if (!(price > 0) || price === Infinity) throw new RunError(`market price is ${price} USD per token at tick ${world.tick}; a price must be positive and finite`, world.tick);
}
