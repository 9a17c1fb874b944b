import { describe, expect, it } from 'vitest';
import { defineBlock } from '../../src/core/block';
import { runOne } from '../../src/experiment/runOne';
import { planRuns } from '../../src/experiment/plan';
import { marketPort } from '../../src/market/amm';
import { treasury } from '../../src/mechanisms/treasury';
import { governedTokenEconomy } from '../../src/models/governedTokenEconomy';
import tiny from '../fixtures/tiny';

/** A block with a planted bug from tick 5: it counts a mint that credits nobody, writes an agent's balance directly, or the treasury's. */
const planted = (bug: 'mint' | 'column' | 'account') =>
  defineBlock({
    key: 'leak',
    kind: 'scenario',
    description: 'breaks conservation on purpose',
    needs: { market: marketPort, treasury },
    build(ctx) {
      return {
        api: undefined,
        hooks: {
          post: (w) => {
            if (w.tick < 5) return;
            if (bug === 'mint') w.ledger.noteMint(1);
            else if (bug === 'column') w.populations[0].cols.tokens[0] += 1;
            else ctx.deps.treasury.account.tokens += 1;
          },
        },
      };
    },
  });

describe('--check', () => {
  const spec = planRuns(tiny).runs[0];
  const opts = { ticks: 10, every: 1, metrics: null };

  it('fails a run at the first tick where tokens are not conserved, naming the breach', () => {
    const r = runOne(governedTokenEconomy.with(planted('mint')), spec, { ...opts, check: true });
    expect(r.status).toBe('failed');
    expect(r.errorTick).toBe(5);
    expect(r.error).toMatch(/token conservation broken/);
  });

  it("fails a run whose block writes an agent's balance around the ledger, naming the account", () => {
    const r = runOne(governedTokenEconomy.with(planted('column')), spec, { ...opts, check: true });
    expect(r.status).toBe('failed');
    expect(r.errorTick).toBe(5);
    expect(r.error).toMatch(/written around the ledger/);
  });

  it("fails a run whose block writes a scalar account's balance around the ledger, naming the account", () => {
    const r = runOne(governedTokenEconomy.with(planted('account')), spec, { ...opts, check: true });
    expect(r.status).toBe('failed');
    expect(r.errorTick).toBe(5);
    expect(r.error).toMatch(/treasury.*around the ledger|token conservation broken/);
  });

  it('is off by default, so the same run completes', () => {
    expect(runOne(governedTokenEconomy.with(planted('mint')), spec, { ...opts, check: false }).status).toBe('ok');
  });

  it('passes a correct model', () => {
    expect(runOne(governedTokenEconomy, spec, { ...opts, check: true }).status).toBe('ok');
  });
});
