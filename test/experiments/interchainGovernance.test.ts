import { describe, expect, it } from 'vitest';
import capture from '../../experiments/governance-capture';
import experiment from '../../experiments/interchain-governance';
import { chainDefaults, mainChainDefaults } from '../../src/chains/chain';
import { interchainGovernance, interchainGovernanceDefaults } from '../../src/mechanisms/governance/interchain';
import { mainChain, sideChain } from '../../src/models/crossChainEconomy';
import { governedTokenEconomy } from '../../src/models/governedTokenEconomy';
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

describe('interchainGovernance with every member on the hub', () => {
  it('leaves governance-capture’s proposals, votes and KPIs as they are on the same chains without the block', () => {
    const spec = planRuns(capture, { seeds: 1 }).runs.find((r) => r.variant === 'token/whales')!;
    const chains = { ...spec.params, mainChain: mainChainDefaults, sideChain: { ...chainDefaults, holderTokens: 0, holderUsd: 0, flowUsd: 0 } };
    const allOnHub = { ...interchainGovernanceDefaults, hub: { chain: 'main', memberShare: 1, participation: 1 }, spokes: [{ ...interchainGovernanceDefaults.spokes[0], memberShare: 0 }] };
    const without = runOne(governedTokenEconomy.with(mainChain, sideChain), { ...spec, params: chains }, opts);
    const withHub = runOne(governedTokenEconomy.with(mainChain, sideChain, interchainGovernance), { ...spec, params: { ...chains, interchainGovernance: allOnHub } }, opts);
    expect(withHub.status).toBe('ok');
    expect(without.summary.gov_proposals).toBeGreaterThan(0);
    expect(withHub.tables.events).toEqual(without.tables.events);
    for (const k of Object.keys(without.summary)) expect(withHub.summary[k], k).toBe(without.summary[k]);
    expect(withHub.summary.ic_votes_relayed).toBe(0);
  });
});
