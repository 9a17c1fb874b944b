import { describe, expect, it } from 'vitest';
import { formatDuration, makeProgress } from '../../src/experiment/progress';

describe('progress lines (not a terminal)', () => {
  it('prints runs done/total, runs/s, ETA and failures at most every interval, and at the end', () => {
    const lines: string[] = [];
    let t = 0;
    const p = makeProgress('lines', 10, 2, (l) => lines.push(l), 5, () => t);
    t = 1000;
    p.tick(false); // 3/10 after 1 s: not yet 5 s since the start
    t = 6000;
    p.tick(true); // 4/10 after 6 s: 2 runs in 6 s
    expect(lines).toEqual(['runs 4/10 (40%), 0.33 runs/s, ETA 18s, 1 failed']);
    for (let k = 0; k < 6; k++) p.tick(false);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^runs 10\/10 \(100%\), .* 1 failed$/);
    p.stop();
    expect(lines).toHaveLength(2);
  });

  it('shows nothing in quiet mode', () => {
    const lines: string[] = [];
    const p = makeProgress('none', 3, 0, (l) => lines.push(l));
    p.tick(true);
    p.note('x');
    p.stop();
    expect(lines).toEqual([]);
  });

  it('formats durations in seconds, minutes and hours', () => {
    expect([formatDuration(42), formatDuration(185), formatDuration(3720), formatDuration(Infinity)]).toEqual(['42s', '3m05s', '1h02m', '?']);
  });
});
