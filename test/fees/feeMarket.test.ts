import { describe, expect, it } from 'vitest';
import { transactors } from '../../agents/transactors';
import { validateParams } from '../../src/core/params';
import { calcBaseFee } from '../../src/exact/eip1559';
import { applyOverrides } from '../../src/experiment/define';
import { feeMarket, type FeeMarket } from '../../src/fees/feeMarket';
import { txDemand } from '../../src/fees/txDemand';
import { amm } from '../../src/market/amm';
import { defineModel } from '../../src/model/defineModel';
import { buildBlocks } from '../helpers/blocks';

/** One-minute ticks: five 12-second blocks a tick. */
const MINUTE_TICKS = 365 * 24 * 60;

/** A chain of the fee market and exogenous demand only, demand four times its base from tick 5 to 15 (above the gas target). */
function chain(rule: 'eip1559' | 'firstPrice', seed = 1) {
  const sim = buildBlocks(
    [amm, txDemand, feeMarket],
    { ticksPerYear: MINUTE_TICKS, feeMarket: { rule, initialBaseFeeGwei: 100 }, txDemand: { spike: { startTick: 5, endTick: 15, multiplier: 4 } } },
    seed,
  );
  const market = sim.api(feeMarket) as FeeMarket;
  const blocks: { block: number; baseFee: bigint; gasUsed: number }[] = [];
  market.books.onBlock = (block, baseFee, gasUsed) => blocks.push({ block, baseFee, gasUsed });
  return { sim, market, blocks };
}

describe('the EIP-1559 fee market block by block', () => {
  it("sets every block's base fee by calcBaseFee from its parent, bit for bit, in integer wei", () => {
    const { sim, blocks } = chain('eip1559');
    for (let t = 0; t < 30; t++) sim.world.step();
    expect(blocks).toHaveLength(150);
    for (let k = 1; k < blocks.length; k++) {
      const parent = blocks[k - 1];
      expect(blocks[k].baseFee).toBe(calcBaseFee({ baseFee: parent.baseFee, gasLimit: 30_000_000n, gasUsed: BigInt(parent.gasUsed) }));
    }
    // The spike pushes blocks above the 15M target and the fee up; before it, demand is below target and the fee falls.
    expect(blocks.some((b) => b.gasUsed > 15_000_000)).toBe(true);
    expect(blocks[24].baseFee < blocks[0].baseFee).toBe(true);
    expect(blocks[75].baseFee > blocks[24].baseFee).toBe(true);
  });

  it('burns exactly Σ base fee · gas used over the blocks, and nothing else leaves the supply', () => {
    const { sim, market, blocks } = chain('eip1559');
    for (let t = 0; t < 30; t++) sim.world.step();
    const burnedWei = blocks.reduce((s, b) => s + b.baseFee * BigInt(b.gasUsed), 0n);
    expect(market.books.burnedWei).toBe(burnedWei);
    const ledger = sim.world.ledger;
    expect(Math.abs(ledger.burned - Number(burnedWei) / 1e18)).toBeLessThanOrEqual(1e-9 * ledger.burned);
    expect(ledger.burned).toBeGreaterThan(0);
  });

  it('pays the priority fees to the validators account: fees paid = burned + validators', () => {
    const { sim, market } = chain('eip1559');
    for (let t = 0; t < 30; t++) sim.world.step();
    const paid = market.books.paidTokens;
    const validators = sim.world.ledger.accounts.find((a) => a.name === 'feeMarket.validators');
    expect(validators).toBeDefined();
    expect(validators!.tokens + sim.world.ledger.burned).toBeCloseTo(paid, 9);
  });
});

describe('the first-price fee market', () => {
  it('burns nothing, keeps no base fee and pays every bid to the producers', () => {
    const { sim, market, blocks } = chain('firstPrice');
    for (let t = 0; t < 30; t++) sim.world.step();
    expect(sim.world.ledger.burned).toBe(0);
    expect(blocks.every((b) => b.baseFee === 0n)).toBe(true);
    expect(market.books.burnedWei).toBe(0n);
    const validators = sim.world.ledger.accounts.find((a) => a.name === 'feeMarket.validators');
    expect(validators!.tokens).toBeGreaterThan(0);
  });
});

describe('determinism', () => {
  it('gives the same blocks for the same seed and different blocks for another', () => {
    const run = (seed: number) => {
      const { sim, blocks } = chain('eip1559', seed);
      for (let t = 0; t < 12; t++) sim.world.step();
      return blocks.map((b) => `${b.baseFee}:${b.gasUsed}`).join(',');
    };
    expect(run(3)).toBe(run(3));
    expect(run(3)).not.toBe(run(4));
  });
});

describe('bad fee-market parameters', () => {
  const model = defineModel({ name: 'm', blocks: [amm, txDemand, feeMarket, transactors] });
  const refuse = (over: object) => () => validateParams(model.schema, applyOverrides(model.defaults, over, 'test'));

  it('refuses blocks longer than a tick, naming the path', () => {
    expect(refuse({ ticksPerYear: 1_000_000, feeMarket: { blockSeconds: 60 } })).toThrow(/feeMarket\.blockSeconds.*longer than a tick/);
  });
  it('refuses a transaction kind whose gas exceeds the block gas limit', () => {
    expect(refuse({ feeMarket: { gasLimit: 100_000, gas: { swap: 120_000 } } })).toThrow(/feeMarket\.gas\.swap.*above the block gas limit 100000/);
  });
  it('refuses a spike that ends before it starts', () => {
    expect(refuse({ txDemand: { spike: { startTick: 10, endTick: 5, multiplier: 2 } } })).toThrow(/txDemand\.spike\.endTick/);
  });
  it('refuses an unknown rule', () => {
    expect(refuse({ feeMarket: { rule: 'secondPrice' } })).toThrow(/feeMarket\.rule/);
  });
});
