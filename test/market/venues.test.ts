import { describe, expect, it } from 'vitest';
import { arbitrageurs, optimalTrip } from '../../agents/arbitrageurs';
import { liquidityProviders, lpNetYield } from '../../agents/liquidityProviders';
import { traders } from '../../agents/traders';
import { amm } from '../../src/market/amm';
import { exchange } from '../../src/market/exchange';
import { bookDensity } from '../../src/market/impactVenue';
import { splitOrder } from '../../src/market/orderRouter';
import { buildBlocks } from '../helpers/blocks';

describe('the external exchange (linear impact in log price)', () => {
  it('has the density its 2% depth gives, and buying that depth moves the mid 2%', () => {
    expect(bookDensity(100_000, 2)).toBeCloseTo(100_000 / 0.04, 9);
    const sim = buildBlocks([amm, exchange], { exchange: { depth2PctUsd: 50_000, feeBps: 0 } });
    const ex = sim.api(exchange);
    const m0 = ex.price;
    const rho = ex.density;
    // Buying q USD gets a = ρ ln(1 + q / (m ρ)) tokens; q = 0.02 m ρ moves the mid by e^(a/ρ) = 1.02.
    const q = 0.02 * m0 * rho;
    expect(ex.quoteBuy(q)).toBeCloseTo(rho * Math.log(1.02), 6);
    expect(q).toBeCloseTo(50_000, 6);
  });

  it('charges the taker fee on the USD side', () => {
    const sim = buildBlocks([amm, exchange], { exchange: { depth2PctUsd: 50_000, feeBps: 100 } });
    const ex = sim.api(exchange);
    const rho = ex.density;
    const m = ex.price;
    expect(ex.quoteBuy(1000)).toBeCloseTo(rho * Math.log(1 + (1000 * 0.99) / (m * rho)), 6);
    expect(ex.quoteSell(10)).toBeCloseTo(0.99 * m * rho * (1 - Math.exp(-10 / rho)), 6);
  });
});

describe('order routing', () => {
  it('splits an order where the two marginal rates meet (closed form for linear marginals)', () => {
    // m_a(x) = 1 − x, m_b(x) = 0.8 − x: equal at 1 − x = 0.8 − (1 − x) → x = 0.6 of an order of 1.
    expect(splitOrder(1, (x) => 1 - x, (x) => 0.8 - x)).toBeCloseTo(0.6, 9);
    // The whole order on a when its last unit still beats b's first.
    expect(splitOrder(0.1, (x) => 1 - x, (x) => 0.5 - x)).toBe(0.1);
    expect(splitOrder(0, (x) => 1 - x, (x) => 1 - x)).toBe(0);
  });

  // A deterministic spread of pools and books: reserves 1e3–1e12, prices 1e-3–1e3, fees 0–100 bps, books 1e-2–1e2 × the pool's depth, orders 1e-6–1 of the reserve.
  function* markets(n: number): Generator<{ X: number; Y: number; g: number; rho: number; m: number; h: number; u: number }> {
    let seed = 11;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let t = 0; t < n; t++) {
      const X = 10 ** (3 + 9 * rnd());
      const Y = X * 10 ** (-3 + 6 * rnd());
      yield { X, Y, g: 1 - 0.01 * rnd(), rho: X * 10 ** (-2 + 4 * rnd()), m: (Y / X) * Math.exp(0.2 * (rnd() - 0.5)), h: 1 - 0.01 * rnd(), u: 10 ** (-6 + 6 * rnd()) };
    }
  }

  it('splits a buy between a pool and a book where the closed form puts it', () => {
    // Pool m_a(x) = X Y g / (Y + g x)², book m_b(y) = ρ h / (m ρ + h y). Equal at u = Y + g x with
    // ρh u² + XYh u − XY(g m ρ + g h q + h Y) = 0, taken in the form without cancellation, u = 2c / (b + √(b² + 4ac)).
    let interior = 0;
    for (const { X, Y, g, rho, m, h, u: share } of markets(4000)) {
      const q = Y * share;
      const s = splitOrder(q, (x) => (X * Y * g) / (Y + x * g) ** 2, (y) => (rho * h) / (m * rho + y * h));
      const a = rho * h;
      const b = X * Y * h;
      const c = X * Y * (g * m * rho + g * h * q + h * Y);
      const x = Math.min(q, Math.max(0, ((2 * c) / (b + Math.sqrt(b * b + 4 * a * c)) - Y) / g));
      if (s > 0 && s < q) interior++;
      expect(Math.abs(s - x) / q, `X ${X} Y ${Y} ρ ${rho} m ${m} q ${q}`).toBeLessThan(1e-9);
    }
    expect(interior, 'most orders are split, not sent to one venue').toBeGreaterThan(1000);
  });

  it('splits a sell between a pool and a book where their marginal rates meet, within rounding', () => {
    // Book m_b(y) = m h e^(−y/ρ): no closed form (a Lambert W); the rates at the split agree to rounding.
    let interior = 0;
    for (const { X, Y, g, rho, m, h, u: share } of markets(4000)) {
      const a = X * share;
      const ma = (x: number) => (X * Y * g) / (X + x * g) ** 2;
      const mb = (y: number) => m * h * Math.exp(-y / rho);
      const s = splitOrder(a, ma, mb);
      if (s === 0) expect(mb(a)).toBeGreaterThanOrEqual(ma(0));
      else if (s === a) expect(ma(a)).toBeGreaterThanOrEqual(mb(0));
      else {
        interior++;
        // A step of 1e-9 of the order either way moves the rates past each other more than the gap left.
        const gap = Math.abs(ma(s) - mb(a - s));
        const step = 1e-9 * a;
        expect(gap, `X ${X} Y ${Y} ρ ${rho} m ${m} a ${a}`).toBeLessThanOrEqual(Math.abs(ma(s + step) - mb(a - s - step) - (ma(s) - mb(a - s))) + 1e-15 * ma(s));
      }
    }
    expect(interior).toBeGreaterThan(1000);
  });
});

describe('arbitrage', () => {
  it('does no trip inside the fees, and a trip that ends where the marginal round trip breaks even', () => {
    const sim = buildBlocks([amm, exchange], { exchange: { depth2PctUsd: 200_000, feeBps: 10 }, amm: { feeBps: 30 } });
    const pool = sim.api(amm);
    const ex = sim.api(exchange);
    expect(optimalTrip(pool, ex, 1e6)).toBe(0);
    expect(optimalTrip(ex, pool, 1e6)).toBe(0);
  });

  it('keeps the pool within its fees of the exchange mid while traders trade', () => {
    const sim = buildBlocks([amm, exchange, traders, arbitrageurs], { traders: { count: 200, activity: 0.5 }, arbitrageurs: { count: 2, gasUsd: 0 } });
    const pool = sim.api(amm);
    const ex = sim.api(exchange);
    let worst = 0;
    for (let t = 0; t < 30; t++) {
      sim.world.step();
      worst = Math.max(worst, Math.abs(Math.log(pool.price / ex.price)));
    }
    // Fees: 0.3% on the pool plus 0.1% on the book, and the bisection's slack.
    expect(worst).toBeLessThan(0.0041);
  });
});

describe('liquidity providers', () => {
  it('expect the fee APR less σ²/8 (loss-versus-rebalancing)', () => {
    expect(lpNetYield(0.2, 0.64)).toBeCloseTo(0.12, 12);
  });

  it('hold LP shares that add up to the pool supply, and mint them pro rata (Uniswap v2 mint)', () => {
    const sim = buildBlocks([amm, liquidityProviders], {
      amm: { tokenReserve: 1_000_000, usdReserve: 500_000 },
      liquidityProviders: { count: 3, initialTokens: { dist: 'constant', value: 10_000 }, initialUsd: { dist: 'constant', value: 10_000 }, genesisDepositShare: 0.5 },
    });
    const pool = sim.api(amm);
    const lp = sim.api(liquidityProviders);
    const shares = lp.population.cols.lpShares;
    // Seed shares √(x₀ y₀); the first LP offers 5,000 USD and 5,000 tokens: tokens bind, ρ = 5,000 / 10⁶, shares = ρ S.
    const seed = Math.sqrt(1_000_000 * 500_000);
    expect(pool.seedShares).toBeCloseTo(seed, 6);
    expect(shares[0]).toBeCloseTo(seed * 0.005, 6);
    let sum = pool.seedShares;
    for (let i = 0; i < 3; i++) sum += shares[i];
    expect(pool.totalShares).toBeCloseTo(sum, 6);
    for (let t = 0; t < 10; t++) sim.world.step();
    sum = pool.seedShares;
    for (let i = 0; i < 3; i++) sum += shares[i];
    expect(pool.totalShares).toBeCloseTo(sum, 6);
  });
});
