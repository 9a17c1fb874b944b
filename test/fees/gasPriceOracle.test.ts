import { describe, expect, it } from 'vitest';
import { GasPriceOracle } from '../../src/fees/gasPriceOracle';

describe("GasPriceOracle (go-ethereum's 3 lowest prices a block, 60th percentile of 20 blocks)", () => {
  it('suggests results[⌊(n − 1) · 60 / 100⌋] of the sorted samples', () => {
    const o = new GasPriceOracle(7);
    for (const p of [5, 1, 4, 2, 3]) o.note(p);
    o.endBlock();
    // Samples 1, 2, 3: index ⌊2 · 0.6⌋ = 1.
    expect(o.price).toBe(2);
    for (const p of [20, 10]) o.note(p);
    o.endBlock();
    // Samples 1, 2, 3, 10, 20: index ⌊4 · 0.6⌋ = 2.
    expect(o.price).toBe(3);
  });

  it('forgets blocks older than 20: after 20 blocks at 1000 and 12 at 1 the window holds 8 and 12 samples, suggesting 1', () => {
    // Sorted window: twelve 1s then eight 1000s; index ⌊19 · 0.6⌋ = 11. With the old blocks kept it would be 1000.
    const o = new GasPriceOracle(7);
    for (let k = 0; k < 20; k++) {
      o.note(1000);
      o.endBlock();
    }
    for (let k = 0; k < 12; k++) {
      o.note(1);
      o.endBlock();
    }
    expect(o.price).toBe(1);
  });

  it('keeps the last suggestion when the window holds no transaction', () => {
    const o = new GasPriceOracle(7);
    o.note(1000);
    o.endBlock();
    for (let k = 0; k < 25; k++) o.endBlock();
    expect(o.price).toBe(1000);
  });

  it('starts from its initial price', () => {
    expect(new GasPriceOracle(42).price).toBe(42);
  });
});
