import { describe, expect, it } from 'vitest';
import { votingPowerConcentration } from '../../src/mechanisms/governance/metrics';
import { run, smallEconomy } from './helpers';

const target = { path: 'emission.ratePerYear', holder: -1, staker: 1, nodeOperator: 1, grantee: 0 };
const stakerVoters = (extra: object = {}, gov: object = {}) =>
  smallEconomy({
    voters: { count: 80, roles: { holder: 0, staker: 1, nodeOperator: 0, grantee: 0 }, turnout: { dist: 'constant', value: 1 }, noise: 0 },
    governance: { proposalEveryTicks: 5, votingTicks: 3, quorum: 0.001, threshold: 0.5, timelockTicks: 0, targets: [target], ...gov },
    ...extra,
  });

const settled = (p: { outcome: string }) => p.outcome === 'executed' || p.outcome === 'rejected';

describe('governance voters', () => {
  it('pass a proposal their position favours and the change applies from the tick after the vote', () => {
    const econ = stakerVoters();
    const g = econ.governance;
    run(econ, 60);
    const passed = g.proposals.find((p) => p.outcome === 'executed')!;
    expect(passed).toBeDefined();
    expect(passed.direction).toBe(1);
    const executed = g.events.find((e) => e.kind === 'executed' && e.proposalId === passed.id)!;
    expect(executed.tick).toBe(passed.closesTick + 1);
    const log = econ.world.paramStore.log.find((c) => c.source === `proposal ${passed.id}`)!;
    expect(log).toMatchObject({ tick: executed.tick, path: 'emission.ratePerYear', before: passed.before, after: passed.after });
    expect(econ.world.paramStore.at(executed.tick - 1).emission.ratePerYear).toBe(passed.before);
    expect(econ.world.paramStore.at(executed.tick).emission.ratePerYear).toBe(passed.after);
  });

  it('reject proposals their position opposes', () => {
    const econ = stakerVoters();
    run(econ, 60);
    const lowering = econ.governance.proposals.filter((p) => p.direction < 0 && p.outcome !== 'active');
    expect(lowering.length).toBeGreaterThan(0);
    for (const p of lowering) expect(p.outcome).toBe('rejected');
  });

  it('reject every proposal when the quorum is out of reach', () => {
    const econ = stakerVoters({}, { quorum: 0.99 });
    econ.voters.population.cols.turnout.fill(0.1);
    run(econ, 40);
    expect(econ.governance.proposals.length).toBeGreaterThan(0);
    for (const p of econ.governance.proposals) if (p.outcome !== 'active') expect(p.reason).toBe('quorum_missed');
    expect(econ.world.paramStore.log).toHaveLength(0);
  });

  it('vote with token weight: one whale holder outvotes many small stakers', () => {
    const econ = stakerVoters({ voters: { count: 80, roles: { holder: 0, staker: 1, nodeOperator: 0, grantee: 0 }, turnout: { dist: 'constant', value: 1 }, noise: 0, whales: { count: 1, tokens: { dist: 'constant', value: 1e9 }, role: 'holder', turnout: 1 } } });
    run(econ, 60);
    const closed = econ.governance.proposals.filter(settled);
    expect(closed.length).toBeGreaterThan(0);
    for (const p of closed) expect(p.outcome === 'executed').toBe(p.direction < 0);
  });

  it('stay home when voting costs more than the outcome is worth to them', () => {
    const econ = stakerVoters({ voters: { participationCostUsd: 1e9 } });
    run(econ, 30);
    const closed = econ.governance.proposals.filter((p) => p.outcome !== 'active');
    expect(closed.length).toBeGreaterThan(0);
    for (const p of closed) expect(p.voters).toBe(0);
  });

  it('concentrate voting power in delegates when most voters delegate', () => {
    const plain = stakerVoters();
    const delegated = stakerVoters({ voters: { delegation: { delegates: 4, share: 0.9, alignment: 1, turnout: 1, redelegateProbability: 0 } } });
    run(plain, 10);
    run(delegated, 10);
    expect(votingPowerConcentration(delegated.governance).nakamoto).toBeLessThan(votingPowerConcentration(plain.governance).nakamoto);
    const p = delegated.governance.proposals.find((x) => x.outcome !== 'active')!;
    expect(p.delegated).toBeGreaterThan(0);
  });

  it('propose grants to themselves when grantees, paid from the treasury when passed', () => {
    const econ = smallEconomy({
      voters: { count: 40, roles: { holder: 0, staker: 0, nodeOperator: 0, grantee: 1 }, turnout: { dist: 'constant', value: 1 }, noise: 0, proposeProbability: 0.02, granteeSellShare: 0 },
      governance: { scheduledKinds: { param: 0, grant: 0, buyback: 0, signal: 0 }, depositTokens: 10, proposalThreshold: 0, quorum: 0.01, timelockTicks: 0 },
    });
    const before = econ.world.treasury.tokens;
    run(econ, 30);
    const grants = econ.governance.proposals.filter((p) => p.kind === 'grant' && p.proposer >= 0);
    expect(grants.length).toBeGreaterThan(0);
    expect(econ.governance.stats.grantsTokens).toBeGreaterThan(0);
    expect(econ.world.treasury.tokens).toBeLessThan(before + econ.world.ledger.minted); // sanity: the ledger check ran every tick
  });
});
