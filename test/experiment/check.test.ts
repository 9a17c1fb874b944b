import { describe, expect, it } from 'vitest';
import { runOne } from '../../src/experiment/runOne';
import type { Model } from '../../src/experiment/model';
import { tokenEconomy, type TokenEconomyParams } from '../../src/models/tokenEconomy';
import { planRuns } from '../../src/experiment/plan';
import tiny from '../fixtures/tiny';

// A model with a planted bug: from tick 5 it mints one token a tick and credits nobody.
const leaky: Model<TokenEconomyParams> = {
  ...tokenEconomy,
  build(params, opts) {
    const econ = tokenEconomy.build(params, opts);
    econ.world.addMechanism({ name: 'leak', post: (w) => { if (w.tick >= 5) w.ledger.mint(1); } });
    return econ;
  },
};

describe('--check', () => {
  const spec = planRuns(tiny).runs[0];
  const opts = { ticks: 10, every: 1, metrics: null };

  it('fails a run at the first tick where tokens are not conserved, naming the breach', () => {
    const r = runOne(leaky, spec, { ...opts, check: true });
    expect(r.status).toBe('failed');
    expect(r.errorTick).toBe(5);
    expect(r.error).toMatch(/token conservation broken/);
  });

  it('is off by default, so the same run completes', () => {
    expect(runOne(leaky, spec, { ...opts, check: false }).status).toBe('ok');
  });

  it('passes a correct model', () => {
    expect(runOne(tokenEconomy, spec, { ...opts, check: true }).status).toBe('ok');
  });
});
