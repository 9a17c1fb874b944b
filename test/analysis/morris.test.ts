import { describe, expect, it } from 'vitest';
import { morrisDesign, morrisIndices } from '../../src/analysis/morris';

const a = 7;
const b = 0.1;

describe('morrisIndices', () => {
  it('gives mu_star equal to the coefficient times the range for a linear function', () => {
    // f = 10 x1 + 5 x2 − 1 x3 + 0 x4 on x_i in [0, 2]: every EE per whole range is 2 · coefficient.
    const r = { min: 0, max: 2 };
    const design = morrisDesign({ x1: r, x2: r, x3: r, x4: r }, 10, 3);
    const y = new Float64Array(design.rows);
    for (let i = 0; i < design.rows; i++) {
      const x = design.matrix.subarray(i * 4, i * 4 + 4);
      y[i] = 10 * x[0] + 5 * x[1] - x[2];
    }
    const idx = morrisIndices(design, y, 'lin', { bootstrap: 20 });
    const get = (p: string, m: string) => idx.find((x) => x.parameter === p && x.index === m)!.value;
    expect(get('x1', 'mu_star')).toBeCloseTo(20, 9);
    expect(get('x2', 'mu_star')).toBeCloseTo(10, 9);
    expect(get('x3', 'mu')).toBeCloseTo(-2, 9);
    expect(get('x4', 'mu_star')).toBe(0);
    expect(get('x1', 'sigma')).toBeCloseTo(0, 9);
  });

  it('ranks Ishigami x1 above x3 and gives x3 (no first-order effect) a non-zero mu_star through its interaction', () => {
    const pi = { min: -Math.PI, max: Math.PI };
    const design = morrisDesign({ x1: pi, x2: pi, x3: pi }, 200, 5);
    const y = new Float64Array(design.rows);
    for (let r = 0; r < design.rows; r++) {
      const [x1, x2, x3] = design.matrix.subarray(r * 3, r * 3 + 3);
      y[r] = Math.sin(x1) + a * Math.sin(x2) ** 2 + b * x3 ** 4 * Math.sin(x1);
    }
    const idx = morrisIndices(design, y, 'ishigami', { bootstrap: 0 });
    const mu = (p: string) => idx.find((x) => x.parameter === p && x.index === 'mu_star')!.value;
    expect(mu('x1')).toBeGreaterThan(mu('x3'));
    expect(mu('x3')).toBeGreaterThan(0);
  });

  it('moves exactly one parameter by ±Δ per step, staying in range', () => {
    const d = morrisDesign({ a: { min: 0, max: 1 }, b: { min: 0, max: 1 }, c: { min: 0, max: 1 } }, 5, 9, 4);
    for (let row = 0; row < d.rows; row++) {
      if (d.factor[row] < 0) continue;
      const diff = [0, 1, 2].map((c) => d.matrix[row * 3 + c] - d.matrix[(row - 1) * 3 + c]);
      expect(diff.filter((x) => x !== 0)).toHaveLength(1);
      expect(Math.abs(diff[d.factor[row]])).toBeCloseTo(2 / 3, 12);
    }
    expect(Math.min(...d.matrix)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...d.matrix)).toBeLessThanOrEqual(1 + 1e-12);
  });
});
