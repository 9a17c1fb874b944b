import { describe, expect, it } from 'vitest';
import { minimise, type MinimiseCheckpoint } from '../../../src/analysis/optimise/minimise';
import { Rng } from '../../../src/core/rng';
import { deriveSeed } from '../../../src/core/seeds';

function box(dims: number, min: number, max: number): Record<string, { min: number; max: number }> {
  return Object.fromEntries(Array.from({ length: dims }, (_, i) => [`x${i}`, { min, max }]));
}

const rosenbrock = (x: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i + 1 < x.length; i++) s += 100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2;
  return s;
};

describe('minimise', () => {
  it('finds the minimum (1, 1) of 2-D Rosenbrock within 1e-5 in 1,500 evaluations, from every one of 10 seeds', async () => {
    for (let seed = 1; seed <= 10; seed++) {
      const r = await minimise({ ranges: box(2, -3, 3), start: { x0: -1.5, x1: 2.5 }, budget: 1500, seed, evaluate: (b) => b.map(rosenbrock) });
      expect(Math.abs(r.best.x[0] - 1)).toBeLessThan(1e-5);
      expect(Math.abs(r.best.x[1] - 1)).toBeLessThan(1e-5);
      expect(r.evaluations).toBeLessThanOrEqual(1500);
    }
  });

  it('finds the minimum of 5-D Rosenbrock (all ones) to 1e-8 in 4,000 evaluations from x = −3, for 4 of 5 seeds', async () => {
    // 5-D Rosenbrock also has a local minimum near (−1, 1, 1, 1, 1); CMA-ES with the default λ lands there sometimes.
    let found = 0;
    for (let seed = 1; seed <= 5; seed++) {
      const r = await minimise({ ranges: box(5, -5, 5), start: box5(-3), budget: 4000, seed, evaluate: (b) => b.map(rosenbrock) });
      if (r.best.value < 1e-8) found++;
    }
    expect(found).toBeGreaterThanOrEqual(4);
  });

  it('finds a shifted 8-D sphere to 1e-10 in 2,500 evaluations and stops on tolX before the budget', async () => {
    const r = await minimise({
      ranges: box(8, -10, 10),
      budget: 5000,
      seed: 2,
      evaluate: (b) => b.map((x) => x.reduce((s, v, i) => s + (v - i / 4) ** 2, 0)),
    });
    expect(r.best.value).toBeLessThan(1e-10);
    expect(r.stopReason).toBe('tolX');
    expect(r.evaluations).toBeLessThan(2500);
  });

  it('reaches an optimum on a bound and never evaluates outside the box', async () => {
    let outside = 0;
    const r = await minimise({
      ranges: { a: { min: 0, max: 1 }, b: { min: 0, max: 1 } },
      budget: 600,
      seed: 7,
      evaluate: (batch) =>
        batch.map((x) => {
          if (x[0] < 0 || x[0] > 1 || x[1] < 0 || x[1] > 1) outside++;
          return (x[0] + 1) ** 2 + (x[1] - 0.3) ** 2;
        }),
    });
    expect(outside).toBe(0);
    expect(r.best.params.a).toBeLessThan(1e-6);
    expect(Math.abs(r.best.params.b - 0.3)).toBeLessThan(1e-4);
  });

  it('searches a log-scale range in ln x: finds 1e-4 in [1e-8, 1]', async () => {
    const r = await minimise({
      ranges: { rate: { min: 1e-8, max: 1, scale: 'log' } },
      budget: 300,
      seed: 1,
      evaluate: (b) => b.map((x) => Math.log(x[0] / 1e-4) ** 2),
    });
    expect(Math.abs(Math.log10(r.best.params.rate) + 4)).toBeLessThan(1e-4);
  });

  it('finds the planted optimum (0.3, 0.7) of a noisy objective averaged over common seeds: median error of the final mean below 0.03 over 10 search seeds', async () => {
    // KPI(θ, s) = −(θ₁ − 0.3)² − 2(θ₂ − 0.7)² + 0.05·ε(θ, s), ε ~ N(0, 1) per seed and point; 8 common seeds.
    // The averaged noise (sd 0.018) hides a miss of 0.05 in θ₁ (a loss of 0.0025), so one search's
    // final mean lands a few hundredths off: the check is on the spread over searches.
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
    const kpi = (x: Float64Array, s: number) => {
      const noise = new Rng(deriveSeed(s, x[0], x[1])).normal();
      return -((x[0] - 0.3) ** 2) - 2 * (x[1] - 0.7) ** 2 + 0.05 * noise;
    };
    const errors: number[] = [];
    for (let seed = 1; seed <= 10; seed++) {
      const r = await minimise({
        ranges: { a: { min: 0, max: 1 }, b: { min: 0, max: 1 } },
        budget: 1200,
        seed,
        evaluate: (batch) => batch.map((x) => -seeds.reduce((acc, s) => acc + kpi(x, s), 0) / seeds.length),
      });
      errors.push(Math.abs(r.centre.a - 0.3), Math.abs(r.centre.b - 0.7));
    }
    errors.sort((x, y) => x - y);
    expect((errors[9] + errors[10]) / 2).toBeLessThan(0.03);
    expect(errors[19]).toBeLessThan(0.1);
  });

  it('does not let the step size run away when the search starts far from the optimum: a 2-D sphere from (0.8, 0.2) converges from every seed', async () => {
    // Told the drawn points rather than the folded ones, CMA-ES diverged here from 2 of 6 seeds (σ ≈ 7 boxes).
    for (let seed = 1; seed <= 6; seed++) {
      const r = await minimise({ ranges: { x: { min: 0, max: 1 }, y: { min: 0, max: 1 } }, budget: 120, seed, start: { x: 0.8, y: 0.2 }, evaluate: (b) => b.map((p) => (p[0] - 0.3) ** 2 + (p[1] - 0.7) ** 2) });
      expect(Math.hypot(r.best.params.x - 0.3, r.best.params.y - 0.7)).toBeLessThan(0.02);
      expect(r.history[r.history.length - 1].sigma).toBeLessThan(0.1);
    }
  });

  it('is deterministic for a seed and hands the evaluate function whole generations', async () => {
    const sizes: number[] = [];
    const run = () =>
      minimise({ ranges: box(3, -2, 2), budget: 200, seed: 11, evaluate: (b) => (sizes.push(b.length), b.map(rosenbrock)) });
    const a = await run();
    const b = await run();
    expect(b).toEqual(a);
    expect(new Set(sizes)).toEqual(new Set([7]));
    expect(a.evaluations).toBe(196);
    expect(a.stopReason).toBe('budget');
  });

  it('resumed from a checkpoint written after generation 5, ends with the same result as an uninterrupted run', async () => {
    const options = { ranges: box(3, -2, 2), budget: 400, seed: 3, evaluate: async (b: Float64Array[]) => b.map(rosenbrock) };
    const whole = await minimise(options);
    let saved: string | undefined;
    await minimise({
      ...options,
      budget: 6 * 7,
      onGeneration: (cp: MinimiseCheckpoint) => {
        if (cp.cma.generation === 5) saved = JSON.stringify(cp);
      },
    });
    const resumed = await minimise({ ...options, resume: JSON.parse(saved!) });
    expect(resumed).toEqual(whole);
  });

  it('respects a constraint: min (x − 0.8)² + (y − 0.8)² subject to x + y ≤ 1 reports a feasible point within 0.01 of (0.5, 0.5)', async () => {
    const r = await minimise({
      ranges: { x: { min: 0, max: 1 }, y: { min: 0, max: 1 } },
      budget: 600,
      seed: 3,
      evaluate: (b) => b.map((p) => ({ value: (p[0] - 0.8) ** 2 + (p[1] - 0.8) ** 2, violation: Math.max(0, p[0] + p[1] - 1) })),
    });
    expect(r.best.violation).toBe(0);
    expect(r.best.params.x + r.best.params.y).toBeLessThanOrEqual(1);
    expect(Math.abs(r.best.params.x - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(r.best.params.y - 0.5)).toBeLessThan(0.01);
    expect(r.history.at(-1)!.feasibleShare).toBeGreaterThan(0);
  });

  it('reports the least-violating point, marked infeasible, when no point keeps the constraints', async () => {
    const r = await minimise({
      ranges: { x: { min: 0, max: 1 } },
      budget: 60,
      seed: 1,
      evaluate: (b) => b.map((p) => ({ value: -p[0], violation: 2 - p[0] })),
    });
    expect(r.best.violation).toBeGreaterThanOrEqual(1);
    expect(r.best.params.x).toBeGreaterThan(0.9);
  });

  it('treats NaN as a failed point and rejects bad input with one line', async () => {
    const r = await minimise({ ranges: box(2, -1, 1), budget: 120, seed: 1, evaluate: (b) => b.map((x) => (x[0] > 0.5 ? NaN : x[0] ** 2 + x[1] ** 2)) });
    expect(r.best.value).toBeLessThan(1e-3);
    await expect(minimise({ ranges: {}, budget: 10, seed: 1, evaluate: () => [] })).rejects.toThrow(/optimiser: expected at least one parameter range/);
    await expect(minimise({ ranges: box(2, 1, 0), budget: 10, seed: 1, evaluate: () => [] })).rejects.toThrow(/range x0 must be finite with min < max/);
    await expect(minimise({ ranges: box(2, 0, 1), budget: 3, seed: 1, evaluate: () => [] })).rejects.toThrow(/budget 3 is below one generation of 6/);
    await expect(minimise({ ranges: box(2, 0, 1), start: { x0: 2 }, budget: 30, seed: 1, evaluate: () => [] })).rejects.toThrow(/start value x0=2 is outside its range \[0, 1\]/);
    await expect(minimise({ ranges: box(2, 0, 1), start: { y: 0 }, budget: 30, seed: 1, evaluate: () => [] })).rejects.toThrow(/start value for y, which has no range/);
  });
});

function box5(v: number): Record<string, number> {
  return Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`x${i}`, v]));
}
