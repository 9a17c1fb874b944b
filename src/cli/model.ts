import { InputError } from '../core/errors';
import { BlockModel } from '../model/defineModel';
import { describeModel, formatModelDescription } from '../model/describe';
import { loadExperiment } from './loadExperiment';

/**
 * `tokensim model <experiment.ts> [--json]`: returns what the experiment's
 * model is made of — blocks, phase table, accounts, populations and their
 * columns, metrics, KPIs and tables with units — at the experiment's
 * parameters, as text or JSON.
 */
export function modelCommand(args: string[]): string {
  const json = args.includes('--json');
  const files = args.filter((a) => a !== '--json');
  if (files.length !== 1 || files[0].startsWith('-')) throw new InputError('model: expected one experiment file, e.g. tokensim model experiments/baseline.ts');
  const experiment = loadExperiment(files[0]);
  const model = experiment.model;
  if (!(model instanceof BlockModel)) throw new InputError(`model: ${files[0]}'s model is not made of blocks`);
  const d = describeModel(model, model.schema.parse(experiment.defaults));
  return json ? JSON.stringify(d, null, 2) : formatModelDescription(d);
}
