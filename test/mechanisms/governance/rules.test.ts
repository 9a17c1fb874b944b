import { describe, expect, it } from 'vitest';
import { convictionStep, convictionThreshold, tallyBallot, voteOutcome, votingPower, type Tally } from '../../../src/mechanisms/governance/rules';

const blank = (): Tally => ({ votesFor: 0, votesAgainst: 0, delegated: 0, voters: 0 });

/** Tally of members holding `h` under `rule`, voting `choice` (no delegation). */
function tallyOf(rule: Parameters<typeof votingPower>[0], h: number[], choice: number[], locks: number[] = []): Tally {
  const power = Float64Array.from(h, (x, m) => votingPower(rule, x, x, locks[m] ?? 0, 100));
  return tallyBallot(power, Int8Array.from(choice), null, h.length, blank());
}

describe('votingPower', () => {
  it('gives each rule its hand-worked power for 100 tokens of which 40 staked, locked 365 of 1460 ticks', () => {
    expect(votingPower('token', 100, 40, 365, 1460)).toBe(100);
    expect(votingPower('stake', 100, 40, 365, 1460)).toBe(40);
    expect(votingPower('quadratic', 100, 40, 365, 1460)).toBe(10);
    expect(votingPower('voteEscrow', 100, 40, 365, 1460)).toBe(25);
    expect(votingPower('conviction', 100, 40, 365, 1460)).toBe(100);
  });

  it('caps the vote-escrow lock at the maximum and gives no power without a lock', () => {
    expect(votingPower('voteEscrow', 100, 0, 5000, 1460)).toBe(100);
    expect(votingPower('voteEscrow', 100, 0, 0, 1460)).toBe(0);
  });
});

describe('tallies of one whale (10,000 tokens, for) against 16 small holders (100 tokens each, against)', () => {
  const h = [10_000, ...Array(16).fill(100)];
  const choice = [1, ...Array(16).fill(-1)];

  it('token-weighted: 10,000 for, 1,600 against — the whale wins', () => {
    const t = tallyOf('token', h, choice);
    expect([t.votesFor, t.votesAgainst, t.voters]).toEqual([10_000, 1600, 17]);
    expect(voteOutcome(t, 11_600, 0, 0.5)).toBe('passed');
  });

  it('quadratic: 10,000 credits buy √10,000 = 100 votes, each small holder √100 = 10, so 100 for, 160 against — the small holders win', () => {
    const t = tallyOf('quadratic', h, choice);
    expect(t.votesFor).toBeCloseTo(100, 12);
    expect(t.votesAgainst).toBeCloseTo(160, 12);
    expect(voteOutcome(t, 260, 0, 0.5)).toBe('threshold_missed');
  });

  it('stake-weighted: only stake counts (here the whale stakes nothing)', () => {
    const power = Float64Array.from(h, (x, m) => votingPower('stake', x, m === 0 ? 0 : x, 0, 100));
    const t = tallyBallot(power, Int8Array.from(choice), null, h.length, blank());
    expect([t.votesFor, t.votesAgainst]).toEqual([0, 1600]);
  });

  it('vote-escrow: a whale locked 10 of 100 ticks has 1,000, small holders locked 100 have 100 each: 1,000 for, 1,600 against', () => {
    const t = tallyOf('voteEscrow', h, choice, [10, ...Array(16).fill(100)]);
    expect(t.votesFor).toBeCloseTo(1000, 12);
    expect(t.votesAgainst).toBeCloseTo(1600, 12);
  });
});

describe('tallyBallot with delegation', () => {
  it('adds a silent delegator to its delegate\'s side, and lets a delegator who votes override', () => {
    // Powers 100, 50, 30, 20, 10. Members 0 (for) and 1 (against) vote; 2 delegates to 1, 3 to 0, 4 to 1 but votes for itself.
    const power = Float64Array.of(100, 50, 30, 20, 10);
    const choice = Int8Array.of(1, -1, 0, 0, 1);
    const delegateOf = Int32Array.of(-1, -1, 1, 0, 1);
    const t = tallyBallot(power, choice, delegateOf, 5, blank());
    // for = 100 + 20 (from 3) + 10 (4 itself) = 130; against = 50 + 30 (from 2) = 80; delegated = 50.
    expect(t).toEqual({ votesFor: 130, votesAgainst: 80, delegated: 50, voters: 3 });
  });

  it('drops the power of a delegator whose delegate did not vote', () => {
    const t = tallyBallot(Float64Array.of(10, 5), Int8Array.of(0, 0), Int32Array.of(-1, 0), 2, blank());
    expect(t).toEqual({ votesFor: 0, votesAgainst: 0, delegated: 0, voters: 0 });
  });
});

describe('voteOutcome', () => {
  const t = (f: number, a: number): Tally => ({ votesFor: f, votesAgainst: a, delegated: 0, voters: 1 });
  it('misses quorum when cast / total is below it', () => expect(voteOutcome(t(30, 9), 100, 0.4, 0.5)).toBe('quorum_missed'));
  it('passes at exactly the quorum', () => expect(voteOutcome(t(30, 10), 100, 0.4, 0.5)).toBe('passed'));
  it('misses the threshold at exactly half in favour (it must be strictly more)', () => expect(voteOutcome(t(20, 20), 100, 0.4, 0.5)).toBe('threshold_missed'));
  it('misses quorum when nobody votes, even at quorum 0', () => expect(voteOutcome(t(0, 0), 100, 0, 0.5)).toBe('quorum_missed'));
});

describe('conviction voting', () => {
  it('accumulates y(t+1) = α·y(t) + x: with α = ½ and x = 10, 10, 15, 17.5, toward x / (1 − α) = 20', () => {
    let y = 0;
    const ys = [];
    for (let k = 0; k < 4; k++) ys.push((y = convictionStep(y, 10, 0.5)));
    expect(ys).toEqual([10, 15, 17.5, 18.75]);
  });

  it('needs τ = ρS / ((1 − α)(β − r)²): S = 1e6, ρ = 0.0025, α = 0.9, β = 0.2, r = 0.1 gives 2.5e6 token-ticks', () => {
    expect(convictionThreshold(1e6, 0.1, 0.9, 0.2, 0.0025)).toBeCloseTo(2.5e6, 6);
    expect(convictionThreshold(1e6, 0, 0.9, 0.2, 0.0025)).toBeCloseTo(625_000, 6);
  });

  it('cannot pass a request of β or more of the funds', () => {
    expect(convictionThreshold(1e6, 0.2, 0.9, 0.2, 0.0025)).toBe(Infinity);
  });
});
