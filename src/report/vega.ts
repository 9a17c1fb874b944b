import type * as Vega from 'vega';
// Types only (erased at run time); moduleResolution node cannot follow vega-lite's exports map.
import type * as VegaLite from 'vega-lite/build/index';

/** A Vega-Lite specification (its top-level type). */
export type ChartSpec = VegaLite.TopLevelSpec;

// vega and vega-lite ship as ES modules only; see importEsm.js.
const dynamicImport: <T>(specifier: string) => Promise<T> = require('./importEsm');

let libraries: Promise<{ vega: typeof Vega; vegaLite: typeof VegaLite }> | null = null;

function load(): Promise<{ vega: typeof Vega; vegaLite: typeof VegaLite }> {
  libraries ??= Promise.all([dynamicImport<typeof Vega>('vega'), dynamicImport<typeof VegaLite>('vega-lite')]).then(
    ([vega, vegaLite]) => ({ vega, vegaLite }),
  );
  return libraries;
}

/**
 * Returns the SVG markup of a Vega-Lite chart, rendered in Node by vega's
 * headless View (no browser, no network: the data must be inline values).
 */
export async function renderSvg(spec: ChartSpec): Promise<string> {
  const { vega, vegaLite } = await load();
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
