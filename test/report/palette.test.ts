import { describe, expect, it } from 'vitest';
import { VARIANT_COLORS, variantColors } from '../../src/report/palette';

/** CIE L*a*b* (D65) of an sRGB colour `#rrggbb`, by the sRGB and CIE 1976 formulas. */
function lab(hex: string): [number, number, number] {
  const lin = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const [r, g, b] = [1, 3, 5].map((i) => lin(parseInt(hex.slice(i, i + 2), 16) / 255));
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

describe('the variant palette', () => {
  it('keeps twelve colours at least ΔE*76 = 25 apart from one another', () => {
    expect(VARIANT_COLORS).toHaveLength(12);
    const labs = VARIANT_COLORS.map(lab);
    let closest = Infinity;
    for (let i = 0; i < labs.length; i++) for (let j = i + 1; j < labs.length; j++) closest = Math.min(closest, Math.hypot(...labs[i].map((v, k) => v - labs[j][k])));
    expect(closest).toBeGreaterThanOrEqual(25);
  });

  it('gives each variant its position’s colour, repeating after twelve', () => {
    const names = Array.from({ length: 13 }, (_, i) => `v${i}`);
    expect(variantColors(names).slice(0, 12)).toEqual([...VARIANT_COLORS]);
    expect(variantColors(names)[12]).toBe(VARIANT_COLORS[0]);
  });
});
