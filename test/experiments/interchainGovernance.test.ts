import { describe, expect, it } from 'vitest';
import experiment from '../../experiments/interchain-governance';
import { planRuns } from '../../src/experiment/plan';
import { runOne } from '../../src/experiment/runOne';

const opts = { ticks: 40, every: 10, metrics: null, check: true };
const run = (variant: string) => runOne(experiment.model, planRuns(experiment, { seeds: 1 }).runs.find((r) => r.variant === variant)!, opts);

describe('experiments/interchain-governance.ts', () => {
  it('relays nothing when every member votes on the hub', () => {
    const r = run('singleChain');
    expect(r.status).toBe('ok');
    expect(r.summary.gov_proposals).toBeGreaterThan(0);
    expect([r.summary.ic_votes_relayed, r.summary.ic_flipped, r.summary.ic_hub_power_share]).toEqual([0, 0, 1]);
  });

  it('runs the long relay with conservation checked every tick, and loses late votes that a grace period brings back', () => {
    const long = run('longRelay');
    const grace = run('longRelayGrace');
    expect(long.status).toBe('ok');
    expect(long.summary.ic_votes_relayed).toBeGreaterThan(0);
    expect(long.summary.ic_late_share).toBeGreaterThan(0.3);
    expect(grace.summary.ic_late_share).toBe(0);
    const t = long.tables.interchain_tallies;
    expect(t.length).toBeGreaterThan(0);
    const relayed = t.data.votes_relayed as Int32Array;
    expect(relayed.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(long.summary.ic_votes_relayed);
  });
});
