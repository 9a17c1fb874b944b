import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { traders } from '../../agents/traders';
import { amm } from '../../src/market/amm';
import { bgtGovernance, voteNetUsd, whitelistVoteOutcome } from '../../src/mechanisms/bgtGovernance';
import { bgtGovernanceDefaults, bgtGovernanceProblems, type BgtGovernanceParams, type VaultProposal } from '../../src/mechanisms/bgtGovernanceParams';
import { proofOfLiquidity } from '../../src/mechanisms/proofOfLiquidity';
import { proofOfLiquidityDefaults, type ProofOfLiquidityParams, type RewardVault } from '../../src/mechanisms/proofOfLiquidityParams';
import { buildBlocks } from '../helpers/blocks';

const vault = (name: string, bribeUsdPerBgt: number, whitelisted: boolean): RewardVault => ({ name, pool: name, bribeUsdPerBgt, whitelisted, feesUsdPerYear: 0, initialLiquidityUsd: 1000 });

/**
 * 1000 BGT a tick; validator 0 (half the stake) bribe-max, no cap, split
 * over the tie of A and B (USD 0.5/BGT each), validator 1 fixed on D: A and
 * B get 250 a tick each, D 500. Whitelisting C at an incentive of 1 USD/BGT
 * moves all of validator 0's 500 to C: ΔB_A = ΔB_B = −250, ΔB_D = 0.
 * No trades, so the price stays 1; boosters get no incentives (δ = 0).
 */
const pol: Partial<ProofOfLiquidityParams> = {
  emission: 'fixed',
  bgtPerTick: 1000,
  vaults: [vault('A', 0.5, true), vault('B', 0.5, true), vault('D', 0, true), vault('C', 0, false)],
  validators: [
    { stakeShare: 1, rule: 'bribe-max', weights: [] },
    { stakeShare: 1, rule: 'fixed', weights: [0, 0, 1, 0] },
  ],
  maxWeightPerVault: 1,
  delegatorShare: 0,
  incentiveAuctionShare: 0,
  redeemShare: 0,
  sellShare: 0,
  adjustSpeed: 1,
  capitalElasticity: 0,
};

/** Submitted at tick 2, snapshot at tick 3 (A 750 BGT, B 750, D 1500: ΣP 3000), vote ends at tick 5, executed at tick 8. */
const proposal = (bribeUsdPerBgtVote: number, extra: Partial<VaultProposal> = {}): VaultProposal => ({ vault: 'C', action: 'whitelist', submitTick: 2, proposerBgt: 1500, bribeUsdPerBgtVote, incentiveUsdPerBgt: 1, ...extra });

/** H = 6 ticks: A's (and B's) loss is 6 · 250 = 1500 USD against a bribe of 750 · b: it flips at b* = 2. */
const gov = (proposals: VaultProposal[], extra: Partial<BgtGovernanceParams> = {}): BgtGovernanceParams => ({ ...bgtGovernanceDefaults, votingDelayTicks: 1, votingPeriodTicks: 2, timelockTicks: 3, horizonTicks: 6, proposals, ...extra });

function build(g: BgtGovernanceParams, p: Partial<ProofOfLiquidityParams> = pol, withTraders = false, seed = 1) {
  const overrides = { amm: { tokenReserve: 1_000_000, usdReserve: 1_000_000 }, proofOfLiquidity: { ...proofOfLiquidityDefaults, ...p }, bgtGovernance: g };
  const sim = withTraders ? buildBlocks([amm, traders, proofOfLiquidity, bgtGovernance], { ...overrides, traders: { count: 30 } }, seed) : buildBlocks([amm, proofOfLiquidity, bgtGovernance], overrides, seed);
  return { sim, world: sim.world, pol: sim.api(proofOfLiquidity), gov: sim.api(bgtGovernance) };
}

function run(g: BgtGovernanceParams, ticks: number) {
  const b = build(g);
  for (let t = 0; t < ticks; t++) b.world.step();
  return b;
}

describe('a holder group’s vote', () => {
  it('nets the bribe, its boost share of the change in incentives and the value of its change in BGT', () => {
    // 0.5 · 750 + 12 · (0.2 · 300 · 750 / 3000 + 1.5 · (−125)) = 375 + 12 · (15 − 187.5) = −1695.
    expect(voteNetUsd(0.5, 750, 3000, 12, 0.2, 300, 1.5, -125)).toBeCloseTo(-1695, 9);
  });
});

describe('the whitelist vote’s outcome (BerachainGovernance counting)', () => {
  it('needs for ≥ quorum · ΣP and for ≥ 51% of for + against, both inclusive', () => {
    expect(whitelistVoteOutcome(51, 49, 500, 0.1, 0.51)).toBe('passed');
    expect(whitelistVoteOutcome(50.9, 49, 500, 0.1, 0.51)).toBe('majority_missed');
    expect(whitelistVoteOutcome(51, 0, 510, 0.1, 0.51)).toBe('passed');
    expect(whitelistVoteOutcome(51, 0, 511, 0.1, 0.51)).toBe('quorum_missed');
  });
});

describe('BGT governance over the whitelist, hand-worked', () => {
  it('turns A and B for exactly above the bribe of 2 USD/BGT', () => {
    const below = run(gov([proposal(1.99)]), 6).gov;
    // A, B against (1500), D for (1500 · 1.99 > 0): 1500 is short of 51% of 3000 (1530).
    expect([below.votesFor[0], below.votesAgainst[0]]).toEqual([1500, 1500]);
    expect(below.status[0]).toBe('majority_missed');
    const above = run(gov([proposal(2.01)]), 6).gov;
    expect([above.votesFor[0], above.votesAgainst[0]]).toEqual([3000, 0]);
    expect(above.status[0]).toBe('queued');
    expect(above.bribesPaidUsd[0]).toBeCloseTo(2.01 * 3000, 9);
  });

  it('misses the quorum when nobody votes for: D abstains (no bribe, no change), A and B against', () => {
    const g = run(gov([proposal(0)]), 6).gov;
    expect([g.votesFor[0], g.votesAgainst[0], g.totalPower[0]]).toEqual([0, 1500, 3000]);
    expect(g.status[0]).toBe('quorum_missed');
  });

  it('passes with A and D for (2250) and B against (750): quorum of 0.75 reached, 0.76 missed; majority 0.75 reached, 0.8 missed', () => {
    // Validator 1 fixed [0.5, 0, 0.5, 0]: A 500 a tick, B 250, D 250; snapshot A 1500, B 750, D 750.
    // ΔB_A = ΔB_B = −250: A flips at 1500/1500 = 1, B at 1500/750 = 2; at b = 1.5 A (1500) and D (750) for, B (750) against.
    const p = { ...pol, validators: [pol.validators![0], { stakeShare: 1, rule: 'fixed' as const, weights: [0.5, 0, 0.5, 0] }] };
    const status = (extra: Partial<BgtGovernanceParams>) => {
      const b = build(gov([proposal(1.5)], extra), p);
      for (let t = 0; t < 6; t++) b.world.step();
      expect([b.gov.votesFor[0], b.gov.votesAgainst[0]]).toEqual([2250, 750]);
      return b.gov.status[0];
    };
    expect(status({ quorum: 0.75 })).toBe('queued');
    expect(status({ quorum: 0.76 })).toBe('quorum_missed');
    expect(status({ majority: 0.75 })).toBe('queued');
    expect(status({ majority: 0.8 })).toBe('majority_missed');
  });

  it('rejects a proposer below the threshold', () => {
    const g = run(gov([proposal(5, { proposerBgt: 1499 })]), 10).gov;
    expect(g.status[0]).toBe('below_threshold');
    expect(g.totalBribesUsd).toBe(0);
  });

  it('executes at the end of the timelock (tick 8) and C gets BGT from tick 9, at its pre-committed incentive', () => {
    const b = build(gov([proposal(2.5)]));
    for (let t = 0; t < 8; t++) b.world.step();
    expect(b.gov.status[0]).toBe('executed');
    expect(b.gov.executedTick[0]).toBe(8);
    expect(b.pol.bgtToVault[3]).toBe(0);
    b.world.step();
    // C at incentive 1 takes all of validator 0's 500; D keeps validator 1's 500.
    expect(Array.from(b.pol.bgtToVault)).toEqual([0, 0, 500, 500]);
    expect(b.world.params.proofOfLiquidity.vaults[3]).toMatchObject({ whitelisted: true, bribeUsdPerBgt: 1 });
    // 500 of the 9000 BGT emitted in 9 ticks; the LP capital is C's.
    expect(b.gov.listedBgtShare).toBeCloseTo(500 / 9000, 12);
    expect(b.gov.listedLiquidityUsd).toBe(b.pol.liquidityUsd(3));
    expect(b.gov.passedShare).toBe(1);
  });

  it('removes a vault: its depositors vote against, those who gain or are bribed for', () => {
    // Without A, validator 0's bribe-max sends all its 500 to B: ΔB_A = −250, ΔB_B = +250, ΔB_D = 0.
    const g = run(gov([proposal(0.1, { vault: 'A', action: 'remove', incentiveUsdPerBgt: 0 })]), 8).gov;
    // A: 75 − 1500 < 0 against (750); B: 75 + 1500 for (750); D: 150 for (1500).
    expect([g.votesFor[0], g.votesAgainst[0]]).toEqual([2250, 750]);
    expect(g.status[0]).toBe('executed');
  });
});

describe('input checks', () => {
  const all = { proofOfLiquidity: { ...proofOfLiquidityDefaults, ...pol } };
  it('names a proposal for a vault that does not exist', () => {
    expect(bgtGovernanceProblems(gov([proposal(0, { vault: 'nope' })]), all)).toEqual([{ path: 'proposals.0.vault', message: 'no reward vault named nope; expected one of A, B, D, C' }]);
  });
  it('names a removal of a vault a fixed allocation uses', () => {
    expect(bgtGovernanceProblems(gov([proposal(0, { vault: 'D', action: 'remove' })]), all)).toEqual([{ path: 'proposals.0.vault', message: 'removing D, which validator 1 weights under rule fixed; expected a vault no fixed allocation uses' }]);
  });
  it('accepts the defaults', () => {
    expect(bgtGovernanceProblems(bgtGovernanceDefaults, all)).toEqual([]);
  });
});

describe('BGT governance across its parameter ranges (property)', () => {
  const params = fc.record({
    quorum: fc.double({ min: 0, max: 1, noNaN: true }),
    majority: fc.double({ min: 0, max: 1, noNaN: true }),
    delay: fc.integer({ min: 0, max: 2 }),
    period: fc.integer({ min: 1, max: 2 }),
    timelock: fc.integer({ min: 0, max: 2 }),
    horizon: fc.integer({ min: 1, max: 400 }),
    bribe: fc.double({ min: 0, max: 5, noNaN: true }),
    incentive: fc.double({ min: 0, max: 2, noNaN: true }),
    threshold: fc.double({ min: 0, max: 5000, noNaN: true }),
    remove: fc.boolean(),
  });

  it('conserves tokens and USD every tick, pays bribes only to votes for, and whitelists only what it executed', () => {
    fc.assert(
      fc.property(params, (q) => {
        const proposals: VaultProposal[] = [
          { vault: 'unlisted', action: 'whitelist', submitTick: 1, proposerBgt: 3000, bribeUsdPerBgtVote: q.bribe, incentiveUsdPerBgt: q.incentive },
          { vault: 'perps', action: q.remove ? 'remove' : 'whitelist', submitTick: 2, proposerBgt: 3000, bribeUsdPerBgtVote: q.bribe, incentiveUsdPerBgt: q.incentive },
        ];
        const g = { ...bgtGovernanceDefaults, quorum: q.quorum, majority: q.majority, votingDelayTicks: q.delay, votingPeriodTicks: q.period, timelockTicks: q.timelock, horizonTicks: q.horizon, proposalThresholdBgt: q.threshold, proposals };
        // build() runs with the ledger's check every tick: a broken conservation throws.
        const { world, gov } = build(g, { bgtPerTick: 20_000, incentiveAuctionShare: 1 }, true);
        for (let t = 0; t < 10; t++) world.step();
        proposals.forEach((p, i) => {
          const k = proofOfLiquidityDefaults.vaults.findIndex((v) => v.name === p.vault);
          const listed = world.params.proofOfLiquidity.vaults[k].whitelisted;
          if (gov.status[i] === 'executed') expect(listed).toBe(p.action === 'whitelist');
          else expect(listed).toBe(proofOfLiquidityDefaults.vaults[k].whitelisted);
          expect(gov.votesFor[i] + gov.votesAgainst[i]).toBeLessThanOrEqual(gov.totalPower[i] * (1 + 1e-12));
          expect(gov.bribesPaidUsd[i]).toBeCloseTo(p.bribeUsdPerBgtVote * gov.votesFor[i], 6);
        });
      }),
      { numRuns: 40 },
    );
  });
});
