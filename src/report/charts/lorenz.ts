import { CONFIG, PAGE_WIDTH, variantColor } from '../chartStyle';
import type { LorenzCurve } from '../lorenz';
import type { ChartData, ChartSpec } from '../vega';

/**
 * Returns the Lorenz curves of the chosen ticks: one panel per class (`all`
 * first) and tick, each with the curve of every variant (averaged over its
 * runs) and the line of equality; the further a curve sags below it, the
 * more unequal holdings are. Hover shows a curve's mean Gini coefficient.
 */
export function lorenzChart(curves: LorenzCurve[], variants: string[], interactive: boolean): ChartData {
  const classes = [...new Set(curves.map((c) => c.cls))].sort((a, b) => Number(b === 'all') - Number(a === 'all') || (a < b ? -1 : 1));
  const ticks = [...new Set(curves.map((c) => c.tick))].sort((a, b) => a - b);
  const rows = curves.flatMap((c) =>
    Array.from(c.quantile, (q, i) => ({ variant: c.variant, tick: `tick ${c.tick}`, class: c.cls, quantile: q, share: c.share[i], gini: c.gini, runs: c.runs })),
  );
  const side = Math.max(150, Math.min(250, Math.floor((PAGE_WIDTH - 90) / classes.length) - 24));
  const axis = (title: string) => ({ title, scale: { domain: [0, 1], nice: false }, axis: { format: '.0%', tickCount: 5 } });
  const spec = {
    title: { text: 'Wealth distribution (Lorenz curves)', subtitle: 'cumulative share of holdings against the share of holders, poorest first; mean curve over each variant’s runs' },
    config: { ...CONFIG, facet: { spacing: 22 } },
    data: { values: rows },
    facet: {
      column: { field: 'class', type: 'nominal', title: null, sort: classes, header: { labelFontSize: 13, labelAnchor: 'start' } },
      row: { field: 'tick', type: 'nominal', title: null, sort: ticks.map((t) => `tick ${t}`), header: { labelFontSize: 13, labelAngle: 0, labelAlign: 'left' } },
    },
    spec: {
      width: side,
      height: side,
      layer: [
        { mark: { type: 'rule', color: '#aaa', strokeDash: [3, 3] }, encoding: { x: { datum: 0 }, y: { datum: 0 }, x2: { datum: 1 }, y2: { datum: 1 } } },
        {
          mark: { type: 'line', strokeWidth: 1.8 },
          encoding: {
            x: { field: 'quantile', type: 'quantitative', ...axis('share of holders') },
            y: { field: 'share', type: 'quantitative', ...axis('share of holdings') },
            color: variantColor(variants),
            ...(interactive ? { tooltip: [{ field: 'variant' }, { field: 'class' }, { field: 'tick' }, { field: 'gini', type: 'quantitative', title: 'Gini (mean over runs)', format: '.3f' }] } : {}),
          },
        },
      ],
    },
  } as ChartSpec;
  return { spec: { lite: spec }, rows };
}
