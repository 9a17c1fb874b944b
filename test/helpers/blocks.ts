import type { AnyBlock } from '../../src/core/block';
import { applyOverrides, type DeepPartial } from '../../src/experiment/define';
import type { Assembled } from '../../src/model/assemble';
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

/**
 * Returns `sim`'s KPIs for a recorded run given by hand: the rows at
 * `ticks`, the metrics in `given`, and every other metric of the model 0
 * on every row (so a test states only the series its KPIs read).
 */
export function summarise(sim: Assembled, given: Record<string, readonly number[]>, ticks: readonly number[]): Record<string, number> {
  const series: Record<string, Float64Array> = {};
  for (const m of sim.metrics) series[m.name] = new Float64Array(ticks.length);
  for (const [name, values] of Object.entries(given)) series[name] = Float64Array.from(values);
  return sim.summary(series, Int32Array.from(ticks));
}
