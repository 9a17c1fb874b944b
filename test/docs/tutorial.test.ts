import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dipBuyers } from '../../experiments/tutorial/dipBuyers';
import tutorial, { tiny, withDipBuyers } from '../../experiments/tutorial/tutorial';
import { amm } from '../../src/market/amm';
import { buildBlocks } from '../helpers/blocks';
import { planRuns } from '../../src/experiment/plan';
import { runOne } from '../../src/experiment/runOne';

const root = join(__dirname, '..', '..');
const doc = readFileSync(join(root, 'docs', 'tutorial.md'), 'utf8');

describe('docs/tutorial.md', () => {
  it.each(['dipBuyers', 'liquidityProgram', 'tutorial'])('shows experiments/tutorial/%s.ts as it is', (name) => {
    const file = readFileSync(join(root, 'experiments', 'tutorial', `${name}.ts`), 'utf8').trimEnd();
    expect(doc).toContain('```ts\n' + file + '\n```');
  });

  it('runs its experiment with conservation checked: the dip buyers buy and the program adds liquidity', () => {
    const spec = planRuns(tutorial, { seeds: 1, ticks: 60 }).runs[0];
    const r = runOne(withDipBuyers, spec, { ticks: 60, every: 1, metrics: null, check: true });
    expect(r.status).toBe('ok');
    expect(r.series.pol_added_usd.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('builds its own model and runs it with conservation checked', () => {
    const r = runOne(tiny, { runId: 0, variant: 'v', point: 0, replicate: 0, seed: 3, params: tiny.defaults } as never, { ticks: 60, every: 1, metrics: null, check: true });
    expect(r.status).toBe('ok');
    expect(Object.keys(r.series)).toEqual(expect.arrayContaining(['price', 'supply', 'pol_added_usd']));
  });

  it('has an agent class that buys below its trigger and keeps tokens conserved', () => {
    // A pool at $0.90 and 50 dip buyers triggered below $1: they buy until the price is back near $1.
    const sim = buildBlocks([amm, dipBuyers], { amm: { tokenReserve: 1e6, usdReserve: 0.9e6, feeBps: 30 }, dipBuyers: { count: 50, trigger: { dist: 'constant', value: 1 } } });
    const buyers = sim.api(dipBuyers);

    for (let t = 0; t < 5; t++) sim.world.step();

    expect(sim.pool.price).toBeGreaterThan(0.9);
    expect(buyers.cols.tokens.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});
