import { describe, expect, it } from 'vitest';
import capture from '../../experiments/governance-capture';
import treasury from '../../experiments/dao-treasury';
import { planRuns } from '../../src/experiment/plan';
import { runOne } from '../../src/experiment/runOne';
import type { GovernedTokenEconomyParams } from '../../src/models/governedTokenEconomy';

const opts = { ticks: 40, every: 10, metrics: null, check: true };

describe('experiments/governance-capture.ts', () => {
  it('compares six voting rules and a Sybil-split quadratic case, each with whales and with whales and a vote buyer', () => {
    const variants = Object.keys(capture.variants);
    expect(variants).toHaveLength(14);
    const rules = new Set(planRuns(capture, { seeds: 1 }).runs.map((r) => {
      const p = r.params as GovernedTokenEconomyParams;
      return `${p.governance.rule}:${p.voters.delegation.share > 0}`;
    }));
    expect(rules.size).toBe(6);
  });

  it('runs a buyer variant with conservation checked every tick, paying bribes', () => {
    const plan = planRuns(capture, { seeds: 1 });
    const spec = plan.runs.find((r) => r.variant === 'token/whalesAndBuyer')!;
    const r = runOne(capture.model, spec, opts);
    expect(r.status).toBe('ok');
    expect(r.summary.gov_proposals).toBeGreaterThan(0);
    expect(r.summary.bribes_usd_total).toBeGreaterThan(0);
    expect(r.tables.events.length).toBeGreaterThan(0);
  });
});

describe('experiments/dao-treasury.ts', () => {
  it('spends the treasury by vote: grants and buybacks execute, with conservation checked every tick', () => {
    const plan = planRuns(treasury, { seeds: 1 });
    const spec = plan.runs.find((r) => r.variant === 'grantsAndBuybacks')!;
    const r = runOne(treasury.model, spec, opts);
    expect(r.status).toBe('ok');
    expect(r.summary.gov_grants_tokens_total + r.summary.gov_buyback_usd_total).toBeGreaterThan(0);
    const none = runOne(treasury.model, plan.runs.find((x) => x.variant === 'noSpending')!, opts);
    expect(none.summary.gov_grants_tokens_total).toBe(0);
    expect(none.summary.gov_buyback_usd_total).toBe(0);
  });
});
