import { describe, expect, it } from 'vitest';
import { UnlockLog } from '../../src/mechanisms/unlockLog';

describe('the unlock log', () => {
  it('keeps one row per tick and sector with an unlock or a sale, past its first capacity', () => {
    const unlocked = new Float64Array(2);
    const sold = new Float64Array(2);
    const log = new UnlockLog(['team', 'investors'], unlocked);

    for (let t = 1; t <= 300; t++) {
      unlocked[0] = t % 2 === 0 ? 10 : 0;
      sold[1] = 1;
      log.note(t, sold);
    }
    const { data, length } = log.rows();

    expect(length).toBe(450);
    expect([(data.tick as Int32Array)[0], (data.sector as string[])[0], (data.unlocked as Float64Array)[0], (data.sold as Float64Array)[0]]).toEqual([1, 'investors', 0, 1]);
    expect([(data.tick as Int32Array)[1], (data.sector as string[])[1], (data.unlocked as Float64Array)[1]]).toEqual([2, 'team', 10]);
  });

  it('logs unlocks alone, with sales of 0, when the sectors have no holders', () => {
    const unlocked = Float64Array.from([5, 0]);
    const log = new UnlockLog(['team', 'investors'], unlocked);

    log.note(3, null);
    log.note(4, null);
    unlocked[0] = 0;
    log.note(5, null);

    const { data, length } = log.rows();
    expect(length).toBe(2);
    expect(Array.from(data.tick as Int32Array)).toEqual([3, 4]);
    expect(Array.from(data.sold as Float64Array)).toEqual([0, 0]);
  });
});
