import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { World } from '../../src/core/world';
import { defineExperiment } from '../../src/experiment/define';
import type { Model } from '../../src/experiment/model';
import { assertPositivePrice } from '../../src/experiment/priceCheck';
import { runExperiment } from '../../src/experiment/runExperiment';
import { readColumns } from '../../src/io/arrowReader';
import { tokenEconomy, type TokenEconomyParams } from '../../src/models/tokenEconomy';
import mini from '../fixtures/mini';

const root = mkdtempSync(join(tmpdir(), 'tokensim-price-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A world with a market price of `price` at tick 4 (just what the check reads). */
const worldAt = (price: number, source = true) => ({ tick: 4, priceSource: source ? () => price : null, priceAt: () => price }) as unknown as World<any>;

describe('a market price that is not positive', () => {
  it.each([0, -1e-9, -3, NaN, Infinity])('of %s fails the run at its tick', (p) => {
    expect(() => assertPositivePrice(worldAt(p))).toThrow(new RegExp(`^market price is ${p} USD per token at tick 4; a price must be positive and finite$`));
  });

  it('of a positive number passes, as does a world without a market', () => {
    expect(() => assertPositivePrice(worldAt(1e-12))).not.toThrow();
    expect(() => assertPositivePrice(worldAt(0, false))).not.toThrow();
  });

  it('fails the run with its tick even without --check, and the other runs finish', async () => {
    // The "crash" variant's market quotes 0 from tick 3 on.
    const crashing: Model<TokenEconomyParams> = {
      ...tokenEconomy,
      build(params, opts) {
        const sim = tokenEconomy.build(params, opts);
        if (params.amm.feeBps === 77) sim.world.addMechanism({ name: 'crash', post: (w) => { if (w.tick === 3) w.priceSource = () => 0; } });
        return sim;
      },
    };
    const exp = defineExperiment({ ...mini, model: crashing, name: 'crash', variants: { ok: {}, crash: { amm: { feeBps: 77 } } }, seeds: 1 });
    const out = await runExperiment(exp, { out: join(root, 'crash'), log: null });
    expect(out).toMatchObject({ status: 'failed', failed: 1, written: 2 });
    const runs = readColumns(join(out.dir, 'runs.arrow'));
    expect(runs.status).toEqual(['ok', 'failed']);
    expect(runs.error[1]).toBe('RunError: market price is 0 USD per token at tick 3; a price must be positive and finite');
    expect(runs.error_tick).toEqual([null, 3]);
    expect(runs.null_kpis[1], 'a failed run names no KPI: all are null').toBeNull();
  });
});
