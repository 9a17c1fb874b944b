import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { validateParams } from '../../src/core/params';
import { type EmissionParams, scheduledEmission } from '../../src/mechanisms/emission';
import { FormulaEmission } from '../../src/mechanisms/formulaEmission';
import { tokenEconomy } from '../../src/models/tokenEconomy';
import { emissionWorld } from './emissionWorld';

function formula(f: string): EmissionParams {
  return { schedule: 'formula', ratePerYear: 3650, decayPerYear: 0, halvingTicks: 10, maxSupply: null, formula: f };
}

const st = { supply: 1_000_000, staked: 250_000, price: 2, feesUsd: 500, treasury: 10 };

describe('emission formulas', () => {
  it('evaluates a formula of the state, per year, divided by ticks per year', () => {
    // 0.05 · supply · (1 − staking_ratio) = 0.05 · 1e6 · 0.75 = 37,500 a year → 37,500 / 365 a tick
    const e = scheduledEmission(formula('0.05 * supply * (1 - staking_ratio)'), 7, 365, st);

    expect(e).toBeCloseTo(37_500 / 365, 10);
  });

  it('reads t, years, price, fees, treasury and the rate parameter', () => {
    const e = scheduledEmission(formula('rate + t + years * tpy + price + fees_usd + treasury'), 5, 365, st);

    expect(e * 365).toBeCloseTo(3650 + 5 + 5 + 2 + 500 + 10, 9);
  });

  it('treats a negative value as no emission', () => {
    expect(scheduledEmission(formula('-supply'), 1, 365, st)).toBe(0);
  });

  it('compiles once in the emission block and evaluates it every tick', () => {
    // rate · exp(−years) at 3650 a year: 10 · e^(−t/365) in tick t.
    const { world } = emissionWorld({ schedule: 'formula', formula: 'rate * exp(-years)' });

    for (let t = 1; t <= 3; t++) world.step();

    const expected = 10 * (Math.exp(-1 / 365) + Math.exp(-2 / 365) + Math.exp(-3 / 365));
    expect(world.ledger.minted - world.ledger.genesisMinted).toBeCloseTo(expected, 10);
  });

  it('recompiles when governance changes the expression', () => {
    // From tick 2 on the formula is a constant 730 a year: 2 a tick.
    const { world, done } = emissionWorld({ schedule: 'formula', formula: 'rate' });

    world.step();
    const first = done.mintedThisTick;
    world.changeParam('emission.formula', '730');
    world.step();

    expect(first).toBeCloseTo(10, 12);
    expect(done.mintedThisTick).toBeCloseTo(2, 12);
  });

  it('reads the model’s state: supply, stake, price and treasury', () => {
    // Genesis 10,000 with 2,500 staked, price 1, treasury 8,950: 0.1 · supply · (1 − ratio) + treasury · price … a year.
    const { world, sim, done } = emissionWorld({ schedule: 'formula', formula: '365 * (0.001 * supply * (1 - staking_ratio) + treasury * price / 1000)' }, { holder: 2500, stake: 2500 });
    const treasury = sim.treasury.tokens;

    world.step();

    expect(done.mintedThisTick).toBeCloseTo(0.001 * 10_000 * 0.75 + treasury / 1000, 9);
  });

  it.each([
    ['supply *', /syntax error/],
    ['supply * staked_share', /unknown symbol "staked_share"/],
    ['frobnicate(supply)', /calls "frobnicate"; allowed functions: abs, exp/],
    ['evaluate("supply")', /calls "evaluate"; allowed functions/],
    ['{ a: supply }.a', /must not use objects or property access/],
    ['supply * tau', /unknown symbol "tau"; expected one of .*, pi, e/],
    ['x = supply', /must not assign/],
    ['[supply, staked]', /must give a finite number.*Matrix/],
    ['supply > staked', /must give a finite number.*boolean/],
    ['supply / 0', /must give a finite number.*Infinity/],
    ['"abc"', /must give a finite number.*string/],
    ['', /non-empty/],
  ])('rejects %j with an InputError quoting it', (expr, message) => {
    let err: unknown;
    try {
      new FormulaEmission(expr);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(message);
    if (expr) expect((err as Error).message).toContain(`"${expr}"`);
    expect((err as Error).message).not.toContain('\n');
  });

  it('rejects a bad formula when the parameters are loaded, before any run', () => {
    const d = tokenEconomy.defaults;
    const p = { ...d, emission: { ...d.emission, schedule: 'formula' as const, formula: 'supply * k' } };

    expect(() => validateParams(tokenEconomy.schema, p)).toThrow(/emission\.formula.*unknown symbol "k"/);
  });
});
