import { describe, expect, it } from 'vitest';
import { deriveSeed, fmix32 } from '../../src/core/seeds';

/**
 * Plain reference: 32-bit FNV-1a over the bytes of an ASCII string, then
 * MurmurHash3's fmix32, both in BigInt arithmetic (no Math.imul), so it
 * checks the fast path independently.
 */
const M = 0xffffffffn;

function referenceFmix32(h: bigint): number {
  h ^= h >> 16n;
  h = (h * 0x85ebca6bn) & M;
  h ^= h >> 13n;
  h = (h * 0xc2b2ae35n) & M;
  h ^= h >> 16n;
  return Number(h);
}

function referenceSeed(text: string): number {
  let h = 0x811c9dc5n;
  for (const byte of Buffer.from(text, 'latin1')) {
    h ^= BigInt(byte);
    h = (h * 0x01000193n) & M;
  }
  return referenceFmix32(h);
}

describe('deriveSeed', () => {
  it('returns the same seed for the same base and parts', () => {
    const a = deriveSeed(42, 'run', 3, 'traders');
    const b = deriveSeed(42, 'run', 3, 'traders');

    expect(a).toBe(b);
  });

  it('returns an unsigned 32-bit integer', () => {
    const seeds = [deriveSeed(0), deriveSeed(42, 'x'), deriveSeed(-1, 'neg'), deriveSeed(2 ** 40, 'big', 7)];

    for (const s of seeds) {
      expect(Number.isInteger(s)).toBe(true);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThan(2 ** 32);
    }
  });

  it('hashes the canonical string "<base>/<part>/..." with FNV-1a then fmix32', () => {
    // Canonical text of deriveSeed(42, 'run', 3) is "42/run/3".
    const fast = deriveSeed(42, 'run', 3);

    expect(fast).toBe(referenceSeed('42/run/3'));
  });

  it('gives a different seed for each of 1000 consecutive run numbers', () => {
    const seeds = new Set<number>();

    for (let i = 0; i < 1000; i++) seeds.add(deriveSeed(7, 'run', i));

    expect(seeds.size).toBe(1000);
  });

  it('gives a different seed for a different part name', () => {
    expect(deriveSeed(1, 'traders')).not.toBe(deriveSeed(1, 'stakers'));
  });

  it('gives a different seed for a different base', () => {
    const bases = [0, 1, 2, 3, 1000, 2 ** 31, 2 ** 32 - 1];

    const seeds = new Set(bases.map((b) => deriveSeed(b, 'run', 0)));

    expect(seeds.size).toBe(bases.length);
  });

  it('depends on the order of the parts', () => {
    expect(deriveSeed(5, 'a', 'b')).not.toBe(deriveSeed(5, 'b', 'a'));
  });
});

describe('fmix32', () => {
  it('matches the BigInt reference finaliser on sample states', () => {
    const states = [0, 1, 0x811c9dc5, 0xdeadbeef, 0xffffffff];

    const fast = states.map((h) => fmix32(h));

    expect(fast).toEqual(states.map((h) => referenceFmix32(BigInt(h))));
  });
});
