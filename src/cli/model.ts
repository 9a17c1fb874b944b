import type { Experiment } from '../experiment/define';
import { InputError } from '../core/errors';
import { BlockModel } from '../model/defineModel';
import { describeModel, formatModelDescription } from '../model/describe';

/**
 * `tokensim model <experiment.ts> [--json]`: returns what the experiment's
 * model is made of — blocks, phase table, accounts, populations and their
 * columns, metrics, KPIs and tables with units — at the experiment's
 * parameters, as text or JSON.
 */
export function modelCommand(experiment: Experiment<object>, flags: { json?: boolean }): string {
  const model = experiment.model;
  if (!(model instanceof BlockModel)) throw new InputError(`model: the experiment ${experiment.name}'s model is not made of blocks`);
  const d = describeModel(model, model.schema.parse(experiment.defaults));
  return flags.json ? JSON.stringify(d, null, 2) : formatModelDescription(d);
}
