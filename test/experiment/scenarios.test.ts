import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineExperiment } from '../../src/experiment/define';
import { planRuns, runSeed } from '../../src/experiment/plan';
import { runExperiment } from '../../src/experiment/runExperiment';
import { readTableFile } from '../../src/io/tableFile';
import { readResults } from '../../src/io/resultsDir';
import { compare } from '../../src/experiment/compare';
import { tokenEconomy } from '../../src/models/tokenEconomy';
import { crash } from '../../src/scenarios/crash';
import { massUnstake } from '../../src/scenarios/massUnstake';

const small = {
  stakers: { count: 30 },
  traders: { count: 30 },
  liquidityProviders: { count: 10 },
  nodeOperators: { candidates: 10, initialNodes: 4 },
};

const experiment = defineExperiment({
  name: 'scenario-plan',
  model: tokenEconomy,
  params: small,
  variants: { baseline: {}, 'no-burn': { feeBurn: { feeShare: 0 } } },
  scenarios: {
    crash30: crash({ at: 6, depth: 0.3, ticks: 2 }),
    exit: massUnstake({ at: 8, share: 0.5 }),
  },
  seeds: 2,
  ticks: 12,
});

describe('an experiment with scenarios', () => {
  it('runs every variant under none and every scenario, with seeds that depend on the replicate only', () => {
    const plan = planRuns(experiment);
    expect(plan.runs.map((r) => `${r.variant}/${r.scenario}/${r.replicate}`)).toEqual([
      'baseline/none/0', 'baseline/none/1', 'baseline/crash30/0', 'baseline/crash30/1', 'baseline/exit/0', 'baseline/exit/1',
      'no-burn/none/0', 'no-burn/none/1', 'no-burn/crash30/0', 'no-burn/crash30/1', 'no-burn/exit/0', 'no-burn/exit/1',
    ]);
    for (const r of plan.runs) {
      expect(r.seed).toBe(runSeed(1, r.replicate));
      expect((r.params as any).scenarios.active).toBe(r.scenario);
    }
  });

  it("sets a scenario's parameter by its path with --set, and sweeps it", () => {
    const plan = planRuns(experiment, { set: ['scenarios.crash30.depth=0.5'] });
    expect(plan.runs.every((r) => (r.params as any).scenarios.crash30.depth === 0.5)).toBe(true);
    const swept = defineExperiment({ name: 'scenario-sweep', model: tokenEconomy, params: small, seeds: 2, ticks: 12, scenarios: { crash30: crash({ at: 6, depth: 0.3, ticks: 2 }) }, sweep: { kind: 'grid', params: { 'scenarios.crash30.depth': [0.2, 0.4] } } });
    const p = planRuns(swept);
    expect(p.variedPaths).toEqual(['scenarios.crash30.depth']);
    expect(p.runs.map((r) => `${r.scenario}:${(r.params as any).scenarios.crash30.depth}`)).toEqual(['none:0.2', 'none:0.2', 'none:0.4', 'none:0.4', 'crash30:0.2', 'crash30:0.2', 'crash30:0.4', 'crash30:0.4']);
  });

  it('refuses a wrong scenario path, a bad value, the active scenario and a start after the last tick, each in one line', () => {
    expect(() => planRuns(experiment, { set: ['scenarios.crash31.depth=0.5'] })).toThrow(/^--set scenarios\.crash31\.depth=0\.5: the experiment has no scenario "crash31"; its scenarios are crash30, exit$/);
    expect(() => planRuns(experiment, { set: ['scenarios.crash30.deep=0.5'] })).toThrow(/^unknown --set path "scenarios\.crash30\.deep"; did you mean .*scenarios\.crash30\.depth/);
    expect(() => planRuns(experiment, { set: ['scenarios.crash30.depth=1.5'] })).toThrow(/^variant "baseline": scenarios\.crash30\.depth: Too big: expected number to be <1$/);
    expect(() => planRuns(experiment, { set: ['scenarios.active=crash30'] })).toThrow(/^--set scenarios\.active=crash30 sets scenarios\.active, which the plan sets per run/);
    expect(() => planRuns(experiment, { ticks: 7 })).toThrow(/^scenario "exit" starts at tick 8, after the run's last tick 7; set scenarios\.exit\.at or --ticks$/);
    expect(() => defineExperiment({ name: 'bad', model: tokenEconomy, params: small, scenarios: { none: crash({ at: 6, depth: 0.3, ticks: 2 }) } })).toThrow(/^scenario "none": a scenario name must be/);
  });

  it('writes the scenario as a column of runs.arrow and summary.arrow, and compare groups and pairs by it', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tokensim-scenarios-')), 'out');
    await runExperiment(experiment, { out, log: null, check: true });
    const runs = readTableFile(join(out, 'runs.arrow')).table;
    const summary = readTableFile(join(out, 'summary.arrow')).table;
    expect(runs.schema.fields.slice(0, 3).map((f) => f.name)).toEqual(['run_id', 'variant', 'scenario']);
    expect(summary.schema.fields.slice(0, 2).map((f) => f.name)).toEqual(['run_id', 'scenario']);
    expect(Array.from({ length: 6 }, (_, i) => summary.getChild('scenario')!.get(i))).toEqual(['none', 'none', 'crash30', 'crash30', 'exit', 'exit']);
    const results = readResults(out);
    expect(results.kpiNames).not.toContain('scenario');
    expect(results.kpiNames).toEqual(expect.arrayContaining(['stress_drawdown', 'stress_recovery_ticks', 'stress_recovery_censored', 'price_floor_breach', 'staking_floor_breach']));
    const c = compare(out, { metrics: ['final_price'] });
    expect(c.groups.map((g) => g.label)).toEqual(['baseline / none', 'baseline / crash30', 'baseline / exit', 'no-burn / none', 'no-burn / crash30', 'no-burn / exit']);
    // Each variant is compared with the baseline in the same scenario, paired by seed.
    expect(c.rows.filter((r) => r.diff).map((r) => `${r.group.label}:${r.diff!.method}:${r.diff!.n}`)).toEqual(['no-burn / none:paired:2', 'no-burn / crash30:paired:2', 'no-burn / exit:paired:2']);
    expect(c.stress!.rows.map((r) => `${r.variant}/${r.scenario}`)).toEqual(['baseline/none', 'baseline/crash30', 'baseline/exit', 'no-burn/none', 'no-burn/crash30', 'no-burn/exit']);
    const price = results.kpis.final_price;
    // The paired difference is the mean over seeds of (shocked − unshocked) final price of the same seed.
    const crashRow = c.stress!.rows[1];
    expect(crashRow.diff!.mean).toBeCloseTo((price[2] - price[0] + price[3] - price[1]) / 2, 12);
  });
});
