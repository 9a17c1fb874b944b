import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOverrides, type DeepPartial } from '../../src/experiment/define';
import { runOne, type RunResult } from '../../src/experiment/runOne';
import { defiEconomy, type DefiEconomyParams } from '../../src/models/defiEconomy';

const logUniform = (lo: number, hi: number) => fc.double({ min: Math.log10(lo), max: Math.log10(hi), noNaN: true }).map((e) => 10 ** e);
/** A share in [0, 1]: its ends, or a uniform draw on a grid of 1e-6 (fast-check's doubles crowd at subnormals, where no position is levered). */
const share = fc.oneof({ arbitrary: fc.constantFrom(0, 1), weight: 1 }, { arbitrary: fc.integer({ min: 0, max: 1_000_000 }).map((x) => x / 1_000_000), weight: 4 });
const rate = fc.record({ base: share.map((x) => x * 0.2), slope1: share, slope2: share.map((x) => x * 10), optimal: fc.integer({ min: 1, max: 999 }).map((x) => x / 1000) });

/** A market's risk parameters over their whole legal range: CF ≤ LT, LT · (1 + bonus) ≤ 1. */
const market = fc.record({ cf: share, lt: share, bonus: share, reserveFactor: share.map((x) => x * 0.99), rate }).map((m) => {
  const lt = m.cf + (1 - m.cf) * m.lt;
  return {
    collateralFactor: m.cf,
    liquidationThreshold: lt,
    liquidationBonus: lt > 0 ? Math.min(1, 1 / lt - 1) * m.bonus : m.bonus,
    reserveFactor: m.reserveFactor,
    rate: m.rate,
  };
});

/** The DeFi parameters where the money moves, over their full legal ranges: markets, liquidation rules, LST fees and pool, the fund's yield, lag, settlement, limits and defaults, a price shock. */
const economy = fc.record({
  token: market,
  usd: market,
  lst: market,
  rwa: market,
  closeFactor: fc.integer({ min: 1, max: 1000 }).map((x) => x / 1000),
  fullCloseHealthFactor: share,
  lstOracle: fc.constantFrom('market' as const, 'redemption' as const),
  incentives: fc.option(logUniform(1, 1e8), { nil: 0 }),
  unbondingTicks: fc.integer({ min: 0, max: 15 }),
  extraDelay: fc.integer({ min: 0, max: 10 }),
  lstFee: share,
  lstPool: fc.record({ lstReserve: logUniform(1, 1e9), tokenReserve: logUniform(1, 1e9), feeBps: fc.integer({ min: 0, max: 10_000 }) }),
  yieldPerYear: share.map((x) => 2 * x - 1),
  feePerYear: share.map((x) => x * 0.2),
  navLagTicks: fc.integer({ min: 0, max: 20 }),
  settlementTicks: fc.integer({ min: 0, max: 10 }),
  pricing: fc.constantFrom('settlement' as const, 'request' as const),
  mintLimit: logUniform(1, 1e9),
  redeemLimit: logUniform(1, 1e9),
  defaultProbabilityPerYear: fc.option(logUniform(0.1, 365), { nil: 0 }),
  lossGivenDefault: share,
  writeDown: share,
  rwaPool: fc.record({ units: logUniform(1, 1e9), feeBps: fc.integer({ min: 0, max: 10_000 }) }),
  shockTokens: logUniform(1e3, 1e8),
  shockAt: fc.integer({ min: 4, max: 20 }),
  borrowerMix: fc.tuple(share, share, share).map(([a, b, c]) => (a + b + c > 0 ? { token: a / (a + b + c), lst: b / (a + b + c), rwa: c / (a + b + c) } : { token: 1, lst: 0, rwa: 0 })),
  ltv: fc.tuple(share, share).map(([a, b]) => ({ dist: 'uniform' as const, min: Math.min(a, b), max: Math.max(a, b) })),
  panicShare: share,
  seed: fc.integer({ min: 0, max: 2 ** 31 }),
});
type Case = typeof economy extends fc.Arbitrary<infer T> ? T : never;

function defiCase(c: Case): DefiEconomyParams {
  const m = (x: Case['token'], borrowable: boolean) => ({ ...x, borrowable });
  const over: DeepPartial<DefiEconomyParams> = {
    staking: { unbondingTicks: c.unbondingTicks },
    lending: {
      markets: { token: m(c.token, true), usd: m(c.usd, true), lst: m(c.lst, false), rwa: m(c.rwa, false) },
      closeFactor: c.closeFactor,
      fullCloseHealthFactor: c.fullCloseHealthFactor,
      lstOracle: c.lstOracle,
      incentiveTokensPerYear: c.incentives,
    },
    liquidStaking: { feeShare: c.lstFee, redemptionDelayTicks: c.unbondingTicks + c.extraDelay, pool: c.lstPool },
    rwaVault: {
      yieldPerYear: c.yieldPerYear,
      feePerYear: c.feePerYear,
      navLagTicks: c.navLagTicks,
      settlementTicks: c.settlementTicks,
      pricing: c.pricing,
      mintLimitUsdPerTick: c.mintLimit,
      redeemLimitUsdPerTick: c.redeemLimit,
      defaultProbabilityPerYear: c.defaultProbabilityPerYear,
      lossGivenDefault: c.lossGivenDefault,
      events: [{ atTick: 8, writeDown: c.writeDown }],
      pool: c.rwaPool,
    },
    priceShock: { tokens: c.shockTokens, sells: true, atTick: c.shockAt, overTicks: 2, windowTicks: 5 },
    stakers: { count: 15 },
    traders: { count: 15 },
    nodeOperators: { candidates: 10, initialNodes: 3 },
    depositors: { count: 15 },
    // Borrowers review every tick and close the whole gap to their target, so positions are levered before the shock.
    borrowers: { count: 25, mix: c.borrowerMix, targetLtv: c.ltv, activity: 1, adjustShare: 1, hurdle: { dist: 'constant', value: 0 } },
    liquidators: { count: 2 },
    lstStakers: { count: 15, panic: { atTick: 5, share: c.panicShare } },
    rwaInvestors: { count: 15 },
  };
  return applyOverrides(defiEconomy.defaults, over, 'test');
}

const run = (params: DefiEconomyParams, seed: number, ticks = 25): RunResult =>
  runOne(defiEconomy, { runId: 0, variant: 'p', point: 0, replicate: 0, seed, params } as never, { ticks, every: 1, metrics: null, check: true });

/** A failure a run may have with extreme parameters, that is not money appearing, vanishing or moving around the ledger. */
const HONEST_FAILURE = /price is|not finite/;

describe('the DeFi economy', () => {
  it('conserves every token, USD, LST and RWA unit every tick over the full legal parameter ranges, liquidations and write-downs included (property, --check)', () => {
    let liquidated = 0;
    let writtenDown = 0;
    let badDebt = 0;
    fc.assert(
      fc.property(economy, (c) => {
        const params = defiCase(c);
        defiEconomy.schema.parse(params);
        const r = run(params, c.seed);
        if (r.status === 'failed') {
          expect(r.error).toMatch(HONEST_FAILURE);
          return;
        }
        for (const [k, v] of Object.entries(r.summary)) expect(Number.isFinite(v), `KPI ${k} = ${v}`).toBe(true);
        if (r.summary.total_liquidations > 0) liquidated++;
        if (r.summary.total_rwa_writedown_usd > 0) writtenDown++;
        if (r.summary.total_bad_debt_usd > 0) badDebt++;
      }),
      { numRuns: 60, seed: 16 },
    );
    // The property covers what it claims: runs with liquidations, bad debt and write-downs.
    expect(liquidated).toBeGreaterThan(5);
    expect(badDebt).toBeGreaterThan(0);
    expect(writtenDown).toBeGreaterThan(5);
  });

  it('is deterministic: the same parameters and seed give byte-identical series and KPIs', () => {
    const c = fc.sample(economy, { numRuns: 1, seed: 3 })[0];
    const params = defiCase(c);
    const a = run(params, 11, 30);
    const b = run(params, 11, 30);
    expect(a.status).toBe('ok');
    const bytes = (r: RunResult) => JSON.stringify([r.summary, Object.entries(r.series).map(([k, v]) => [k, Array.from(v)])]);
    expect(bytes(a)).toBe(bytes(b));
    expect(bytes(run(params, 12, 30))).not.toBe(bytes(a));
  });

  it('keeps every KPI finite at the defaults, with a shock that liquidates', () => {
    const params = applyOverrides<DefiEconomyParams>(defiEconomy.defaults, {
      priceShock: { tokens: 1_000_000, sells: true, atTick: 10 },
      borrowers: { count: 60, targetLtv: { dist: 'uniform', min: 0.8, max: 0.98 }, activity: 1, adjustShare: 1 },
    }, 'test');
    const r = run(params, 1, 30);
    expect(r.status).toBe('ok');
    for (const [k, v] of Object.entries(r.summary)) expect(Number.isFinite(v), `KPI ${k} = ${v}`).toBe(true);
    expect(r.summary.total_liquidations).toBeGreaterThan(0);
  });
});
