import { describe, expect, it } from 'vitest';
import { recoverKnownPoint, START, TEST_TARGETS, TRUTH } from '../../../experiments/calibration-recovery-staking';

describe('calibration recovers a known point of the baseline economy from price and staking ratio (experiments/calibration-recovery-staking.ts)', () => {
  it('fits a 300-day price and staking-ratio series back from 40% below the truth: the pool side and the emission rate both within 10% on two target seeds of three, each within 15% on all three', async () => {
    // What the moments identify at the truth (docs/how-to/calibration.md, "Recovering a known point"):
    // the price level pins the pool's USD side (sd of the estimate ≈ 4%), the staking ratio's level the
    // emission rate (≈ 6% fitted jointly). Over target seeds 11–18 both came back within 10% on 5 of 8;
    // of the test's seeds, 13 brings the emission back 13.6% low.
    for (const p of Object.keys(TRUTH)) expect(Math.abs(START[p] / TRUTH[p] - 1)).toBeGreaterThanOrEqual(0.3);
    const errors: Record<string, number>[] = [];
    for (const seed of TEST_TARGETS) errors.push((await recoverKnownPoint(seed)).error);
    const within = (e: Record<string, number>, bound: number) => Object.keys(TRUTH).every((p) => Math.abs(e[p]) < bound);
    const text = JSON.stringify(errors.map((e, i) => ({ seed: TEST_TARGETS[i], ...e })));
    expect(errors.filter((e) => within(e, 0.1)).length, text).toBeGreaterThanOrEqual(2);
    for (const e of errors) expect(within(e, 0.15), text).toBe(true);
  }, 240_000);
});
