import type { Model } from '../../src/experiment/model';

/** Returns a model that is `model` with the fields of `over` in place of its own (its build bound, so `over.build` may call it). */
export function wrapModel<P extends object>(model: Model<P>, over: Partial<Model<P>>): Model<P> {
  return { name: model.name, schema: model.schema, defaults: model.defaults, metrics: model.metrics, kpis: model.kpis, tables: model.tables, build: (p, o) => model.build(p, o), ...over };
}
