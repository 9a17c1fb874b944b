import { describe, expect, it } from 'vitest';
import { committeesPerEpoch, epochIssuance } from '../../src/exact/altairIssuance';
import { isqrt } from '../../src/exact/isqrt';

/**
 * The Altair formulas written out in integers, straight from
 * specs/altair/beacon-chain.md, for N validators of 32 ETH all participating.
 */
function byTheSpec(n: bigint): bigint {
  const B = n * 32_000_000_000n;
  const perIncrement = (1_000_000_000n * 64n) / isqrt(B);
  const base = 32n * perIncrement;
  // get_flag_index_deltas: participating = active, so ⌊base · w · A / (A · 64)⌋ = ⌊base · w / 64⌋.
  const attester = (base * 14n) / 64n + (base * 26n) / 64n + (base * 14n) / 64n;
  // process_attestation per committee: ⌊Σ base · 54 / (56 · 64 / 8)⌋; compute_committee slices N into C parts.
  const perSlot = n / 32n / 128n;
  const C = 32n * (perSlot < 1n ? 1n : perSlot > 64n ? 64n : perSlot);
  let proposer = 0n;
  for (let c = 0n; c < C; c++) {
    const m = (n * (c + 1n)) / C - (n * c) / C;
    proposer += (m * base * 54n) / 448n;
  }
  // process_sync_aggregate: ⌊⌊r · A · 2 / 64 / 32⌋ / 512⌋ per participant, proposer ⌊p · 8 / 56⌋ each.
  const maxParticipant = (perIncrement * (B / 1_000_000_000n) * 2n) / 64n / 32n;
  const participant = maxParticipant / 512n;
  const sync = 32n * 512n * (participant + (participant * 8n) / 56n);
  return n * attester + proposer + sync;
}

describe('epochIssuance (Altair, full participation)', () => {
  it.each([1n, 4095n, 16_384n, 100_000n, 500_000n, 1_062_500n, 2_000_003n])('equals the spec written out in integers at N = %s validators', (n) => {
    expect(epochIssuance(n).total).toBe(byTheSpec(n));
  });

  it('issues 24.064 ETH per epoch to 16,384 validators, by hand', () => {
    // B = 524,288 ETH = 5.24288e14 gwei, isqrt = 22,897,336 (22,897,336² ≤ B < 22,897,337²);
    // per increment ⌊64e9 / 22,897,336⌋ = 2,795; base = 89,440 gwei.
    // attesters: ⌊89,440·14/64⌋ = 19,565, ⌊·26/64⌋ = 36,335, 19,565 → 75,465 each, × 16,384 = 1,236,418,560.
    // committees: 16,384/32/128 = 4 per slot, 128 of exactly 128: ⌊128 · 89,440 · 54 / 448⌋ = 1,379,931 each → 176,631,168.
    // sync: ⌊⌊2,795 · 524,288 · 2/64⌋/32⌋ = 1,431,306 (÷512 = 2,795 each); proposer ⌊2,795·8/56⌋ = 399;
    //       16,384 signatures × (2,795 + 399) = 52,330,496.
    const e = epochIssuance(16_384n);
    expect(isqrt(524_288n * 1_000_000_000n)).toBe(22_897_336n);
    expect(e.attesters).toBe(1_236_418_560n);
    expect(e.proposersForAttestations).toBe(176_631_168n);
    expect(e.syncCommittee + e.proposersForSync).toBe(52_330_496n);
    expect(e.total).toBe(1_465_380_224n);
  });

  it('is about N · base reward, so a year of 82,181.25 epochs issues about 940.87 · √N ETH', () => {
    for (const n of [100_000n, 1_000_000n]) {
      const ethPerYear = (Number(epochIssuance(n).total) / 1e9) * 82_181.25;
      // Integer floors shave a little off: within 0.5 %.
      expect(Math.abs(ethPerYear / (940.87 * Math.sqrt(Number(n))) - 1)).toBeLessThan(0.005);
    }
  });

  it('counts 32 committees per epoch up to 8,191 validators and 2,048 from 262,144 on', () => {
    expect(committeesPerEpoch(8_191n)).toBe(32n);
    expect(committeesPerEpoch(8_192n)).toBe(64n);
    expect(committeesPerEpoch(262_144n)).toBe(2048n);
    expect(committeesPerEpoch(10_000_000n)).toBe(2048n);
  });

  it('issues nothing to no validators and refuses a negative count', () => {
    expect(epochIssuance(0n).total).toBe(0n);
    expect(() => epochIssuance(-1n)).toThrow(RangeError);
  });
});
