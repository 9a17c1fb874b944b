import { describe, expect, it } from 'vitest';
import burnVsBuyback from '../../experiments/burn-vs-buyback';
import emissionSchedules from '../../experiments/emission-schedules';
import vestingUnlocks from '../../experiments/vesting-unlocks';
import { planRuns } from '../../src/experiment/plan';
import { runOne } from '../../src/experiment/runOne';

describe.each([
  ['burn-vs-buyback', burnVsBuyback, ['none', 'fee_burn', 'buyback_burn', 'buyback_distribute', 'burn_plus_buyback'], ['total_buyback_usd', 'total_burned', 'inflation']],
  ['emission-schedules', emissionSchedules, ['constant', 'decay', 'halving', 'target_staking', 'inflation_target'], ['mean_issuance_rate', 'mean_staking_ratio']],
  ['vesting-unlocks', vestingUnlocks, ['cliffs', 'no_cliffs', 'daily_unlocks', 'patient_sellers', 'stakers'], ['peak_sell_pressure_usd', 'unlock_price_change_30d']],
] as const)('experiment %s', (_name, experiment, variants, kpis) => {
  it('has the variants its README section describes', () => {
    expect(Object.keys(experiment.variants)).toEqual(variants);
  });

  it('runs every variant briefly with conservation checked every tick and reports its KPIs', () => {
    const plan = planRuns(experiment, { seeds: 1, ticks: 15 });
    for (const run of plan.runs) {
      const r = runOne(experiment.model, run, { ticks: 15, every: 1, metrics: null, check: true });
      expect(r.error).toBeNull();
      for (const k of kpis) expect(Number.isFinite(r.summary[k])).toBe(true);
    }
  });
});
