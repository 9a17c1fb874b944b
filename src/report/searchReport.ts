import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readCalibrationState } from '../experiment/calibrateExperiment';
import { OPTIMISATION_FILE, readOptimisationState } from '../experiment/optimizeExperiment';
import { readColumns } from '../io/arrowReader';
import { CONFIG, PAGE_WIDTH, PLOT_HEIGHT } from './chartStyle';
import { escapeHtml } from './escapeHtml';
import { staticFigure } from './figure';
import { formatNumber } from './numberFormat';
import { reportPage, type PageSection } from './page';
import type { ChartSpec } from './vega';

const num = (xs: unknown[]) => xs.map((x) => (x === null ? NaN : Number(x)));

/**
 * `buildCalibrationReport(dir)` → the HTML page of a finished calibration
 * directory (written by `tokensim calibrate`): the calibrated parameters;
 * per moment the target against the simulated mean with its spread over the
 * seeds (a chart and a table); the search's convergence (best and median J
 * per generation); and the target series against the simulated one at the
 * calibrated point (median and 5–95 % band over the seeds). Static: no
 * script, nothing fetched.
 */
export async function buildCalibrationReport(dir: string): Promise<string> {
  const state = readCalibrationState(dir, 'report');
  const m = readColumns(join(dir, 'moments.arrow'));
  const g = readColumns(join(dir, 'generations.arrow'));
  const fit = readColumns(join(dir, 'fit.arrow'));
  const names = m.moment as string[];
  const target = num(m.target);
  const mean = num(m.simulated_mean);
  const sd = num(m.simulated_sd);

  // Each moment in units of its own target's scale, so moments of any size share an axis: 0 is a perfect match.
  const momentRows = names.map((name, i) => {
    const scale = Math.abs(target[i]) > 1e-12 ? Math.abs(target[i]) : 1;
    return { moment: name, target: target[i], simulated_mean: mean[i], simulated_sd: sd[i], relative_gap: (mean[i] - target[i]) / scale, lo: (mean[i] - sd[i] - target[i]) / scale, hi: (mean[i] + sd[i] - target[i]) / scale };
  });
  const momentSpec: ChartSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CONFIG,
    width: PAGE_WIDTH - 260,
    height: names.length * 22,
    title: { text: 'Simulated against target moments', subtitle: '(simulated − target) / |target|: dot the mean over seeds, bar ± one sd; 0 is a perfect match' },
    data: { values: momentRows },
    layer: [
      { mark: { type: 'rule', color: '#888' }, encoding: { x: { datum: 0 } } },
      { mark: { type: 'rule', color: '#1f5fa8', strokeWidth: 2 }, encoding: { y: { field: 'moment', type: 'nominal', sort: names, title: null }, x: { field: 'lo', type: 'quantitative', title: 'relative gap' }, x2: { field: 'hi' } } },
      { mark: { type: 'point', filled: true, color: '#1f5fa8', size: 60 }, encoding: { y: { field: 'moment', type: 'nominal', sort: names }, x: { field: 'relative_gap', type: 'quantitative' } } },
    ],
  } as ChartSpec;

  const genRows = (g.generation as number[]).map((gen, i) => ({ generation: Number(gen), evaluations: Number(g.evaluations[i]), best: Number(g.best[i]), median: Number(g.median[i]), best_so_far: Number(g.best_so_far[i]) }));
  const convergenceRows = genRows.flatMap((r) => [
    { evaluations: r.evaluations, series: 'best so far', J: r.best_so_far },
    { evaluations: r.evaluations, series: 'generation median', J: r.median },
  ]).filter((r) => Number.isFinite(r.J) && r.J > 0);
  const convergenceSpec: ChartSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CONFIG,
    width: PAGE_WIDTH - 120,
    height: PLOT_HEIGHT,
    title: { text: 'Convergence', subtitle: 'the MSM objective J (log scale) against evaluations spent' },
    data: { values: convergenceRows },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'evaluations', type: 'quantitative', title: 'evaluations' },
      y: { field: 'J', type: 'quantitative', scale: { type: 'log' }, title: 'J' },
      color: { field: 'series', type: 'nominal', scale: { range: ['#1f5fa8', '#e08214'] }, title: null },
    },
  } as ChartSpec;

  const ticks = num(fit.tick);
  // One chart per matched series: the price under the plain names, each `--match` under its column's prefix.
  const series = [{ prefix: '', column: state.inputs.column, metric: state.inputs.metric }, ...(state.inputs.matches ?? []).map((x) => ({ prefix: `${x.column}_`, column: x.column, metric: x.metric }))];
  const fitFigures = await Promise.all(series.map(({ prefix, column, metric }, k) => {
    // A log axis has no place for 0 (a tick nothing traded): such a value is left out of the chart, not drawn at the floor.
    const value = (name: string, i: number) => {
      const v = Number(fit[prefix + name][i]);
      return v > 0 ? v : null;
    };
    const rows = ticks.map((t, i) => ({ tick: t, target: value('target', i), median: value('simulated_median', i), p05: value('simulated_p05', i), p95: value('simulated_p95', i) }));
    const spec: ChartSpec = {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      config: CONFIG,
      width: PAGE_WIDTH - 120,
      height: PLOT_HEIGHT,
      title: { text: `${column} (target) against simulated ${metric}`, subtitle: 'simulated at the calibrated point: median and 5–95 % band over the seeds (log scale)' },
      data: { values: rows },
      layer: [
        { mark: { type: 'area', opacity: 0.25, color: '#1f5fa8' }, encoding: { x: { field: 'tick', type: 'quantitative', title: 'tick' }, y: { field: 'p05', type: 'quantitative', scale: { type: 'log' }, title: metric }, y2: { field: 'p95' } } },
        { mark: { type: 'line', color: '#1f5fa8' }, encoding: { x: { field: 'tick', type: 'quantitative' }, y: { field: 'median', type: 'quantitative' } } },
        { mark: { type: 'line', color: '#222', strokeWidth: 1.5 }, encoding: { x: { field: 'tick', type: 'quantitative' }, y: { field: 'target', type: 'quantitative' } } },
      ],
    } as ChartSpec;
    const name = k === 0 ? 'fit' : `fit-${column}`;
    return staticFigure({ kind: 'timeseries', name, file: name, chart: { spec: { lite: spec }, rows } });
  }));

  const paramRows = Object.entries(state.result?.params ?? {})
    .map(([p, v]) => {
      const r = state.inputs.ranges[p];
      return `<tr><th><code>${escapeHtml(p)}</code></th><td>${formatNumber(v)}</td><td>${formatNumber(state.result!.centre[p])}</td><td>${formatNumber(state.inputs.start[p])}</td><td>[${formatNumber(r.min)}, ${formatNumber(r.max)}]${r.scale === 'log' ? ' log' : ''}</td></tr>`;
    })
    .join('');
  const momentTable = momentRows
    .map((r) => `<tr><th><code>${escapeHtml(r.moment)}</code></th><td>${formatNumber(r.target)}</td><td>${formatNumber(r.simulated_mean)}</td><td>${formatNumber(r.simulated_sd)}</td></tr>`)
    .join('');
  const sections: PageSection[] = [
    {
      id: 'parameters',
      heading: 'Calibrated parameters',
      note: `The best point of the search (its J ${formatNumber(state.result?.objective ?? NaN)}) and the search distribution's final centre, which on a noisy objective is often the better estimate.`,
      body: `<div class="table-wrap"><table class="kpis"><thead><tr><th>parameter</th><th>calibrated</th><th>search centre</th><th>start</th><th>range</th></tr></thead><tbody>${paramRows}</tbody></table></div>`,
    },
    {
      id: 'moments',
      heading: 'Moments',
      note: `${state.inputs.weighting} weighting; the simulated moments are over ${state.inputs.seeds.length} common seeds.`,
      body: (await staticFigure({ kind: 'kpis', name: 'moments', file: 'moments', chart: { spec: { lite: momentSpec }, rows: momentRows } })) +
        `<div class="table-wrap"><table class="kpis"><thead><tr><th>moment</th><th>target</th><th>simulated mean</th><th>sd over seeds</th></tr></thead><tbody>${momentTable}</tbody></table></div>`,
    },
    { id: 'convergence', heading: 'Convergence', body: await staticFigure({ kind: 'timeseries', name: 'convergence', file: 'convergence', chart: { spec: { lite: convergenceSpec }, rows: convergenceRows } }) },
    { id: 'fit', heading: 'Series', body: fitFigures.join('') },
  ];
  const header = {
    title: `${state.inputs.experiment}: calibration`,
    description: `Method of simulated moments: parameters of ${state.inputs.experiment} (variant ${state.inputs.variant}) fitted to ${state.inputs.target}.`,
    sources: [{
      label: dir,
      facts: [
        ['directory', resolve(dir)],
        ['target', `${state.inputs.target} (column ${state.inputs.column}, ${ticks.length} rows)`],
        ['metric', state.inputs.metric],
        ...(state.inputs.matches ?? []).map((x): [string, string] => ['also matched', `column ${x.column} to metric ${x.metric} by ${x.moments.join(', ')}`]),
        ['warm-up ticks', String(state.inputs.warmup)],
        ['seeds', String(state.inputs.seeds.length)],
        ['evaluations', String(state.evaluations.length)],
        ['status', state.status],
      ] as [string, string][],
    }],
  };
  return reportPage(header, sections, false);
}

/**
 * `buildOptimisationReport(dir)` → the HTML page of a finished optimisation
 * directory (written by `tokensim optimize`): the best point and its paired
 * improvement on fresh seeds, the convergence of the objective, and with two
 * objectives the evaluated points with their Pareto front.
 */
export async function buildOptimisationReport(dir: string): Promise<string> {
  const state = readOptimisationState(dir, 'report');
  const [a, b] = state.inputs.objectives;
  const g = readColumns(join(dir, 'generations.arrow'));
  const rows = (g.generation as number[]).flatMap((gen, i) => [
    { evaluations: Number(g.evaluations[i]), series: 'best so far', value: Number(g.best_so_far[i]) },
    { evaluations: Number(g.evaluations[i]), series: 'generation median', value: Number(g.median[i]) },
  ]).filter((r) => Number.isFinite(r.value));
  const convergence: ChartSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CONFIG,
    width: PAGE_WIDTH - 120,
    height: PLOT_HEIGHT,
    title: { text: 'Convergence', subtitle: `${a.sense} ${a.kpi}${state.inputs.risk.kind === 'cvar' ? ` (CVaR at ${state.inputs.risk.alpha})` : ' (mean over seeds)'} against candidates evaluated` },
    data: { values: rows },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'evaluations', type: 'quantitative', title: 'candidates' },
      y: { field: 'value', type: 'quantitative', scale: { zero: false }, title: a.kpi },
      color: { field: 'series', type: 'nominal', scale: { range: ['#1f5fa8', '#e08214'] }, title: null },
    },
  } as ChartSpec;
  const sections: PageSection[] = [];
  const r = state.result!;
  const i = r.improvement;
  const params = Object.entries(r.params)
    .map(([p, v]) => `<tr><th><code>${escapeHtml(p)}</code></th><td>${formatNumber(v)}</td><td>${formatNumber(state.inputs.start[p])}</td><td>[${formatNumber(state.inputs.ranges[p].min)}, ${formatNumber(state.inputs.ranges[p].max)}]</td></tr>`)
    .join('');
  sections.push({
    id: 'best',
    heading: 'Best point',
    note: `Checked on ${state.inputs.seeds.length} fresh seeds against the experiment's own values: ${escapeHtml(a.kpi)} improves by ${formatNumber(i.mean)} [${formatNumber(i.lo)}, ${formatNumber(i.hi)}] (95% paired interval; ${i.verdict}).`,
    body: `<div class="table-wrap"><table class="kpis"><thead><tr><th>parameter</th><th>best</th><th>start (own value)</th><th>range</th></tr></thead><tbody>${params}</tbody></table></div>`,
  });
  sections.push({ id: 'convergence', heading: 'Convergence', body: await staticFigure({ kind: 'timeseries', name: 'convergence', file: 'convergence', chart: { spec: { lite: convergence }, rows } }) });
  if (b && existsSync(join(dir, 'pareto.arrow'))) {
    const front = new Set((readColumns(join(dir, 'pareto.arrow')).evaluation as number[]).map(Number));
    const points = state.evaluations.map((e, k) => ({ [a.kpi]: e.means[a.kpi], [b.kpi]: e.means[b.kpi], on_front: front.has(k) ? 'Pareto front' : 'evaluated' }));
    const pareto: ChartSpec = {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      config: CONFIG,
      width: PAGE_WIDTH - 400,
      height: 360,
      title: { text: 'Pareto front', subtitle: `${a.sense} ${a.kpi}, ${b.sense} ${b.kpi}: means over the seeds of every evaluated candidate` },
      data: { values: points },
      mark: { type: 'point', filled: true },
      encoding: {
        x: { field: a.kpi, type: 'quantitative', scale: { zero: false } },
        y: { field: b.kpi, type: 'quantitative', scale: { zero: false } },
        color: { field: 'on_front', type: 'nominal', scale: { domain: ['evaluated', 'Pareto front'], range: ['#bbbbbb', '#b30000'] }, title: null },
      },
    } as ChartSpec;
    sections.push({ id: 'pareto', heading: 'Pareto front', body: await staticFigure({ kind: 'sweep', name: 'pareto', file: 'pareto', chart: { spec: { lite: pareto }, rows: points } }) });
  }
  const header = {
    title: `${state.inputs.experiment}: optimisation`,
    description: `${a.sense} ${a.kpi} over ${Object.keys(state.inputs.ranges).join(', ')} (variant ${state.inputs.variant})${state.inputs.constraints.length ? `, subject to ${state.inputs.constraints.map((c) => `${c.kpi} ${c.op} ${c.bound}`).join(', ')}` : ''}.`,
    sources: [{ label: dir, facts: [['directory', resolve(dir)], ['seeds', String(state.inputs.seeds.length)], ['candidates', String(state.evaluations.length)], ['status', state.status]] as [string, string][] }],
  };
  return reportPage(header, sections, false);
}

/** Writes the report of a calibration or optimisation directory (DIR/report.html by default, through a temporary file) and returns its path. */
export async function writeSearchReport(dir: string, out = join(dir, 'report.html')): Promise<string> {
  const html = existsSync(join(dir, OPTIMISATION_FILE)) ? await buildOptimisationReport(dir) : await buildCalibrationReport(dir);
  writeFileSync(`${out}.tmp`, html);
  renameSync(`${out}.tmp`, out);
  return out;
}
