/**
 * Seed derivation: every run's seed and every random stream's seed comes from
 * this one hash, never from time or from the order in which runs finish.
 *
 * `deriveSeed(base, ...parts)` hashes the canonical string
 * `"<base>/<part1>/<part2>/..."` with 32-bit FNV-1a and passes the result
 * through MurmurHash3's `fmix32` finaliser so that neighbouring inputs give
 * well-spread outputs. The result is an unsigned 32-bit integer.
 */
export function deriveSeed(base: number, ...parts: ReadonlyArray<string | number>): number {
  const text = [String(base >>> 0), ...parts.map(String)].join('/');
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // FNV-1a over UTF-16 code units, low byte then high byte.
    h ^= c & 0xff;
    h = Math.imul(h, 0x01000193);
    if (c > 0xff) {
      h ^= c >>> 8;
      h = Math.imul(h, 0x01000193);
    }
  }
  return fmix32(h);
}

/** Returns MurmurHash3's 32-bit finaliser of `h` (an avalanche mix), as uint32. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
