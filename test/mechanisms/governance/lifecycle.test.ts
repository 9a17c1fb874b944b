import { describe, expect, it } from 'vitest';
import { tinyWorld } from './world';

const steps = (world: { step(): void }, n: number) => {
  for (let k = 0; k < n; k++) world.step();
};

describe('proposal lifecycle', () => {
  it('passes with quorum and majority, then executes at the start of the tick after the vote closes (timelock 0)', () => {
    const { world, gov } = tinyWorld([60, 30, 10]);
    const p = gov.propose(world, { kind: 'param', path: 'fee', value: 0.08 }, -1);
    expect(p.outcome).toBe('active');
    gov.castVote(p, 0, true);
    gov.castVote(p, 1, false);
    steps(world, 2); // votes close at the end of tick 2 (opened at 0, 3 voting ticks)
    expect(p.outcome).toBe('passed');
    expect(world.params.fee).toBe(0.05);
    steps(world, 1);
    expect(p.outcome).toBe('executed');
    expect(world.params.fee).toBe(0.08);
    expect(world.paramStore.log).toEqual([{ tick: 3, path: 'fee', before: 0.05, after: 0.08, source: `proposal ${p.id}` }]);
  });

  it('rejects a proposal that misses the quorum (40 of 100 cast, quorum 50%), whatever the majority', () => {
    const { world, gov } = tinyWorld([40, 30, 30]);
    const p = gov.propose(world, { kind: 'param', path: 'fee', value: 0.08 }, -1);
    gov.castVote(p, 0, true);
    steps(world, 4);
    expect(p.outcome).toBe('rejected');
    expect(p.reason).toBe('quorum_missed');
    expect(p.turnout).toBeCloseTo(0.4, 12);
    expect(world.params.fee).toBe(0.05);
    expect(gov.events.map((e) => e.outcome)).toEqual(['open', 'quorum_missed']);
  });

  it('rejects a proposal that misses the threshold (50 for, 50 against: not more than half)', () => {
    const { world, gov } = tinyWorld([50, 50]);
    const p = gov.propose(world, { kind: 'param', path: 'fee', value: 0.08 }, -1);
    gov.castVote(p, 0, true);
    gov.castVote(p, 1, false);
    steps(world, 4);
    expect(p.reason).toBe('threshold_missed');
    expect(world.paramStore.log).toHaveLength(0);
  });

  it('respects the timelock: passed at tick 2 with timelock 5, the change applies from tick 8 and not before', () => {
    const { world, gov } = tinyWorld([100], { timelockTicks: 5 });
    const p = gov.propose(world, { kind: 'param', path: 'fee', value: 0.02 }, -1);
    gov.castVote(p, 0, true);
    steps(world, 2);
    expect([p.outcome, p.passedTick, p.executeTick]).toEqual(['passed', 2, 8]);
    steps(world, 5); // ticks 3..7
    expect(world.params.fee).toBe(0.05);
    steps(world, 1); // tick 8
    expect(world.params.fee).toBe(0.02);
    expect(world.paramStore.at(7).fee).toBe(0.05);
    expect(world.paramStore.at(8).fee).toBe(0.02);
  });

  it('rejects out-of-range and non-numeric parameter proposals as invalid: nothing opens and nothing changes', () => {
    const { world, gov } = tinyWorld([100]);
    const high = gov.propose(world, { kind: 'param', path: 'fee', value: 0.5 }, -1);
    const unknown = gov.propose(world, { kind: 'param', path: 'nope', value: 1 }, -1);
    const notNumber = gov.propose(world, { kind: 'param', path: 'governance.rule', value: 1 }, -1);
    expect([high.outcome, unknown.outcome, notNumber.outcome]).toEqual(['invalid', 'invalid', 'invalid']);
    expect(high.reason).toBe('fee=0.5 is outside the parameter\'s allowed range');
    expect(gov.active).toHaveLength(0);
    expect(gov.proposals).toHaveLength(0);
    expect(gov.events.map((e) => e.kind)).toEqual(['invalid', 'invalid', 'invalid']);
    steps(world, 5);
    expect(world.paramStore.log).toHaveLength(0);
    const ok = gov.propose(world, { kind: 'param', path: 'fee', value: 0.06 }, -1);
    expect(new Set([high.id, unknown.id, notNumber.id, ok.id]).size).toBe(4);
  });

  it('leaves earlier parameter snapshots unchanged and frozen after execution', () => {
    const { world, gov } = tinyWorld([100]);
    const initial = world.params;
    const p = gov.propose(world, { kind: 'param', path: 'fee', value: 0.01 }, -1);
    gov.castVote(p, 0, true);
    steps(world, 3);
    expect(world.params.fee).toBe(0.01);
    expect(initial.fee).toBe(0.05);
    expect(Object.isFrozen(initial)).toBe(true);
    expect(world.paramStore.snapshots[0].params).toBe(initial);
    expect(world.paramStore.at(2)).toBe(initial);
  });

  it('fails at execution, changing nothing, a change that another proposal made invalid during the timelock', () => {
    const { world, gov, treasury } = tinyWorld([100], { timelockTicks: 3 });
    const grant = gov.propose(world, { kind: 'grant', recipient: 0, amountTokens: 800, quality: 1 }, -1);
    const grant2 = gov.propose(world, { kind: 'grant', recipient: 0, amountTokens: 800, quality: 1 }, -1);
    gov.castVote(grant, 0, true);
    gov.castVote(grant2, 0, true);
    steps(world, 6);
    expect([grant.outcome, grant2.outcome]).toEqual(['executed', 'failed']);
    expect(treasury.tokens).toBe(200);
  });
});

describe('proposals by agents', () => {
  it('locks the deposit in escrow and returns it when the proposal reaches quorum', () => {
    const { world, gov, pop } = tinyWorld([100, 100], { depositTokens: 10 });
    const p = gov.propose(world, { kind: 'signal', preferences: [1, 1, 1, 1] }, 0);
    expect([pop.cols.tokens[0], gov.escrowTokens]).toEqual([90, 10]);
    gov.castVote(p, 0, true);
    gov.castVote(p, 1, true);
    steps(world, 2);
    expect([pop.cols.tokens[0], gov.escrowTokens]).toEqual([100, 0]);
    expect(gov.events.map((e) => e.kind)).toEqual(['created', 'passed', 'deposit_returned']);
  });

  it('pays the deposit to the treasury when the proposal misses quorum', () => {
    const { world, gov, pop, treasury } = tinyWorld([100, 100], { depositTokens: 10 });
    gov.propose(world, { kind: 'signal' }, 0);
    steps(world, 2); // the vote closes at the end of tick 2
    expect(treasury.incomeThisTick().deposit.tokens).toBe(10);
    steps(world, 1);
    expect([pop.cols.tokens[0], gov.escrowTokens, treasury.tokens]).toEqual([90, 0, 1010]);
  });

  it('refuses a proposer below the proposal threshold or unable to pay the deposit', () => {
    const { world, gov } = tinyWorld([5, 995], { proposalThreshold: 0.01, depositTokens: 1 });
    expect(gov.propose(world, { kind: 'signal' }, 0).reason).toMatch(/below the proposal threshold/);
    const { world: w2, gov: g2 } = tinyWorld([5, 995], { depositTokens: 10 });
    expect(g2.propose(w2, { kind: 'signal' }, 0).reason).toMatch(/deposit of 10 tokens exceeds/);
  });
});

describe('treasury spends', () => {
  it('pays a passed grant from the treasury to the recipient', () => {
    const { world, gov, pop, treasury } = tinyWorld([100, 0]);
    const p = gov.propose(world, { kind: 'grant', recipient: 1, amountTokens: 250, quality: 0.9 }, -1);
    gov.castVote(p, 0, true);
    steps(world, 3);
    expect([treasury.tokens, pop.cols.tokens[1], gov.stats.grantsTokens]).toEqual([750, 250, 250]);
  });

  it('refuses a grant larger than the treasury when proposed', () => {
    const { world, gov } = tinyWorld([100, 0]);
    expect(gov.propose(world, { kind: 'grant', recipient: 1, amountTokens: 1001, quality: 1 }, -1).outcome).toBe('invalid');
  });

  it('buys back with treasury USD on the pool: 500 USD into a 1000/1000 pool without fee buys 1000·500/1500 tokens', () => {
    const { world, gov, pool, treasury } = tinyWorld([100]);
    const p = gov.propose(world, { kind: 'buyback', amountUsd: 500 }, -1);
    gov.castVote(p, 0, true);
    steps(world, 3);
    expect(treasury.usd).toBe(500);
    expect(treasury.tokens).toBeCloseTo(1000 + 1000 / 3, 9);
    expect(pool.usdReserve).toBe(1500);
  });
});

describe('delegation in the lifecycle', () => {
  it('counts a silent delegator with its delegate, and uses the snapshot taken when the proposal opened', () => {
    const { world, gov, pop } = tinyWorld([30, 30, 40]);
    pop.cols.delegate[2] = 0; // member 2 (40 tokens) delegates to member 0
    const p = gov.propose(world, { kind: 'param', path: 'fee', value: 0.08 }, -1);
    // bought after the snapshot: no extra votes
    world.ledger.route('mint', world.ledger.pocket(pop.account!, pop, 'tokens'), 'test').pay(1, 1000);
    gov.castVote(p, 0, true);
    gov.castVote(p, 1, false);
    steps(world, 2);
    expect([p.votesFor, p.votesAgainst, p.delegated, p.outcome]).toEqual([70, 30, 40, 'passed']);
    expect(gov.reachOf(p, 0)).toBe(0); // the snapshot is freed once the proposal closes
  });
});

describe('conviction voting in the lifecycle', () => {
  it('passes a grant when conviction crosses ρS/((1 − α)(β − r)²), at the hand-computed tick', () => {
    // S = 1000, α = 0.9, β = 0.5, ρ = 0.01, r = 100/1000 = 0.1: τ = 10 / (0.1 · 0.16) = 625.
    // Supporter with x = 100: y_n = 100 (1 − 0.9ⁿ) / 0.1 ≥ 625 ⇔ 0.9ⁿ ≤ 0.375 ⇔ n ≥ 9.31, so n = 10 ticks.
    const { world, gov } = tinyWorld([100, 900], { rule: 'conviction', conviction: { alpha: 0.9, beta: 0.5, rho: 0.01, maxTicks: 50 } });
    world.step(); // tick 1
    const p = gov.propose(world, { kind: 'grant', recipient: 0, amountTokens: 100, quality: 1 }, -1);
    gov.castVote(p, 0, true);
    expect(gov.castVote(p, 1, false)).toBe(0); // no votes against under conviction
    steps(world, 9); // ticks 2..10: nine updates
    expect(p.outcome).toBe('active');
    world.step(); // tick 11: the tenth update
    expect(p.outcome).toBe('passed');
    expect(p.passedTick - p.openedTick).toBe(10);
    expect(gov.supporting[0]).toBe(0); // the supporter's stake is freed
  });

  it('expires a proposal whose support is too small to ever reach the threshold', () => {
    const { world, gov } = tinyWorld([10, 990], { rule: 'conviction', conviction: { alpha: 0.9, beta: 0.5, rho: 0.01, maxTicks: 20 } });
    const p = gov.propose(world, { kind: 'signal' }, -1);
    gov.castVote(p, 0, true);
    steps(world, 25);
    expect(p.outcome).toBe('expired');
  });
});

describe('capture', () => {
  it('flags a passed proposal that holders with most tokens — voting or not — opposed', () => {
    // Members: a staker with 100 votes for; holders with 50 stay home. A non-voting population of holders holds 500,
    // counted as holders by the governance block at genesis.
    const { world, gov } = tinyWorld([100, 50], { quorum: 0.1 }, [1, 0], [500]);
    expect(gov.electorate.bystanders.map((b) => [b.pop.name, b.role])).toEqual([['traders', 0]]);
    const p = gov.propose(world, { kind: 'param', path: 'fee', value: 0.08 }, -1); // raising fee: staker +1, holder −1
    gov.castVote(p, 0, true);
    steps(world, 3);
    expect(p.outcome).toBe('executed');
    expect(p.opposedShare).toBeCloseTo(550 / 650, 12);
    expect(p.captured).toBe(true);
    expect(gov.stats.captured).toBe(1);
  });
});

describe('the rule in force decides the snapshot', () => {
  const whaleVsSmall = [10_000, ...Array(16).fill(100)];
  const voteAll = (gov: ReturnType<typeof tinyWorld>['gov'], p: Parameters<ReturnType<typeof tinyWorld>['gov']['castVote']>[0]) => {
    gov.castVote(p, 0, true);
    for (let m = 1; m < 17; m++) gov.castVote(p, m, false);
  };

  it('token-weighted: the whale (10,000 for) beats 16 holders of 100 (1,600 against)', () => {
    const { world, gov } = tinyWorld(whaleVsSmall, { rule: 'token', quorum: 0 });
    const p = gov.propose(world, { kind: 'signal' }, -1);
    voteAll(gov, p);
    steps(world, 2);
    expect([p.votesFor, p.votesAgainst, p.outcome]).toEqual([10_000, 1600, 'passed']);
  });

  it('quadratic: the same ballot is 100 for against 160, and fails', () => {
    const { world, gov } = tinyWorld(whaleVsSmall, { rule: 'quadratic', quorum: 0 });
    const p = gov.propose(world, { kind: 'signal' }, -1);
    voteAll(gov, p);
    steps(world, 2);
    expect(p.votesFor).toBeCloseTo(100, 9);
    expect(p.votesAgainst).toBeCloseTo(160, 9);
    expect(p.reason).toBe('threshold_missed');
  });

  it('vote-escrow: a whale locked for a tenth of the maximum has 1,000 against 1,600 fully locked, and fails', () => {
    const { world, gov, pop } = tinyWorld(whaleVsSmall, { rule: 'voteEscrow', quorum: 0, maxLockTicks: 100 });
    pop.cols.lockTicks.fill(100);
    pop.cols.lockTicks[0] = 10;
    const p = gov.propose(world, { kind: 'signal' }, -1);
    voteAll(gov, p);
    steps(world, 2);
    expect([p.votesFor, p.votesAgainst, p.reason]).toEqual([1000, 1600, 'threshold_missed']);
  });
});
