import { describe, expect, it } from 'vitest';
import { UnlockLog } from '../../src/models/unlockLog';

describe('the unlock log', () => {
  it('keeps one row per tick and sector with an unlock or a sale, past its first capacity', () => {
    const unlocked = new Float64Array(2);
    const sold = new Float64Array(2);
    const log = new UnlockLog(['team', 'investors'], unlocked, sold);

    for (let t = 1; t <= 300; t++) {
      unlocked[0] = t % 2 === 0 ? 10 : 0;
      sold[1] = 1;
      log.post({ tick: t });
    }
    const { data, length } = log.table().collect();

    expect(length).toBe(450);
    expect([data.tick[0], data.sector[0], data.unlocked[0], data.sold[0]]).toEqual([1, 'investors', 0, 1]);
    expect([data.tick[1], data.sector[1], data.unlocked[1]]).toEqual([2, 'team', 10]);
  });
});
