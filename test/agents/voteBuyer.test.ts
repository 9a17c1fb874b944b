import { describe, expect, it } from 'vitest';
import { run, smallEconomy } from './helpers';

/** Holders who oppose raising emission, and a staker-position buyer who wants it raised. */
const bribed = (buyerCount: number, rule = 'token') =>
  smallEconomy({
    voters: {
      count: 60,
      roles: { holder: 1, staker: 0, nodeOperator: 0, grantee: 0 },
      initialTokens: { dist: 'constant', value: 1000 },
      turnout: { dist: 'constant', value: 0.5 },
      noise: 0,
      outcomeShare: 0.001,
      bribeReservationUsd: { dist: 'constant', value: 1 },
    },
    governance: {
      rule: rule as 'token',
      proposalEveryTicks: 10,
      votingTicks: 5,
      quorum: 0.01,
      timelockTicks: 0,
      targets: [{ path: 'emission.ratePerYear', holder: -1, staker: 1, nodeOperator: 1, grantee: 0 }],
    },
    voteBuyer: { count: buyerCount, role: 'staker', initialUsd: { dist: 'constant', value: 1e6 }, bribeUsdPerVote: 0.01, raiseShare: 0.5, maxUsdPerProposal: 1e5, proposeProbability: 0 },
  });

describe('vote buyer', () => {
  it('turns proposals the holders oppose into passes by paying for votes, and they count as captured', () => {
    const honest = run(bribed(0), 60).governance;
    const bought = run(bribed(1), 60).governance;
    const raises = (g: typeof honest) => g.proposals.filter((p) => p.direction > 0 && p.outcome !== 'active');
    expect(raises(honest).every((p) => p.outcome === 'rejected')).toBe(true);
    expect(raises(bought).some((p) => p.outcome === 'executed')).toBe(true);
    expect(bought.stats.bribesUsd).toBeGreaterThan(0);
    expect(bought.stats.captured).toBeGreaterThan(0);
  });

  it('moves USD from the buyer to the voters it pays, conserving USD', () => {
    const econ = bribed(1);
    const usd0 = econ.voteBuyer.population.cols.usd[0];
    run(econ, 30);
    const spent = usd0 - econ.voteBuyer.population.cols.usd[0];
    const voterUsd = econ.voters.population.cols.usd.subarray(0, econ.voters.population.size).reduce((a, b) => a + b, 0);
    expect(spent).toBeCloseTo(econ.governance.stats.bribesUsd, 6);
    expect(voterUsd).toBeCloseTo(spent, 6);
  });

  it('never spends more than its budget per proposal', () => {
    const econ = bribed(1);
    run(econ, 60);
    for (const p of econ.governance.proposals) if (p.bribe) expect(p.bribe.spentUsd).toBeLessThanOrEqual(1e5 + 1e-6);
  });
});
