import { describe, expect, it } from 'vitest';
import type { MomentSet } from '../../../src/analysis/calibration/moments';
import { msmEvaluate, msmObjective } from '../../../src/analysis/calibration/objective';

// A toy model whose "series" is its moments: θ + (seed, 2·seed)/10.
const identityMoments: MomentSet = { names: ['a', 'b'], compute: (x) => Float64Array.from(x) };
const toy = (theta: Float64Array, seed: number) => Float64Array.from([theta[0] + seed / 10, theta[1] + (2 * seed) / 10]);

describe('msmEvaluate', () => {
  it('averages the moments over the common seeds and weighs the gap: hand-worked', async () => {
    // Seeds 1, 3: m̄ = θ + (0.2, 0.4) = (1.2, 2.4); target (1, 2): d = (0.2, 0.4).
    // W = [[2, 1], [1, 3]]: J = 2·0.04 + 2·1·0.08 + 3·0.16 = 0.08 + 0.16 + 0.48 = 0.72.
    const e = await msmEvaluate(
      { target: [1, 2], simulate: toy, moments: identityMoments, weighting: [2, 1, 1, 3], seeds: [1, 3] },
      Float64Array.from([1, 2]),
    );
    expect(e.objective).toBeCloseTo(0.72, 14);
    expect(Array.from(e.mean).map((v) => +v.toFixed(12))).toEqual([1.2, 2.4]);
    // Per-seed a: 1.1, 1.3 → sd √0.02.
    expect(e.sd[0]).toBeCloseTo(Math.sqrt(0.02), 14);
    expect(e.perSeed).toHaveLength(2);
  });

  it('simulates every θ on exactly the same seeds (common random numbers)', async () => {
    const calls: string[] = [];
    const simulate = (theta: Float64Array, seed: number) => {
      calls.push(`${theta[0]}@${seed}`);
      return toy(theta, seed);
    };
    const f = msmObjective({ target: [0, 0], simulate, moments: identityMoments, weighting: [1, 0, 0, 1], seeds: [7, 8] });
    await f([Float64Array.from([1, 0]), Float64Array.from([2, 0])]);
    expect(calls.sort()).toEqual(['1@7', '1@8', '2@7', '2@8']);
  });

  it('gives NaN with the message when a simulation throws, and checks the sizes', async () => {
    const failing = () => {
      throw new Error('price went negative at tick 4');
    };
    const problem = { target: [0, 0], simulate: failing, moments: identityMoments, weighting: [1, 0, 0, 1], seeds: [1] };
    const e = await msmEvaluate(problem, Float64Array.from([0, 0]));
    expect(e.objective).toBeNaN();
    expect(e.error).toBe('price went negative at tick 4');
    await expect(msmEvaluate({ ...problem, weighting: [1] }, Float64Array.from([0, 0]))).rejects.toThrow(/weighting must be 2 × 2/);
    await expect(msmEvaluate({ ...problem, target: [0] }, Float64Array.from([0, 0]))).rejects.toThrow(/target has 1 moments/);
  });
});
