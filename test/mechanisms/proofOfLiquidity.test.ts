import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { traders } from '../../agents/traders';
import { amm } from '../../src/market/amm';
import { blockRewardBgt, bribeMaxWeights, proofOfLiquidity, targetCapitalUsd } from '../../src/mechanisms/proofOfLiquidity';
import { proofOfLiquidityDefaults, type ProofOfLiquidityParams, type RewardVault } from '../../src/mechanisms/proofOfLiquidityParams';
import { buildBlocks } from '../helpers/blocks';

const vault = (name: string, bribeUsdPerBgt: number, whitelisted = true, feesUsdPerYear = 0, initialLiquidityUsd = 1000): RewardVault => ({ name, pool: name, bribeUsdPerBgt, whitelisted, feesUsdPerYear, initialLiquidityUsd });

/** Two vaults (A pays 2 USD/BGT, B 0.5), a cap of 0.75; validator 0 (stake 3) bribe-max, validator 1 (stake 1) fixed 50/50. */
const handWorked: Partial<ProofOfLiquidityParams> = {
  emission: 'fixed',
  bgtPerTick: 1000,
  vaults: [vault('A', 2, true, 100, 1000), vault('B', 0.5, true, 300, 3000)],
  validators: [
    { stakeShare: 3, rule: 'bribe-max', weights: [] },
    { stakeShare: 1, rule: 'fixed', weights: [0.5, 0.5] },
  ],
  maxWeightPerVault: 0.75,
  delegatorShare: 0.8,
  incentiveAuctionShare: 0,
  redeemShare: 0,
  sellShare: 0,
  adjustSpeed: 1,
  capitalElasticity: 0,
};

function build(p: Partial<ProofOfLiquidityParams>, extra: 'traders' | null = null, seed = 1) {
  const overrides = { amm: { tokenReserve: 1_000_000, usdReserve: 1_000_000 }, proofOfLiquidity: { ...proofOfLiquidityDefaults, ...p } };
  const sim = extra === 'traders' ? buildBlocks([amm, traders, proofOfLiquidity], { ...overrides, traders: { count: 30 } }, seed) : buildBlocks([amm, proofOfLiquidity], overrides, seed);
  return { sim, world: sim.world, pol: sim.api(proofOfLiquidity) };
}

describe('the bribe-max allocation', () => {
  it('fills the highest bribes first up to the cap, splitting ties, skipping vaults not whitelisted', () => {
    // Bribes 1, 3, 3, 2 and 5 (not whitelisted), cap 0.3: the tie at 3 takes 0.3 each, 2 takes 0.3, 1 the last 0.1.
    const vs = [vault('a', 1), vault('b', 3), vault('c', 3), vault('d', 2), vault('e', 5, false)];
    const w = new Float64Array(5);

    const placed = bribeMaxWeights(vs, 0.3, w);

    expect(placed).toBeCloseTo(1, 12);
    [0.1, 0.3, 0.3, 0.3, 0].forEach((x, k) => expect(w[k]).toBeCloseTo(x, 12));
  });

  it('with a looser cap gives the tied top bribes half each', () => {
    const vs = [vault('a', 1), vault('b', 3), vault('c', 3), vault('d', 2)];
    const w = new Float64Array(4);

    bribeMaxWeights(vs, 0.6, w);

    expect(Array.from(w)).toEqual([0, 0.5, 0.5, 0]);
  });

  it('without bribes is the uniform allocation over whitelisted vaults', () => {
    const vs = [vault('a', 0), vault('b', 0), vault('c', 0, false), vault('d', 0)];
    const w = new Float64Array(4);

    bribeMaxWeights(vs, 0.5, w);

    [1 / 3, 1 / 3, 0, 1 / 3].forEach((x, k) => expect(w[k]).toBeCloseTo(x, 12));
  });
});

describe('the BlockRewardController reward', () => {
  it('is rewardRate · m at boost 1 and the convex formula below', () => {
    const c = { rewardRate: 1.5, boostMultiplier: 3, rewardConvexity: 0.5, minBoostedRewardRate: 0, blocksPerTick: 1 };
    // b = 0.25: b^0.5 = 0.5; (1 + 3) · (1 − 1 / (1 + 1.5)) = 2.4 < 3; × 1.5 = 3.6.
    expect(blockRewardBgt(1, c)).toBe(4.5);
    expect(blockRewardBgt(0.25, c)).toBeCloseTo(3.6, 12);
    expect(blockRewardBgt(0, { ...c, minBoostedRewardRate: 0.2 })).toBe(0.2);
  });
});

describe('one tick of proof of liquidity (hand-worked)', () => {
  it('sends each vault emission × weights of BGT', () => {
    const { world, pol } = build(handWorked);

    world.step();

    // E = 750 (bribe-max: 0.75 / 0.25) and 250 (fixed 0.5 / 0.5): A = 562.5 + 125, B = 187.5 + 125.
    expect(pol.bgtEmitted).toBeCloseTo(1000, 9);
    expect(pol.bgtToVault[0]).toBeCloseTo(687.5, 9);
    expect(pol.bgtToVault[1]).toBeCloseTo(312.5, 9);
    expect(Array.from(pol.weights[0])).toEqual([0.75, 0.25]);
  });

  it("pays validators their commission on the incentives and boosters the rest", () => {
    const { world, pol } = build(handWorked);

    world.step();

    // V0: 562.5 · 2 + 187.5 · 0.5 = 1218.75 USD, 20% kept; V1: 125 · 2 + 125 · 0.5 = 312.5 USD, 20% kept.
    expect(pol.validatorIncomeUsd[0]).toBeCloseTo(243.75, 9);
    expect(pol.validatorIncomeUsd[1]).toBeCloseTo(62.5, 9);
    expect(pol.accounts.validators.usd).toBeCloseTo(306.25, 9);
    expect(pol.accounts.delegators.usd).toBeCloseTo(1225, 9);
    expect(pol.bribesUsd).toBeCloseTo(1531.25, 9);
  });

  it('moves LP capital to the APR-equalising allocation c_k = C · (F_k + R_k) / Σ (F + R) at speed 1', () => {
    const { world, pol } = build(handWorked);

    world.step();

    const T = world.ticksPerYear;
    const a = 100 + 687.5 * T;
    const b = 300 + 312.5 * T;
    expect(pol.liquidityUsd(0)).toBeCloseTo((4000 * a) / (a + b), 6);
    expect(pol.liquidityUsd(1)).toBeCloseTo((4000 * b) / (a + b), 6);
    expect(pol.accounts.moving.usd).toBeCloseTo(0, 9);
  });
});

describe('proof of liquidity over a run', () => {
  it('keeps the BERA reserve equal to BGT outstanding and BGT emitted = outstanding + redeemed (the ledger checked every tick)', () => {
    const { world, pol } = build({ redeemShare: 0.1, sellShare: 0.5, capitalElasticity: 1 }, 'traders');
    let redeemed = 0;

    for (let t = 0; t < 40; t++) {
      world.step();
      redeemed += pol.redeemedBgt;
    }

    expect(pol.accounts.reserve.tokens).toBeCloseTo(pol.bgtOutstanding, 6);
    expect(Math.abs(pol.totalBgt - pol.bgtOutstanding - redeemed)).toBeLessThan(1e-9 * pol.totalBgt);
    expect(pol.accounts.moving.usd).toBeCloseTo(0, 6);
    expect(world.ledger.supply).toBeCloseTo(world.ledger.totalTokenHoldings(), 3);
  });

  it('gives identical state for the same seed', () => {
    const run = () => {
      const { sim, world, pol } = build({ redeemShare: 0.1, sellShare: 0.5 }, 'traders', 5);
      for (let t = 0; t < 30; t++) world.step();
      return [sim.pool.price, pol.totalLiquidityUsd, pol.bgtOutstanding, pol.liquidityUsd(0), pol.totalBribesUsd];
    };

    expect(run()).toEqual(run());
  });

  it("buys BERA with the boosters' incentives under the incentive auction", () => {
    const { sim, world, pol } = build({ ...handWorked, incentiveAuctionShare: 0.5 });

    world.step();

    // Boosters get 1225 USD and bid half of it: 612.5 USD into the pool's 1M/1M at 30 bps.
    expect(pol.accounts.delegators.usd).toBeCloseTo(612.5, 9);
    // Uniswap v2 out: 1e6 · 612.5 · 0.997 / (1e6 + 612.5 · 0.997) ≈ 610.29 BERA.
    expect(pol.auctionBera).toBeCloseTo((1e6 * 612.5 * 0.997) / (1e6 + 612.5 * 0.997), 6);
    expect(sim.pool.price).toBeGreaterThan(1);
    expect(pol.accounts.delegators.tokens).toBeCloseTo(pol.auctionBera, 9);
  });

  it('sells redeemed BERA on the market, lowering the price', () => {
    const none = build({ redeemShare: 0.1, sellShare: 0 });
    const sell = build({ redeemShare: 0.1, sellShare: 1 });

    for (let t = 0; t < 10; t++) {
      none.world.step();
      sell.world.step();
    }

    expect(sell.sim.pool.price).toBeLessThan(none.sim.pool.price);
  });
});

describe('the target capital', () => {
  it('is the genesis capital at the reference APR and grows as (S / λ)^{ε/(1+ε)}', () => {
    expect(targetCapitalUsd(1e5, 1e6, 1, 0.1)).toBeCloseTo(1e6, 6);
    expect(targetCapitalUsd(4e5, 1e6, 1, 0.1)).toBeCloseTo(2e6, 6);
    expect(targetCapitalUsd(4e5, 1e6, 0, 0.1)).toBe(1e6);
  });
});

describe('proof of liquidity across its parameter ranges (property)', () => {
  const params = fc.record({
    bribes: fc.array(fc.double({ min: 0, max: 2, noNaN: true }), { minLength: 4, maxLength: 4 }),
    cap: fc.double({ min: 0.34, max: 1, noNaN: true }),
    delegatorShare: fc.double({ min: 0, max: 1, noNaN: true }),
    incentiveAuctionShare: fc.double({ min: 0, max: 1, noNaN: true }),
    redeemShare: fc.double({ min: 0, max: 1, noNaN: true }),
    sellShare: fc.double({ min: 0, max: 1, noNaN: true }),
    adjustSpeed: fc.double({ min: 0.01, max: 1, noNaN: true }),
    capitalElasticity: fc.double({ min: 0, max: 3, noNaN: true }),
    controller: fc.boolean(),
  });

  it('conserves tokens and USD every tick, keeps reserve = BGT outstanding and every allocation valid', () => {
    fc.assert(
      fc.property(params, (q) => {
        const vaults = proofOfLiquidityDefaults.vaults.map((v, k) => ({ ...v, bribeUsdPerBgt: q.bribes[k] }));
        // build() runs with the ledger's check every tick: a broken conservation throws.
        const { world, pol } = build({
          vaults,
          maxWeightPerVault: q.cap,
          delegatorShare: q.delegatorShare,
          incentiveAuctionShare: q.incentiveAuctionShare,
          redeemShare: q.redeemShare,
          sellShare: q.sellShare,
          adjustSpeed: q.adjustSpeed,
          capitalElasticity: q.capitalElasticity,
          emission: q.controller ? 'controller' : 'fixed',
          controller: { ...proofOfLiquidityDefaults.controller, blocksPerTick: 5000 },
        });
        for (let t = 0; t < 8; t++) {
          world.step();
          for (const w of pol.weights) {
            let sum = 0;
            w.forEach((x, k) => {
              sum += x;
              expect(x).toBeLessThanOrEqual(q.cap + 1e-12);
              if (!vaults[k].whitelisted) expect(x).toBe(0);
            });
            expect(sum).toBeCloseTo(1, 9);
          }
        }
        expect(Math.abs(pol.accounts.reserve.tokens - pol.bgtOutstanding)).toBeLessThanOrEqual(1e-9 * pol.totalBgt + 1e-9);
        expect(pol.accounts.moving.usd).toBeCloseTo(0, 6);
      }),
      { numRuns: 40, seed: 42 },
    );
  });
});

describe('the controller emission', () => {
  it('emits Σ_v s_v · blocksPerTick · r(s_v) BGT a tick', () => {
    const controller = { rewardRate: 1.5, boostMultiplier: 3, rewardConvexity: 0.5, minBoostedRewardRate: 0, blocksPerTick: 100 };
    const { world, pol } = build({ ...handWorked, emission: 'controller', controller });

    world.step();

    // s = 0.75 and 0.25: 0.75 · 100 · r(0.75) + 0.25 · 100 · 3.6.
    const expected = 75 * blockRewardBgt(0.75, controller) + 25 * 3.6;
    expect(pol.bgtEmitted).toBeCloseTo(expected, 9);
    expect(pol.accounts.reserve.tokens).toBeCloseTo(expected, 9);
  });
});
