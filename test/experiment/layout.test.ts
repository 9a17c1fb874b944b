import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runExperiment } from '../../src/experiment/runExperiment';
import { readColumns } from '../../src/io/arrowReader';
import mini from '../fixtures/mini';

const root = mkdtempSync(join(tmpdir(), 'tokensim-layout-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('KPIs an ok run cannot give a finite value', () => {
  it('are null in summary.arrow and named in runs.null_kpis', async () => {
    // With 8 ticks no governance proposal passes or fails, so the pass rate is 0/0.
    const out = await runExperiment(mini, { out: join(root, 'kpis'), log: null, seeds: 1 });
    const runs = readColumns(join(out.dir, 'runs.arrow'));
    const summary = readColumns(join(out.dir, 'summary.arrow'));
    expect(out.undefinedKpiRuns).toBe(2);
    for (const names of runs.null_kpis as string[]) {
      expect(names.split(',')).toContain('gov_pass_rate');
      for (const k of names.split(',')) expect(summary[k], k).toEqual([null, null]);
    }
    expect(summary.final_price.every((v) => typeof v === 'number')).toBe(true);
  });
});
