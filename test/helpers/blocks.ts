import type { AnyBlock } from '../../src/core/block';
import { applyOverrides, type DeepPartial } from '../../src/experiment/define';
import { defineModel, type ModelParams } from '../../src/model/defineModel';
import { economyParts } from './parts';

/**
 * Returns one run of a model made of just `blocks` (in that order), with
 * their defaults changed by `overrides`, conservation checked every tick:
 * a small world to test a block in, through its real context.
 */
export function buildBlocks<B extends AnyBlock>(blocks: readonly B[], overrides?: DeepPartial<ModelParams<B>>, seed = 1, check = true) {
  const model = defineModel({ name: 'test', blocks });
  const params = applyOverrides(model.defaults, overrides, 'test');
  model.schema.parse(params);
  return economyParts(model.build(params, { seed, check }));
}
