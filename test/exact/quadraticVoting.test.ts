import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { votingPower } from '../../src/mechanisms/governance/rules';
import { QuadraticVotingRound } from '../../src/exact/quadraticVoting';
import { expectRevert, relErr } from './helpers';

describe('QuadraticVotingRound against Allo v2 test/foundry/strategies/QVBaseStrategy.t.sol', () => {
  it("'test_allocate': 4 voice credits cast 2e9 votes", () => {
    const round = new QuadraticVotingRound(100n, ['recipient']);
    expect(round.allocate('allocator', 'recipient', 4n)).toBe(2_000_000_000n);
  });

  it("'test_getPayouts': a lone recipient takes the whole pool (9.9e17 after the 1% fee), a stranger nothing", () => {
    const round = new QuadraticVotingRound(100n, ['recipient']);
    round.allocate('allocator', 'recipient', 4n);
    expect(round.payout('recipient', 990_000_000_000_000_000n)).toBe(990_000_000_000_000_000n);
    expect(round.payout('no_recipient', 990_000_000_000_000_000n)).toBe(0n);
  });
});

describe('QuadraticVotingRound budget and reverts (QVSimpleStrategy._allocate)', () => {
  it('shares one budget across recipients: 100 credits give 10e9 votes to one, or 5·√20e9 = 22.36e9 over five', () => {
    const one = new QuadraticVotingRound(100n, ['a', 'b', 'c', 'd', 'e']);
    one.allocate('v', 'a', 100n);
    const five = new QuadraticVotingRound(100n, ['a', 'b', 'c', 'd', 'e']);
    for (const r of ['a', 'b', 'c', 'd', 'e']) five.allocate('v', r, 20n);
    expect(one.totalRecipientVotes).toBe(10_000_000_000n);
    expect(five.totalRecipientVotes).toBe(5n * 4_472_135_954n); // ⌊√(20·10^18)⌋ = 4472135954
  });

  it("reverts 'INVALID' one credit over the budget, for zero credits, and 'RECIPIENT_ERROR' for a stranger", () => {
    const round = new QuadraticVotingRound(100n, ['a', 'b']);
    round.allocate('v', 'a', 60n);
    expectRevert(() => round.allocate('v', 'b', 41n), 'INVALID');
    expectRevert(() => round.allocate('v', 'b', 0n), 'INVALID');
    expectRevert(() => round.allocate('v', 'z', 1n), 'RECIPIENT_ERROR');
    expect(round.allocate('v', 'b', 40n)).toBe(6_324_555_320n);
  });

  it('gives the same votes whether credits are cast at once or in steps', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 1n, max: 10n ** 20n }), { minLength: 1, maxLength: 10 }), (steps) => {
        const total = steps.reduce((a, b) => a + b, 0n);
        const stepwise = new QuadraticVotingRound(total, ['r']);
        for (const s of steps) stepwise.allocate('v', 'r', s);
        const once = new QuadraticVotingRound(total, ['r']);
        once.allocate('v', 'r', total);
        expect(stepwise.votesReceived.get('r')).toBe(once.votesReceived.get('r'));
      }),
    );
  });
});

describe('QuadraticVotingRound against the float quadratic rule (src/mechanisms/governance/rules.ts)', () => {
  // Stated tolerance: votes are ⌊√(C · 10^18)⌋, so √C in float agrees to 1e-9 vote (one unit) plus 1e-15 relative.
  it('one recipient: votes = √credits (votingPower quadratic) to one 10^-9 vote', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 12n }), (credits) => {
        const round = new QuadraticVotingRound(credits, ['r']);
        const votes = Number(round.allocate('v', 'r', credits)) / 1e9;
        const float = votingPower('quadratic', Number(credits), 0, 0, 1);
        expect(Math.abs(votes - float)).toBeLessThanOrEqual(1e-9 + 1e-15 * float);
      }),
    );
  });

  it('many recipients: the float rule gives √B to each of k proposals, k·√B in all; one budget gives at most √(kB)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 9n }), fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 2, maxLength: 10 }), (budget, weights) => {
        const k = weights.length;
        const sum = weights.reduce((a, b) => a + b, 0);
        const recipients = weights.map((_, j) => `p${j}`);
        const round = new QuadraticVotingRound(budget, recipients);
        weights.forEach((w, j) => {
          const c = BigInt(Math.floor((Number(budget) * w) / sum));
          if (c > 0n) round.allocate('v', recipients[j], c);
        });
        const exactTotal = Number(round.totalRecipientVotes) / 1e9;
        const independent = k * votingPower('quadratic', Number(budget), 0, 0, 1);
        expect(exactTotal).toBeLessThanOrEqual(Math.sqrt(k * Number(budget)) * (1 + 1e-12));
        expect(exactTotal).toBeLessThan(independent);
        expect(relErr(Math.sqrt(k * Number(budget)), independent)).toBeCloseTo(1 - 1 / Math.sqrt(k), 9);
      }),
    );
  });
});
