import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { validateParams } from '../../src/core/params';
import { Ledger } from '../../src/core/ledger';
import { Emission, type EmissionParams, scheduledEmission } from '../../src/mechanisms/emission';
import { FormulaEmission } from '../../src/mechanisms/formulaEmission';
import { tokenEconomyDefaults, tokenEconomySchema } from '../../src/models/tokenEconomy';

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

  it('compiles once in the mechanism and reuses it every tick', () => {
    const ledger = new Ledger();
    const p = formula('rate * exp(-years)');
    const em = new Emission(() => p, [{ name: 'x', share: () => 1, pay: () => true }], () => ({ ...st }));

    for (let t = 1; t <= 3; t++) em.pre({ tick: t, ticksPerYear: 365, ledger });

    const expected = (10 * (Math.exp(-1 / 365) + Math.exp(-2 / 365) + Math.exp(-3 / 365)));
    expect(ledger.minted).toBeCloseTo(expected, 10);
  });

  it.each([
    ['supply *', /syntax error/],
    ['supply * staked_share', /unknown symbol "staked_share"/],
    ['frobnicate(supply)', /unknown function "frobnicate"/],
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
    const p = { ...tokenEconomyDefaults, emission: { ...tokenEconomyDefaults.emission, schedule: 'formula' as const, formula: 'supply * k' } };

    expect(() => validateParams(tokenEconomySchema, p)).toThrow(/emission\.formula.*unknown symbol "k"/);
  });
});
