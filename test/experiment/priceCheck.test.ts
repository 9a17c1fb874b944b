import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defineExperiment } from '../../src/experiment/define';
import { runExperiment } from '../../src/experiment/runExperiment';
import { readColumns } from '../../src/io/arrowReader';
import mini from '../fixtures/mini';
import { wrapModel } from '../helpers/wrapModel';

const root = mkdtempSync(join(tmpdir(), 'tokensim-price-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a market price that is not positive', () => {
  it.each([0, -3])('of %s fails the run at its tick even without --check, and the other runs finish', async (price) => {
    // The "crash" variant's market quotes `price` from tick 3 on.
    const crashing = wrapModel(mini.model, {
      build(params, opts) {
        const sim = mini.model.build(params, opts);
        const world = sim.world;
        const quote = world.priceSource;
        if (quote && (params as { amm: { feeBps: number } }).amm.feeBps === 77) world.priceSource = () => (world.tick >= 3 ? price : quote());
        return sim;
      },
    });
    const exp = defineExperiment({ ...mini, model: crashing, name: 'crash', variants: { ok: {}, crash: { amm: { feeBps: 77 } } }, seeds: 1 });
    const out = await runExperiment(exp, { out: join(root, `crash${price}`), log: null });
    expect(out).toMatchObject({ status: 'failed', failed: 1, written: 2 });
    const runs = readColumns(join(out.dir, 'runs.arrow'));
    expect(runs.status).toEqual(['ok', 'failed']);
    expect(runs.error[1]).toBe(`RunError: price is ${price}; a token price must be positive and finite`);
    expect(runs.error_tick).toEqual([null, 3]);
    expect(runs.null_kpis[1], 'a failed run names no KPI: all are null').toBeNull();
  });
});
