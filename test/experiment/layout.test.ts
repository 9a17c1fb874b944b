import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defineExperiment } from '../../src/experiment/define';
import { runExperiment } from '../../src/experiment/runExperiment';
import { readColumns } from '../../src/io/arrowReader';
import mini from '../fixtures/mini';
import { wrapModel } from '../helpers/wrapModel';

const root = mkdtempSync(join(tmpdir(), 'tokensim-layout-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('KPIs an ok run cannot give a finite value', () => {
  it('are null in summary.arrow and named in runs.null_kpis, and the command says so', async () => {
    // A model whose blocks broke their promise of finite KPIs: one is NaN, one infinite.
    const broken = wrapModel(mini.model, {
      build(params, opts) {
        const sim = mini.model.build(params, opts);
        return { ...sim, summary: (series, ticks) => ({ ...sim.summary(series, ticks), final_price: NaN, gini_holdings: Infinity }) };
      },
    });
    const lines: string[] = [];
    const out = await runExperiment(defineExperiment({ ...mini, model: broken }), { out: join(root, 'kpis'), log: (l) => lines.push(l), progress: 'none', seeds: 1 });
    const runs = readColumns(join(out.dir, 'runs.arrow'));
    const summary = readColumns(join(out.dir, 'summary.arrow'));
    expect(out).toMatchObject({ status: 'complete', undefinedKpiRuns: 2 });
    expect(runs.null_kpis).toEqual(['final_price,gini_holdings', 'final_price,gini_holdings']);
    expect(summary.final_price).toEqual([null, null]);
    expect(summary.gini_holdings).toEqual([null, null]);
    expect(lines).toContain('2 ok run(s) have a KPI without a finite value: null in summary.arrow, named in the null_kpis column of runs.arrow');
  });

  it('are none for runs whose blocks define every KPI', async () => {
    const out = await runExperiment(mini, { out: join(root, 'defined'), log: null, seeds: 1 });
    expect(out.undefinedKpiRuns).toBe(0);
    expect(readColumns(join(out.dir, 'runs.arrow')).null_kpis).toEqual([null, null]);
  });
});
