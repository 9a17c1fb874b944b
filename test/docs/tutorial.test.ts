import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import tutorial, { tiny, withDipBuyers } from '../../experiments/tutorial/tutorial';
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
});
