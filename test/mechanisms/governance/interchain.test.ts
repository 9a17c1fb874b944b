import { describe, expect, it } from 'vitest';
import { chain } from '../../../src/chains/chain';
import { amm } from '../../../src/market/amm';
import { governance } from '../../../src/mechanisms/governance/governanceBlock';
import { interchainGovernance, interchainGovernanceDefaults, type InterchainGovernanceParams } from '../../../src/mechanisms/governance/interchain';
import type { GovernanceParams } from '../../../src/mechanisms/governance/params';
import { treasury } from '../../../src/mechanisms/treasury';
import { buildBlocks } from '../../helpers/blocks';
import { feeBlock, govParams, testVoters } from './world';

const mainChain = chain('main', { market: true });
const sideChain = chain('side');
const bChain = chain('b');

/**
 * A world of voters holding `tokens` on three chains: hub `main`, spokes
 * `a` and `b` (delays and losses from `relay`). Members are put on chains
 * by `chains` (0 hub, 1 side, 2 b) instead of the draw.
 */
function threeChains(tokens: number[], chains: number[] | null, relay: Partial<InterchainGovernanceParams>, over: Partial<GovernanceParams> = {}, seed = 1) {
  const voters = testVoters(tokens);
  const sim = buildBlocks(
    [feeBlock, amm, treasury, governance, voters, mainChain, sideChain, bChain, interchainGovernance],
    {
      amm: { tokenReserve: 1000, usdReserve: 1000, feeBps: 0 },
      treasury: { tokens: 1000, usd: 1000 },
      governance: govParams(over),
      sideChain: { holderTokens: 0, flowUsd: 0 },
      bChain: { holderTokens: 0, flowUsd: 0 },
      interchainGovernance: {
        hub: { chain: 'main', memberShare: 1, participation: 1 },
        spokes: [
          { chain: 'side', memberShare: 1, participation: 1, delayTicks: 2, lossProbability: 0 },
          { chain: 'b', memberShare: 1, participation: 1, delayTicks: 4, lossProbability: 0 },
        ],
        graceTicks: 0,
        ...relay,
      },
    },
    seed,
  );
  const gov = sim.governance;
  const ic = sim.api(interchainGovernance);
  if (chains) ic.chainOf = Int32Array.from(chains);
  return { world: sim.world, gov, ic, sim };
}

const steps = (world: { step(): void }, n: number) => {
  for (let k = 0; k < n; k++) world.step();
};

// Powers 30, 10 (hub), 25, 15 (spoke side, delay 2), 20 (spoke b, delay 4); total 100.
// A proposal opened at tick 0 with a 3-tick window closes at tick 2.
const TOKENS = [30, 10, 25, 15, 20];
const CHAINS = [0, 0, 1, 1, 2];

/** Casts the hand-worked votes: tick 0: m0 for (hub), m2 for (side, arrives 2), m4 against (b, arrives 4); tick 1: m1 for (hub), m3 against (side, arrives 3). */
function castHandWorked(world: { step(): void }, gov: ReturnType<typeof threeChains>['gov'], p: Parameters<typeof gov.castVote>[0]) {
  gov.castVote(p, 0, true);
  gov.castVote(p, 2, true);
  gov.castVote(p, 4, false);
  steps(world, 1);
  gov.castVote(p, 1, true);
  gov.castVote(p, 3, false);
}

describe('interchain governance: hand-worked tallies', () => {
  it('counts the hub at once and a spoke vote only when it arrives by the close: 65 of 100 for, the late 35 against drop out', () => {
    const { world, gov, ic } = threeChains(TOKENS, CHAINS, {}, { quorum: 0.5 });
    const p = gov.propose(world, { kind: 'param', path: 'fee', value: 0.08 }, -1);
    castHandWorked(world, gov, p);
    // Tick 1: m2's vote (cast at 0, delay 2) is still on its way.
    expect([p.votesFor, p.votesAgainst, ic.inFlight]).toEqual([40, 0, 1]);
    steps(world, 1); // tick 2: m2 arrives, then the hub tallies
    expect(p.outcome).toBe('passed');
    expect([p.votesFor, p.votesAgainst, p.voters]).toEqual([65, 0, 3]);
    expect(p.turnout).toBeCloseTo(0.65, 12);
    // Relayed: m2, m3, m4; late: m3 (arrives 3) and m4 (arrives 4).
    expect([ic.relayed, ic.delivered, ic.late, ic.lost]).toEqual([3, 1, 2, 0]);
    // Every vote delivered: 65 for, 35 against, turnout 1: passes too.
    expect([ic.tallied, ic.flipped, ic.idealPassed]).toEqual([1, 0, 1]);
    // Direct votes in the tally: 30 + 10 from the hub of 65.
    expect(ic.hubPower / ic.tallyPower).toBeCloseTo(40 / 65, 12);
    expect(ic.rows).toEqual([{ tick: 2, proposalId: p.id, outcome: 'passed', outcomeFull: 'passed', turnout: 0.65, turnoutFull: 1, votesRelayed: 3, votesLost: 0, votesLate: 2 }]);
  });

  it('flips a proposal when the late votes would have met quorum: turnout 0.65 < 0.7 at the hub, 1.0 with every vote', () => {
    const { world, gov, ic } = threeChains(TOKENS, CHAINS, {}, { quorum: 0.7 });
    const p = gov.propose(world, { kind: 'param', path: 'fee', value: 0.08 }, -1);
    castHandWorked(world, gov, p);
    steps(world, 1);
    expect([p.outcome, p.reason]).toEqual(['rejected', 'quorum_missed']);
    expect([ic.flipped, ic.idealPassed]).toEqual([1, 1]);
    expect(ic.rows.map((r) => [r.outcome, r.outcomeFull])).toEqual([['quorum_missed', 'passed']]);
  });

  it('with graceTicks 2 the hub tallies at tick 4 and every vote counts: 65 for, 35 against; a vote cast after the window is refused', () => {
    const { world, gov, ic } = threeChains(TOKENS, CHAINS, { graceTicks: 2 }, { quorum: 0.7 });
    const p = gov.propose(world, { kind: 'param', path: 'fee', value: 0.08 }, -1);
    castHandWorked(world, gov, p);
    steps(world, 1); // tick 2: the window closes, the tally waits
    expect(p.outcome).toBe('active');
    steps(world, 1); // tick 3: m3 arrives
    expect(gov.canVote(p, 0)).toBe(false);
    expect(p.votesAgainst).toBe(15);
    steps(world, 1); // tick 4: m4 arrives, tally
    expect([p.outcome, p.votesFor, p.votesAgainst]).toEqual(['passed', 65, 35]);
    expect([ic.late, ic.delivered, ic.flipped]).toEqual([0, 3, 0]);
  });

  it('loses every message from spoke side with loss probability 1: 40 for of 100, quorum 0.5 missed, and the full ballot passes (a flip)', () => {
    const { world, gov, ic } = threeChains(TOKENS, CHAINS, {
      spokes: [
        { chain: 'side', memberShare: 1, participation: 1, delayTicks: 2, lossProbability: 1 },
        { chain: 'b', memberShare: 1, participation: 1, delayTicks: 4, lossProbability: 0 },
      ],
    }, { quorum: 0.5 });
    const p = gov.propose(world, { kind: 'param', path: 'fee', value: 0.08 }, -1);
    castHandWorked(world, gov, p);
    steps(world, 1);
    expect([p.outcome, p.votesFor, p.votesAgainst]).toEqual(['rejected', 40, 0]);
    expect([ic.lost, ic.late, ic.delivered]).toEqual([2, 1, 0]);
    expect(ic.flipped).toBe(1);
  });

  it('refuses a second vote from a member whose first is still in flight', () => {
    const { world, gov } = threeChains(TOKENS, CHAINS, {});
    const p = gov.propose(world, { kind: 'param', path: 'fee', value: 0.08 }, -1);
    expect(gov.castVote(p, 2, true)).toBe(25);
    expect(gov.canVote(p, 2)).toBe(false);
    expect(gov.castVote(p, 2, false)).toBe(0);
  });
});

describe('interchain governance: draws', () => {
  const many = Array.from({ length: 4000 }, () => 1);

  it('loses a share of relayed votes within three standard errors of its parameter (q = 0.3)', () => {
    const { world, gov, ic } = threeChains(many, null, {
      hub: { chain: 'main', memberShare: 0, participation: 1 },
      spokes: [{ chain: 'side', memberShare: 1, participation: 1, delayTicks: 0, lossProbability: 0.3 }],
    }, { quorum: 0 });
    const p = gov.propose(world, { kind: 'param', path: 'fee', value: 0.08 }, -1);
    for (let m = 0; m < many.length; m++) gov.castVote(p, m, true);
    const se = Math.sqrt((0.3 * 0.7) / many.length);
    expect(ic.relayed).toBe(many.length);
    expect(Math.abs(ic.lost / ic.relayed - 0.3)).toBeLessThan(3 * se);
    steps(world, 1);
    expect(p.votesFor).toBe(many.length - ic.lost);
  });

  it('casts a share of intended votes within three standard errors of the chain’s participation (0.6), and puts members on chains by memberShare', () => {
    const { gov, world, ic } = threeChains(many, null, {
      hub: { chain: 'main', memberShare: 0.25, participation: 0.6 },
      spokes: [{ chain: 'side', memberShare: 0.75, participation: 0.6, delayTicks: 0, lossProbability: 0 }],
    });
    const p = gov.propose(world, { kind: 'param', path: 'fee', value: 0.08 }, -1);
    for (let m = 0; m < many.length; m++) gov.castVote(p, m, true);
    const se = Math.sqrt((0.6 * 0.4) / many.length);
    expect(Math.abs(1 - ic.abstained / many.length - 0.6)).toBeLessThan(3 * se);
    const onHub = ic.chainOf.reduce((s, c) => s + (c === 0 ? 1 : 0), 0) / many.length;
    expect(Math.abs(onHub - 0.25)).toBeLessThan(3 * Math.sqrt((0.25 * 0.75) / many.length));
  });

  it('gives the same fates for the same seed and other fates for another', () => {
    const fates = (seed: number) => {
      const { gov, world, ic } = threeChains(many, null, {
        spokes: [{ chain: 'side', memberShare: 1, participation: 0.8, delayTicks: 1, lossProbability: 0.2 }],
      }, {}, seed);
      const p = gov.propose(world, { kind: 'param', path: 'fee', value: 0.08 }, -1);
      for (let m = 0; m < many.length; m++) gov.castVote(p, m, m % 3 !== 0);
      steps(world, 3);
      return [ic.lost, ic.abstained, ic.delivered, p.votesFor, p.votesAgainst, Array.from(ic.chainOf.slice(0, 50)).join('')];
    };
    expect(fates(7)).toEqual(fates(7));
    expect(fates(7)).not.toEqual(fates(8));
  });

  it('with every member on the hub, tallies exactly as governance without the block', () => {
    const run = (withRelay: boolean) => {
      const { world, gov, ic } = threeChains(TOKENS, null, { hub: { chain: 'main', memberShare: 1, participation: 1 }, spokes: [] }, { quorum: 0.5 });
      if (!withRelay) gov.relay = null;
      const p = gov.propose(world, { kind: 'param', path: 'fee', value: 0.08 }, -1);
      castHandWorked(world, gov, p);
      steps(world, 3);
      return { events: gov.events, fee: world.params.fee, relayed: ic.relayed };
    };
    const a = run(true);
    const b = run(false);
    expect(a.events).toEqual(b.events);
    expect(a.fee).toBe(0.08);
    expect([a.fee, a.relayed]).toEqual([b.fee, 0]);
  });
});

describe('interchain governance: checks before a run', () => {
  const check = (p: Partial<InterchainGovernanceParams>, rule = 'token') =>
    interchainGovernance.spec.check!({ ...interchainGovernanceDefaults, ...p }, { governance: { rule } }, new Set(['governance', 'mainChain', 'sideChain']));

  it('accepts the defaults on a model with chains main and side', () => {
    expect(check({})).toEqual([]);
  });

  it('names a relay from a chain the model does not have, and the chains it has', () => {
    expect(check({ spokes: [{ ...interchainGovernanceDefaults.spokes[0], chain: 'nowhere' }] })).toEqual([
      { path: 'spokes.0.chain', message: 'no chain "nowhere" in this model; expected one of main, side' },
    ]);
  });

  it('refuses a spoke that is the hub, all-zero member shares, and conviction voting', () => {
    expect(check({ spokes: [{ ...interchainGovernanceDefaults.spokes[0], chain: 'main' }] }).map((x) => x.path)).toEqual(['spokes.0.chain']);
    expect(check({ hub: { chain: 'main', memberShare: 0, participation: 1 }, spokes: [{ ...interchainGovernanceDefaults.spokes[0], memberShare: 0 }] }).map((x) => x.path)).toEqual(['hub.memberShare']);
    expect(check({}, 'conviction').map((x) => x.path)).toEqual(['hub']);
  });
});
