import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng';
import { compensatedSum } from '../../src/core/sum';

const N = 100_000;

function draws(rng: Rng, n: number, f: (r: Rng) => number = (r) => r.next()): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(rng);
  return out;
}

function mean(xs: Float64Array): number {
  return compensatedSum(xs) / xs.length;
}

function sd(xs: Float64Array): number {
  const m = mean(xs);
  return Math.sqrt(compensatedSum(xs.map((x) => (x - m) ** 2)) / (xs.length - 1));
}

function median(xs: Float64Array): number {
  const s = Float64Array.from(xs).sort();
  return (s[(s.length >> 1) - 1] + s[s.length >> 1]) / 2;
}

describe('Rng streams', () => {
  it('gives the same sequence for the same seed', () => {
    const a = draws(new Rng(123), 1000);
    const b = draws(new Rng(123), 1000);

    expect(b).toEqual(a);
  });

  it('gives a different sequence for a different seed', () => {
    const a = draws(new Rng(123), 10);
    const b = draws(new Rng(124), 10);

    expect(b).not.toEqual(a);
  });

  it('stores the seed as uint32', () => {
    // -1 >>> 0 = 4294967295
    expect(new Rng(-1).seed).toBe(4294967295);
  });

  it('gives a fork the same sequence whatever the parent drew before forking', () => {
    const fresh = new Rng(9);
    const used = new Rng(9);
    draws(used, 50);

    const a = draws(fresh.fork('traders'), 100);
    const b = draws(used.fork('traders'), 100);

    expect(b).toEqual(a);
  });

  it('gives forks of different names different sequences', () => {
    const parent = new Rng(9);

    const a = draws(parent.fork('traders'), 100);
    const b = draws(parent.fork('stakers'), 100);

    expect(b).not.toEqual(a);
  });

  it('leaves the parent sequence unchanged when a fork draws', () => {
    const plain = draws(new Rng(9), 100);
    const parent = new Rng(9);
    const child = parent.fork('traders');

    draws(child, 500);
    const after = draws(parent, 100);

    expect(after).toEqual(plain);
  });
});

describe('Rng draws', () => {
  it('draws uniform(min, max) within [min, max) with mean (min + max) / 2', () => {
    // uniform(-3, 5): mean 1, sd 8/√12 = 2.309; SE of mean over 1e5 draws = 0.0073.
    const xs = draws(new Rng(1), N, (r) => r.uniform(-3, 5));

    expect(Math.min(...xs)).toBeGreaterThanOrEqual(-3);
    expect(Math.max(...xs)).toBeLessThan(5);
    expect(Math.abs(mean(xs) - 1)).toBeLessThan(0.04);
  });

  it('draws int(n) as integers in [0, n), each value appearing', () => {
    const xs = draws(new Rng(2), 10_000, (r) => r.int(7));

    const seen = new Set(xs);

    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('draws normal(3, 2) with sample mean and sd within 5 standard errors over 1e5 draws', () => {
    // SE(mean) = 2/√1e5 = 0.0063 → tolerance 0.032; SE(sd) ≈ 2/√(2e5) = 0.0045 → tolerance 0.023.
    const xs = draws(new Rng(3), N, (r) => r.normal(3, 2));

    expect(Math.abs(mean(xs) - 3)).toBeLessThan(0.032);
    expect(Math.abs(sd(xs) - 2)).toBeLessThan(0.023);
  });

  it('draws lognormal(mu, sigma) with sample median ≈ e^mu', () => {
    // mu = 1, sigma = 0.5: median e^1 = 2.71828. SE of the median of the
    // underlying normal = 1.2533 · 0.5 / √1e5 = 0.002, i.e. 0.2% of e^mu; allow 1%.
    const xs = draws(new Rng(4), N, (r) => r.lognormal(1, 0.5));

    expect(Math.abs(median(xs) / Math.E - 1)).toBeLessThan(0.01);
  });

  it('draws pareto(xm, alpha) never below xm', () => {
    const xs = draws(new Rng(5), N, (r) => r.pareto(2, 3));

    expect(Math.min(...xs)).toBeGreaterThanOrEqual(2);
  });

  it('draws pareto(2, 3) with sample mean ≈ alpha·xm/(alpha−1) = 3', () => {
    // Variance xm²·α/((α−1)²(α−2)) = 4·3/4 = 3, SE of mean = √3/√1e5 = 0.0055; allow 0.03.
    const xs = draws(new Rng(6), N, (r) => r.pareto(2, 3));

    expect(Math.abs(mean(xs) - 3)).toBeLessThan(0.03);
  });

  it('draws chance(p) true with frequency p', () => {
    // p = 0.3: SE = √(0.21/1e5) = 0.00145; allow 0.007.
    const xs = draws(new Rng(7), N, (r) => (r.chance(0.3) ? 1 : 0));

    expect(Math.abs(mean(xs) - 0.3)).toBeLessThan(0.007);
  });
});

describe('Rng.shuffle', () => {
  it('returns a permutation of its input', () => {
    const order = Int32Array.from({ length: 100 }, (_, i) => i);

    new Rng(8).shuffle(order);

    expect(Array.from(order).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('gives the same permutation for the same seed', () => {
    const a = Int32Array.from({ length: 50 }, (_, i) => i);
    const b = Int32Array.from({ length: 50 }, (_, i) => i);

    new Rng(8).shuffle(a);
    new Rng(8).shuffle(b);

    expect(b).toEqual(a);
    expect(Array.from(a)).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('shuffles only the first `length` entries', () => {
    const order = Int32Array.from({ length: 20 }, (_, i) => i);

    new Rng(8).shuffle(order, 10);

    expect(Array.from(order.subarray(10))).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(Array.from(order.subarray(0, 10)).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('Rng generator', () => {
  it("draws exactly seedrandom's Alea sequence for String(seed)", async () => {
    const seedrandom = (await import('seedrandom')).default;
    for (const seed of [0, 1, 123, 0xffffffff]) {
      const ours = new Rng(seed);
      const theirs = seedrandom.alea(String(seed));
      for (let i = 0; i < 100_000; i++) {
        const a = ours.next();
        const b = theirs();
        if (a !== b) expect({ seed, draw: i, value: a }).toEqual({ seed, draw: i, value: b });
      }
    }
  });
});
