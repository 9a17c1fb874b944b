import { describe, expect, it } from 'vitest';
import { run, smallEconomy } from './helpers';

const stakerVoters = (extra: object = {}) =>
  smallEconomy({
    voters: { count: 80, roles: { holder: 0, staker: 1, nodeOperator: 0 }, turnout: { dist: 'constant', value: 1 }, noise: 0 },
    governance: {
      proposalEveryTicks: 5,
      votingTicks: 3,
      quorum: 0.001,
      threshold: 0.5,
      targets: [{ path: 'emission.ratePerYear', holder: -1, staker: 1, nodeOperator: 1 }],
    },
    ...extra,
  });

describe('governance voters', () => {
  it('pass a proposal their position favours and the change applies from the next tick on', () => {
    const econ = stakerVoters();
    const g = econ.governance;
    run(econ, 60);
    const passed = g.proposals.find((p) => p.outcome === 'passed');
    expect(passed).toBeDefined();
    expect(passed!.direction).toBe(1);
    const executed = g.events.find((e) => e.kind === 'executed' && e.proposalId === passed!.id)!;
    expect(executed.tick).toBe(passed!.closesTick + 1);
    const log = econ.world.paramStore.log.find((c) => c.source === `proposal ${passed!.id}`)!;
    expect(log).toMatchObject({ tick: executed.tick, path: 'emission.ratePerYear', before: passed!.before, after: passed!.after });
    // Snapshots: the old value up to the tick before, the new one from the execution tick.
    expect(econ.world.paramStore.at(executed.tick - 1).emission.ratePerYear).toBe(passed!.before);
    expect(econ.world.paramStore.at(executed.tick).emission.ratePerYear).toBe(passed!.after);
  });

  it('reject proposals their position opposes', () => {
    const econ = stakerVoters();
    run(econ, 60);
    const lowering = econ.governance.proposals.filter((p) => p.direction < 0 && p.outcome !== 'open');
    expect(lowering.length).toBeGreaterThan(0);
    for (const p of lowering) expect(p.outcome).toBe('rejected');
  });

  it('leave earlier parameter snapshots unchanged after a change', () => {
    const econ = stakerVoters();
    const initial = econ.world.params;
    const rate0 = initial.emission.ratePerYear;
    run(econ, 60);
    expect(econ.world.params).not.toBe(initial);
    expect(initial.emission.ratePerYear).toBe(rate0);
    expect(Object.isFrozen(initial.emission)).toBe(true);
    expect(econ.world.paramStore.snapshots[0].params).toBe(initial);
  });

  it('reject a proposal that misses the quorum', () => {
    const econ = stakerVoters({ governance: { quorum: 0.99, proposalEveryTicks: 5, votingTicks: 3, threshold: 0.5, targets: [{ path: 'emission.ratePerYear', holder: -1, staker: 1, nodeOperator: 1 }] } });
    run(econ, 40);
    expect(econ.governance.proposals.length).toBeGreaterThan(0);
    for (const p of econ.governance.proposals) if (p.outcome !== 'open') expect(p.outcome).toBe('rejected');
    expect(econ.world.paramStore.log).toHaveLength(0);
  });

  it('vote with token weight: one whale holder outvotes many small stakers', () => {
    const econ = stakerVoters();
    const g = econ.governance;
    // Give voter 0 a holder position and more tokens than all the others together.
    const pop = econ.voters.population;
    const staked = pop.f64('staked');
    econ.staking.unstake(pop, 0, staked[0], 0);
    pop.cols.role[0] = 0;
    pop.cols.tokens[0] += 1e9;
    econ.world.ledger.mint(1e9);
    run(econ, 60);
    const closed = g.proposals.filter((p) => p.outcome !== 'open');
    expect(closed.length).toBeGreaterThan(0);
    for (const p of closed) expect(p.outcome === 'passed').toBe(p.direction < 0);
  });
});
