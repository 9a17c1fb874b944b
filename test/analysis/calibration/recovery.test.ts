import { describe, expect, it } from 'vitest';
import { recoverKnownPoint, START, TEST_TARGETS, TRUTH } from '../../../experiments/calibration-recovery';

describe('calibration recovers a known point of market-only (experiments/calibration-recovery.ts)', () => {
  it('fits a 300-day price and volume series back from 40% below the truth: the pool side within 10% on three target seeds, the activity only within 25%', async () => {
    // What the moments identify at the truth (docs/how-to/calibration.md, "Recovering a known point"):
    // the pool's USD side sets the price level (sd of the estimate ≈ 5%), the activity moves the volume
    // only weakly against its spread over series (≈ 11–12%), so on one 300-day series it is not recovered
    // within 10% (0 of 8 target seeds in the wider measurement) and is held to 25% here.
    for (const p of Object.keys(TRUTH)) expect(Math.abs(START[p] / TRUTH[p] - 1)).toBeGreaterThanOrEqual(0.3);
    for (const seed of TEST_TARGETS) {
      const fit = await recoverKnownPoint(seed);
      expect(Math.abs(fit.error['amm.usdReserve']), `target seed ${seed}: amm.usdReserve ${fit.params['amm.usdReserve']}`).toBeLessThan(0.1);
      expect(Math.abs(fit.error['traders.activity']), `target seed ${seed}: traders.activity ${fit.params['traders.activity']}`).toBeLessThan(0.25);
    }
  }, 180_000);
});
