import { describe, expect, it } from 'vitest';
import { crash, crashReturn } from '../../src/scenarios/crash';
import { expectSamePrefix, stressRuns } from './stressHarness';

describe('crash', () => {
  it('adds ln(1 − depth)/ticks to the factor return on its ticks and nothing elsewhere', () => {
    const p = { at: 10, depth: 0.3, ticks: 4 };
    expect(crashReturn(p, 9)).toBe(0);
    expect(crashReturn(p, 10)).toBe(Math.log(0.7) / 4);
    expect(crashReturn(p, 13)).toBe(Math.log(0.7) / 4);
    expect(crashReturn(p, 14)).toBe(0);
  });

  it('leaves every metric before its tick bit for bit as unshocked, then lowers the factor level to (1 − depth)^(k/ticks) of it', () => {
    const { results } = stressRuns({ crash30: crash({ at: 20, depth: 0.3, ticks: 5 }) });
    const shocked = results.get('crash30')!;
    const none = results.get('none')!;
    expectSamePrefix(shocked, none, 20);
    const ratio = (t: number) => shocked.series.factor_level[t] / none.series.factor_level[t];
    // Hand-worked: after k of its 5 ticks the level is 0.7^(k/5) of the unshocked one: 0.9311, 0.8670, …, 0.7.
    for (let k = 1; k <= 5; k++) expect(ratio(19 + k)).toBeCloseTo(Math.pow(0.7, k / 5), 12);
    for (let t = 25; t <= 40; t++) expect(ratio(t)).toBeCloseTo(0.7, 12);
    // The draws are the unshocked run's: the return differs by exactly the overlay.
    expect(shocked.series.factor_return[22] - none.series.factor_return[22]).toBeCloseTo(Math.log(0.7) / 5, 14);
  });

  it('is refused in one line when its depth is out of range', () => {
    expect(() => stressRuns({ crash: crash({ at: 20, depth: 1.2, ticks: 5 }) })).toThrow(/^scenario "crash" \(crash\): depth: Too big: expected number to be <1$/);
  });
});
