import { z } from '../core/zod';
import { scenarioKind } from './scenario';

/** Parameters of a market crash. */
export const crashParamsSchema = z
  .object({
    /** Tick of the first fall. */
    at: z.number().int().min(1),
    /** How far the market factor's level falls over the crash, as a share of its level before it, in (0, 1). */
    depth: z.number().gt(0).lt(1),
    /** Ticks the fall is spread over, in equal log steps. */
    ticks: z.number().int().min(1).max(10_000),
  })
  .strict();
export type CrashParams = z.infer<typeof crashParamsSchema>;

/**
 * Returns the log return a crash adds to the market factor at `tick`:
 * ln(1 − depth) / ticks on ticks at … at + ticks − 1, else 0; over the
 * crash the factor's level falls to (1 − depth) of where its draws alone
 * would have put it, (1 − depth)^(k/ticks) after k of its ticks.
 */
export function crashReturn(p: CrashParams, tick: number): number {
  return tick >= p.at && tick < p.at + p.ticks ? Math.log(1 - p.depth) / p.ticks : 0;
}

/**
 * A crash of the broad market factor by `depth` (a share) over `ticks`
 * ticks from tick `at`: an overlay on the factor's drawn log returns (see
 * `FactorState.addOverlay`, `crashReturn`). Everything that reads the
 * factor reacts as to a fall of the market: traders' demand and
 * sentiment, participants' arrivals and departures, the fundamental value.
 * The GARCH draws are those of the unshocked run.
 */
export const crash = scenarioKind({
  kind: 'crash',
  description: 'the market factor falls by depth (a share) over ticks ticks from tick at',
  schema: crashParamsSchema,
  needs: ['factor'],
  perturb(run, p) {
    run.target('factor').addOverlay((tick) => crashReturn(p, tick));
    return {};
  },
});
