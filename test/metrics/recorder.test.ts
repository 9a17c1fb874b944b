import { describe, expect, it } from 'vitest';
import type { Metric } from '../../src/experiment/model';
import { Recorder } from '../../src/metrics/recorder';

/** A metric that returns the tick it is read at and counts its reads. */
function probe(name: string, kind: 'level' | 'flow', sampled = false) {
  const m = { name, kind, sampled, tick: 0, reads: 0, read() { this.reads++; return kind === 'flow' ? 1 : this.tick; } };
  return m as Metric & { tick: number; reads: number };
}

function drive(rec: Recorder, metrics: { tick: number }[], ticks: number): void {
  for (let t = 0; t <= ticks; t++) {
    for (const m of metrics) m.tick = t;
    rec.observe(t);
  }
}

describe('Recorder', () => {
  it('records tick 0, every `every` ticks and the last tick; flows summed since the previous row', () => {
    const level = probe('level', 'level');
    const flow = probe('flow', 'flow');
    const rec = new Recorder([level, flow], 10, 4);
    drive(rec, [level, flow], 10);
    expect([...rec.recordedTicks()]).toEqual([0, 4, 8, 10]);
    expect([...rec.series().level]).toEqual([0, 4, 8, 10]);
    // Flow: 1 per tick; 0 at tick 0 (before any tick ran), then ticks 1–4, 5–8, 9–10.
    expect([...rec.series().flow]).toEqual([0, 4, 4, 2]);
  });

  it('reads a sampled metric only every `sampleEvery` ticks (and at the first and last rows), holding the last sample', () => {
    const gini = probe('gini', 'level', true);
    const rec = new Recorder([gini], 25, 1, 10);
    drive(rec, [gini], 25);
    const col = [...rec.series().gini];
    expect(col.slice(0, 12)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 10]);
    expect(col[19]).toBe(10);
    expect(col[20]).toBe(20);
    expect(col[25]).toBe(25);
    expect(gini.reads).toBe(4); // ticks 0, 10, 20, 25
  });

  it('fails the run on a non-finite value, naming the metric and tick', () => {
    const bad: Metric = { name: 'price', kind: 'level', read: () => NaN };
    const rec = new Recorder([bad], 5, 1);
    expect(() => rec.observe(0)).toThrow(/metric price is not finite/);
  });
});
