import { describe, expect, it } from 'vitest';
import { marketFactorPath } from '../../../src/market/marketFactor';
import { STYLISED_FACT_COLUMNS, stylisedFactKpis, stylisedFacts } from '../../../src/metrics/stylisedFacts/stylisedFacts';
import { pricesFrom } from './series';

const GARCH = { annualVolatility: 0.7, alpha: 0.1, beta: 0.85, nu: 6, driftPerYear: 0, ticksPerYear: 365 };

describe('stylisedFacts', () => {
  it('shows the stylised facts of a GARCH(1,1)-t price: no return autocorrelation, fat tails, clustering, no cycle, no free lunch', () => {
    const facts = stylisedFacts(pricesFrom(marketFactorPath(GARCH, 12, 3650)));
    expect(facts.returns).toBe(3650);
    expect(Math.abs(facts.returnAcf[0])).toBeLessThan(0.1);
    expect(facts.excessKurtosis).toBeGreaterThan(1);
    expect(facts.absReturnAcf[0]).toBeGreaterThan(0.1);
    expect(facts.annualisedVolatility).toBeGreaterThan(0.5);
    expect(facts.annualisedVolatility).toBeLessThan(0.9);
    expect(facts.spectralPeak.share).toBeLessThan(0.2);
    expect(Math.abs(facts.followYesterdaySharpe)).toBeLessThan(1);
    expect(Math.abs(facts.crossoverSharpe)).toBeLessThan(1);
    expect(facts.hillTailIndex).toBeGreaterThan(2);
    expect(facts.hillTailIndex).toBeLessThan(8);
  });

  it('flattens to one number per declared column, in the declared order', () => {
    const kpis = stylisedFactKpis(stylisedFacts(pricesFrom(marketFactorPath(GARCH, 1, 400))));
    expect(Object.keys(kpis)).toEqual(STYLISED_FACT_COLUMNS.map((c) => c.name));
    for (const v of Object.values(kpis)) expect(Number.isFinite(v)).toBe(true);
  });
});
