import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { airdropWallets } from '../../agents/airdropWallets';
import { main } from '../../src/cli/main';
import { validateParams } from '../../src/core/params';
import { applyOverrides, type DeepPartial } from '../../src/experiment/define';
import { runExperiment } from '../../src/experiment/runExperiment';
import { runOne } from '../../src/experiment/runOne';
import airdropDesign from '../../experiments/airdrop-design';
import { airdrop } from '../../src/mechanisms/airdrop';
import { airdropEconomy, type AirdropEconomyParams } from '../../src/models/airdropEconomy';
import { captureOutput } from '../helpers/captureOutput';

const c = (value: number) => ({ dist: 'constant' as const, value });
/** No filter, no traders: the price moves only with what the wallets sell. */
const bare = airdropEconomy.without('traders', 'sybilFilter');

function params<M extends typeof bare | typeof airdropEconomy>(model: M, ...overrides: DeepPartial<AirdropEconomyParams>[]) {
  const p = overrides.reduce<AirdropEconomyParams>((acc, o) => applyOverrides(acc, o, 'test'), model.defaults as AirdropEconomyParams);
  validateParams(model.schema, p);
  return p;
}

function build(model: typeof bare | typeof airdropEconomy, p: AirdropEconomyParams, seed = 3) {
  const sim = model.build(p as never, { seed, check: true });
  const world = sim.world;
  const account = (name: string) => world.ledger.accounts.find((a) => a.name === name)!;
  const pop = world.populations.find((q) => q.name === 'airdropWallets')!;
  return { sim, world, account, pop, wallets: sim.api(airdropWallets), program: sim.api(airdrop) };
}

const quietAfterDrop = { sellShare: c(0), sellPace: c(1), churnPerTick: 0, discountPerTick: c(0) };

describe('the points programme through the block', () => {
  it('accrues boosted, holding-multiplied, decayed points with referral shares as worked by hand, and pays them out pro rata', () => {
    // Two real users, each every tick: $100 traded, $1,000 of liquidity, 1 transaction: 100 + 10 + 20 = 130 base points.
    // Tick 1 boosted ×2 (260), then holding ×1.1 (143), ×1.15 (149.5); decay ½; user 1 was referred by user 0 (10%).
    const p = params(bare, {
      airdrop: { tokens: 1000, seasonTicks: 3, rates: { volume: 1, liquidity: 0.01, transactions: 20 }, referralShare: 0.1, holding: { bonusPerTick: 0.1, maxBonus: 0.15 }, boosts: [{ fromTick: 1, toTick: 2, factor: 2 }], decayPerTick: 0.5, walletCapShare: 1, minPoints: 0 },
      airdropWallets: { realUsers: 2, farmers: 0, real: { volumeUsd: c(100), liquidityUsd: c(1000), transactions: c(1), activityChance: 1, referredShare: 1, afterDrop: quietAfterDrop } },
    });
    const { world, pop, account } = build(bare, p);
    const pts = () => [pop.cols.points[0], pop.cols.points[1]];
    world.step();
    expect(pts()[0]).toBeCloseTo(260 + 26, 9);
    expect(pts()[1]).toBeCloseTo(260, 9);
    world.step();
    expect(pts()[0]).toBeCloseTo(143 + 143 + 14.3, 9);
    expect(pts()[1]).toBeCloseTo(130 + 143, 9);
    world.step();
    expect(pts()[0]).toBeCloseTo(150.15 + 149.5 + 14.95, 9);
    expect(pts()[1]).toBeCloseTo(136.5 + 149.5, 9);
    const circulating = world.ledger.circulating();
    world.step();
    expect(pop.cols.allocation[0]).toBeCloseTo((1000 * 314.6) / 600.6, 9);
    expect(pop.cols.allocation[1]).toBeCloseTo((1000 * 286) / 600.6, 9);
    expect(pop.cols.tokens[0] + pop.cols.tokens[1]).toBeCloseTo(1000, 9);
    expect(account('airdrop.reserve').tokens).toBeCloseTo(0, 9);
    // The drop moves 1,000 tokens from the non-circulating reserve into wallets.
    expect(world.ledger.circulating() - circulating).toBeCloseTo(1000, 9);
  });

  it('lets a farmer in at a gas price just under the hand-computed break-even of $20 a transaction, and keeps it out just over', () => {
    // 9 real users and the farmer's one wallet each make 1 transaction a tick for 10 ticks: 200 points each.
    // V(1) = 1000 tokens · $2 · 200 / (9 · 200 + 200) = $200 against a season cost of 10 · gas.
    const at = (gasUsdPerTx: number) =>
      build(
        bare,
        params(bare, {
          airdrop: { tokens: 1000, seasonTicks: 10, rates: { volume: 0, liquidity: 0, transactions: 20 }, referralShare: 0, walletCapShare: 1, minPoints: 0 },
          airdropWallets: {
            realUsers: 9,
            farmers: 1,
            real: { volumeUsd: c(0), liquidityUsd: c(0), transactions: c(1), activityChance: 1, referredShare: 0 },
            farmer: { volumeUsd: 0, liquidityUsd: 0, transactions: 1, costScale: c(1), maxWallets: c(1), walletCostGrowth: 0 },
            costs: { gasUsdPerTx, tradeCostBps: 0, capitalCostPerYear: 0, timeUsdPerTick: 0 },
            expectedPriceUsd: 2,
          },
        }),
      ).wallets.decision;
    expect(at(19.99).farmerWallets).toBe(1);
    expect(at(19.99).walletValueUsd).toBeCloseTo(200, 9);
    expect(at(20.01).farmerWallets).toBe(0);
  });

  it('under claim-or-lock pays the impatient half now (the rest stays in the reserve) and the patient all of it at the unlock', () => {
    // Real users discount nothing: they lock. The farmer discounts 50% a tick: (0.5)^5 < 0.5, it claims half.
    const p = params(bare, {
      airdrop: { tokens: 900, seasonTicks: 2, rates: { volume: 0, liquidity: 0, transactions: 1 }, referralShare: 0, walletCapShare: 1, minPoints: 0, claim: { mode: 'choose', claimShare: 0.5, lockTicks: 5 } },
      airdropWallets: {
        realUsers: 2,
        farmers: 1,
        real: { volumeUsd: c(0), liquidityUsd: c(0), transactions: c(1), activityChance: 1, referredShare: 0, afterDrop: quietAfterDrop },
        farmer: { volumeUsd: 0, liquidityUsd: 0, transactions: 1, costScale: c(1), maxWallets: c(1), walletCostGrowth: 0, afterDrop: { ...quietAfterDrop, discountPerTick: c(0.5) } },
        costs: { gasUsdPerTx: 0, tradeCostBps: 0, capitalCostPerYear: 0, timeUsdPerTick: 0 },
      },
    });
    const { world, pop, account } = build(bare, p);
    for (let t = 1; t <= 2; t++) world.step();
    const circulating = world.ledger.circulating();
    world.step();
    // Three wallets of equal points: 300 tokens each.
    const farmer = pop.cols.farmer.indexOf(1);
    expect(pop.cols.tokens[farmer]).toBeCloseTo(150, 9);
    expect(account('airdrop.locked').tokens).toBeCloseTo(600, 9);
    expect(account('airdrop.reserve').tokens).toBeCloseTo(150, 9);
    expect(world.ledger.circulating() - circulating).toBeCloseTo(150, 9);
    // Dropped at tick 3, unlocked at 3 + 5.
    while (world.tick < 3 + 5 - 1) world.step();
    expect(account('airdrop.locked').tokens).toBeCloseTo(600, 9);
    world.step();
    expect(account('airdrop.locked').tokens).toBe(0);
    for (let i = 0; i < 3; i++) if (i !== farmer) expect(pop.cols.tokens[i]).toBeCloseTo(300, 9);
  });
});

describe('a lock released by linear vesting', () => {
  it('pays 400-token locks in four equal parts of 100 on the four ticks after the drop, circulating supply rising by 200 a tick', () => {
    const p = params(bare, {
      airdrop: { tokens: 800, seasonTicks: 2, rates: { volume: 0, liquidity: 0, transactions: 1 }, referralShare: 0, walletCapShare: 1, minPoints: 0, claim: { mode: 'lock', lockTicks: 4, release: 'linear' } },
      airdropWallets: { realUsers: 2, farmers: 0, real: { volumeUsd: c(0), liquidityUsd: c(0), transactions: c(1), activityChance: 1, referredShare: 0, afterDrop: quietAfterDrop } },
    });
    const { world, pop, account } = build(bare, p);
    for (let t = 1; t <= 3; t++) world.step();
    expect(account('airdrop.locked').tokens).toBeCloseTo(800, 9);
    expect(pop.cols.tokens[0]).toBe(0);
    for (let k = 1; k <= 4; k++) {
      const circulating = world.ledger.circulating();
      world.step();
      expect(pop.cols.tokens[0]).toBeCloseTo(100 * k, 9);
      expect(world.ledger.circulating() - circulating).toBeCloseTo(200, 9);
    }
    expect(account('airdrop.locked').tokens).toBe(0);
  });
});

describe('the sybil filter through the drop', () => {
  it("realises its false-positive and false-negative rates among the run's eligible wallets, within 4 standard errors", () => {
    // 4,000 real users and 40 farmers of 50 wallets each (2,000 wallets), all farming: gas is free.
    const model = airdropEconomy.without('traders');
    const p = params(model, {
      airdrop: { seasonTicks: 3, minPoints: 0 },
      sybilFilter: { falsePositiveRate: 0.08, falseNegativeRate: 0.25, heuristics: { funding: 0, timing: 1, similarity: 1 } },
      airdropWallets: {
        realUsers: 4000,
        farmers: 40,
        real: { activityChance: 1 },
        farmer: { maxWallets: c(50), walletCostGrowth: 0 },
        costs: { gasUsdPerTx: 0, tradeCostBps: 0, capitalCostPerYear: 0, timeUsdPerTick: 0 },
      },
    });
    const { world, program } = build(model, p);
    for (let t = 1; t <= 4; t++) world.step();
    const o = program.outcome;
    expect(o.realEligible).toBe(4000);
    expect(o.farmerEligible).toBe(2000);
    const se = (q: number, n: number) => Math.sqrt((q * (1 - q)) / n);
    expect(Math.abs(o.realFlagged / o.realEligible - 0.08)).toBeLessThan(4 * se(0.08, 4000));
    expect(Math.abs(o.farmerMissed / o.farmerEligible - 0.25)).toBeLessThan(4 * se(0.25, 2000));
    // Excluded wallets get nothing; the rest share the whole drop.
    expect(o.allocated).toBeCloseTo(1_000_000, 6);
  });
});

const share = fc.double({ min: 0, max: 1, noNaN: true });
const logUniform = (lo: number, hi: number) => fc.double({ min: Math.log10(lo), max: Math.log10(hi), noNaN: true }).map((e) => 10 ** e);

describe('conservation and determinism with the airdrop on', () => {
  it('keeps minted − burned = Σ holdings every tick and no balance negative, across random programmes, filters and claims', () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.nat(),
          tokens: logUniform(1, 1e9),
          season: fc.integer({ min: 1, max: 20 }),
          lockTicks: fc.integer({ min: 1, max: 15 }),
          conversion: fc.constantFrom('season' as const, 'snapshot' as const),
          mode: fc.constantFrom('claim' as const, 'lock' as const, 'choose' as const),
          release: fc.constantFrom('cliff' as const, 'linear' as const),
          claimShare: share,
          decay: fc.double({ min: 0, max: 0.99, noNaN: true }),
          cap: fc.option(logUniform(1, 1e6), { nil: null }),
          walletCapShare: fc.double({ min: 1e-3, max: 1, noNaN: true }),
          minPoints: logUniform(1e-3, 1e4),
          fpr: share,
          fnr: share,
          funding: share,
          action: fc.constantFrom('exclude' as const, 'haircut' as const),
          haircut: share,
          realUsers: fc.integer({ min: 0, max: 40 }),
          farmers: fc.integer({ min: 0, max: 5 }),
          sell: share,
          churn: share,
          price: logUniform(1e-3, 1e3),
          gas: logUniform(1e-3, 100),
        }),
        (x) => {
          const p = params(airdropEconomy, {
            traders: { count: 10 },
            airdrop: { tokens: x.tokens, seasonTicks: x.season, conversion: x.conversion, decayPerTick: x.decay, pointsCap: x.cap, walletCapShare: x.walletCapShare, minPoints: x.minPoints, claim: { mode: x.mode, claimShare: x.claimShare, lockTicks: x.lockTicks, release: x.release } },
            sybilFilter: { falsePositiveRate: x.fpr, falseNegativeRate: x.fnr, heuristics: { funding: x.funding, timing: 1 - x.funding, similarity: 0.1 }, action: x.action, haircutShare: x.haircut },
            airdropWallets: {
              realUsers: x.realUsers,
              farmers: x.farmers,
              farmer: { maxWallets: { dist: 'uniform', min: 1, max: 8 } },
              real: { afterDrop: { sellShare: { dist: 'uniform', min: 0, max: x.sell }, sellPace: c(0.5), churnPerTick: x.churn, discountPerTick: { dist: 'uniform', min: 0, max: 0.1 } } },
              costs: { gasUsdPerTx: x.gas, tradeCostBps: 10, capitalCostPerYear: 0.1, timeUsdPerTick: 0.1 },
              expectedPriceUsd: x.price,
            },
          });
          // check: true asserts conservation of tokens and USD at the end of every tick.
          const { world, account } = build(airdropEconomy, p, x.seed);
          for (let t = 0; t < x.season + x.lockTicks + 3; t++) world.step();
          const l = world.ledger;
          expect(Math.abs(l.totalTokenHoldings() - l.supply)).toBeLessThanOrEqual(1e-9 * Math.max(1, l.minted));
          expect(account('airdrop.reserve').tokens).toBeGreaterThanOrEqual(-1e-9 * x.tokens);
          expect(account('airdrop.locked').tokens).toBeLessThanOrEqual(1e-9 * x.tokens);
          for (const pop of world.populations) {
            for (let i = 0; i < pop.size; i++) {
              expect(pop.cols.tokens[i]).toBeGreaterThanOrEqual(-1e-9);
              expect(pop.cols.usd[i]).toBeGreaterThanOrEqual(-1e-9);
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('gives the same series and KPIs for the same seed, and others for another', () => {
    const p = params(airdropEconomy, { airdropWallets: { realUsers: 200, farmers: 10 }, traders: { count: 50 } });
    const run = (seed: number) => runOne(airdropEconomy, { runId: 0, variant: 'v', point: 0, replicate: 0, seed, params: p } as never, { ticks: 130, every: 1, metrics: null, check: true });
    const a = run(3);
    expect(a.status).toBe('ok');
    expect(a.summary).toEqual(run(3).summary);
    expect(a.series).toEqual(run(3).series);
    expect(run(4).summary).not.toEqual(a.summary);
  });
});

describe('the airdrop-design experiment', () => {
  const root = mkdtempSync(join(tmpdir(), 'tokensim-airdrop-design-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('runs every variant past the drop with conservation checked every tick', async () => {
    const out = await runExperiment(airdropDesign, { out: join(root, 'run'), log: null, seeds: 1, ticks: 100, check: true });
    expect(out.runs).toBe(Object.keys(airdropDesign.variants).length);
    expect(out.failed).toBe(0);
  });
});

describe('bad airdrop parameters', () => {
  const refuse = (over: object) => () => validateParams(airdropEconomy.schema, applyOverrides(airdropEconomy.defaults, over, 'test'));

  it('refuses each with one line naming the parameter', () => {
    expect(refuse({ airdrop: { boosts: [{ fromTick: 0, toTick: 10, factor: -2 }] } })).toThrow(/^[^\n]*airdrop\.boosts\.0\.factor[^\n]*$/);
    expect(refuse({ airdrop: { rates: { volume: -1 } } })).toThrow(/^[^\n]*airdrop\.rates\.volume[^\n]*$/);
    expect(refuse({ airdrop: { walletCapShare: 1.5 } })).toThrow(/^[^\n]*airdrop\.walletCapShare[^\n]*$/);
    expect(refuse({ airdrop: { claim: { claimShare: 1.2 } } })).toThrow(/airdrop\.claim\.claimShare/);
    expect(refuse({ sybilFilter: { falsePositiveRate: 1.1 } })).toThrow(/^[^\n]*sybilFilter\.falsePositiveRate[^\n]*$/);
    expect(refuse({ sybilFilter: { heuristics: { funding: 0, timing: 0, similarity: 0 } } })).toThrow(/sybilFilter\.heuristics.*at least one heuristic/);
    expect(refuse({ airdrop: { boosts: [{ fromTick: 5, toTick: 5, factor: 2 }] } })).toThrow(/airdrop\.boosts\.0\.toTick.*expected toTick > fromTick/);
  });

  const root = mkdtempSync(join(tmpdir(), 'tokensim-airdrop-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const io = captureOutput();

  it('makes tokensim run exit 2 with that one line, before any run and writing nothing', async () => {
    const out = join(root, 'bad');
    const experiment = join(__dirname, '..', '..', 'experiments', 'airdrop-design.ts');
    expect(await main(['run', experiment, '--set', 'airdrop.walletCapShare=1.5', '--out', out, '--quiet'])).toBe(2);
    expect(io.stderr.trim().split('\n')).toHaveLength(1);
    expect(io.stderr).toMatch(/airdrop\.walletCapShare/);
    expect(existsSync(out)).toBe(false);
  });
});
