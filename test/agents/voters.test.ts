import { describe, expect, it } from 'vitest';
import { votingPowerConcentration } from '../../src/mechanisms/governance/concentration';
import { run, smallEconomy } from './helpers';

const target = { path: 'emission.ratePerYear', holder: -1, staker: 1, nodeOperator: 1, grantee: 0 };
/** 80 staker voters who pay attention every tick, voting on a proposal every 5 ticks; `voters` and `gov` add to that. */
const stakerVoters = (voters: object = {}, gov: object = {}) =>
  smallEconomy({
    voters: { count: 80, roles: { holder: 0, staker: 1, nodeOperator: 0, grantee: 0 }, turnout: { dist: 'constant', value: 1 }, noise: 0, ...voters },
    governance: { proposalEveryTicks: 5, votingTicks: 3, quorum: 0.001, threshold: 0.5, timelockTicks: 0, targets: [target], ...gov },
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
    const econ = stakerVoters({ whales: { count: 1, tokens: { dist: 'constant', value: 1e9 }, role: 'holder', turnout: 1 } });
    run(econ, 60);
    const closed = econ.governance.proposals.filter(settled);
    expect(closed.length).toBeGreaterThan(0);
    for (const p of closed) expect(p.outcome === 'executed').toBe(p.direction < 0);
  });

  it('stay home when voting costs more than the outcome is worth to them', () => {
    const econ = stakerVoters({ participationCostUsd: 1e9 });
    run(econ, 30);
    const closed = econ.governance.proposals.filter((p) => p.outcome !== 'active');
    expect(closed.length).toBeGreaterThan(0);
    for (const p of closed) expect(p.voters).toBe(0);
  });

  it('concentrate voting power in delegates when most voters delegate', () => {
    const plain = stakerVoters();
    // Ordinary voters never vote themselves; the delegates (attention 1) carry their delegators' power.
    const delegated = stakerVoters({ turnout: { dist: 'constant', value: 0 }, delegation: { delegates: 4, share: 0.9, alignment: 1, turnout: 1, redelegateProbability: 0 } });
    run(plain, 10);
    run(delegated, 10);
    // One whale can already hold half the power (Nakamoto 1), so the Gini is what shows the concentration.
    const before = votingPowerConcentration(plain.governance);
    const after = votingPowerConcentration(delegated.governance);
    expect(after.nakamoto).toBeLessThanOrEqual(before.nakamoto);
    expect(after.gini).toBeGreaterThan(before.gini + 0.1);
    const p = delegated.governance.proposals.find((x) => x.outcome !== 'active')!;
    expect(p.delegated).toBeGreaterThan(0);
  });

  it('re-delegate away from a delegate who voted against their position on the last proposal', () => {
    const econ = stakerVoters({
      roles: { holder: 1, staker: 1, nodeOperator: 0, grantee: 0 },
      delegation: { delegates: 10, share: 1, alignment: 1, turnout: 1, redelegateProbability: 0 },
    });
    const pop = econ.voters.population;
    const { role, delegate, isDelegate } = pop.cols;
    const ds = Array.from({ length: pop.size }, (_, i) => i).filter((i) => isDelegate[i] === 1);
    const opposite = (r: number) => ds.find((d) => role[d] !== r && role[d] <= 1)!;
    // Misalign every delegator: each now delegates to a delegate of the other position.
    for (let i = 0; i < pop.size; i++) if (delegate[i] >= 0) delegate[i] = opposite(role[i]);
    const aligned = () => Array.from({ length: pop.size }, (_, i) => i).filter((i) => delegate[i] >= 0 && role[delegate[i]] === role[i]).length;
    expect(aligned()).toBe(0);
    run(econ, 12); // one proposal closes at the end of tick 7; delegators review it from tick 8 on
    const delegators = Array.from({ length: pop.size }, (_, i) => i).filter((i) => delegate[i] >= 0).length;
    expect(aligned()).toBe(delegators);
  });

  it('propose grants to themselves when grantees, paid from the treasury when passed', () => {
    const econ = smallEconomy({
      voters: { count: 40, roles: { holder: 0, staker: 0, nodeOperator: 0, grantee: 1 }, turnout: { dist: 'constant', value: 1 }, noise: 0, proposeProbability: 0.02, granteeSellShare: 0 },
      governance: { scheduledKinds: { param: 0, grant: 0, buyback: 0, signal: 0 }, depositTokens: 10, proposalThreshold: 0, quorum: 0.01, timelockTicks: 0 },
    });
    run(econ, 30);
    const grants = econ.governance.proposals.filter((p) => p.kind === 'grant' && p.proposer >= 0);
    expect(grants.length).toBeGreaterThan(0);
    const paid = grants.filter((p) => p.outcome === 'executed');
    expect(paid.length).toBeGreaterThan(0);
    for (const p of paid) expect(p.recipient).toBe(p.proposer);
    expect(econ.governance.stats.grantsTokens).toBeCloseTo(paid.reduce((a, p) => a + p.amount, 0), 6);
  });

  it('turn out only when the outcome is worth the participation cost: each voter who voted has h · price · outcomeShare ≥ cost', () => {
    const cost = 2;
    const econ = stakerVoters({ participationCostUsd: cost, outcomeShare: 0.001 });
    run(econ, 8); // the first proposal opens at tick 5 and closes at the end of tick 7
    const p = econ.governance.lastClosed!;
    expect(p).not.toBeNull();
    const pop = econ.voters.population;
    const staked = pop.cols.staked;
    let voted = 0;
    let home = 0;
    for (let i = 0; i < pop.size; i++) {
      const worth = (pop.cols.tokens[i] + staked[i]) * econ.pool.price * 0.001;
      if (p.choice[i] !== 0) {
        voted++;
        expect(worth).toBeGreaterThan(cost * 0.9); // price moved a little since the vote
      } else if (worth > cost * 1.1) home++;
    }
    expect(voted).toBeGreaterThan(0);
    expect(voted).toBeLessThan(pop.size);
    expect(home).toBe(0); // turnout 1: everyone for whom it is worth it votes
  });
});
