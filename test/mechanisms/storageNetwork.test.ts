import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { captureOutput } from '../helpers/captureOutput';
import { storageProviders } from '../../agents/storageProviders';
import { validateParams } from '../../src/core/params';
import { DEFAULT_BASELINE_TOTAL, DEFAULT_SIMPLE_TOTAL, EPOCHS_IN_YEAR, computeReward } from '../../src/exact/filecoinReward';
import { applyOverrides, type DeepPartial } from '../../src/experiment/define';
import { runOne } from '../../src/experiment/runOne';
import { marketPort } from '../../src/market/amm';
import { MINTING_LAMBDA_PER_EPOCH, BASELINE_GROWTH_PER_EPOCH } from '../../src/mechanisms/storageMinting';
import { storage } from '../../src/mechanisms/storageNetwork';
import { storageNetwork, type StorageNetworkModelParams } from '../../src/models/storageNetwork';

const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const DAY = 2880;

/** Providers that never add, never leave, cost nothing and sell nothing: the network's power is what they start with. */
const frozen: DeepPartial<StorageNetworkModelParams> = {
  storage: { faultRatePerSectorPerTick: 0 },
  storageProviders: {
    candidates: 10,
    initialProviders: 10,
    initialTiB: { dist: 'constant', value: 100 },
    considerProbability: 0,
    costUsdPerTiBYear: { dist: 'constant', value: 0 },
    patienceTicks: { dist: 'constant', value: 1e9 },
    sellRewardsShare: 0,
  },
};

function params(...overrides: DeepPartial<StorageNetworkModelParams>[]): StorageNetworkModelParams {
  const p = overrides.reduce<StorageNetworkModelParams>((acc, o) => applyOverrides(acc, o, 'test'), storageNetwork.defaults);
  validateParams(storageNetwork.schema, p);
  return p;
}

function build(p: StorageNetworkModelParams, seed = 5, check = true) {
  const sim = storageNetwork.build(p, { seed, check });
  return { sim, world: sim.world, net: sim.api(storage), providers: sim.api(storageProviders), pool: sim.api(marketPort) };
}

describe('the storage network minting, through the block', () => {
  it('mints simple rewards S·(1 − e^{−λt}) in total after 1, 6 and 12 years, to 1e-9 relative', () => {
    // Baseline minting off: what is minted is the simple part alone.
    const { world, net } = build(params(frozen, { storage: { simpleTotal: 330e6, baselineTotal: 0 } }));
    const minted0 = world.ledger.minted;
    let paid = 0;
    for (const years of [1, 6, 12]) {
      while (world.tick < years * 365) {
        world.step();
        paid += net.lastMint.simple;
      }
      const t = years * EPOCHS_IN_YEAR;
      const closed = 330e6 * (1 - Math.exp(-MINTING_LAMBDA_PER_EPOCH * t));
      expect(net.minting.epoch).toBe(t);
      expect(relErr(paid, closed)).toBeLessThan(1e-9);
      expect(relErr(world.ledger.minted - minted0, closed)).toBeLessThan(1e-9);
    }
    // Half of S after six years: λ is ln 2 over six years.
    expect(relErr(net.minting.simpleMintedTotal, 330e6 * (1 - 2 ** -2))).toBeLessThan(1e-9);
  });

  it('mints baseline rewards B·(1 − e^{−λθ}) with θ = t along a network at or above the baseline', () => {
    // 1,000 TiB against a baseline of 0.1 TiB that doubles 12 times in 12 years: always above, so R̄ is the baseline's integral.
    const { world, net } = build(params(frozen, { storage: { simpleTotal: 0, baselineTotal: 770e6, baselineInitialTiB: 0.1 } }));
    let paid = 0;
    for (const years of [1, 6, 12]) {
      while (world.tick < years * 365) {
        world.step();
        paid += net.lastMint.baseline;
      }
      const t = years * EPOCHS_IN_YEAR;
      expect(relErr(net.minting.theta, t)).toBeLessThan(1e-9);
      expect(relErr(paid, 770e6 * (1 - Math.exp(-MINTING_LAMBDA_PER_EPOCH * net.minting.theta)))).toBeLessThan(1e-9);
      expect(relErr(paid, 770e6 * (1 - Math.exp(-MINTING_LAMBDA_PER_EPOCH * t)))).toBeLessThan(1e-9);
    }
  });

  it('advances θ = ln(1 + g·N·t/b₀)/g along a network held below the baseline', () => {
    // 1,000 TiB against a baseline of 1,000,000 TiB: R̄ = N·t.
    const { world, net } = build(params(frozen, { storage: { baselineInitialTiB: 1e6 } }));
    for (let t = 0; t < 100; t++) world.step();
    const epochs = 100 * DAY;
    const theta = Math.log1p((BASELINE_GROWTH_PER_EPOCH * 1000 * epochs) / 1e6) / BASELINE_GROWTH_PER_EPOCH;
    expect(relErr(net.minting.theta, theta)).toBeLessThan(1e-12);
    // ≈ N/b₀ · t = 0.1% of the time elapsed.
    expect(net.minting.theta / epochs).toBeCloseTo(1e-3, 5);
  });

  it("pays each tick the sum of the reward actor's computeReward over the tick's 2880 epochs", () => {
    const { world, net } = build(params(frozen, { storage: { simpleTotal: 330e6, baselineTotal: 770e6, baselineInitialTiB: 500 } }));
    for (const tick of [0, 365]) {
      while (world.tick < tick) world.step();
      const theta0 = net.minting.theta;
      world.step();
      const theta1 = net.minting.theta;
      // θ in Q.128 (to 2^-40 of an epoch) and the whole reward in attoFIL, as the actor computes it.
      const q = (x: number) => BigInt(Math.round(x * 2 ** 40)) << 88n;
      let simple = 0n;
      for (let e = tick * DAY + 1; e <= (tick + 1) * DAY; e++) simple += computeReward(e, 0n, 0n, DEFAULT_SIMPLE_TOTAL, DEFAULT_BASELINE_TOTAL);
      const baseline = computeReward(0, q(theta0), q(theta1), DEFAULT_SIMPLE_TOTAL, DEFAULT_BASELINE_TOTAL) - computeReward(0, 0n, 0n, DEFAULT_SIMPLE_TOTAL, DEFAULT_BASELINE_TOTAL);
      expect(relErr(net.lastMint.simple, Number(simple) / 1e18)).toBeLessThan(1e-9);
      expect(relErr(net.lastMint.baseline, Number(baseline) / 1e18)).toBeLessThan(1e-9);
    }
  });

  it('pays providers pro rata to their active TiB, and mints exactly what it pays', () => {
    const { world, net, sim } = build(params(frozen, { storageProviders: { initialTiB: { dist: 'uniform', min: 10, max: 200 } } }));
    world.step();
    const pop = world.populations.find((p) => p.name === 'storageProviders')!;
    const reward = net.lastMint.simple + net.lastMint.baseline;
    for (let i = 0; i < 10; i++) expect(pop.cols.blockReward[i]).toBeCloseTo((reward * pop.cols.storedTiB[i]) / net.networkTiB, 9);
    const route = sim.routes!.find((r) => r.reason === 'block reward')!;
    expect(route.tick).toBeCloseTo(reward, 9);
  });
});

describe('pledge, faults and termination, through the block', () => {
  it('prices a new TiB at 20 days of its reward share plus 0.3 · CS · (0.7 / max(N, b) + 0.3 / N), having locked the genesis pledge', () => {
    const { net } = build(params(frozen));
    expect(net.networkTiB).toBe(1000);
    expect(net.pledgeLocked).toBeGreaterThan(0);
    // A fresh TiB at the end of genesis: rewardPerDay · 20 / N + 0.3 · CS · (0.7 / max(N, b) + 0.3 / N).
    const s = net.pledgeState();
    const expected = (s.rewardPerDay * 20) / 1000 + 0.3 * s.circulating * (0.7 / Math.max(1000, s.baselineTiB) + 0.3 / 1000);
    expect(net.pledgeFor(1)).toBeCloseTo(expected, 9);
  });

  it('with every sector faulty mints nothing and burns 3.51 days of each provider’s expected reward', () => {
    const p = params(frozen, { storage: { faultRatePerSectorPerTick: 1 }, storageProviders: { initialTokens: { dist: 'constant', value: 1000 } } });
    const { world, net } = build(p);
    const state = net.pledgeState();
    const burned0 = world.ledger.burned;
    world.step();
    expect(net.lastMint.simple + net.lastMint.baseline).toBe(0);
    expect(net.faultyTiB).toBe(1000);
    // Each 100 TiB of 1,000: rewardPerDay · 3.51 · 100 / 1000, ten providers, paid from their liquid tokens.
    const fees = state.rewardPerDay * 3.51;
    expect(net.faultFees).toBeCloseTo(fees, 9);
    expect(world.ledger.burned - burned0).toBeCloseTo(fees, 9);
  });

  it('takes a fault fee from the pledge when the provider holds no liquid tokens', () => {
    const { world, net } = build(params(frozen, { storage: { faultRatePerSectorPerTick: 1 } }));
    const pledge0 = net.pledgeLocked;
    const fees = net.pledgeState().rewardPerDay * 3.51;
    world.step();
    expect(pledge0 - net.pledgeLocked).toBeCloseTo(fees, 9);
  });

  it('returns a terminated share of pledge less 8.5% and burns the 8.5%', () => {
    const { world, net } = build(params(frozen));
    const pop = world.populations.find((p) => p.name === 'storageProviders')!;
    const pledged = pop.cols.pledged[3];
    const tokens = pop.cols.tokens[3];
    const burned0 = world.ledger.burned;
    // 40 of 100 TiB: 40% of the pledge released, 8.5% of it burned, the rest liquid again.
    const fee = net.terminate(3, 40);
    expect(fee).toBeCloseTo(0.4 * pledged * 0.085, 9);
    expect(pop.cols.pledged[3]).toBeCloseTo(0.6 * pledged, 9);
    expect(pop.cols.tokens[3] - tokens).toBeCloseTo(0.4 * pledged * 0.915, 9);
    expect(world.ledger.burned - burned0).toBeCloseTo(fee, 9);
    expect(net.networkTiB).toBe(960);
  });

  it('pays clients\' deals for min(demand, power) TiB at the price per TiB-year over 365 ticks', () => {
    const deals = { adoption: 'logistic' as const, initialTiB: 300, marketSizeTiB: 300, shockSd: 0, priceUsdPerTiBYear: 36.5 };
    const { world, net } = build(params(frozen, { storage: { deals } }));
    world.step();
    expect(net.dealServedTiB).toBe(300);
    // 300 TiB · $36.5 / 365 = $30 a day.
    expect(net.dealRevenueUsd).toBeCloseTo(30, 12);
  });
});

const logUniform = (lo: number, hi: number) => fc.double({ min: Math.log10(lo), max: Math.log10(hi), noNaN: true }).map((e) => 10 ** e);
const share = fc.double({ min: 0, max: 1, noNaN: true });

/** The storage network over its legal ranges where money moves: pool, minting totals, baseline, collateral, faults, deals, providers. */
const configArb = fc.record({
  seed: fc.nat(),
  clock: fc.constantFrom([365, 2880], [8760, 120], [12, 87_600]),
  tokenReserve: logUniform(1, 1e9),
  usdReserve: logUniform(1, 1e9),
  feeBps: fc.integer({ min: 0, max: 1000 }),
  candidates: fc.integer({ min: 0, max: 40 }),
  initialShare: share,
  faultRate: share,
  sectorTiB: logUniform(1e-3, 1),
  consider: share,
  sell: share,
  cost: logUniform(1e-3, 1e4),
  dealPrice: logUniform(1e-3, 1e4),
  simpleTotal: logUniform(1, 1e9),
  baselineTotal: logUniform(1, 1e9),
  baselineInitialTiB: logUniform(1e-2, 1e7),
  projectionDays: fc.double({ min: 0, max: 3650, noNaN: true }),
  lockTargetShare: share,
  baselinePledgeShare: share,
  faultFeeDays: fc.double({ min: 0, max: 365, noNaN: true }),
  terminationFeeShare: share,
});

describe('conservation and determinism with the storage network on', () => {
  it('keeps minted − burned = Σ holdings every tick and no balance negative, across random configurations', () => {
    fc.assert(
      fc.property(configArb, (c) => {
        const p = params({
          ticksPerYear: c.clock[0],
          amm: { tokenReserve: c.tokenReserve, usdReserve: c.usdReserve, feeBps: c.feeBps },
          storage: {
            epochsPerTick: c.clock[1],
            sectorTiB: c.sectorTiB,
            faultRatePerSectorPerTick: c.faultRate,
            simpleTotal: c.simpleTotal,
            baselineTotal: c.baselineTotal,
            baselineInitialTiB: c.baselineInitialTiB,
            pledge: { projectionDays: c.projectionDays, lockTargetShare: c.lockTargetShare, baselinePledgeShare: c.baselinePledgeShare, faultFeeDays: c.faultFeeDays, terminationFeeShare: c.terminationFeeShare },
            deals: { priceUsdPerTiBYear: c.dealPrice, shockSd: 0.1, shockPersistence: 0.5 },
          },
          storageProviders: {
            candidates: c.candidates,
            initialProviders: Math.floor(c.candidates * c.initialShare),
            considerProbability: c.consider,
            sellRewardsShare: c.sell,
            costUsdPerTiBYear: { dist: 'uniform', min: 0, max: c.cost },
            hardwareUsdPerTiB: { dist: 'uniform', min: 0, max: c.cost },
            patienceTicks: { dist: 'uniform', min: 1, max: 10 },
          },
        });
        // check: true asserts conservation of tokens and USD at the end of every tick.
        const { world } = build(p, c.seed, true);
        for (let t = 0; t < 40; t++) world.step();
        const l = world.ledger;
        expect(Math.abs(l.totalTokenHoldings() - l.supply)).toBeLessThanOrEqual(1e-9 * Math.max(1, l.minted));
        for (const pop of world.populations) {
          for (let i = 0; i < pop.size; i++) {
            expect(pop.cols.tokens[i]).toBeGreaterThanOrEqual(-1e-9);
            expect(pop.cols.usd[i]).toBeGreaterThanOrEqual(-1e-9);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('gives the same series and KPIs for the same seed, and others for another', () => {
    const run = (seed: number) =>
      runOne(storageNetwork, { runId: 0, variant: 'v', point: 0, replicate: 0, seed, params: storageNetwork.defaults } as never, { ticks: 120, every: 1, metrics: null, check: true });
    const a = run(3);
    const b = run(3);
    expect(a.status).toBe('ok');
    expect(a.summary).toEqual(b.summary);
    expect(a.series).toEqual(b.series);
    expect(run(4).summary).not.toEqual(a.summary);
  });
});

describe('bad storage parameters', () => {
  const refuse = (over: object) => () => validateParams(storageNetwork.schema, applyOverrides(storageNetwork.defaults, over, 'test'));

  it('refuses each with one line naming the parameter', () => {
    expect(refuse({ storage: { faultRatePerSectorPerTick: -0.01 } })).toThrow(/^[^\n]*storage\.faultRatePerSectorPerTick[^\n]*$/);
    expect(refuse({ storage: { pledge: { lockTargetShare: 1.5 } } })).toThrow(/^[^\n]*storage\.pledge\.lockTargetShare[^\n]*$/);
    expect(refuse({ storage: { pledge: { baselinePledgeShare: -0.1 } } })).toThrow(/storage\.pledge\.baselinePledgeShare/);
    expect(refuse({ storage: { deals: { initialTiB: 100, marketSizeTiB: 10 } } })).toThrow(/storage\.deals\.marketSizeTiB.*at least initialTiB/);
    expect(refuse({ storageProviders: { candidates: 5, initialProviders: 6 } })).toThrow(/storageProviders\.initialProviders/);
  });

  it('refuses a tick whose epochs do not make the minting year with the model\'s ticks per year', () => {
    expect(refuse({ storage: { epochsPerTick: 1000 } })).toThrow(/storage\.epochsPerTick.*1000 epochs × 365 ticks.*expected 2880/);
    expect(refuse({ ticksPerYear: 52, storage: { epochsPerTick: 20_215 } })).toThrow(/storage\.epochsPerTick.*expected 20215\.38/);
    expect(refuse({ ticksPerYear: 365 * 24, storage: { epochsPerTick: 120 } })).not.toThrow();
  });

  const root = mkdtempSync(join(tmpdir(), 'tokensim-storage-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const io = captureOutput();

  it('makes tokensim run exit 2 with that one line, before any run and writing nothing', async () => {
    const out = join(root, 'bad');
    const experiment = join(__dirname, '..', '..', 'experiments', 'storage-network.ts');
    expect(await main(['run', experiment, '--set', 'storage.faultRatePerSectorPerTick=-0.5', '--out', out, '--quiet'])).toBe(2);
    expect(io.stderr.trim().split('\n')).toHaveLength(1);
    expect(io.stderr).toMatch(/storage\.faultRatePerSectorPerTick.*>=0/);
    expect(existsSync(out)).toBe(false);
  });
});
