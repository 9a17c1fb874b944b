import type * as Vega from 'vega';
// Types only (erased at run time); moduleResolution node cannot follow vega-lite's exports map.
import type * as VegaLite from 'vega-lite/build/index';

/** A Vega-Lite specification (its top-level type). */
export type ChartSpec = VegaLite.TopLevelSpec;

/** A chart as either a Vega-Lite specification or, for what Vega-Lite cannot express (the Sankey diagram), a Vega one. */
export type Spec = { lite: ChartSpec } | { vega: Vega.Spec };

/** A chart's specification and the rows it plots (what its CSV export holds). */
export interface ChartData {
  spec: Spec;
  rows: Record<string, unknown>[];
}

// vega and vega-lite ship as ES modules only; see importEsm.js.
const dynamicImport: <T>(specifier: string) => Promise<T> = require('./importEsm');

let libraries: Promise<{ vega: typeof Vega; vegaLite: typeof VegaLite }> | null = null;

function load(): Promise<{ vega: typeof Vega; vegaLite: typeof VegaLite }> {
  libraries ??= Promise.all([dynamicImport<typeof Vega>('vega'), dynamicImport<typeof VegaLite>('vega-lite')]).then(
    ([vega, vegaLite]) => ({ vega, vegaLite }),
  );
  return libraries;
}

/** Returns the Vega specification of a chart (Vega-Lite ones compiled). */
export async function toVega(spec: Spec): Promise<Vega.Spec> {
  if ('vega' in spec) return spec.vega;
  const { vegaLite } = await load();
  return vegaLite.compile(spec.lite).spec as Vega.Spec;
}

/**
 * Returns the SVG markup of a chart, rendered in Node by vega's headless
 * View (no browser, no network: the data must be inline values).
 */
export async function renderSvg(spec: Spec): Promise<string> {
  const { vega } = await load();
  const view = new vega.View(vega.parse(await toVega(spec)), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
