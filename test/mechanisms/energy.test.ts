import { describe, expect, it } from 'vitest';
import {
  ConsensusEnergy,
  carbonKg,
  consensusPresets,
  equilibriumHashrate,
  joulesToKwh,
  kgToTonnes,
  kwhToMwh,
  nodeEnergyKwh,
  posEnergyKwh,
  posNodes,
  powEnergyKwh,
  secondsPerTick,
  type ConsensusParams,
} from '../../src/mechanisms/energy';

describe('unit conversions', () => {
  it('turns kWh at a grid intensity in g/kWh into kg and tonnes of CO2', () => {
    // 1,000 kWh at 480 g/kWh = 480,000 g = 480 kg = 0.48 t.
    expect(carbonKg(1000, 480)).toBe(480);
    expect(kgToTonnes(carbonKg(1000, 480))).toBeCloseTo(0.48, 15);
    // 2.5 MWh at 240 g/kWh = 600 kg.
    expect(carbonKg(2500, 240)).toBe(600);
    expect(carbonKg(1e6, 0)).toBe(0);
  });

  it('converts joules, kWh and MWh', () => {
    expect(joulesToKwh(3.6e6)).toBe(1);
    expect(joulesToKwh(1e9)).toBeCloseTo(277.7778, 4);
    expect(kwhToMwh(1500)).toBe(1.5);
  });

  it('counts 86,400 seconds in a daily tick', () => {
    expect(secondsPerTick(365)).toBe(86_400);
    expect(secondsPerTick(365 * 24)).toBe(3600);
  });

  it('scales node energy between idle and full load with utilisation', () => {
    // 14.4 kWh full load, 20% idle: idle 2.88, half load 2.88 + 0.8 · 0.5 · 14.4 = 8.64.
    expect(nodeEnergyKwh(14.4, 0.2, 0)).toBeCloseTo(2.88, 12);
    expect(nodeEnergyKwh(14.4, 0.2, 0.5)).toBeCloseTo(8.64, 12);
    expect(nodeEnergyKwh(14.4, 0.2, 1)).toBeCloseTo(14.4, 12);
  });
});

const pow = consensusPresets.pow.pow;

describe('proof of work', () => {
  it('uses hashrate × J/TH × seconds × PUE of energy', () => {
    // 100 TH/s · 25 J/TH · 86,400 s · 1.1 / 3.6e6 = 66 kWh per day.
    expect(powEnergyKwh(100, pow, 86_400)).toBeCloseTo(66, 10);
  });

  it('settles where electricity is the cost share of revenue, whatever the efficiency', () => {
    // $1,000/day revenue, 60% on power at $0.05/kWh: 12,000 kWh/day; at 0.66 kWh per TH/s-day, 18,181.8 TH/s.
    const h = equilibriumHashrate(1000, pow, 86_400);
    expect(h).toBeCloseTo(12_000 / 0.66, 6);
    expect(powEnergyKwh(h, pow, 86_400)).toBeCloseTo(12_000, 6);
    const better = { ...pow, efficiencyJPerTh: 12.5 };
    expect(equilibriumHashrate(1000, better, 86_400)).toBeCloseTo(2 * h, 6);
    expect(powEnergyKwh(equilibriumHashrate(1000, better, 86_400), better, 86_400)).toBeCloseTo(12_000, 6);
  });

  it('moves hashrate toward equilibrium as H_t = H* + (H0 − H*)(1 − a)^t', () => {
    const p: ConsensusParams = { ...consensusPresets.pow, pow: { ...pow, initialHashrateTh: 0, adjustPerTick: 0.1 } };
    const e = new ConsensusEnergy(() => p);
    const hStar = equilibriumHashrate(1000, p.pow, 86_400);
    for (let t = 1; t <= 20; t++) e.step(1000, 0, 86_400);
    expect(e.hashrateTh).toBeCloseTo(hStar * (1 - Math.pow(0.9, 20)), 6);
    expect(e.energyKwh).toBeCloseTo(powEnergyKwh(e.hashrateTh, p.pow, 86_400), 9);
  });

  it('starts at the first tick’s equilibrium when no initial hashrate is given', () => {
    const e = new ConsensusEnergy(() => consensusPresets.pow);
    e.step(1000, 0, 86_400);
    expect(e.energyKwh).toBeCloseTo(12_000, 6);
  });

  it('spends less energy under a carbon price, which raises the all-in price of a kWh', () => {
    // 480 g/kWh at $100/t adds $0.048/kWh: energy falls by 0.05 / 0.098.
    const e = new ConsensusEnergy(() => consensusPresets.pow);
    e.step(1000, 0, 86_400, 100);
    expect(e.energyKwh).toBeCloseTo((12_000 * 0.05) / 0.098, 6);
  });
});

describe('proof of stake', () => {
  it('uses nodes × kW × hours × PUE of energy', () => {
    // 500 nodes · 0.1 kW · 24 h · 1.0 = 1,200 kWh per day; in a data centre (PUE 1.58) 1,896.
    const pos = consensusPresets.pos.pos;
    expect(posEnergyKwh(500, pos, 86_400)).toBeCloseTo(1200, 10);
    expect(posEnergyKwh(500, { ...pos, pue: 1.58 }, 86_400)).toBeCloseTo(1896, 10);
  });

  it('runs max(minNodes, staked / stakePerNode) nodes', () => {
    const pos = consensusPresets.pos.pos;
    expect(posNodes(pos, 1_000_000)).toBe(500);
    expect(posNodes(pos, 8_000_000)).toBe(800);
    expect(posNodes({ ...pos, stakePerNode: null }, 8_000_000)).toBe(500);
  });

  it('adds PoW and PoS energy in a hybrid, and no PoW in pure PoS', () => {
    const hybrid = new ConsensusEnergy(() => consensusPresets.hybrid);
    hybrid.step(1000, 8_000_000, 86_400);
    expect(hybrid.energyKwh).toBeCloseTo(12_000 + 800 * 0.1 * 24, 6);
    const pure = new ConsensusEnergy(() => consensusPresets.purePos);
    pure.step(1000, 8_000_000, 86_400);
    expect(pure.hashrateTh).toBe(0);
    expect(pure.energyKwh).toBeCloseTo(4000 * 0.03 * 24, 9);
  });
});
