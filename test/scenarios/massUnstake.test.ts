import { describe, expect, it } from 'vitest';
import { stakers } from '../../agents/stakers';
import { massUnstake } from '../../src/scenarios/massUnstake';
import { expectSamePrefix, prePhaseProbes, stressRuns } from './stressHarness';

const stakesOf = ({ s }: Record<string, any>) => ({
  staked: Float64Array.from(s.population.cols.staked.subarray(0, s.population.size)),
  unbonding: Float64Array.from(s.population.cols.unbonding.subarray(0, s.population.size)),
});

describe('massUnstake', () => {
  it('unstakes all the stake of round(share · n) of the n stakers with a stake at its tick, into unbonding, and nothing before', () => {
    const probes = prePhaseProbes(20, { s: stakers }, stakesOf);
    const { results } = stressRuns({ exit: massUnstake({ at: 20, share: 0.4 }) }, { extra: probes.install });
    expectSamePrefix(results.get('exit')!, results.get('none')!, 20);
    const { before, after } = probes.seen;
    const holders = before!.staked.filter((s) => s > 0).length;
    expect(holders).toBeGreaterThan(10);
    const exited = before!.staked.map((s, i) => (s > 0 && after!.staked[i] === 0 ? 1 : 0)).reduce((a, b) => a + b, 0);
    expect(exited).toBe(Math.round(0.4 * holders));
    before!.staked.forEach((s, i) => {
      if (after!.staked[i] === 0 && s > 0) expect(after!.unbonding[i] - before!.unbonding[i]).toBeCloseTo(s, 9);
      else expect(after!.staked[i]).toBe(s);
    });
  });

  it('draws its stakers from its own stream: the same seed exits the same agents', () => {
    const a = prePhaseProbes(20, { s: stakers }, stakesOf);
    const b = prePhaseProbes(20, { s: stakers }, stakesOf);
    stressRuns({ exit: massUnstake({ at: 20, share: 0.4 }) }, { extra: a.install });
    stressRuns({ exit: massUnstake({ at: 20, share: 0.4 }) }, { extra: b.install });
    expect(Array.from(a.seen.after!.staked)).toEqual(Array.from(b.seen.after!.staked));
  });
});
