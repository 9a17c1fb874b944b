import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { traders } from '../../agents/traders';
import { amm } from '../../src/market/amm';
import { beraStaking, expectedValidatorIncomeUsd } from '../../src/mechanisms/beraStaking';
import { beraStakingDefaults, type BeraCandidate, type BeraStakingParams } from '../../src/mechanisms/beraStakingParams';
import { proofOfLiquidity } from '../../src/mechanisms/proofOfLiquidity';
import { proofOfLiquidityDefaults, type ProofOfLiquidityParams, type RewardVault } from '../../src/mechanisms/proofOfLiquidityParams';
import { buildBlocks } from '../helpers/blocks';

const vault = (name: string, bribeUsdPerBgt: number): RewardVault => ({ name, pool: name, bribeUsdPerBgt, whitelisted: true, feesUsdPerYear: 100, initialLiquidityUsd: 1000 });

/** Vaults A (2 USD/BGT) and B (0.5), cap 0.75; V0 bribe-max, V1 fixed 50/50, V2 uniform; boosters get 80%; no trades by the block. */
const polP: ProofOfLiquidityParams = {
  ...proofOfLiquidityDefaults,
  emission: 'fixed',
  bgtPerTick: 1000,
  vaults: [vault('A', 2), vault('B', 0.5)],
  validators: [
    { stakeShare: 1, rule: 'bribe-max', weights: [] },
    { stakeShare: 1, rule: 'fixed', weights: [0.5, 0.5] },
    { stakeShare: 1, rule: 'uniform', weights: [] },
  ],
  maxWeightPerVault: 0.75,
  delegatorShare: 0.8,
  incentiveAuctionShare: 0,
  redeemShare: 0,
  sellShare: 0,
  capitalElasticity: 0,
};

const cand = (stakeBera: number, costUsdPerTick: number, activeAtGenesis: boolean): BeraCandidate => ({ stakeBera, costUsdPerTick, activeAtGenesis });

/** V0 bonds 3000 BERA (cost 50 USD a tick), V1 1000 (cost 100), both active; V2 1500 (cost 10) waits; a set of 2; 10 BGT a tick of base rate. */
const staking: BeraStakingParams = {
  minStakeBera: 500,
  maxStakeBera: 5000,
  maxValidators: 2,
  baseRateBgtPerBlock: 0.01,
  blocksPerTick: 1000,
  entryMargin: 0.2,
  exitPatienceTicks: 2,
  candidates: [cand(3000, 50, true), cand(1000, 100, true), cand(1500, 10, false)],
};

function build(p: ProofOfLiquidityParams, s: BeraStakingParams, withTraders = false, seed = 1) {
  const overrides = { amm: { tokenReserve: 1_000_000, usdReserve: 1_000_000 }, proofOfLiquidity: p, beraStaking: s };
  const sim = withTraders ? buildBlocks([amm, traders, proofOfLiquidity, beraStaking], { ...overrides, traders: { count: 30 } }, seed) : buildBlocks([amm, proofOfLiquidity, beraStaking], overrides, seed);
  return { sim, world: sim.world, pol: sim.api(proofOfLiquidity), st: sim.api(beraStaking) };
}

describe('the expected income of a joining validator', () => {
  it('is E(s) · (1 − δ) · b + s · blocks · baseRate · P with s = S_v / (S + S_v)', () => {
    // s = 1500 / 5500 = 3/11; E = 1000 s; b = 1.25 USD/BGT; 20% commission; 10 BGT base at 2 USD.
    const s = 3 / 11;
    const income = expectedValidatorIncomeUsd(1500, 4000, (x) => 1000 * x, 0.8, 1.25, 1000, 0.01, 2);

    expect(income).toBeCloseTo(1000 * s * 0.2 * 1.25 + s * 10 * 2, 12);
  });
});

describe('one tick of the validator set (hand-worked)', () => {
  it('splits blocks and BGT by bonded BERA', () => {
    const { pol } = build(polP, staking);

    expect(pol.stakeShare(0)).toBeCloseTo(0.75, 12);
    expect(pol.stakeShare(1)).toBeCloseTo(0.25, 12);
    expect(pol.stakeShare(2)).toBe(0);
  });

  it('pays the base rate by share and evicts the smallest validator for a larger entrant when the set is full', () => {
    const { world, pol, st } = build(polP, staking);

    world.step();

    // Commission: V0 750 BGT × 1.625 USD/BGT × 0.2 = 243.75; V1 250 × 1.25 × 0.2 = 62.5. Base: 7.5 and 2.5 BERA at price 1.
    expect(st.incomeUsd[0]).toBeCloseTo(251.25, 9);
    expect(st.incomeUsd[1]).toBeCloseTo(65, 9);
    expect(st.baseBera).toBeCloseTo(10, 12);
    // V2 expects 1000 · 3/11 · 0.2 · 1.25 + 3/11 · 10 ≈ 70.9 ≥ 1.2 · 10, and 1500 > 1000: V1 is evicted.
    expect(Array.from(st.stake)).toEqual([3000, 0, 1500]);
    expect(st.entries).toBe(1);
    expect(st.exits).toBe(1);
    expect(st.accounts.staked.tokens).toBe(4500);
    // Operators: 5500 minted at genesis − 4500 bonded + 10 base.
    expect(st.accounts.operators.tokens).toBeCloseTo(1010, 9);
    expect(pol.stakeShare(2)).toBeCloseTo(1 / 3, 12);
    // Supply: the AMM's 1M, the operators' 5500 and 10, the BGT backing 1000.
    expect(st.stakingRatio).toBeCloseTo(4500 / 1_006_510, 12);
    expect(st.activeCount).toBe(2);
  });

  it('keeps a loss-making validator for exitPatienceTicks, then lets it go, and does not let it back below the entry margin', () => {
    const two = { ...staking, candidates: staking.candidates.slice(0, 2) };
    const { world, st } = build({ ...polP, validators: polP.validators.slice(0, 2) }, two);

    world.step();
    // V1 earns 65 < 100: one tick of losses, still active.
    expect(st.lossTicks[1]).toBe(1);
    expect(st.stake[1]).toBe(1000);

    world.step();
    // Two ticks: it leaves; rejoining would pay 65 < 1.2 · 100, so it stays out.
    expect(st.stake[1]).toBe(0);
    expect(st.exits).toBe(1);
    expect(st.entries).toBe(0);
    expect(st.accounts.staked.tokens).toBe(3000);

    world.step();
    // Alone, V0 proposes every block: 1000 BGT × 1.625 × 0.2 + 10 BERA.
    expect(st.incomeUsd[0]).toBeCloseTo(335, 9);
    expect(st.stakeNakamoto).toBe(1);
  });
});

describe('the Nakamoto coefficient of the stake', () => {
  it('counts the fewest validators bonding more than a third', () => {
    // Stakes 3000 and 1500: 3000 > 4500 / 3 alone.
    const { world, st } = build(polP, staking);
    expect(st.stakeNakamoto).toBe(1);

    world.step();
    expect(st.stakeNakamoto).toBe(1);
  });
});

describe('the validator set across its parameter ranges (property)', () => {
  const params = fc.record({
    bounds: fc.tuple(fc.double({ min: 100, max: 5000, noNaN: true }), fc.double({ min: 1, max: 10, noNaN: true })),
    stakes: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 400, noNaN: true }), fc.boolean()), { minLength: 3, maxLength: 3 }),
    maxValidators: fc.integer({ min: 1, max: 4 }),
    baseRate: fc.double({ min: 0, max: 1, noNaN: true }),
    entryMargin: fc.double({ min: 0, max: 2, noNaN: true }),
    patience: fc.integer({ min: 1, max: 5 }),
    bribes: fc.array(fc.double({ min: 0, max: 2, noNaN: true }), { minLength: 2, maxLength: 2 }),
    delegatorShare: fc.double({ min: 0, max: 1, noNaN: true }),
    controller: fc.boolean(),
  });

  it('conserves BERA every tick, keeps the staked account = Σ bonded stake, the set within its bound and every stake within the bounds', () => {
    fc.assert(
      fc.property(params, (q) => {
        const [min, ratio] = q.bounds;
        const max = min * ratio;
        const candidates = q.stakes.map(([x, cost, on]) => cand(min + x * (max - min), cost, on));
        // At most maxValidators active at genesis: the later ones wait.
        let on = 0;
        for (const c of candidates) if (c.activeAtGenesis && ++on > q.maxValidators) c.activeAtGenesis = false;
        const s: BeraStakingParams = { ...beraStakingDefaults, minStakeBera: min, maxStakeBera: max, maxValidators: q.maxValidators, baseRateBgtPerBlock: q.baseRate, blocksPerTick: 1000, entryMargin: q.entryMargin, exitPatienceTicks: q.patience, candidates };
        const p: ProofOfLiquidityParams = { ...polP, vaults: [vault('A', q.bribes[0]), vault('B', q.bribes[1])], delegatorShare: q.delegatorShare, emission: q.controller ? 'controller' : 'fixed', controller: { ...proofOfLiquidityDefaults.controller, blocksPerTick: 100 }, redeemShare: 0.1, sellShare: 0.5, incentiveAuctionShare: 0.5 };
        // build() runs with the ledger's check every tick: a broken conservation throws.
        const { world, pol: pl, st } = build(p, s, true);
        for (let t = 0; t < 12; t++) {
          world.step();
          let bonded = 0;
          let shares = 0;
          for (let i = 0; i < 3; i++) {
            bonded += st.stake[i];
            shares += pl.stakeShare(i);
            if (st.stake[i] > 0) {
              expect(st.stake[i]).toBeGreaterThanOrEqual(min);
              expect(st.stake[i]).toBeLessThanOrEqual(max);
            } else expect(pl.stakeShare(i)).toBe(0);
          }
          expect(st.activeCount).toBeLessThanOrEqual(q.maxValidators);
          expect(Math.abs(st.accounts.staked.tokens - bonded)).toBeLessThanOrEqual(1e-9 * bonded);
          if (st.activeCount > 0) expect(shares).toBeCloseTo(1, 12);
          expect(st.stakingRatio).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 40, seed: 7 },
    );
  });
});
