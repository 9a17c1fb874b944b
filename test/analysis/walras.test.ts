import { describe, expect, it } from 'vitest';
import { newtonWalras, tatonnement } from '../../src/analysis/walras';
import { excessDemand, type ExchangeEconomy } from '../../src/analysis/exchangeEconomy';

// Two goods (x, y), y the numeraire... here good 0 = y so that p = p_x / p_y is prices[1].
// Agent A: u = x^a y^(1−a), endowment (y, x) = (eAy, eAx); agent B likewise with b.
// Demand for x: a·w_A/p + b·w_B/p with w = p·e_x + e_y. Market clearing for x:
//   a(p eAx + eAy) + b(p eBx + eBy) = p (eAx + eBx)
//   ⇒ p* = (a·eAy + b·eBy) / ((1 − a)·eAx + (1 − b)·eBx),
// and A's allocation x_A = a (p* eAx + eAy) / p*, y_A = (1 − a)(p* eAx + eAy).
const a = 0.3;
const b = 0.7;
const [eAy, eAx, eBy, eBx] = [2, 8, 6, 1];
const economy: ExchangeEconomy = {
  goods: ['y', 'x'],
  agents: [
    { endowment: [eAy, eAx], preferences: { kind: 'cobbDouglas', alpha: [1 - a, a] } },
    { endowment: [eBy, eBx], preferences: { kind: 'cobbDouglas', alpha: [1 - b, b] } },
  ],
};
const pStar = (a * eAy + b * eBy) / ((1 - a) * eAx + (1 - b) * eBx); // (0.6 + 4.2) / (5.6 + 0.3) = 0.8136
const wA = pStar * eAx + eAy;

describe('Walrasian solvers on the 2×2 Cobb–Douglas economy', () => {
  for (const solve of [tatonnement, newtonWalras]) {
    it(`${solve.name} finds p* = (a·eAy + b·eBy)/((1−a)·eAx + (1−b)·eBx) and the closed-form allocation`, () => {
      const res = solve(economy, { start: [1, 3] });
      expect(res.converged).toBe(true);
      expect(res.prices[0]).toBe(1);
      expect(res.prices[1]).toBeCloseTo(pStar, 9);
      expect(res.allocations[0][1]).toBeCloseTo((a * wA) / pStar, 8);
      expect(res.allocations[0][0]).toBeCloseTo((1 - a) * wA, 8);
      for (const z of res.excessDemand) expect(Math.abs(z)).toBeLessThan(1e-8);
    });
  }

  it('agrees between the two methods on a 3-good CES economy', () => {
    const ces: ExchangeEconomy = {
      agents: [
        { endowment: [1, 0, 2], preferences: { kind: 'ces', weights: [1, 2, 1], sigma: 2 } },
        { endowment: [0, 3, 1], preferences: { kind: 'ces', weights: [2, 1, 1], sigma: 0.8 } },
        { endowment: [2, 1, 0], preferences: { kind: 'cobbDouglas', alpha: [1, 1, 2] } },
      ],
    };
    const t = tatonnement(ces);
    const n = newtonWalras(ces);
    expect(t.converged && n.converged).toBe(true);
    for (let j = 0; j < 3; j++) expect(t.prices[j]).toBeCloseTo(n.prices[j], 7);
    for (const z of excessDemand(ces, n.prices)) expect(Math.abs(z)).toBeLessThan(1e-9);
  });
});

describe('non-convergence is reported', () => {
  // Scarf (1960): agent i owns one unit of good i and wants goods i and i+1 in
  // equal amounts (Leontief). The unique equilibrium is p = (1, 1, 1), but
  // tâtonnement circles it (and in discrete steps spirals away).
  const scarf: ExchangeEconomy = {
    agents: [
      { endowment: [1, 0, 0], preferences: { kind: 'leontief', ratios: [1, 1, 0] } },
      { endowment: [0, 1, 0], preferences: { kind: 'leontief', ratios: [0, 1, 1] } },
      { endowment: [0, 0, 1], preferences: { kind: 'leontief', ratios: [1, 0, 1] } },
    ],
  };

  it('tâtonnement fails on Scarf’s economy and says so', () => {
    const res = tatonnement(scarf, { start: [1, 1.5, 0.7], maxIterations: 5000 });
    expect(res.converged).toBe(false);
    expect(res.reason).toMatch(/no convergence|diverged/);
    expect(res.maxRelativeExcess).toBeGreaterThan(1e-3);
  });

  it('Newton finds Scarf’s equilibrium p = (1, 1, 1)', () => {
    const res = newtonWalras(scarf, { start: [1, 1.5, 0.7] });
    expect(res.converged).toBe(true);
    expect(res.prices[1]).toBeCloseTo(1, 8);
    expect(res.prices[2]).toBeCloseTo(1, 8);
  });

  it('an iteration limit too small gives converged = false with the remaining excess demand', () => {
    const res = tatonnement(economy, { start: [1, 3], maxIterations: 2 });
    expect(res.converged).toBe(false);
    expect(res.reason).toMatch(/no convergence in 2 iterations/);
  });

  it('Newton reports a singular Jacobian when demand does not depend on prices', () => {
    const flat: ExchangeEconomy = {
      agents: [
        { endowment: [1, 1], preferences: { kind: 'demand', demand: () => [0.5, 2] } },
        { endowment: [1, 1], preferences: { kind: 'demand', demand: () => [0.5, 2] } },
      ],
    };
    const res = newtonWalras(flat);
    expect(res.converged).toBe(false);
    expect(res.reason).toMatch(/singular Jacobian/);
  });

  it('rejects an economy with a good nobody owns', () => {
    expect(() => tatonnement({ agents: [{ endowment: [1, 0], preferences: { kind: 'cobbDouglas', alpha: [1, 1] } }] })).toThrow(/nobody is endowed with good 1/);
  });
});
