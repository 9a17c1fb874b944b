import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng';
import { clusterWeight, cutShare, flagWallets, type SybilFilterParams } from '../../src/mechanisms/sybilFilter';

const filter = (over: Partial<SybilFilterParams> = {}): SybilFilterParams => ({
  falsePositiveRate: 0.05,
  falseNegativeRate: 0.3,
  heuristics: { funding: 0, timing: 1, similarity: 1 },
  action: 'exclude',
  haircutShare: 0.85,
  ...over,
});

/** 20,000 real users (own clusters) then 20,000 farmer wallets in 2,000 clusters of 10. */
function wallets() {
  const real = 20_000;
  const sybils = 20_000;
  const n = real + sybils;
  const farmer = new Uint8Array(n);
  const cluster = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    farmer[i] = i >= real ? 1 : 0;
    cluster[i] = i < real ? 2000 + i : Math.floor((i - real) / 10);
  }
  return { real, sybils, n, farmer, cluster, clusters: 2000 + real, eligible: new Uint8Array(n).fill(1) };
}

/** Returns the realised false-positive and false-negative rates of one pass of the filter. */
function realised(p: SybilFilterParams, seed: number) {
  const w = wallets();
  const flagged = new Uint8Array(w.n);
  flagWallets(p, w.farmer, w.cluster, w.eligible, w.n, w.clusters, new Rng(seed), flagged);
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < w.n; i++) {
    if (w.farmer[i] === 0 && flagged[i] === 1) fp++;
    if (w.farmer[i] === 1 && flagged[i] === 0) fn++;
  }
  return { fpr: fp / w.real, fnr: fn / w.sybils, flagged, w };
}

const sd = (p: number, n: number) => Math.sqrt((p * (1 - p)) / n);

describe('the sybil filter', () => {
  it('flags real users at its false-positive rate and misses farmers at its false-negative rate, within 4 standard errors', () => {
    for (const [fpr, fnr] of [
      [0.05, 0.3],
      [0.15, 0.1],
      [0.01, 0.6],
    ]) {
      const r = realised(filter({ falsePositiveRate: fpr, falseNegativeRate: fnr }), 7);
      expect(Math.abs(r.fpr - fpr)).toBeLessThan(4 * sd(fpr, 20_000));
      expect(Math.abs(r.fnr - fnr)).toBeLessThan(4 * sd(fnr, 20_000));
    }
  });

  it('keeps the rates when it leans on funding links, whose verdict a cluster shares (4 standard errors over 2,000 clusters)', () => {
    const p = filter({ heuristics: { funding: 1, timing: 0, similarity: 0 } });
    expect(clusterWeight(p)).toBe(1);
    const r = realised(p, 11);
    expect(Math.abs(r.fpr - 0.05)).toBeLessThan(4 * sd(0.05, 20_000));
    expect(Math.abs(r.fnr - 0.3)).toBeLessThan(4 * sd(0.3, 2_000));
    // Each cluster is caught or missed as a whole.
    for (let c = 0; c < 2000; c++) {
      const first = r.w.real + 10 * c;
      for (let j = 1; j < 10; j++) expect(r.flagged[first + j]).toBe(r.flagged[first]);
    }
  });

  it('never flags a wallet that is not eligible, and flags nothing at rates 0 / 1', () => {
    const w = wallets();
    w.eligible.fill(0, 0, 100);
    const flagged = new Uint8Array(w.n);
    flagWallets(filter({ falsePositiveRate: 1 }), w.farmer, w.cluster, w.eligible, w.n, w.clusters, new Rng(3), flagged);
    expect(flagged.subarray(0, 100).every((f) => f === 0)).toBe(true);
    expect(flagged.subarray(100, w.real).every((f) => f === 1)).toBe(true);
    expect(flagWallets(filter({ falsePositiveRate: 0, falseNegativeRate: 1 }), w.farmer, w.cluster, w.eligible, w.n, w.clusters, new Rng(3), flagged)).toBe(0);
  });

  it('cuts all of a flagged wallet\'s points when excluding, the haircut share otherwise', () => {
    expect(cutShare(filter())).toBe(1);
    expect(cutShare(filter({ action: 'haircut', haircutShare: 0.85 }))).toBe(0.85);
    expect(clusterWeight(filter({ heuristics: { funding: 0.5, timing: 0.25, similarity: 0.25 } }))).toBe(0.5);
  });
});
