import { z } from '../core/zod';
import { defineBlock } from '../core/block';
import { service } from '../mechanisms/serviceMarket';
import { fileProblems, readExogenousSeries, valueAt } from './exogenousSeries';

/** Parameters of the service-demand replay. */
export const demandReplayParamsSchema = z
  .object({
    /** A CSV file with one row per tick (tick 1 first) and a column `column` of demand in service units per tick; null: demand is drawn as usual. */
    file: z.string().min(1).nullable(),
    /** The column of `file` read, matched case-insensitively. */
    column: z.string().min(1),
  })
  .strict();
export type DemandReplayParams = z.infer<typeof demandReplayParamsSchema>;

/**
 * The service-demand replay (a backtest): in phase `exogenous`, after the
 * service market has drawn its demand, it replaces that demand with value t
 * of column `column` of `file` (service units per tick, ≥ 0), so a known
 * episode of usage drives the network instead of the adoption curve and its
 * shocks. The draws of the service market are still made, so the other
 * streams of the run are those of the drawn run. With `file: null` it does
 * nothing. A run longer than the file stops at the first tick the file does
 * not have, naming the file.
 */
export const demandReplay = defineBlock({
  key: 'demandReplay',
  kind: 'scenario',
  description: "replays the service's demand per tick from a CSV column instead of the drawn adoption curve (a backtest)",
  sources: ['exogenous-series replay for backtesting an agent-based model against an observed episode: Fagiolo, Guerini, Lamperti, Moneta & Roventini (2019), "Validation of agent-based models in economics and finance", in Computer Simulation Validation, Springer'],
  params: { schema: demandReplayParamsSchema, defaults: { file: null, column: 'demand' } },
  needs: { service },
  check(p) {
    return p.file === null ? [] : fileProblems('file', () => readExogenousSeries(p.file!, p.column.toLowerCase(), { nonNegative: true }));
  },
  build(ctx) {
    const p = ctx.params();
    const market = ctx.deps.service;
    if (p.file === null) return { api: undefined };
    const series = readExogenousSeries(p.file, p.column.toLowerCase(), { nonNegative: true });
    return {
      api: undefined,
      hooks: {
        exogenous: (w) => {
          market.demand = valueAt(series, w.tick);
        },
      },
    };
  },
});
