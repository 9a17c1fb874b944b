import { z } from '../core/zod';
import { scenarioKind } from './scenario';

/** Parameters of a demand collapse. */
export const demandCollapseParamsSchema = z
  .object({
    /** Tick the collapse starts. */
    at: z.number().int().min(1),
    /** Share of the service's demand that disappears, in (0, 1]. */
    depth: z.number().gt(0).max(1),
    /** Ticks it lasts; null: to the end of the run. */
    ticks: z.number().int().min(1).nullable(),
  })
  .strict();
export type DemandCollapseParams = z.infer<typeof demandCollapseParamsSchema>;

/** Returns the factor on the service's demand at `tick`: 1 − depth from `at` for `ticks` ticks (for good when null), else 1. */
export function demandScale(p: DemandCollapseParams, tick: number): number {
  return tick >= p.at && (p.ticks === null || tick < p.at + p.ticks) ? 1 - p.depth : 1;
}

/**
 * A collapse of the DePIN service's demand: D_t × (1 − depth) from tick
 * `at`, for `ticks` ticks or for good (see `ServiceMarket.addDemandScale`,
 * `demandScale`); the adoption curve and its shocks are drawn as in the
 * unshocked run. Less demand serves less work, so node revenue and
 * utilisation fall and operators exit by their own rule.
 */
export const demandCollapse = scenarioKind({
  kind: 'demandCollapse',
  description: "the DePIN service's demand falls by depth (a share) from tick at, for ticks ticks or for good",
  schema: demandCollapseParamsSchema,
  needs: ['service'],
  perturb(run, p) {
    run.target('service').addDemandScale((tick) => demandScale(p, tick));
    return {};
  },
});
