import { describe, expect, it } from 'vitest';
import { timeToRecover } from '../../../src/metrics/tail/recovery';

describe('timeToRecover', () => {
  it('counts ticks from the shock to the first tick back at the pre-shock level', () => {
    // Shock at tick 2; reference x_1 = 100; falls at 2, back at ≥ 100 on tick 5: 5 − 2 = 3.
    const r = timeToRecover([98, 100, 70, 80, 95, 100, 90], 2);
    expect(r).toEqual({ ticks: 3, censored: false, reference: 100, trough: 70, troughTick: 2 });
  });

  it('waits for the fall when the shock bites a few ticks late', () => {
    // Reference 100; first below at tick 3; back at tick 5: 5 − 1 = 4.
    expect(timeToRecover([100, 101, 100, 60, 99, 102], 1).ticks).toBe(4);
  });

  it('is 0, not censored, when the series never falls below the reference', () => {
    expect(timeToRecover([100, 100, 105, 103], 1)).toMatchObject({ ticks: 0, censored: false });
  });

  it('is censored with the ticks observed after the shock when it never recovers', () => {
    // n = 6, shock at 2: observed 6 − 1 − 2 = 3 ticks, recovery takes longer.
    expect(timeToRecover([100, 100, 50, 60, 70, 99], 2)).toMatchObject({ ticks: 3, censored: true, trough: 50, troughTick: 2 });
  });

  it('takes an explicit reference level, needed for a shock at tick 0', () => {
    expect(timeToRecover([90, 95, 120], 0, 110)).toMatchObject({ ticks: 2, censored: false, reference: 110 });
    expect(() => timeToRecover([90, 95], 0)).toThrow(RangeError);
    expect(() => timeToRecover([90, 95], 2)).toThrow(RangeError);
  });
});
