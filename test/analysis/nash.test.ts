import { describe, expect, it } from 'vitest';
import { bestResponseDynamics, regret, stakingContest, stakingContestEquilibrium, type Game } from '../../src/analysis/nash';
import { stakingEquilibrium } from '../../src/analysis/stakingEquilibrium';

describe('bestResponseDynamics', () => {
  it('finds the symmetric staking-contest equilibrium s* = R(n−1)/(n²c) and payoffs R/n²', () => {
    // n = 5, R = 100, c = 0.1: s* = 100·4/(25·0.1) = 160, u* = 100/25 = 4.
    const game = stakingContest(5, 100, 0.1);
    const res = bestResponseDynamics(game, { start: [10, 50, 100, 200, 300], damping: 0.5 });
    expect(res.status).toBe('converged');
    for (const s of res.profile) expect(s).toBeCloseTo(160, 6);
    for (const u of res.payoffs) expect(u).toBeCloseTo(4, 6);
    expect(res.regret).toBeLessThan(1e-9);
    expect(stakingContestEquilibrium(5, 100, 0.1)).toMatchObject({ stake: 160, total: 800, payoff: 4 });
  });

  it('reports that undamped simultaneous best responses do not settle in a 50-player contest, and damping fixes it', () => {
    // Near s*, dBR_i/dS₋ᵢ ≈ −1/2 and 49 others move together: the map's slope is about −24, so it overshoots.
    const game = stakingContest(50, 3e6, 0.3);
    const start = new Float64Array(50).fill(3e6 / 0.3 / 50);
    expect(bestResponseDynamics(game, { start, maxIterations: 2000 }).converged).toBe(false);
    const damped = bestResponseDynamics(game, { start, damping: 0.05 });
    expect(damped.converged).toBe(true);
    expect(damped.profile[0]).toBeCloseTo(stakingContestEquilibrium(50, 3e6, 0.3).stake, 2);
  });

  it('finds the same equilibrium numerically when no closed-form best response is given', () => {
    const closed = stakingContest(3, 30, 1);
    const numeric: Game = { players: 3, strategies: closed.strategies, payoff: closed.payoff };
    const res = bestResponseDynamics(numeric, { start: [1, 2, 3], damping: 0.5, tolerance: 1e-8 });
    // s* = 30·2/(9·1) = 6.667
    expect(res.converged).toBe(true);
    for (const s of res.profile) expect(s).toBeCloseTo(20 / 3, 5);
  });

  it('reports the period-4 cycle of matching pennies instead of an answer', () => {
    // Player 0 wins when the actions match, player 1 when they differ; no pure equilibrium.
    const pennies: Game = {
      players: 2,
      strategies: () => [0, 1],
      payoff: (i, s) => ((s[0] === s[1]) === (i === 0) ? 1 : -1),
    };
    const res = bestResponseDynamics(pennies, { start: [0, 1] });
    expect(res.converged).toBe(false);
    expect(res.status).toBe('cycle');
    expect(res.cycle).toHaveLength(4);
    expect(res.reason).toMatch(/period 4/);
    expect(res.regret).toBe(2);
  });

  it('reports divergence when best responses run away', () => {
    // BR_i = 2 s_j + 1: the fixed point (−1, −1) repels.
    const runaway: Game = {
      players: 2,
      strategies: () => ({ min: -1e300, max: 1e300 }),
      payoff: (i, s) => -((s[i] - 2 * s[1 - i] - 1) ** 2),
      bestResponse: (i, s) => 2 * s[1 - i] + 1,
    };
    const res = bestResponseDynamics(runaway, { start: [0, 0], bound: 1e6 });
    expect(res.status).toBe('diverged');
    expect(res.converged).toBe(false);
  });

  it('measures regret as the best one-player gain', () => {
    const game = stakingContest(2, 10, 1);
    // s = (1, 1): BR = √(10·1) − 1 = 2.162; gain = u(2.162, 1) − u(1, 1).
    const br = Math.sqrt(10) - 1;
    const gain = (10 * br) / (br + 1) - br - (5 - 1);
    expect(regret(game, [1, 1])).toBeCloseTo(gain, 9);
  });
});

describe('stakingEquilibrium', () => {
  it('is R/c with one common hurdle c when holdings suffice', () => {
    // R = 3M tokens/year, c = 0.3: S* = 10M of the 20M held.
    const s = stakingEquilibrium(3e6, new Float64Array(100).fill(0.3), new Float64Array(100).fill(2e5));
    expect(s).toBeCloseTo(1e7, 0);
  });

  it('is everything held when even the highest hurdle is met', () => {
    expect(stakingEquilibrium(3e6, [0.01, 0.02], [1e6, 1e6])).toBe(2e6);
  });

  it('stops at the marginal staker with spread hurdles', () => {
    // Hurdles 0.1, 0.2, 0.4 with 5M each, R = 2M. Below S = 10M the yield 2M/S
    // exceeds 0.2 and at least 10M wants in (> S); above it only the 0.1 agent
    // stays (5M < S). So S* = 10M: the yield equals the marginal hurdle 0.2.
    expect(stakingEquilibrium(2e6, [0.1, 0.2, 0.4], [5e6, 5e6, 5e6])).toBeCloseTo(1e7, 0);
  });
});

describe('bestResponseDynamics on the symmetric staking contest from its lowest strategies', () => {
  it('converges only where no staker gains by deviating: the closed-form equilibrium, regret ≈ 0', () => {
    const n = 10;
    const R = 1000;
    const c = 1;
    // From everyone at 0: the first responses are 2e-13 each, which an absolute tolerance took for a fixed point (regret 900).
    const r = bestResponseDynamics(stakingContest(n, R, c), { damping: 0.2 });
    expect(r.status).toBe('converged');
    expect(r.regret).toBeLessThan(1e-6 * (1 + Math.max(...r.payoffs)));
    const eq = stakingContestEquilibrium(n, R, c);
    for (const x of r.profile) expect(x).toBeCloseTo(eq.stake, 6);
  });

  it('does not call a profile converged because the strategies barely move when a player would still gain a lot', () => {
    // Undamped simultaneous responses from zero overshoot and cycle (the map's slope is below −1): reported as a cycle, not as an equilibrium at 2e-13.
    const r = bestResponseDynamics(stakingContest(10, 1000, 1), { maxIterations: 200 });
    expect(r.status).not.toBe('converged');
    expect(r.regret).toBeGreaterThan(1);
  });
});
