import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { validateParams } from '../../src/core/params';
import { applyOverrides } from '../../src/experiment/define';
import { runOne } from '../../src/experiment/runOne';
import { epochIssuanceEth, validatorsFor } from '../../src/mechanisms/ethereumIssuance';
import { maxPoolReward, memberRewardPerToken, operatorReward, reserveDraw } from '../../src/mechanisms/cardanoRewards';
import { cardanoPos, cardanoPosEnergy, type CardanoPosParams } from '../../src/models/cardanoPos';
import { ethereumPos, ethereumPosEnergy, type EthereumPosParams } from '../../src/models/ethereumPos';
import { tezosPos, tezosPosEnergy, type TezosPosParams } from '../../src/models/tezosPos';
import { algorandPos, algorandPosEnergy, type AlgorandPosParams } from '../../src/models/algorandPos';
import type { PosParams } from '../../src/mechanisms/energy';
import { adaptiveMaximum, staticRate } from '../../src/mechanisms/tezosRates';
import type { CardanoPools } from '../../src/mechanisms/cardano';
import { algorandChain, cardanoChain, ethereumChain, posChains, tezosChain } from '../../src/models/posChains';

const logUniform = (lo: number, hi: number) => fc.double({ min: Math.log10(lo), max: Math.log10(hi), noNaN: true }).map((e) => 10 ** e);

/** The market over wide ranges: pool depth on both sides and its fee. */
const marketArb = fc.record({
  tokenReserve: logUniform(1e-3, 1e12),
  usdReserve: logUniform(1e-3, 1e12),
  feeBps: fc.integer({ min: 0, max: 10_000 }),
});

const ethereumArb = fc.record({
  seed: fc.nat(),
  amm: marketArb,
  stakers: fc.integer({ min: 0, max: 40 }),
  traders: fc.integer({ min: 0, max: 30 }),
  ethPerToken: logUniform(1e-6, 1e9),
  epochsPerYear: fc.oneof(fc.constant(0), logUniform(1e-2, 1e7)),
  unbondingTicks: fc.integer({ min: 0, max: 5 }),
});

const tezosArb = fc.record({
  seed: fc.nat(),
  amm: marketArb,
  stakers: fc.integer({ min: 0, max: 40 }),
  traders: fc.integer({ min: 0, max: 30 }),
  growthRate: fc.double({ min: 0, max: 10, noNaN: true }),
  maxRate: fc.double({ min: 0, max: 1, noNaN: true }),
  adaptiveMaximum: fc.boolean(),
});

const algorandArb = fc.record({
  seed: fc.nat(),
  amm: marketArb,
  stakers: fc.integer({ min: 0, max: 40 }),
  traders: fc.integer({ min: 0, max: 30 }),
  bonusBase: logUniform(1e-3, 1e6),
  decay: fc.double({ min: 0, max: 1, noNaN: true }),
  decayInterval: fc.integer({ min: 1, max: 1e7 }),
  feesPerBlock: fc.double({ min: 0, max: 10, noNaN: true }),
  minBalance: logUniform(1e-3, 1e9),
  goOnlineFee: fc.double({ min: 0, max: 1e4, noNaN: true }),
  poolTokens: fc.oneof(fc.constant(0), logUniform(1e-3, 1e12)),
});

const cardanoArb = fc.record({
  seed: fc.nat(),
  amm: marketArb,
  maxSupply: logUniform(1e10, 1e15),
  epochsPerYear: logUniform(1e-2, 1e6),
  pools: fc.integer({ min: 0, max: 20 }),
  delegators: fc.integer({ min: 0, max: 40 }),
  traders: fc.integer({ min: 0, max: 30 }),
  rho: fc.double({ min: 0, max: 0.999, noNaN: true }),
  tau: fc.double({ min: 0, max: 1, noNaN: true }),
  k: fc.integer({ min: 1, max: 1_000_000 }),
  a0: fc.double({ min: 0, max: 1000, noNaN: true }),
  reconsiderShare: fc.double({ min: 0, max: 1, noNaN: true }),
});

type Drawn<A> = A extends fc.Arbitrary<infer T> ? T : never;

function ethereumParams(c: Drawn<typeof ethereumArb>): EthereumPosParams {
  return applyOverrides<EthereumPosParams>(ethereumPos.defaults, {
    amm: c.amm,
    stakers: { count: c.stakers, adjustShare: 0.5 },
    traders: { count: c.traders },
    ethereumIssuance: { ethPerToken: c.ethPerToken, epochsPerYear: c.epochsPerYear },
    staking: { unbondingTicks: c.unbondingTicks },
  }, 'test');
}

function tezosParams(c: Drawn<typeof tezosArb>): TezosPosParams {
  return applyOverrides<TezosPosParams>(tezosPos.defaults, {
    amm: c.amm,
    stakers: { count: c.stakers, adjustShare: 0.5 },
    traders: { count: c.traders },
    tezosIssuance: { growthRate: c.growthRate, minRate: Math.min(0.0025, c.maxRate), maxRate: c.maxRate, adaptiveMaximum: c.adaptiveMaximum },
  }, 'test');
}

function algorandParams(c: Drawn<typeof algorandArb>): AlgorandPosParams {
  return applyOverrides<AlgorandPosParams>(algorandPos.defaults, {
    amm: c.amm,
    stakers: { count: c.stakers, adjustShare: 0.5 },
    traders: { count: c.traders },
    algorandRewards: { bonusBase: c.bonusBase, decay: c.decay, decayInterval: c.decayInterval, feesPerBlock: c.feesPerBlock, minBalance: c.minBalance, maxBalance: c.minBalance * 100, goOnlineFee: c.goOnlineFee, poolTokens: c.poolTokens },
  }, 'test');
}

function cardanoParams(c: Drawn<typeof cardanoArb>): CardanoPosParams {
  return applyOverrides<CardanoPosParams>(cardanoPos.defaults, {
    amm: c.amm,
    stakePools: { count: c.pools },
    delegators: { count: c.delegators, reconsiderShare: c.reconsiderShare },
    traders: { count: c.traders },
    cardano: { rho: c.rho, tau: c.tau, k: c.k, a0: c.a0, maxSupply: c.maxSupply, epochsPerYear: c.epochsPerYear },
  }, 'test');
}

/** Steps a built model 30 ticks with conservation asserted every tick, then checks supply = Σ holdings. */
function conserves(model: typeof ethereumPos | typeof tezosPos | typeof algorandPos | typeof cardanoPos, params: unknown, seed: number) {
  const sim = model.build(params as never, { seed, check: true });
  sim.world.ledger.check(0);
  for (let t = 0; t < 30; t++) sim.world.step();
  const l = sim.world.ledger;
  expect(Math.abs(l.totalTokenHoldings() - l.supply)).toBeLessThanOrEqual(1e-9 * l.supply);
  return sim;
}

describe('token conservation with the proof-of-stake blocks on', () => {
  it('holds every tick in the Ethereum preset across random configurations', () => {
    fc.assert(
      fc.property(ethereumArb, (c) => {
        conserves(ethereumPos, ethereumParams(c), c.seed);
      }),
      { numRuns: 25 },
    );
  });

  it('holds every tick in the Tezos preset across random configurations', () => {
    fc.assert(
      fc.property(tezosArb, (c) => {
        conserves(tezosPos, tezosParams(c), c.seed);
      }),
      { numRuns: 25 },
    );
  });

  it('holds every tick in the Algorand preset across random configurations, and nothing is minted after genesis', () => {
    fc.assert(
      fc.property(algorandArb, (c) => {
        const sim = conserves(algorandPos, algorandParams(c), c.seed);
        expect(sim.world.ledger.minted).toBe(sim.world.ledger.genesisMinted);
      }),
      { numRuns: 25 },
    );
  });

  it('holds every tick in the Cardano preset across random configurations, and rewards never mint past the cap', () => {
    fc.assert(
      fc.property(cardanoArb, (c) => {
        const p = cardanoParams(c);
        const genesis = cardanoPos.build(p, { seed: c.seed, check: false }).world.ledger.supply;
        if (genesis > p.cardano.maxSupply * (1 + 1e-12)) {
          // A cap below what genesis allocates is refused at the first tick.
          expect(() => cardanoPos.build(p, { seed: c.seed, check: true }).world.step()).toThrow(/cardano\.maxSupply .* is below the supply/);
          return;
        }
        const sim = conserves(cardanoPos, p, c.seed);
        expect(sim.world.ledger.supply).toBeLessThanOrEqual(Math.max(genesis, p.cardano.maxSupply) * (1 + 1e-12));
      }),
      { numRuns: 25 },
    );
  });
});

describe('Ethereum issuance in the preset', () => {
  it('mints epochIssuance(N) · epochsPerYear / ticksPerYear for the stake at the tick', () => {
    const p = applyOverrides<EthereumPosParams>(ethereumPos.defaults, { stakers: { count: 50 }, traders: { count: 0 } }, 'test');
    const sim = ethereumPos.build(p, { seed: 3, check: true });
    const pool = sim.api<{ totalStaked: number }>({ key: 'staking' });
    for (let t = 0; t < 5; t++) sim.world.step();
    const stake = pool.totalStaked;
    const before = sim.world.ledger.minted;
    // Nothing else mints: the next tick's minting is the issuance for the stake at its start
    // (stakers act after the pre phase, where issuance is paid).
    sim.world.step();
    const expected = (epochIssuanceEth(validatorsFor(stake, 1)) * 82_181.25) / 365;
    expect(stake).toBeGreaterThan(32);
    expect(sim.world.ledger.minted - before).toBeCloseTo(expected, 6);
  });
});

describe('Tezos adaptive issuance in the preset', () => {
  it('mints rate · supply / 365 a tick, the rate static + dynamic within the adaptive maximum, the dynamic rate never below 0', () => {
    const p = applyOverrides<TezosPosParams>(tezosPos.defaults, { stakers: { count: 60 }, traders: { count: 0 } }, 'test');
    const sim = tezosPos.build(p, { seed: 2, check: true });
    const pool = sim.api<{ totalStaked: number }>({ key: 'staking' });
    const rate = () => sim.metrics.find((m) => m.name === 'tezos_issuance_rate')!.read();
    const dynamic = () => sim.metrics.find((m) => m.name === 'tezos_dynamic_rate')!.read();
    for (let t = 0; t < 30; t++) {
      const r = sim.world.ledger.supply > 0 ? pool.totalStaked / sim.world.ledger.supply : 0;
      const supply = sim.world.ledger.supply;
      const minted = sim.world.ledger.minted;
      const stakedBefore = pool.totalStaked;
      sim.world.step();
      // Nothing staked at the tick's start: the stakers receive nothing and nothing is minted.
      if (stakedBefore === 0) {
        expect(sim.world.ledger.minted).toBe(minted);
        continue;
      }
      // Stakers act after the pre phase: the rate was set from the ratio at the tick's start.
      const max = Math.min(0.1, adaptiveMaximum(r));
      expect(rate()).toBeLessThanOrEqual(max + 1e-15);
      expect(rate()).toBeGreaterThanOrEqual(0.0025);
      expect(rate()).toBeCloseTo(Math.max(Math.min(staticRate(r) + dynamic(), max), 0.0025), 15);
      expect(dynamic()).toBeGreaterThanOrEqual(0);
      expect(sim.world.ledger.minted - minted).toBeCloseTo((rate() * supply) / 365, 6);
    }
  });
});

describe('Cardano rewards in the preset', () => {
  it('mints one epoch of a hand-set pool and delegator as maxPool and the operator/member split say', () => {
    // One epoch per tick; one pool, one delegator who delegates to it, no traders.
    const p = applyOverrides<CardanoPosParams>(cardanoPos.defaults, {
      ticksPerYear: 73,
      cardano: { epochsPerYear: 73, k: 10 },
      stakePools: { count: 1, pledge: { dist: 'constant', value: 2e8 }, costPerEpoch: { dist: 'constant', value: 340 }, margin: { dist: 'constant', value: 0.02 } },
      delegators: { count: 1, initialTokens: { dist: 'constant', value: 3e9 }, delegateShare: 1 },
      traders: { count: 0 },
    }, 'test');
    const sim = cardanoPos.build(p, { seed: 1, check: true });
    const supply = sim.world.ledger.supply;
    // Supply: pledge 0.2e9 + delegator 3e9 + AMM 1e9; reserve 45e9 − 4.2e9.
    expect(supply).toBeCloseTo(4.2e9, 0);
    const pot = reserveDraw(45e9 - supply, 0.003, 1);
    const f = maxPoolReward(0.8 * pot, 3.2e9 / supply, 2e8 / supply, 10, 0.3);
    const op = operatorReward(f, 340, 0.02, 2e8 / 3.2e9);
    const member = memberRewardPerToken(f, 340, 0.02, 3.2e9) * 3e9;
    sim.world.step();
    const c = sim.api<CardanoPools>({ key: 'cardano' });
    expect(c.toTreasuryThisTick).toBeCloseTo(0.2 * pot, 3);
    expect(sim.world.ledger.minted - supply).toBeCloseTo(0.2 * pot + op + member, 3);
    expect(op + member).toBeCloseTo(f, 3);
  });
});

describe('presets', () => {
  it('give byte-identical KPIs for the same seed', () => {
    for (const m of [ethereumPos, tezosPos, algorandPos, cardanoPos] as const) {
      const p = applyOverrides<{ traders: { count: number } }>(m.defaults as never, { traders: { count: 50 } }, 'test');
      const once = () => runOne(m as never, { runId: 0, seed: 9, params: p } as never, { ticks: 20, every: 5, sampleEvery: 10, metrics: null, check: false, flows: false });
      const [a, b] = [once(), once()];
      expect(a.error).toBeNull();
      expect(JSON.stringify(a.summary)).toBe(JSON.stringify(b.summary));
      expect(JSON.stringify(a.tables)).toBe(JSON.stringify(b.tables));
    }
  });

  it('run in posChains, one chain per variant, exactly as on their own (every KPI they share equal)', () => {
    const opts = { ticks: 30, every: 5, sampleEvery: 10, metrics: null, check: false, flows: false };
    for (const [preset, variant] of [[ethereumPos, ethereumChain], [tezosPos, tezosChain], [algorandPos, algorandChain], [cardanoPos, cardanoChain]] as const) {
      const alone = runOne(preset as never, { runId: 0, seed: 4, params: preset.defaults } as never, opts).summary;
      const side = runOne(posChains as never, { runId: 0, seed: 4, params: applyOverrides(posChains.defaults, variant, 'test') } as never, opts).summary;
      const shared = Object.keys(alone).filter((k) => k in side);
      expect(shared.length).toBeGreaterThan(20);
      for (const k of shared) expect(side[k], k).toBe(alone[k]);
    }
  });

  it('count consensus electricity in posChains as nodes × W × 8,760 h (Tezos: 375 × 28.7 W = 94.2795 MWh, 45.254 t CO2 at 480 g/kWh a year), none by default', () => {
    const opts = { ticks: 30, every: 5, sampleEvery: 10, metrics: null, check: false, flows: false };
    const run = (variant: object) => runOne(posChains as never, { runId: 0, seed: 4, params: applyOverrides(posChains.defaults, variant, 'test') } as never, opts).summary;
    const tezos = run(tezosChain);
    expect(tezos.consensus_energy_mwh_per_year).toBeCloseTo((375 * 28.7 * 8760) / 1e6, 9);
    expect(tezos.consensus_energy_mwh_per_year).toBeCloseTo(94.2795, 9);
    expect(tezos.consensus_carbon_t_per_year).toBeCloseTo(45.25416, 9);
    expect(run(ethereumChain).consensus_energy_mwh_per_year).toBeCloseTo(2628, 9);
    expect(run({}).consensus_energy_mwh_per_year).toBe(0);
    // Each preset's figure is CCRI's network total to within 1.1 %.
    const ccriKwh: [PosParams, number][] = [[ethereumPosEnergy, 2_601_000], [tezosPosEnergy, 94_120], [algorandPosEnergy, 512_671], [cardanoPosEnergy, 598_755]];
    for (const [p, kwh] of ccriKwh) expect(Math.abs((p.minNodes * p.powerKwPerNode * p.pue * 8760) / kwh - 1)).toBeLessThan(0.011);
  });

  it.each([
    ['cardano.a0', { a0: -0.1 }, /^parameters: cardano\.a0: .*>=0/],
    ['cardano.k', { k: 0 }, /^parameters: cardano\.k: .*>=1/],
    ['cardano.k', { k: 2.5 }, /^parameters: cardano\.k: .*expected int/],
    ['cardano.rho', { rho: 1 }, /^parameters: cardano\.rho: .*<1/],
    ['cardano.tau', { tau: 1.5 }, /^parameters: cardano\.tau: .*<=1/],
  ])('refuses a bad %s in one line naming it', (_path, bad, message) => {
    const p = { ...cardanoPos.defaults, cardano: { ...cardanoPos.defaults.cardano, ...bad } };
    let err: unknown;
    try {
      validateParams(cardanoPos.schema, p);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('\n');
  });

  it('fails a run whose cap is below what genesis allocates, naming cardano.maxSupply', () => {
    const p = applyOverrides<CardanoPosParams>(cardanoPos.defaults, { cardano: { maxSupply: 1e9 }, traders: { count: 0 } }, 'test');
    const r = runOne(cardanoPos as never, { runId: 0, seed: 1, params: p } as never, { ticks: 3, every: 1, metrics: null, check: false, flows: false });
    expect(r.status).toBe('failed');
    expect(r.error).toMatch(/cardano\.maxSupply 1000000000 is below the supply/);
  });

  it('refuses a Tezos target band upside down in one line', () => {
    const p = { ...tezosPos.defaults, tezosIssuance: { ...tezosPos.defaults.tezosIssuance, targetLow: 0.6 } };
    expect(() => validateParams(tezosPos.schema, p)).toThrow(/^parameters: tezosIssuance\.targetLow: targetLow must not exceed targetHigh$/);
  });

  it('refuses a non-positive ethPerToken in one line', () => {
    const p = { ...ethereumPos.defaults, ethereumIssuance: { ...ethereumPos.defaults.ethereumIssuance, ethPerToken: 0 } };
    expect(() => validateParams(ethereumPos.schema, p)).toThrow(/^parameters: ethereumIssuance\.ethPerToken: .*>0$/);
  });
});
