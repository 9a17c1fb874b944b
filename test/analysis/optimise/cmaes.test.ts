import { describe, expect, it } from 'vitest';
import { CmaEs } from '../../../src/analysis/optimise/cmaes';

const sphere = (x: ArrayLike<number>) => Array.from(x).reduce((s, v) => s + v * v, 0);

describe('CmaEs', () => {
  it('has the tutorial constants for n = 10: λ = 10, μ = 5, μ_eff ≈ 3.17, positive weights summing to 1', () => {
    const es = new CmaEs({ mean: new Float64Array(10), sigma: 1, seed: 1 });
    expect(es.lambda).toBe(4 + Math.floor(3 * Math.log(10)));
    expect(es.mu).toBe(5);
    const positive = Array.from(es.weights.slice(0, 5));
    expect(positive.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    // w'_i = ln(5.5) − ln i; μ_eff = (Σ w')² / Σ w'².
    const raw = [1, 2, 3, 4, 5].map((i) => Math.log(5.5) - Math.log(i));
    expect(es.muEff).toBeCloseTo(raw.reduce((a, b) => a + b) ** 2 / raw.reduce((a, b) => a + b * b, 0), 12);
    for (const w of es.weights.slice(5)) expect(w).toBeLessThanOrEqual(0);
  });

  it('asks the same candidates until told, and is deterministic for a seed', () => {
    const a = new CmaEs({ mean: [1, 2, 3], sigma: 0.5, seed: 9 });
    const b = new CmaEs({ mean: [1, 2, 3], sigma: 0.5, seed: 9 });
    expect(a.ask()).toEqual(a.ask());
    expect(a.ask()).toEqual(b.ask());
    expect(new CmaEs({ mean: [1, 2, 3], sigma: 0.5, seed: 10 }).ask()).not.toEqual(a.ask());
  });

  it('minimises a 10-D sphere from ‖m‖ = √10 to below 1e-10 within 3,000 evaluations', () => {
    const es = new CmaEs({ mean: new Float64Array(10).fill(1), sigma: 0.5, seed: 3 });
    let best = Infinity;
    for (let g = 0; g < 300 && best > 1e-10; g++) {
      const xs = es.ask();
      const fs = xs.map(sphere);
      es.tell(xs, fs);
      best = Math.min(best, ...fs);
    }
    expect(best).toBeLessThan(1e-10);
  });

  it('continues from its JSON state exactly as if never stopped', () => {
    const run = (es: CmaEs, generations: number) => {
      for (let g = 0; g < generations; g++) {
        const xs = es.ask();
        es.tell(xs, xs.map(sphere));
      }
      return es;
    };
    const whole = run(new CmaEs({ mean: [3, -2], sigma: 1, seed: 4 }), 20);
    const half = run(new CmaEs({ mean: [3, -2], sigma: 1, seed: 4 }), 8);
    const resumed = run(new CmaEs(JSON.parse(JSON.stringify(half.state))), 12);
    expect(resumed.state).toEqual(whole.state);
  });

  it('ranks a NaN value last', () => {
    const es = new CmaEs({ mean: [0, 0], sigma: 1, seed: 2 });
    const xs = es.ask();
    const fs = xs.map(sphere);
    const worstFirst = [...fs];
    worstFirst[0] = NaN;
    const withNaN = new CmaEs({ mean: [0, 0], sigma: 1, seed: 2 });
    withNaN.tell(xs, worstFirst);
    const withInf = new CmaEs({ mean: [0, 0], sigma: 1, seed: 2 });
    withInf.tell(xs, worstFirst.map((v) => (Number.isNaN(v) ? Infinity : v)));
    expect(withNaN.state).toEqual(withInf.state);
  });

  it('rejects a bad step size, population or batch', () => {
    expect(() => new CmaEs({ mean: [0], sigma: 0, seed: 1 })).toThrow(RangeError);
    expect(() => new CmaEs({ mean: [0], sigma: 1, seed: 1, lambda: 1 })).toThrow(RangeError);
    const es = new CmaEs({ mean: [0], sigma: 1, seed: 1 });
    expect(() => es.tell([[0]], [1])).toThrow(/needs 4 candidates/);
  });
});
