import { describe, expect, it } from 'vitest';
import { sobolDesign, sobolIndices } from '../../src/analysis/sobol';

// Ishigami: f = sin x1 + a sin² x2 + b x3⁴ sin x1, x_i ~ U(−π, π), a = 7, b = 0.1.
// V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2; V1 = (1 + bπ⁴/5)²/2, V2 = a²/8, V3 = 0,
// VT1 = V1 + V13, V13 = b²π⁸ (1/18 − 1/50), VT2 = V2, VT3 = V13.
const a = 7;
const b = 0.1;
const V = (a * a) / 8 + (b * Math.PI ** 4) / 5 + (b * b * Math.PI ** 8) / 18 + 0.5;
const V1 = (1 + (b * Math.PI ** 4) / 5) ** 2 / 2;
const V2 = (a * a) / 8;
const V13 = b * b * Math.PI ** 8 * (1 / 18 - 1 / 50);
const expected = { S1: [V1 / V, V2 / V, 0], ST: [(V1 + V13) / V, V2 / V, V13 / V] };

describe('sobolIndices', () => {
  it('recovers the Ishigami indices within 0.03', () => {
    const pi = { min: -Math.PI, max: Math.PI };
    const design = sobolDesign({ x1: pi, x2: pi, x3: pi }, 20_000, 7);
    const y = new Float64Array(design.rows);
    for (let r = 0; r < design.rows; r++) {
      const [x1, x2, x3] = design.matrix.subarray(r * 3, r * 3 + 3);
      y[r] = Math.sin(x1) + a * Math.sin(x2) ** 2 + b * x3 ** 4 * Math.sin(x1);
    }
    const idx = sobolIndices(design, y, 'ishigami', { bootstrap: 50 });
    expect(expected.S1[0]).toBeCloseTo(0.3139, 3);
    expect(expected.ST[2]).toBeCloseTo(0.2437, 3);
    for (let i = 0; i < 3; i++) {
      const s1 = idx.find((x) => x.parameter === `x${i + 1}` && x.index === 'S1')!;
      const st = idx.find((x) => x.parameter === `x${i + 1}` && x.index === 'ST')!;
      expect(Math.abs(s1.value - expected.S1[i])).toBeLessThan(0.03);
      expect(Math.abs(st.value - expected.ST[i])).toBeLessThan(0.03);
      expect(s1.ciLo).toBeLessThan(s1.value);
      expect(s1.ciHi).toBeGreaterThan(s1.value);
    }
  });

  it('places AB^(i) rows as A with column i from B', () => {
    const d = sobolDesign({ p: { min: 0, max: 1 }, q: { min: 10, max: 20 } }, 3, 1);
    const row = (r: number) => Array.from(d.matrix.subarray(r * 2, r * 2 + 2));
    const [A, B, AB0, AB1] = [row(4), row(5), row(6), row(7)];
    expect(AB0).toEqual([B[0], A[1]]);
    expect(AB1).toEqual([A[0], B[1]]);
    expect(A[1]).toBeGreaterThanOrEqual(10);
  });

  it('rejects a constant output and a failed point', () => {
    const d = sobolDesign({ p: { min: 0, max: 1 } }, 4, 1);
    expect(() => sobolIndices(d, new Float64Array(d.rows).fill(2))).toThrow(/does not vary/);
    const y = new Float64Array(d.rows).map((_, i) => i);
    y[3] = NaN;
    expect(() => sobolIndices(d, y)).toThrow(/design point 3 is NaN/);
  });
});
